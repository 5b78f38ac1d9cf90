import type { Rule } from '../rule';

export const syntax: Rule = {
  code: 'syntax',
  defaultSeverity: 'error',
  description: 'The file is not valid JSON with comments (trailing commas are allowed).',
  check(ctx) {
    for (const e of ctx.model.doc.errors) {
      ctx.report({ offset: e.offset, length: e.length, message: `${e.message}.` });
    }
  },
};
