/**
 * Hostile input: lintText and parseSpaceFile never throw, every diagnostic lies inside the
 * document with offset/length and range in agreement, diagnostics are sorted, output is
 * deterministic. Bounded, seeded runs here; `npm run fuzz` runs the same properties for minutes.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  arbConfigText,
  arbJsoncValue,
  arbMutatedConfig,
  arbRawText,
  arbTokenSoup,
  checkAll,
  checkLint,
  checkTree,
  fixtures,
  mutate,
  regressions,
  SPACES,
} from './support';

/** Fixed seed so a failure reproduces; the fuzz run uses random seeds. */
export const SEED = 7_2024;
const FIXTURES = fixtures();
const texts = FIXTURES.map((f) => f.text);

function holds(arb: fc.Arbitrary<string>, numRuns: number): void {
  fc.assert(
    fc.property(arb, (text) => {
      checkAll(text);
    }),
    { seed: SEED, numRuns },
  );
}

describe('reliability: hostile input never breaks the engine', () => {
  it('has realistic fixtures to mutate', () => {
    assert.ok(FIXTURES.length >= 10, `only ${FIXTURES.length} fixtures`);
  });

  it('random text of any UTF-16 code units (lone surrogates, NUL, BOM)', () => holds(arbRawText, 300));

  it('soups of JSON-ish tokens, comments and directives', () => holds(arbTokenSoup, 400));

  it('arbitrary JSON values rendered with comments, trailing commas, huge numbers, CRLF', () => holds(arbJsoncValue, 300));

  it('config-shaped values with wrong types, typos and UI-label strategies', () => holds(arbConfigText, 200));

  it('realistic configs with deleted, duplicated, inserted characters, truncation, wrong types, BOM, EOL changes', () =>
    holds(arbMutatedConfig(texts), 400));

  it('every fixture truncated at every offset', () => {
    let n = 0;
    for (const { text } of FIXTURES) {
      for (let i = 0; i <= text.length; i++, n++) checkLint(text.slice(0, i));
    }
    assert.ok(n > 5000, `${n} truncations`);
  });

  it('every fixture with a BOM, CRLF, lone CR, NUL and lone surrogates', () => {
    for (const { name, text } of FIXTURES) {
      const variants = [
        mutate(text, { kind: 'bom' }),
        mutate(text, { kind: 'eol', to: '\r\n' }),
        mutate(text, { kind: 'eol', to: '\r' }),
        text.replace(/ /g, '\u0000'),
        text.replace(/e/g, '\uD800'),
        text.replace(/"/g, '\uDC00"'),
        text.replace(/,/g, ',\u2028\u202E'),
      ];
      for (const v of variants) {
        for (const space of SPACES) {
          const r = checkLint(v, { space });
          if (v.includes('\u0000')) assert.ok(r.diagnostics.some((d) => d.code === 'syntax'), `${name}: NUL gives no syntax error`);
        }
      }
    }
  });

  it('a BOM alone or before a config is a syntax error with a position, not a crash', () => {
    const r = checkLint('\uFEFF{}');
    assert.deepEqual(
      r.diagnostics.filter((d) => d.code === 'syntax').map((d) => [d.offset, d.length, d.message]),
      [[0, 1, 'Unexpected character.']],
    );
  });

  it('an unterminated /* at the very end: every range stays inside the text (jsonc-parser reports one past it)', () => {
    for (const text of ['{} /*', '[/*', '{"a": [1 /*', '/*']) {
      checkTree(text);
      checkAll(text);
    }
    // invalid-type (a rule added after this test) covers the whole array, which ends at the text's end.
    assert.deepEqual(
      checkLint('[/*').diagnostics.map((d) => [d.code, d.offset, d.length]),
      [['invalid-type', 0, 3], ['syntax', 1, 2], ['syntax', 3, 0]],
    );
  });

  it('inputs saved from fuzz runs (test/reliability/regressions)', () => {
    const saved = regressions();
    assert.ok(saved.length > 0, 'no regression inputs');
    for (const { name, text } of saved) {
      try {
        checkAll(text);
      } catch (e) {
        throw new Error(`${name}: ${(e as Error).message}`);
      }
    }
  });
});
