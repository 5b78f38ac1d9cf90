/**
 * The bounded version of the language-server and CLI fuzz targets (`npm run fuzz` runs them for
 * longer, with random seeds): fixed seeds, a few dozen inputs each, so `npm test` stays quick.
 */
import * as fc from 'fast-check';
import * as assert from 'node:assert/strict';
import { fixtures, regressions } from './support';
import { arbCliInput, arbSession, CliTarget, LspTarget, modelOffset } from './fuzz-targets';

const BASES = [...fixtures(), ...regressions()].map((f) => f.text);

describe('reliability: language server and CLI under generated input', () => {
  it('the edit model clamps like VS Code: past the last line is the end, past a line is its end (CRLF, CR, LF)', () => {
    const t = 'ab\r\ncd\nef\rgh';
    assert.deepEqual(
      [modelOffset(t, 0, 99), modelOffset(t, 1, 1), modelOffset(t, 2, 5), modelOffset(t, 3, 1), modelOffset(t, 3, 9), modelOffset(t, 4, 0), modelOffset(t, 1e9, 1e9)],
      [2, 5, 9, 11, 12, 12, 12],
    );
  });

  it('didOpen/didChange sessions with out-of-range and malformed ranges, and requests: no error answer, no hang, diagnostics as the model says', async function () {
    this.timeout(120000);
    const target = await LspTarget.start();
    try {
      await fc.assert(fc.asyncProperty(arbSession(BASES), (s) => target.run(s)), { seed: 20261126, numRuns: 60 });
      assert.ok(target.messages > 300, `${target.messages} messages`);
    } finally {
      await target.dispose();
    }
  });

  it('the CLI on generated configs, profiles and arguments: exit 0/1/2, no internal error, JSON that parses', async function () {
    this.timeout(120000);
    const target = CliTarget.start();
    try {
      await fc.assert(fc.asyncProperty(arbCliInput(BASES), (i) => target.run(i)), { seed: 20261126, numRuns: 60 });
    } finally {
      target.dispose();
    }
  });
});
