import type { Rule } from '../rule';
import { closest } from '../../did-you-mean';
import { indexNextLineComments, removeCommentEdits, withNextLineComments } from '../fix-edits';
import type { NextLineIndex } from '../fix-edits';
import { nextLineComments } from '../suppressions';
import type { Comment } from '../parse';

export const unusedDisableDirective: Rule = {
  code: 'unused-disable-directive',
  defaultSeverity: 'warning',
  description: 'An idsync-disable comment that suppresses nothing (or names an unknown rule).',
  fixable: true,
  runsLast: true,
  check(ctx) {
    let nextLine: NextLineIndex | undefined;
    const removeDirective = (c: Comment) => {
      nextLine ??= indexNextLineComments(ctx.model.doc.text, nextLineComments(ctx.directives));
      return removeDirectiveEdits(ctx.model.doc.text, c, nextLine);
    };
    for (const d of ctx.directives) {
      const c = d.comment;
      if (d.codes.length === 0) {
        if (!d.used.has('*')) {
          ctx.report({
            offset: c.offset,
            length: c.length,
            message: `Unused idsync-disable-${d.kind} directive: no problem is reported ${d.kind === 'file' ? 'in this file' : 'on that line'}. Remove it.`,
            fixes: [{ title: 'Remove the unused directive', edits: removeDirective(c), isPreferred: true }],
          });
        }
        continue;
      }
      for (const { code, offset } of d.codes) {
        if (!ctx.ruleCodes.includes(code)) {
          const near = closest(code, ctx.ruleCodes);
          ctx.report({
            offset,
            length: code.length,
            message: `Unknown rule "${code}" in idsync-disable-${d.kind}.${near ? ` Did you mean "${near}"?` : ''}`,
            fixes: near ? [{ title: `Change to "${near}"`, edits: [{ offset, length: code.length, content: near }], isPreferred: true }] : undefined,
          });
        } else if (!d.used.has(code)) {
          const all = d.codes.every((x) => !d.used.has(x.code));
          ctx.report({
            offset,
            length: code.length,
            message: `Unused suppression: "${code}" reports nothing ${d.kind === 'file' ? 'in this file' : 'on that line'}. Remove it.`,
            fixes: all && d.codes.length === 1 ? [{ title: 'Remove the unused directive', edits: removeDirective(c), isPreferred: true }] : undefined,
          });
        }
      }
    }
  },
};

/**
 * Removes the directive's comment (never joining the tokens on either side), and a next-line
 * directive above it whose line then goes (it would apply to the line that moves up).
 */
function removeDirectiveEdits(text: string, c: Comment, nextLine: NextLineIndex) {
  return withNextLineComments(text, removeCommentEdits(text, c.offset, c.length), nextLine);
}
