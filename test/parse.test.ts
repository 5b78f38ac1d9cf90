/**
 * The engine's parser has two paths: a fast one for well-formed documents and jsonc-parser's
 * scanner for everything else. Whatever the text, parseDocument must give exactly what the
 * scanner path gives: the same tree (types, offsets, lengths, colon offsets, values, parents),
 * the same comments and the same errors.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Node } from 'jsonc-parser';
import { parseDocument } from '../server/src/engine';
import { parseWellFormed, parseWithScanner } from '../server/src/engine/parse';
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

function assertSame(text: string): void {
  const got = parseDocument(text);
  const want = parseWithScanner(text);
  assert.deepEqual(shape(got.root), shape(want.root), `tree of ${JSON.stringify(text.slice(0, 200))}`);
  assert.deepEqual(got.comments, want.comments, 'comments');
  assert.deepEqual(got.errors, want.errors, 'errors');
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

describe('parseDocument: the fast path gives what the scanner path gives', () => {
  it('takes the fast path for a well-formed config with comments and trailing commas', () => {
    const text = typicalConfig(3) + '\n// end\n';
    assert.ok(parseWellFormed(text));
    assert.ok(parseWellFormed('{ "a": [1, -0.5e+3, true, null, "x\\u00e9\\n",], }'));
    assert.equal(parseWellFormed('{ "a": 1 "b": 2 }'), undefined, 'a missing comma gives up');
    assert.equal(parseWellFormed('{ "a": 01 }'), undefined, 'a leading zero gives up');
    assert.equal(parseWellFormed('\ufeff{}'), undefined, 'a BOM gives up (the scanner reports it)');
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
        assertSame(mutated);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('on deep nesting up to and beyond the limit', () => {
    for (const depth of [999, 1000, 1001]) assertSame('['.repeat(depth) + ']'.repeat(depth));
  });
});
