/**
 * One pass over the text with jsonc-parser's scanner-based `visit`, building a jsonc-parser
 * compatible syntax tree (so `getNodePath`, `findNodeAtOffset`... work on it) and collecting
 * comments and syntax errors at the same time.
 */
import { visit, Node, NodeType, ParseErrorCode, printParseErrorCode } from 'jsonc-parser';
import { LineIndex } from '../line-index';

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
 * Parses a config in one pass of jsonc-parser's `visit`: the syntax tree, the comments and the
 * syntax errors together.
 */
export function parseDocument(text: string): ParsedDocument {
  return parseWithVisit(text, new LineIndex(text));
}

function parseWithVisit(text: string, lines: LineIndex): ParsedDocument {
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

/** A node under construction (jsonc-parser's `Node` shape, with a mutable length). */
interface BuildNode {
  type: NodeType;
  value?: unknown;
  offset: number;
  length: number;
  colonOffset?: number;
  parent?: BuildNode;
  children?: BuildNode[];
}
