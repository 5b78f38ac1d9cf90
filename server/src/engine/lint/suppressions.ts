/**
 * Inline suppressions, by rule id (never by message text):
 *   // idsync-disable-next-line too-many-all, unknown-identifier -- reason
 *   // idsync-disable-line unknown-identifier -- reason      (on the line itself)
 *   // idsync-disable-file existing-audience -- reason
 * With no rule ids, a directive covers every rule. Block comments work the same way.
 */
import type { Comment, ParsedDocument } from './parse';

export type DirectiveKind = 'next-line' | 'line' | 'file';

export interface Directive {
  kind: DirectiveKind;
  comment: Comment;
  /** Rule ids named, each with its offset in the text; empty = all rules. */
  codes: Array<{ code: string; offset: number }>;
  justification?: string;
  /** The 0-based line the directive applies to (next-line / line). */
  line: number;
  /** Which of the codes (or '*' for all) suppressed something. */
  used: Set<string>;
}

const DIRECTIVE = /^(\s*)idsync-disable-(next-line|line|file)(?=\s|$)/;

export function parseDirectives(doc: ParsedDocument): Directive[] {
  const out: Directive[] = [];
  for (const c of doc.comments) {
    const m = DIRECTIVE.exec(c.body);
    if (!m) continue;
    const kind = m[2] as DirectiveKind;
    const bodyStart = c.offset + 2;
    let rest = c.body.slice(m[0].length);
    let restStart = bodyStart + m[0].length;
    let justification: string | undefined;
    const sep = rest.indexOf('--');
    if (sep >= 0) {
      justification = rest.slice(sep + 2).trim() || undefined;
      rest = rest.slice(0, sep);
    }
    const codes: Directive['codes'] = [];
    const re = /[^\s,]+/g;
    let cm: RegExpExecArray | null;
    while ((cm = re.exec(rest))) codes.push({ code: cm[0], offset: restStart + cm.index });
    const startLine = doc.lines.positionAt(c.offset).line;
    const endLine = doc.lines.positionAt(c.offset + c.length).line;
    out.push({
      kind,
      comment: c,
      codes,
      justification,
      line: kind === 'next-line' ? endLine + 1 : startLine,
      used: new Set(),
    });
  }
  return out;
}

/** The directive that suppresses a diagnostic of `code` starting on `line`, marking it used. */
export function findSuppression(directives: Directive[], code: string, line: number): Directive | undefined {
  for (const d of directives) {
    if (d.kind !== 'file' && d.line !== line) continue;
    if (d.codes.length === 0) {
      d.used.add('*');
      return d;
    }
    if (d.codes.some((c) => c.code === code)) {
      d.used.add(code);
      return d;
    }
  }
  return undefined;
}

/** The comments of the next-line directives: a quick fix that removes the line a directive applies to removes the directive too. */
export function nextLineComments(directives: readonly Directive[]): Comment[] {
  return directives.filter((d) => d.kind === 'next-line').map((d) => d.comment);
}
