/**
 * Text edits for quick fixes that leave everything they do not change alone: comments stay
 * with the element they follow, one-line objects stay on one line. jsonc-parser's `modify`
 * reformats the edited container and can drop a comment sitting between two array items, so
 * these helpers handle the common cases themselves and fall back to `modify` otherwise.
 */
import { findNodeAtLocation, modify, FormattingOptions } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';
import type { TextEdit } from '../types';

type Path = Array<string | number>;

function isPrimitive(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function skipBlanks(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

function afterLineBreak(text: string, offset: number): number {
  if (text[offset] === '\r' && text[offset + 1] === '\n') return offset + 2;
  if (text[offset] === '\n' || text[offset] === '\r') return offset + 1;
  return offset;
}

/** End of a `//` comment (or one-line block comment) starting at `offset`, else `offset`. */
function trailingComment(text: string, offset: number): number {
  if (text.startsWith('//', offset)) return lineEndOf(text, offset);
  if (text.startsWith('/*', offset)) {
    const close = text.indexOf('*/', offset + 2);
    if (close >= 0 && close < lineEndOf(text, offset)) return close + 2;
  }
  return offset;
}

/**
 * The rest of the line after `offset`: its comma, if any, and whether it holds nothing else than
 * blanks and comments that end on this line.
 */
function restOfLine(text: string, offset: number): { comma: number | undefined; clean: boolean } {
  let i = offset;
  let comma: number | undefined;
  for (;;) {
    i = skipBlanks(text, i);
    if (i >= text.length || text[i] === '\n' || text[i] === '\r') return { comma, clean: true };
    if (text[i] === ',' && comma === undefined) {
      comma = i++;
      continue;
    }
    const end = trailingComment(text, i);
    if (end === i) return { comma, clean: false };
    i = end;
  }
}

/** The offset of the next character after `offset` that is neither white space nor in a comment. */
function nextSignificant(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') i++;
    else if (text.startsWith('//', i)) i = lineEndOf(text, i);
    else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else break;
  }
  return i;
}

function isMultiLine(text: string, node: Node): boolean {
  return /[\r\n]/.test(text.slice(node.offset, node.offset + node.length));
}

function isLineBreak(ch: string | undefined): boolean {
  return ch === '\n' || ch === '\r';
}

/** Characters that end a token on their own: a comment between one of these and a neighbour separates nothing. */
const PUNCTUATION = new Set(['{', '}', '[', ']', ',', ':']);

/**
 * Edits that remove a comment. A comment alone on its line goes with its line; one at the end of
 * a line takes the blanks before it; one at the start of a line keeps the indentation. A comment
 * between two tokens is a separator: removing it never joins them (`t/* c *\/rue` becomes
 * `t rue`, not `true`), so one blank stays unless a side is punctuation.
 */
export function removeCommentEdits(text: string, offset: number, length: number): TextEdit[] {
  const end = offset + length;
  let start = offset;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  const after = skipBlanks(text, end);
  const atLineStart = start === 0 || isLineBreak(text[start - 1]);
  const atLineEnd = after >= text.length || isLineBreak(text[after]);
  if (atLineStart && atLineEnd) return [{ offset: start, length: afterLineBreak(text, after) - start, content: '' }];
  if (atLineEnd) return [{ offset: start, length: after - start, content: '' }];
  if (atLineStart) return [{ offset, length: after - offset, content: '' }];
  if (start < offset && after > end) return [{ offset: start, length: end - start, content: '' }];
  if (start < offset || after > end) return [{ offset, length, content: '' }];
  const joins = !PUNCTUATION.has(text[offset - 1]) && !PUNCTUATION.has(text[end]);
  return [{ offset, length, content: joins ? ' ' : '' }];
}

/** True when the edit deletes whole lines: it starts at a line start and ends after a line break (or at the end of the text). */
function deletesWholeLines(text: string, e: TextEdit): boolean {
  const end = e.offset + e.length;
  return e.length > 0 && e.content === '' && (e.offset === 0 || isLineBreak(text[e.offset - 1])) && (end === text.length || isLineBreak(text[end - 1]));
}

/** Comments that apply to the line after them (`idsync-disable-next-line` directives), by the offset where that line starts. */
export type NextLineIndex = ReadonlyMap<number, readonly Span[]>;

export function indexNextLineComments(text: string, comments: readonly Span[]): NextLineIndex {
  const index = new Map<number, Span[]>();
  for (const c of comments) {
    const target = afterLineBreak(text, lineEndOf(text, c.offset + c.length));
    if (target >= text.length) continue;
    const list = index.get(target);
    if (list) list.push(c);
    else index.set(target, [c]);
  }
  return index;
}

/**
 * Adds to `edits` the removal of each comment of `nextLine` whose line the edits delete: left
 * behind, the comment would apply to whichever line moves up into its place (suppressing that
 * line's problems) or to nothing (an unused directive). Repeated, so that a directive above a
 * removed directive goes too. Touching deletions are merged into one edit.
 */
export function withNextLineComments(text: string, edits: TextEdit[], nextLine: NextLineIndex): TextEdit[] {
  if (nextLine.size === 0) return edits;
  const out = [...edits];
  const queue = edits.filter((e) => deletesWholeLines(text, e));
  for (let e = queue.pop(); e; e = queue.pop()) {
    for (const c of nextLine.get(e.offset) ?? []) {
      const end = c.offset + c.length;
      if (out.some((x) => x.offset < end && c.offset < x.offset + x.length)) continue;
      const removal = removeCommentEdits(text, c.offset, c.length);
      out.push(...removal);
      queue.push(...removal.filter((x) => deletesWholeLines(text, x)));
    }
  }
  if (out.length === edits.length) return edits;
  out.sort((a, b) => a.offset - b.offset);
  const merged: TextEdit[] = [];
  for (const e of out) {
    const last = merged[merged.length - 1];
    if (last && last.content === '' && e.content === '' && last.offset + last.length === e.offset) merged[merged.length - 1] = { ...last, length: last.length + e.length };
    else merged.push(e);
  }
  return merged;
}

/** Edits that remove the child at `index` of an array or object (a property node for objects). */
export function removeChildEdits(text: string, container: Node, index: number): TextEdit[] {
  const children = container.children ?? [];
  const node = children[index];
  let start = node.offset;
  let end = node.offset + node.length;
  let hadComma = false;
  const p = skipBlanks(text, end);
  if (text[p] === ',') {
    end = p + 1;
    hadComma = true;
  }
  // A comment on the same line after the element belongs to it.
  const commentEnd = trailingComment(text, skipBlanks(text, end));
  if (commentEnd > skipBlanks(text, end)) end = commentEnd;
  const lineStart = lineStartOf(text, start);
  const ownLine = /^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t]*$/.test(text.slice(end, lineEndOf(text, end)));
  const edits: TextEdit[] = [];
  if (ownLine) {
    start = lineStart;
    end = afterLineBreak(text, lineEndOf(text, end));
  } else if (hadComma) {
    end = skipBlanks(text, end);
  }
  if (!hadComma) {
    // A comma after comments or on a later line (`} // note⏎ , // note`) is the element's too:
    // removed on its own, the comments around it stay.
    const c = nextSignificant(text, node.offset + node.length);
    if (text[c] === ',' && c >= end) {
      edits.push({ offset: c, length: 1, content: '' });
      hadComma = true;
    }
  }
  if (!hadComma && index > 0) {
    // The last element: the separator to drop is the comma after the previous element.
    const prev = children[index - 1];
    const prevEnd = prev.offset + prev.length;
    const c = nextSignificant(text, prevEnd);
    if (ownLine) {
      if (text[c] === ',') edits.push({ offset: c, length: 1, content: '' });
    } else {
      start = prevEnd;
    }
  }
  edits.push({ offset: start, length: end - start, content: '' });
  return edits;
}

