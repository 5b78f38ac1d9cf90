/**
 * One pass over the text with jsonc-parser's scanner-based `visit`, building a jsonc-parser
 * compatible syntax tree (so `getNodePath`, `findNodeAtOffset`... work on it) and collecting
 * comments and syntax errors at the same time.
 */
import { visit, Node, NodeType, ParseErrorCode, printParseErrorCode } from 'jsonc-parser';
import { LineIndex } from './text';

export interface Comment {
  offset: number;
  length: number;
  /** The comment's text without its delimiters. */
  body: string;
  block: boolean;
}

export interface SyntaxError {
  code: ParseErrorCode;
  message: string;
  offset: number;
  length: number;
}

export interface ParsedDocument {
  text: string;
  root: Node | undefined;
  errors: SyntaxError[];
  comments: Comment[];
  lines: LineIndex;
}

/** Deeper nesting than this is reported as a syntax error instead of risking the stack. */
export const MAX_NESTING = 1000;

const ERROR_TEXT: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'Unexpected character',
  [ParseErrorCode.InvalidNumberFormat]: 'Invalid number',
  [ParseErrorCode.PropertyNameExpected]: 'Property name expected (names are double-quoted strings)',
  [ParseErrorCode.ValueExpected]: 'Value expected',
  [ParseErrorCode.ColonExpected]: 'Colon expected',
  [ParseErrorCode.CommaExpected]: 'Comma expected',
  [ParseErrorCode.CloseBraceExpected]: 'Closing brace `}` expected',
  [ParseErrorCode.CloseBracketExpected]: 'Closing bracket `]` expected',
  [ParseErrorCode.EndOfFileExpected]: 'End of file expected: only one value is allowed at the top level',
  [ParseErrorCode.InvalidCommentToken]: 'Invalid comment',
  [ParseErrorCode.UnexpectedEndOfComment]: 'Unterminated block comment',
  [ParseErrorCode.UnexpectedEndOfString]: 'Unterminated string',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'Unexpected end of number',
  [ParseErrorCode.InvalidUnicode]: 'Invalid unicode escape sequence',
  [ParseErrorCode.InvalidEscapeCharacter]: 'Invalid escape character in string',
  [ParseErrorCode.InvalidCharacter]: 'Invalid character in string (control characters must be escaped)',
};

export function syntaxErrorMessage(code: ParseErrorCode): string {
  return ERROR_TEXT[code] ?? printParseErrorCode(code);
}

function nodeTypeOf(value: unknown): NodeType {
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    default:
      return 'null';
  }
}

/**
 * Parses a config. A well-formed document (the common case) takes the fast path: a hand-written
 * recursive descent over the characters that builds the same tree and comment list as the
 * scanner-based path, in about a third of its time. At the first thing it does not expect
 * (any syntax error, a character outside plain JSONC), it gives up and the scanner-based path
 * parses the text again, so every error is jsonc-parser's own, at its own offset.
 */
export function parseDocument(text: string): ParsedDocument {
  const lines = new LineIndex(text);
  const fast = parseWellFormed(text);
  if (fast) return { text, root: fast.root, errors: [], comments: fast.comments, lines };
  return parseWithScanner(text, lines);
}

