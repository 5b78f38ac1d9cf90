import type { Rule } from '../rule';

import { canonicalStrategy } from '../../catalogs/catalog';

export const invalidStrategy: Rule = {
  code: 'invalid-strategy',
  defaultSeverity: 'error',
  description: 'An entry\'s strategy is not one of the API values "first", "last" or "all".',
  fixable: true,
  check(ctx) {
    const strategies = ctx.catalogs.identifiers.strategies;
    const maxAll = ctx.catalogs.identifiers.limits.maxAllStrategy;
    // A fix to "all" must not push the file over the limit of "all" entries (too-many-all).
    const allFull = ctx.model.entries.filter((e) => e.strategy?.value === 'all').length >= maxAll;
    for (const entry of ctx.model.entries) {
      const node = entry.strategy;
      if (!node || node.type !== 'string') continue;
      const value = node.value as string;
      if (value === 'first' || value === 'last' || value === 'all') continue;
      const canonical = canonicalStrategy(value, strategies);
      if (canonical === 'all' && allFull) {
        ctx.report({
          node,
          message: `Strategy "${value}" is the UI label of "all", but ${maxAll} entries already use "all" (the maximum): use "last" or "first" here, or drop an "all" elsewhere.`,
          fixes: (['last', 'first'] as const).map((s) => ({ title: `Change to "${s}"`, edits: ctx.replaceString(node, s) })),
        });
      } else if (canonical) {
        ctx.report({
          node,
          message: `Strategy "${value}" is the UI label, not the API value: use "${canonical}" (${strategies[canonical].description.toLowerCase().replace(/\.$/, '')}).`,
          fixes: [{ title: `Change to "${canonical}"`, edits: ctx.replaceString(node, canonical), isPreferred: true }],
        });
      } else {
        ctx.report({
          node,
          message: allFull
            ? `Unknown strategy "${value}": use "first" (oldest value) or "last" (most recently added); ${maxAll} entries already use "all", the maximum.`
            : `Unknown strategy "${value}": use "first" (oldest value), "last" (most recently added) or "all" (every value, one event each).`,
          fixes: (allFull ? (['last', 'first'] as const) : (['last', 'first', 'all'] as const)).map((s) => ({ title: `Change to "${s}"`, edits: ctx.replaceString(node, s) })),
        });
      }
    }
  },
};
