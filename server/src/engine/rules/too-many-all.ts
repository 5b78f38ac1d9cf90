import type { Rule } from '../rule';

export const tooManyAll: Rule = {
  code: 'too-many-all',
  defaultSeverity: 'error',
  description: 'More than three entries use the "all" strategy (Segment allows at most three).',
  fixable: true,
  check(ctx) {
    const max = ctx.catalogs.identifiers.limits.maxAllStrategy;
    let count = 0;
    for (const entry of ctx.model.entries) {
      const node = entry.strategy;
      if (!node || node.value !== 'all') continue;
      count++;
      if (count <= max) continue;
      ctx.report({
        node,
        message: `At most ${max} identifiers can use the "all" strategy; this is number ${count}. Use "last" or "first" here, or drop an "all" elsewhere.`,
        fixes: [
          { title: 'Change to "last"', edits: ctx.replaceString(node, 'last'), isPreferred: true },
          { title: 'Change to "first"', edits: ctx.replaceString(node, 'first') },
        ],
      });
    }
  },
};
