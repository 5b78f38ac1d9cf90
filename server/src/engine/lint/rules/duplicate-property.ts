import type { Rule } from '../rule';
import { objectName } from './messages';

/**
 * A key repeated in one object. JSON readers disagree on which value wins (most take the
 * last, this linter and some streaming readers the first), so the file means different things
 * to different tools.
 */
export const duplicateProperty: Rule = {
  code: 'duplicate-property',
  defaultSeverity: 'error',
  description: 'A key appears twice in the same object, so tools disagree on which value counts.',
  check(ctx) {
    for (const p of ctx.model.properties) {
      if (!p.duplicate) continue;
      ctx.report({
        node: p.keyNode,
        message: `"${p.key}" appears more than once in ${objectName(p.owner.name)}: JSON readers disagree on which value wins (this linter reads the first one). Keep a single "${p.key}".`,
      });
    }
  },
};