/** The scanner-based path (jsonc-parser's `visit`): every document, errors included. */
export function parseWithScanner(text: string, lines: LineIndex = new LineIndex(text)): ParsedDocument {
  const errors: SyntaxError[] = [];
  const comments: Comment[] = [];
  const top: BuildNode = { type: 'array', offset: -1, length: -1, children: [] };
  let current: BuildNode = top;
  let depth = 0;
  let tooDeepAt = -1;

  // jsonc-parser's scanner gives an unterminated `/*` at the very end a length past the text (and
  // the token after it, e.g. the implied `]` of `[/*`, inherits it): every range is clamped.
  const clamp = (offset: number, length: number): [number, number] => {
    const start = Math.min(Math.max(0, offset), text.length);
    return [start, Math.max(0, Math.min(length, text.length - start))];
  };
  const closeProperty = (end: number) => {
    if (current.type === 'property') {
      current.length = end - current.offset;
      current = current.parent!;
    }
  };
  const add = (node: BuildNode): BuildNode => {
    current.children!.push(node);
    return node;
  };
  const open = (type: 'object' | 'array', offset: number) => {
    depth++;
    current = add({ type, offset, length: -1, parent: current, children: [] });
  };
  const close = (offset: number, length: number) => {
    [offset, length] = clamp(offset, length);
    // A property left without a value (`{"a"}`, `{"a":}`) ends where its object does.
    closeProperty(offset);
    depth--;
    current.length = offset + length - current.offset;
    current = current.parent!;
    closeProperty(offset + length);
  };

  try {
    visit(
      text,
      {
        onObjectBegin: (offset) => {
          if (depth >= MAX_NESTING) {
            tooDeepAt = offset;
            throw new NestingTooDeep();
          }
          open('object', offset);
        },
        onObjectProperty: (name, offset, length) => {
          closeProperty(offset);
          current = add({ type: 'property', offset, length: -1, parent: current, children: [] });
          current.children!.push({ type: 'string', value: name, offset, length, parent: current });
        },
        onObjectEnd: close,
        onArrayBegin: (offset) => {
          if (depth >= MAX_NESTING) {
            tooDeepAt = offset;
            throw new NestingTooDeep();
          }
          open('array', offset);
        },
        onArrayEnd: close,
        onLiteralValue: (value, offset, length) => {
          [offset, length] = clamp(offset, length);
          add({ type: nodeTypeOf(value), offset, length, parent: current, value });
          closeProperty(offset + length);
        },
        onSeparator: (sep, offset) => {
          if (current.type === 'property') {
            if (sep === ':') current.colonOffset = offset;
            else if (sep === ',') closeProperty(offset);
          }
        },
        onError: (code, offset, length) => {
          [offset, length] = clamp(offset, length);
          errors.push({ code, message: syntaxErrorMessage(code), offset, length });
        },
        onComment: (offset, length) => {
          [offset, length] = clamp(offset, length);
          const block = text.charCodeAt(offset + 1) === 42; /* '*' */
          const end = block && text.endsWith('*/', offset + length) && length >= 4 ? offset + length - 2 : offset + length;
          comments.push({ offset, length, body: text.slice(offset + 2, end), block });
        },
      },
      { allowTrailingComma: true, disallowComments: false },
    );
  } catch (e) {
    if (!(e instanceof NestingTooDeep)) throw e;
    errors.push({
      code: ParseErrorCode.InvalidSymbol,
      message: `Nesting deeper than ${MAX_NESTING} levels: the file is not analysed further`,
      offset: tooDeepAt,
      length: 1,
    });
    return { text, root: undefined, errors, comments, lines };
  }

  const root = top.children![0];
  if (root) root.parent = undefined;
  return { text, root: root as Node | undefined, errors, comments, lines };
}

class NestingTooDeep extends Error {}

// ---- the fast path for well-formed documents ----
// Module state (parsing is synchronous and never re-entered). Whitespace is what jsonc-parser's
// scanner takes as whitespace (space, tab, CR, LF); anything else it would report gives up.

/** Thrown to give up the fast path. */
const GIVE_UP = { giveUp: true };
let src = '';
let pos = 0;
let len = 0;
let depth = 0;
let found: Comment[] = [];

/** The tree and comments of a document without syntax errors; undefined when there is any doubt. */
export function parseWellFormed(text: string): { root: Node; comments: Comment[] } | undefined {
  src = text;
  pos = 0;
  len = text.length;
  depth = 0;
  found = [];
  try {
    skipTrivia();
    if (pos >= len) return undefined;
    const root = parseValue(undefined);
    skipTrivia();
    if (pos < len) return undefined;
    return { root: root as Node, comments: found };
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  } finally {
    src = '';
    found = [];
  }
}

function skipTrivia(): void {
  while (pos < len) {
    const c = src.charCodeAt(pos);
    if (c === 32 || c === 10 || c === 13 || c === 9) {
      pos++;
    } else if (c === 47 /* / */) {
      const start = pos;
      const next = src.charCodeAt(pos + 1);
      if (next === 47) {
        pos += 2;
        while (pos < len) {
          const d = src.charCodeAt(pos);
          if (d === 10 || d === 13) break;
          pos++;
        }
        found.push({ offset: start, length: pos - start, body: src.slice(start + 2, pos), block: false });
      } else if (next === 42 /* * */) {
        const close = src.indexOf('*/', pos + 2);
        if (close < 0) throw GIVE_UP;
        pos = close + 2;
        found.push({ offset: start, length: pos - start, body: src.slice(start + 2, close), block: true });
      } else throw GIVE_UP;
    } else return;
  }
}

/** True for a character that ends a literal or number token in jsonc-parser's scanner. */
function endsToken(c: number): boolean {
  // end of text, space, tab, LF, CR, { } [ ] " : , /
  return Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13 || c === 123 || c === 125 || c === 91 || c === 93 || c === 34 || c === 58 || c === 44 || c === 47;
}

function parseValue(parent: BuildNode | undefined): BuildNode {
  const c = src.charCodeAt(pos);
  const start = pos;
  switch (c) {
    case 123 /* { */:
      return parseObject(parent);
    case 91 /* [ */:
      return parseArray(parent);
    case 34 /* " */: {
      const value = parseString();
      return { type: 'string', offset: start, length: pos - start, parent, value };
    }
    case 116 /* t */:
      return literal(parent, 'true', true);
    case 102 /* f */:
      return literal(parent, 'false', false);
    case 110 /* n */:
      return literal(parent, 'null', null);
    default: {
      if (c !== 45 /* - */ && !(c >= 48 && c <= 57)) throw GIVE_UP;
      if (c === 45) pos++;
      let d = src.charCodeAt(pos);
      if (d === 48) pos++;
      else if (d >= 49 && d <= 57) {
        pos++;
        while ((d = src.charCodeAt(pos)) >= 48 && d <= 57) pos++;
      } else throw GIVE_UP;
      if (src.charCodeAt(pos) === 46 /* . */) {
        pos++;
        if (!((d = src.charCodeAt(pos)) >= 48 && d <= 57)) throw GIVE_UP;
        while ((d = src.charCodeAt(pos)) >= 48 && d <= 57) pos++;
      }
      d = src.charCodeAt(pos);
      if (d === 101 || d === 69 /* e E */) {
        pos++;
        d = src.charCodeAt(pos);
        if (d === 43 || d === 45) pos++;
        if (!((d = src.charCodeAt(pos)) >= 48 && d <= 57)) throw GIVE_UP;
        while ((d = src.charCodeAt(pos)) >= 48 && d <= 57) pos++;
      }
      if (!endsToken(src.charCodeAt(pos))) throw GIVE_UP;
      return { type: 'number', offset: start, length: pos - start, parent, value: Number(src.slice(start, pos)) };
    }
  }
}

