import type { Rule } from '../rule';

/** More entries than the Public API accepts ("Maximum 5 items allowed"): each one beyond the limit. */
export const tooManyIdentifiers: Rule = {
  code: 'too-many-identifiers',
  defaultSeverity: 'error',
  description: 'More than five idSyncConfiguration entries (the Public API accepts at most five).',
  check(ctx) {
    const max = ctx.catalogs.identifiers.limits.maxIdentifiers;
    const total = ctx.model.entries.length;
    ctx.model.entries.forEach((entry, i) => {
      if (i < max) return;
      ctx.report({
        node: entry.node,
        message: `At most ${max} identifiers can be synced to a destination; this is number ${i + 1} of ${total}. Remove ${total - max === 1 ? 'this entry or another one' : `${total - max} entries`}.`,
      });
    });
  },
};
