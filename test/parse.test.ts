/**
 * The engine parses with one pass of jsonc-parser's `visit`. Its tree must be jsonc-parser's own
 * `parseTree` (types, offsets, lengths, colon offsets, values, parents), its comments the
 * scanner's comment tokens and its errors parseTree's errors, so every jsonc-parser function
 * (getNodePath, findNodeAtOffset, modify) works on it. On broken text the engine keeps every
 * range inside the document (jsonc-parser lets an unterminated comment run past the end).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { createScanner, parseTree, SyntaxKind } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import { parseDocument } from '../server/src/engine';
import { largeConfig, sampleProfile, typicalConfig } from '../bench/src/inputs';

const ROOT = path.resolve(__dirname, '../..');

/** The tree as plain data, checking every child's parent link on the way. */
function shape(node: Node | undefined, parent?: Node): unknown {
  if (!node) return undefined;
  assert.equal(node.parent, parent, `parent link of the ${node.type} at ${node.offset}`);
  return {
    type: node.type,
    offset: node.offset,
    length: node.length,
    colonOffset: node.colonOffset,
    value: Object.is(node.value, -0) ? '-0' : node.value,
    children: node.children?.map((c) => shape(c, node)),
  };
}

/** The comment tokens of jsonc-parser's scanner, as offset and length. */
function scannerComments(text: string): Array<{ offset: number; length: number }> {
  const scanner = createScanner(text, false);
  const out: Array<{ offset: number; length: number }> = [];
  for (let k = scanner.scan(); k !== SyntaxKind.EOF; k = scanner.scan()) {
    if (k === SyntaxKind.LineCommentTrivia || k === SyntaxKind.BlockCommentTrivia) out.push({ offset: scanner.getTokenOffset(), length: scanner.getTokenLength() });
  }
  return out;
}

/** A well-formed document: exactly jsonc-parser's parseTree and the scanner's comments. */
function assertSame(text: string): void {
  const got = parseDocument(text);
  const errors: ParseError[] = [];
  const want = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  assert.deepEqual(shape(got.root), shape(want), `tree of ${JSON.stringify(text.slice(0, 200))}`);
  assert.deepEqual(got.comments.map((c) => ({ offset: c.offset, length: c.length })), scannerComments(text), 'comments');
  assert.deepEqual(got.errors.map((e) => [e.code, e.offset, e.length]), errors.map((e) => [e.error, e.offset, e.length]), 'errors');
}

/** Any text: every node, comment and error lies inside the document, and parent links hold. */
function assertInside(text: string): void {
  const got = parseDocument(text);
  const inside = (offset: number, length: number, what: string) =>
    assert.ok(offset >= 0 && length >= 0 && offset + length <= text.length, `${what} [${offset}, +${length}] inside ${text.length} chars of ${JSON.stringify(text.slice(0, 200))}`);
  const walk = (n: Node | undefined, parent?: Node) => {
    if (!n) return;
    assert.equal(n.parent, parent, `parent link of the ${n.type} at ${n.offset}`);
    inside(n.offset, n.length, n.type);
    for (const c of n.children ?? []) walk(c, n);
  };
  walk(got.root);
  for (const c of got.comments) inside(c.offset, c.length, 'comment');
  for (const e of got.errors) inside(e.offset, e.length, `error ${e.message}`);
}

function filesUnder(dir: string, re: RegExp): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p, re));
    else if (re.test(e.name)) out.push(p);
  }
  return out;
}

/** JSON text with random spacing, comments and trailing commas between the tokens. */
const jsoncArb = fc
  .tuple(fc.jsonValue({ maxDepth: 4 }), fc.array(fc.constantFrom(' ', '\n', '\t', '\r\n', '// c\n', '/* b */', '/**/', ''), { minLength: 1, maxLength: 12 }), fc.boolean(), fc.nat())
  .map(([value, trivia, trailing, seed]) => {
    let i = seed;
    const t = () => trivia[i++ % trivia.length];
    const emit = (v: unknown): string => {
      if (Array.isArray(v)) return `[${t()}${v.map((x) => emit(x) + t()).join(',' + t())}${trailing && v.length ? ',' + t() : ''}]`;
      if (v && typeof v === 'object') {
        const items = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}${t()}:${t()}${emit(x)}${t()}`);
        return `{${t()}${items.join(',' + t())}${trailing && items.length ? ',' + t() : ''}}`;
      }
      return JSON.stringify(v);
    };
    return t() + emit(value) + t();
  });

describe("parseDocument: jsonc-parser's own tree, comments and errors", () => {
  it('on a well-formed config with comments and trailing commas', () => {
    assertSame(typicalConfig(3) + '\n// end\n');
    assertSame('{ "a": [1, -0.5e+3, true, null, "x\\u00e9\\n",], }');
  });

  it("on documents with syntax errors: parseTree's errors, every range inside the text", () => {
    for (const text of ['{ "a": 1 "b": 2 }', '{ "a": 01 }', '\ufeff{}', '{"a":}', '[1,,2]', '[/*']) {
      const errors: ParseError[] = [];
      parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
      const clamp = (o: number, l: number) => [Math.min(o, text.length), Math.max(0, Math.min(l, text.length - Math.min(o, text.length)))];
      assert.deepEqual(parseDocument(text).errors.map((e) => [e.code, e.offset, e.length]), errors.map((e) => [e.error, ...clamp(e.offset, e.length)]), `errors of ${JSON.stringify(text)}`);
      assertInside(text);
    }
  });

  it('on every sample, fixture, profile and generated input of the repository', () => {
    const files = [...filesUnder(path.join(ROOT, 'samples'), /\.json$/), ...filesUnder(path.join(ROOT, 'test/fixtures'), /\.json$/)];
    assert.ok(files.length > 20);
    for (const f of files) assertSame(fs.readFileSync(f, 'utf8'));
    for (let i = 0; i < 30; i++) assertSame(typicalConfig(i));
    assertSame(largeConfig(1, 64 * 1024));
    assertSame(sampleProfile(1, 200));
  });

  it('on random JSONC documents', () => {
    fc.assert(fc.property(jsoncArb, (text) => assertSame(text)), { numRuns: 500, seed: 7 });
  });

  it('on random documents with one character changed, inserted or removed (mostly broken)', () => {
    const alphabet = ['{', '}', '[', ']', '"', ':', ',', '/', '*', '\\', '-', '0', '1', 'e', '.', 't', 'n', ' ', '\n', '\u0001', '\u00a0', '\ufeff'];
    fc.assert(
      fc.property(jsoncArb, fc.nat(), fc.constantFrom(...alphabet), fc.constantFrom('replace', 'insert', 'delete'), (text, at, ch, op) => {
        const i = text.length ? at % text.length : 0;
        const mutated = op === 'insert' ? text.slice(0, i) + ch + text.slice(i) : op === 'replace' ? text.slice(0, i) + ch + text.slice(i + 1) : text.slice(0, i) + text.slice(i + 1);
        assertInside(mutated);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('on deep nesting up to the limit; beyond it, one error and no tree', () => {
    for (const depth of [999, 1000]) assertSame('['.repeat(depth) + ']'.repeat(depth));
    const deep = parseDocument('['.repeat(1001) + ']'.repeat(1001));
    assert.equal(deep.root, undefined);
    assert.deepEqual(deep.errors.map((e) => [e.message, e.offset]), [['Nesting deeper than 1000 levels: the file is not analysed further', 1000]]);
  });
});
