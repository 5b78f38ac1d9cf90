import type { Rule } from '../rule';
import { closest } from '../../did-you-mean';

export const unusedDisableDirective: Rule = {
  code: 'unused-disable-directive',
  defaultSeverity: 'warning',
  description: 'An idsync-disable comment that suppresses nothing (or names an unknown rule).',
  fixable: true,
  runsLast: true,
  check(ctx) {
    for (const d of ctx.directives) {
      const c = d.comment;
      if (d.codes.length === 0) {
        if (!d.used.has('*')) {
          ctx.report({
            offset: c.offset,
            length: c.length,
            message: `Unused idsync-disable-${d.kind} directive: no problem is reported ${d.kind === 'file' ? 'in this file' : 'on that line'}. Remove it.`,
            fixes: [{ title: 'Remove the unused directive', edits: removeComment(ctx.model.doc.text, c.offset, c.length), isPreferred: true }],
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
            fixes: all && d.codes.length === 1 ? [{ title: 'Remove the unused directive', edits: removeComment(ctx.model.doc.text, c.offset, c.length), isPreferred: true }] : undefined,
          });
        }
      }
    }
  },
};

/** Removes a comment; a comment alone on its line goes with its line. */
function removeComment(text: string, offset: number, length: number) {
  let start = offset;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  let end = offset + length;
  const atLineStart = start === 0 || text[start - 1] === '\n' || text[start - 1] === '\r';
  if (atLineStart) {
    if (text[end] === '\r' && text[end + 1] === '\n') end += 2;
    else if (text[end] === '\n' || text[end] === '\r') end += 1;
  }
  return [{ offset: start, length: end - start, content: '' }];
}
