/**
 * The client bundle's shims for semver and minimatch (esbuild.mjs aliases them into dist/client.js):
 * vscode-languageclient's VS Code version check must keep accepting and refusing what the real
 * semver does for its `^x.y.z` range, and the minimatch stand-in must refuse loudly, not match.
 */
import * as assert from 'node:assert/strict';
import { parse, satisfies } from '../client/src/shims/semver';
import { Minimatch } from '../client/src/shims/minimatch';

describe('client bundle shims', () => {
  it('parse reads VS Code version strings and refuses others', () => {
    assert.deepEqual(parse('1.91.0'), { major: 1, minor: 91, patch: 0, prerelease: [] });
    assert.deepEqual(parse('1.92.0-insider'), { major: 1, minor: 92, patch: 0, prerelease: ['insider'] });
    assert.equal(parse('1.91'), null);
    assert.equal(parse(undefined), null);
  });

  it('satisfies follows semver for the caret range of the client check', () => {
    const cases: [string, string, boolean][] = [
      ['1.91.0', '^1.91.0', true],
      ['1.100.2', '^1.91.0', true],
      ['1.90.9', '^1.91.0', false],
      ['2.0.0', '^1.91.0', false],
      ['0.3.1', '^0.3.0', true],
      ['0.4.0', '^0.3.0', false],
      ['1.95.0-insider', '^1.91.0', false],
      ['1.95.0', '>=1.91.0', true],
      ['1.95.0', '~1.91.0', false],
    ];
    for (const [v, r, want] of cases) assert.equal(satisfies(v, r), want, `${v} ${r}`);
    const insider = parse('1.95.0-insider')!;
    insider.prerelease = [];
    assert.equal(satisfies(insider, '^1.91.0'), true, 'the client clears the insider tag before checking');
  });

  it('Minimatch refuses every pattern with a message', () => {
    assert.throws(() => new Minimatch('**/*.ts'), /file operation filters are not supported by the idsync client \(\*\*\/\*\.ts\)/);
  });
});