/**
 * Edits that add `"key": value` as the last property of an object node. `undefined` when this
 * helper does not handle the case (the caller may fall back to `modify`); no edits at all when
 * the object has no closing brace (a truncated or broken file): where it ends is a guess, and an
 * edit placed on a guess can land past the text or make the syntax worse.
 */
export function insertPropertyEdits(text: string, obj: Node, key: string, value: unknown): TextEdit[] | undefined {
  if (!isPrimitive(value)) return undefined;
  const props = obj.children ?? [];
  const close = obj.offset + obj.length - 1;
  // An unclosed object ends where its content ends, possibly on the `}` of a nested object.
  const contentEnd = props.length ? props[props.length - 1].offset + props[props.length - 1].length : obj.offset + 1;
  if (close < contentEnd || text[close] !== '}') return [];
  const entry = `${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  if (props.length === 0) {
    if (isMultiLine(text, obj)) return undefined;
    // `{}` and `{ }` become `{ "k": v }`; a comment inside (`{ /* c */ }`) stays, after the property.
    const inside = text.slice(obj.offset + 1, close);
    if (/^[ \t]*$/.test(inside)) return [{ offset: obj.offset + 1, length: close - obj.offset - 1, content: ` ${entry} ` }];
    return [{ offset: obj.offset + 1, length: 0, content: ` ${entry}` }];
  }
  const last = props[props.length - 1];
  const lastEnd = last.offset + last.length;
  const rest = restOfLine(text, lastEnd);
  const lineEnd = lineEndOf(text, lastEnd);
  // On one line, before a closing brace on the same line, or before a block comment that runs on
  // to the next line (a new line after it would land inside the comment): right after the value.
  if (!isMultiLine(text, obj) || close < lineEnd || !rest.clean) {
    return [{ offset: lastEnd, length: 0, content: `, ${entry}` }];
  }
  const hasComma = rest.comma !== undefined;
  const lineStart = lineStartOf(text, last.offset);
  const indent = /^[ \t]*/.exec(text.slice(lineStart, last.offset))![0];
  const eol = text.includes('\r\n') ? '\r\n' : text.includes('\n') ? '\n' : '\r';
  const edits: TextEdit[] = [];
  if (!hasComma) edits.push({ offset: lastEnd, length: 0, content: ',' });
  edits.push({ offset: lineEnd, length: 0, content: `${eol}${indent}${entry}` });
  return edits;
}

/** A range of the text (a syntax error's). */
export interface Span {
  offset: number;
  length: number;
}

/**
 * True when a syntax error lies in the container (its end included: a missing closing brace is
 * reported there). The parser's recovery may have dropped or misread its children
 * (`{ {}: "x", "strategy": "last" }` parses as an object without properties), so an insertion or
 * removal placed from them is a guess: no edits are made there.
 */
function damaged(container: Node, syntaxErrors: readonly Span[]): boolean {
  const end = container.offset + container.length;
  return syntaxErrors.some((e) => e.offset + e.length >= container.offset && e.offset <= end);
}

/** What to do when no targeted edit applies (jsonc-parser `modify` by default; the engine passes a budgeted one). */
export type ModifyFallback = (path: Path, value: unknown) => TextEdit[];

/**
 * Edits that set the value at `path`: replace an existing primitive (none when a syntax error
 * touches it), insert a new property (none into an object without its closing brace or with a
 * syntax error inside), or fall back to `modify`.
 */
export function setValueEdits(
  text: string,
  root: Node | undefined,
  path: Path,
  value: unknown,
  formatting: FormattingOptions,
  fallback: ModifyFallback = (p, v) => modify(text, p, v, { formattingOptions: formatting }),
  syntaxErrors: readonly Span[] = [],
): TextEdit[] {
  if (root && isPrimitive(value)) {
    const existing = findNodeAtLocation(root, path);
    if (existing && existing.type !== 'object' && existing.type !== 'array') {
      // A syntax error touching the value (`0x1F` read as `0` then `x1F`, `"a"true`, a stray
      // character right before it): the replacement would run into its neighbour (`truex1F`,
      // `truetrue`) and make the syntax worse. No edits then.
      if (damaged(existing, syntaxErrors)) return [];
      return [{ offset: existing.offset, length: existing.length, content: JSON.stringify(value) }];
    }
    const key = path[path.length - 1];
    const parent = path.length > 0 ? findNodeAtLocation(root, path.slice(0, -1)) : undefined;
    if (!existing && parent && parent.type === 'object' && typeof key === 'string') {
      if (damaged(parent, syntaxErrors)) return [];
      const edits = insertPropertyEdits(text, parent, key, value);
      if (edits) return edits;
    }
  }
  return fallback(path, value);
}

/** Edits that remove the value at `path` (an array item or a property), with its separator; none from a container with a syntax error inside. */
export function removeEdits(
  text: string,
  root: Node | undefined,
  path: Path,
  formatting: FormattingOptions,
  fallback: ModifyFallback = (p, v) => modify(text, p, v, { formattingOptions: formatting }),
  syntaxErrors: readonly Span[] = [],
): TextEdit[] {
  if (root && path.length > 0) {
    const parent = findNodeAtLocation(root, path.slice(0, -1));
    const key = path[path.length - 1];
    if (parent && damaged(parent, syntaxErrors)) return [];
    if (parent && parent.type === 'array' && typeof key === 'number' && parent.children && key < parent.children.length) {
      return removeChildEdits(text, parent, key);
    }
    if (parent && parent.type === 'object' && typeof key === 'string' && parent.children) {
      const index = parent.children.findIndex((p) => p.children?.[0].value === key);
      if (index >= 0) return removeChildEdits(text, parent, index);
    }
  }
  return fallback(path, undefined);
}
