import type { Rule } from '../rule';
import { allStrategyExcess } from './limits';

export const tooManyAll: Rule = {
  code: 'too-many-all',
  defaultSeverity: 'error',
  description: 'More than three entries use the "all" strategy (Segment allows at most three).',
  fixable: true,
  check(ctx) {
    const max = ctx.catalogs.identifiers.limits.maxAllStrategy;
    const entries = ctx.model.entries;
    const strategies = entries.map((entry) => entry.strategy?.value);
    for (const position of allStrategyExcess(strategies, max)) {
      const node = entries[position].strategy!;
      const count = strategies.slice(0, position + 1).filter((s) => s === 'all').length;
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
