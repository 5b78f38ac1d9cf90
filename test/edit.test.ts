import * as assert from 'node:assert/strict';
import { applyEdits } from 'jsonc-parser';
import { parseDocument } from '../server/src/engine/lint/parse';
import { indexNextLineComments, removeCommentEdits, removeEdits, setValueEdits, withNextLineComments } from '../server/src/engine/lint/fix-edits';

const fmt = { insertSpaces: true, tabSize: 2, eol: '\n' };
const remove = (text: string, path: Array<string | number>) => applyEdits(text, removeEdits(text, parseDocument(text).root, path, fmt));
const set = (text: string, path: Array<string | number>, value: unknown) => applyEdits(text, setValueEdits(text, parseDocument(text).root, path, value, fmt));

describe('comment-preserving edits', () => {
  const list = '[\n  1, // one\n  2, // two\n  3 // three\n]';
  it('removes the first item with its own comment', () => {
    assert.equal(remove(list, [0]), '[\n  2, // two\n  3 // three\n]');
  });
  it('removes a middle item with its own comment', () => {
    assert.equal(remove(list, [1]), '[\n  1, // one\n  3 // three\n]');
  });
  it('removes the last item, keeping the comment of the one before', () => {
    assert.equal(remove(list, [2]), '[\n  1, // one\n  2 // two\n]');
  });
  it('removes a last item that has a trailing comma', () => {
    assert.equal(remove('[\n  1,\n  2,\n]', [1]), '[\n  1,\n]');
  });
  it('removes items of a one-line array', () => {
    assert.equal(remove('[1, 2, 3]', [0]), '[2, 3]');
    assert.equal(remove('[1, 2, 3]', [1]), '[1, 3]');
    assert.equal(remove('[1, 2, 3]', [2]), '[1, 2]');
    assert.equal(remove('[1]', [0]), '[]');
  });
  it('removes an only item on its own line', () => {
    assert.equal(remove('[\n  { "a": 1 } // x\n]', [0]), '[\n]');
  });
  it('removes an item whose comma comes after a comment on the next line (found by the fuzz run)', () => {
    assert.equal(remove('[\n  1 // a\n  , // b\n  2 // c\n  , // d\n]', [1]), '[\n  1 // a\n  , // b\n   // d\n]');
    assert.equal(remove('[\n  1 // a\n  , // b\n  2 // c\n  , // d\n]', [0]), '[\n   // b\n  2 // c\n  , // d\n]');
  });
  it('removes a last item, dropping the comma before it even behind a comment', () => {
    assert.equal(remove('[\n  1 // a\n  , // b\n  2 // c\n]', [1]), '[\n  1 // a\n   // b\n]');
  });
  it('keeps CRLF line ends', () => {
    assert.equal(remove('[\r\n  1, // one\r\n  2\r\n]', [1]), '[\r\n  1 // one\r\n]');
  });
  it('removes a property', () => {
    assert.equal(remove('{\n  "a": 1, // a\n  "b": 2 // b\n}', ['b']), '{\n  "a": 1 // a\n}');
  });

  it('replaces a primitive value, nothing else', () => {
    assert.equal(set('{ "a": false /* off */ }', ['a'], true), '{ "a": true /* off */ }');
  });
  it('inserts into a one-line object on the same line', () => {
    assert.equal(set('{ "a": 1 } // c', ['b'], 'x'), '{ "a": 1, "b": "x" } // c');
    assert.equal(set('{ "a": 1, }', ['b'], 2), '{ "a": 1, "b": 2, }');
    assert.equal(set('{ "o": {} }', ['o', 'k'], null), '{ "o": { "k": null } }');
  });
  it('inserts into a multi-line object under the last property, comments in place', () => {
    assert.equal(set('{\n    "a": 1 // a\n}', ['b'], true), '{\n    "a": 1, // a\n    "b": true\n}');
    assert.equal(set('{\n\t"a": 1,\n}', ['b'], true), '{\n\t"a": 1,\n\t"b": true\n}');
  });
  it('inserts after the value, not into a block comment that runs on to the next line (found by the fuzz tests)', () => {
    assert.equal(set('{\n  "a": false /* multi\n line */ }', ['b'], 'x'), '{\n  "a": false, "b": "x" /* multi\n line */ }');
    assert.equal(set('{\n  "a": false, /* multi\n line */\n}', ['b'], 'x'), '{\n  "a": false, "b": "x", /* multi\n line */\n}');
  });
  it('inserts under a last property whose comma follows a comment', () => {
    assert.equal(set('{\n  "a": 1 /* x */, // y\n}', ['b'], 2), '{\n  "a": 1 /* x */, // y\n  "b": 2\n}');
    assert.equal(set('{\n  "a": 1 /* x */ // y\n}', ['b'], 2), '{\n  "a": 1, /* x */ // y\n  "b": 2\n}');
  });
  it('keeps a comment inside an empty one-line object', () => {
    assert.equal(set('{ "o": { /* none yet */ } }', ['o', 'k'], 1), '{ "o": { "k": 1 /* none yet */ } }');
  });
  it('inserts or removes nothing in a container with a syntax error inside (its children as parsed are a guess)', () => {
    const text = '[{ {}: "x", "strategy": "last" }, { "a": 1 }]';
    const doc = parseDocument(text); // recovery: [{ {}, "strategy", { "a": 1 }]
    assert.ok(doc.errors.length > 0);
    assert.deepEqual(setValueEdits(text, doc.root, [0, 'strategy'], 'all', fmt, undefined, doc.errors), []);
    assert.deepEqual(removeEdits(text, doc.root, [0], fmt, undefined, doc.errors), []);
    // The undamaged object next to it is still edited.
    assert.equal(applyEdits(text, setValueEdits(text, doc.root, [2, 'b'], 2, fmt, undefined, doc.errors)), '[{ {}: "x", "strategy": "last" }, { "a": 1, "b": 2 }]');
  });
  it('replaces no value a syntax error touches (the new value would run into its neighbour; found by the fuzz run)', () => {
    for (const text of ['{ "s": { "m": 0x1F } }', '{ "s": { "m": "destination"true } }', '{ "s": { "m": \u0000"true" } }']) {
      const doc = parseDocument(text);
      assert.ok(doc.errors.length > 0, JSON.stringify(text));
      assert.deepEqual(setValueEdits(text, doc.root, ['s', 'm'], true, fmt, undefined, doc.errors), [], JSON.stringify(text));
    }
    // An error elsewhere does not stop the replacement.
    const text = '{ "s": { "m": 0 }, "x": 0x1F }';
    const doc = parseDocument(text);
    assert.equal(applyEdits(text, setValueEdits(text, doc.root, ['s', 'm'], true, fmt, undefined, doc.errors)), '{ "s": { "m": true }, "x": 0x1F }');
  });
  it('inserts nothing into an object without its closing brace (truncated text)', () => {
    for (const [text, path] of [['[{', [0, 'k']], ['{"a": {"b": 1}', ['k']], ['{"a": 1,', ['k']], ['{\n  "a": 1 // a\n', ['k']]] as const) {
      assert.deepEqual(setValueEdits(text, parseDocument(text).root, [...path], 'x', fmt), [], JSON.stringify(text));
    }
  });
  it('falls back to jsonc-parser for a missing parent', () => {
    assert.equal(set('{\n  "a": 1\n}', ['s', 'k'], true), '{\n  "a": 1,\n  "s": {\n    "k": true\n  }\n}');
  });

  const uncomment = (text: string, comment: string) => applyEdits(text, removeCommentEdits(text, text.indexOf(comment), comment.length));
  it('removes a comment without joining the tokens on either side (found by the fuzz run)', () => {
    assert.equal(uncomment('"a"t/* c */rue', '/* c */'), '"a"t rue');
    assert.equal(uncomment('x /* c */y', '/* c */'), 'x y');
    assert.equal(uncomment('x/* c */ y', '/* c */'), 'x y');
    assert.equal(uncomment('x /* c */ y', '/* c */'), 'x y');
    assert.equal(uncomment('[/* c */1]', '/* c */'), '[1]');
  });
  it('removes a comment alone on its line with the line, a trailing one with its blanks, a leading one keeping the indentation', () => {
    assert.equal(uncomment('[\r\n  // c\r\n  1\r\n]', '// c'), '[\r\n  1\r\n]');
    assert.equal(uncomment('[\n  1 /* c */  \n]', '/* c */'), '[\n  1\n]');
    assert.equal(uncomment('[\n  /* c */ 1\n]', '/* c */'), '[\n  1\n]');
    assert.equal(uncomment('[] // c', '// c'), '[]');
  });
  const removeWithDirectives = (text: string, path: Array<string | number>) => {
    const doc = parseDocument(text);
    const nextLine = doc.comments.filter((c) => c.body.trimStart().startsWith('next'));
    return applyEdits(text, withNextLineComments(text, removeEdits(text, doc.root, path, fmt), indexNextLineComments(text, nextLine)));
  };
  it('removes the next-line comment of a removed line, and one above that comment (found by the fuzz run)', () => {
    const text = '[\n  1,\n  // next a\n  2,\n  /* next b */\n  // next c\n  3\n]';
    assert.equal(removeWithDirectives(text, [1]), '[\n  1,\n  /* next b */\n  // next c\n  3\n]');
    assert.equal(removeWithDirectives(text, [2]), '[\n  1,\n  // next a\n  2\n]');
    assert.equal(removeWithDirectives('[\n  1, // next a\n  2\n]', [1]), '[\n  1\n]');
  });
  it('keeps a next-line comment whose line stays (the removed item shares it)', () => {
    assert.equal(removeWithDirectives('[\n  // next a\n  1, 2\n]', [1]), '[\n  // next a\n  1\n]');
  });
});
