/**
 * Formatting: jsonc-parser's `format` (comments kept), whole document or a range, with one rule
 * of its own: an object or array written on one line, holding no comment, stays on one line,
 * unless it is the document's root. The project's samples write `idSyncConfiguration` entries
 * that way (`{ "externalId": "email", "strategy": "last", "mapTo": "EMAIL" }`), and
 * `"samples": ["a.json", "b.json"]`; jsonc-parser would put each member on its own line and has
 * no option against it, so its edits inside such a container are dropped and the spacing there
 * is normalised instead: `{ "a": 1, "b": [2, 3] }` (a space inside braces, none inside brackets),
 * one space after `,` and `:`, none before them. Everything else is jsonc-parser's: a container
 * written over several lines gets one member per line, and a minified one-line file is broken up
 * at its root, its top-level values staying on one line each. A file that ends with a line break
 * keeps it. Formatting the result again changes nothing.
 */
import { createScanner, format, parseTree, SyntaxKind } from 'jsonc-parser';
import type { Edit, Node } from 'jsonc-parser';
import { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export function formatDocument(doc: TextDocument, options: FormattingOptions, range?: Range): TextEdit[] {
  return formatText(doc.getText(), options, range && { offset: doc.offsetAt(range.start), length: doc.offsetAt(range.end) - doc.offsetAt(range.start) }).map((e) => ({
    range: Range.create(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)),
    newText: e.content,
  }));
}

/** The edits (offsets into `text`, in order, not overlapping) that format `text` or the part of it in `range`. */
export function formatText(text: string, options: FormattingOptions, range?: { offset: number; length: number }): Edit[] {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const edits = format(text, range, {
    tabSize: options.tabSize,
    insertSpaces: options.insertSpaces,
    eol,
    insertFinalNewline: !!options.insertFinalNewline || /\n$/.test(text),
    keepLines: false,
  });
  const kept = oneLineContainers(text);
  if (kept.length === 0) return edits;
  const inside = (e: Edit) => kept.some((c) => e.offset > c.offset && e.offset + e.length < c.offset + c.length);
  const inRange = (c: Node) => !range || (c.offset >= range.offset && c.offset + c.length <= range.offset + range.length);
  const own = kept.filter(inRange).flatMap((c) => spacing(text, c));
  return [...edits.filter((e) => !inside(e)), ...own].sort((a, b) => a.offset - b.offset);
}

/** Objects and arrays other than the root, on one line of the source, without comments (the outermost ones). */
function oneLineContainers(text: string): Node[] {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const out: Node[] = [];
  const visit = (n: Node, isRoot: boolean) => {
    if (!isRoot && (n.type === 'object' || n.type === 'array')) {
      const source = text.slice(n.offset, n.offset + n.length);
      if (source.endsWith(n.type === 'object' ? '}' : ']') && !/[\r\n]/.test(source) && !hasComment(source)) {
        out.push(n);
        return;
      }
    }
    for (const c of n.children ?? []) visit(c, false);
  };
  if (root) visit(root, true);
  return out;
}

function hasComment(source: string): boolean {
  const s = createScanner(source, false);
  for (let t = s.scan(); t !== SyntaxKind.EOF; t = s.scan()) {
    if (t === SyntaxKind.LineCommentTrivia || t === SyntaxKind.BlockCommentTrivia) return true;
  }
  return false;
}

/** Edits giving a one-line container (and the containers in it) its canonical spacing, only where it differs. */
function spacing(text: string, c: Node): Edit[] {
  const end = c.offset + c.length;
  const s = createScanner(text, true);
  s.setPosition(c.offset);
  const tokens: Array<{ kind: SyntaxKind; offset: number; end: number }> = [];
  for (let t = s.scan(); t !== SyntaxKind.EOF && s.getTokenOffset() < end; t = s.scan()) {
    tokens.push({ kind: t, offset: s.getTokenOffset(), end: s.getTokenOffset() + s.getTokenLength() });
  }
  const edits: Edit[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i].kind;
    const b = tokens[i + 1].kind;
    let want = '';
    if (a === SyntaxKind.OpenBraceToken) want = b === SyntaxKind.CloseBraceToken ? '' : ' ';
    else if (a === SyntaxKind.OpenBracketToken || b === SyntaxKind.CloseBracketToken) want = '';
    else if (b === SyntaxKind.CloseBraceToken) want = ' ';
    else if (a === SyntaxKind.CommaToken || a === SyntaxKind.ColonToken) want = ' ';
    const gap = text.slice(tokens[i].end, tokens[i + 1].offset);
    if (gap !== want) edits.push({ offset: tokens[i].end, length: gap.length, content: want });
  }
  return edits;
}