function literal(parent: BuildNode | undefined, word: string, value: boolean | null): BuildNode {
  if (!src.startsWith(word, pos) || !endsToken(src.charCodeAt(pos + word.length))) throw GIVE_UP;
  const start = pos;
  pos += word.length;
  return { type: value === null ? 'null' : 'boolean', offset: start, length: word.length, parent, value };
}

/** A string token at `pos` (on its opening quote): its value; `pos` ends after the closing quote. */
function parseString(): string {
  const start = ++pos;
  for (;;) {
    if (pos >= len) throw GIVE_UP;
    const c = src.charCodeAt(pos);
    if (c === 34) {
      pos++;
      return src.slice(start, pos - 1);
    }
    if (c === 92 /* \ */) return parseEscapedString(start);
    if (c < 0x20) throw GIVE_UP;
    pos++;
  }
}

function parseEscapedString(start: number): string {
  let out = src.slice(start, pos);
  for (;;) {
    if (pos >= len) throw GIVE_UP;
    const c = src.charCodeAt(pos);
    if (c === 34) {
      pos++;
      return out;
    }
    if (c < 0x20) throw GIVE_UP;
    if (c !== 92) {
      out += src[pos++];
      continue;
    }
    const e = src.charCodeAt(pos + 1);
    pos += 2;
    switch (e) {
      case 34: out += '"'; break;
      case 92: out += '\\'; break;
      case 47: out += '/'; break;
      case 98: out += '\b'; break;
      case 102: out += '\f'; break;
      case 110: out += '\n'; break;
      case 114: out += '\r'; break;
      case 116: out += '\t'; break;
      case 117: {
        const hex = src.slice(pos, pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw GIVE_UP;
        out += String.fromCharCode(parseInt(hex, 16));
        pos += 4;
        break;
      }
      default:
        throw GIVE_UP;
    }
  }
}

function parseObject(parent: BuildNode | undefined): BuildNode {
  if (depth >= MAX_NESTING) throw GIVE_UP;
  depth++;
  const node: BuildNode = { type: 'object', offset: pos, length: -1, parent, children: [] };
  const children = node.children!;
  pos++;
  skipTrivia();
  while (src.charCodeAt(pos) !== 125 /* } */) {
    if (src.charCodeAt(pos) !== 34) throw GIVE_UP;
    const keyStart = pos;
    const name = parseString();
    const property: BuildNode = { type: 'property', offset: keyStart, length: -1, parent: node, children: [] };
    property.children!.push({ type: 'string', value: name, offset: keyStart, length: pos - keyStart, parent: property });
    children.push(property);
    skipTrivia();
    if (src.charCodeAt(pos) !== 58 /* : */) throw GIVE_UP;
    property.colonOffset = pos;
    pos++;
    skipTrivia();
    const value = parseValue(property);
    property.children!.push(value);
    property.length = value.offset + value.length - keyStart;
    skipTrivia();
    const c = src.charCodeAt(pos);
    if (c === 44 /* , */) {
      pos++;
      skipTrivia();
    } else if (c !== 125) throw GIVE_UP;
  }
  pos++;
  node.length = pos - node.offset;
  depth--;
  return node;
}

function parseArray(parent: BuildNode | undefined): BuildNode {
  if (depth >= MAX_NESTING) throw GIVE_UP;
  depth++;
  const node: BuildNode = { type: 'array', offset: pos, length: -1, parent, children: [] };
  const children = node.children!;
  pos++;
  skipTrivia();
  while (src.charCodeAt(pos) !== 93 /* ] */) {
    children.push(parseValue(node));
    skipTrivia();
    const c = src.charCodeAt(pos);
    if (c === 44) {
      pos++;
      skipTrivia();
    } else if (c !== 93) throw GIVE_UP;
  }
  pos++;
  node.length = pos - node.offset;
  depth--;
  return node;
}

/** jsonc-parser's Node, writable while the tree is being built. */
interface BuildNode {
  type: NodeType;
  value?: unknown;
  offset: number;
  length: number;
  colonOffset?: number;
  parent?: BuildNode;
  children?: BuildNode[];
}
