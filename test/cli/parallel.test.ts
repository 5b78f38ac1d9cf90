/**
 * `idsync check` on many files runs on several threads (server/src/cli/parallel.ts): the report,
 * the fix notes, the diffs and the exit code must be the same byte for byte as on one thread.
 * The tree is every sample and every problem sample, copied into enough folders to pass the
 * threshold where threads start, with a space file at the top, a file with a syntax error and a
 * space file that cannot be parsed in one folder.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, run, tempDir, RunResult } from './harness';

const PARALLEL_MIN_FILES = 400;

function writeTree(dir: string): number {
  const samples = path.join(REPO, 'samples');
  const sources = [
    ...fs.readdirSync(samples).filter((f) => f.endsWith('.idsync.json')).map((f) => path.join(samples, f)),
    ...fs.readdirSync(path.join(samples, 'problems')).filter((f) => f.endsWith('.idsync.json')).map((f) => path.join(samples, 'problems', f)),
  ];
  fs.copyFileSync(path.join(samples, 'idsync.space.json'), path.join(dir, 'idsync.space.json'));
  fs.mkdirSync(path.join(dir, '.git'));
  let n = 0;
  for (let folder = 0; n < PARALLEL_MIN_FILES + 60; folder++) {
    const sub = path.join(dir, `team-${String(folder).padStart(2, '0')}`);
    fs.mkdirSync(sub);
    for (const src of sources) fs.copyFileSync(src, path.join(sub, path.basename(src)));
    n += sources.length;
  }
  fs.writeFileSync(path.join(dir, 'team-03', 'broken.idsync.json'), '{ "destination": { "slug": "facebook-custom-audiences" ,\n');
  // A folder whose own space file has a syntax error: its configs are linted with that space.
  fs.writeFileSync(path.join(dir, 'team-05', 'idsync.space.json'), '{ "customIdentifiers": [ "crm_id" ');
  return n + 1;
}

describe('idsync check on several threads', function () {
  this.timeout(120_000);
  let dir: string;
  let cleanup: () => void;
  let files: number;

  before(() => {
    ({ dir, cleanup } = tempDir());
    files = writeTree(dir);
  });
  after(() => cleanup());

  const same = (args: string[]) => {
    const one = run([...args, '--jobs', '1'], { cwd: dir });
    const two = run([...args, '--jobs', '2'], { cwd: dir });
    const auto = run(args, { cwd: dir });
    const show = (r: RunResult) => `exit ${r.status}, stderr:\n${r.stderr.slice(0, 2000)}`;
    assert.equal(one.status, 1, show(one));
    for (const r of [two, auto]) {
      assert.equal(r.status, one.status, show(r));
      assert.equal(r.stderr, one.stderr);
      assert.equal(r.stdout, one.stdout);
    }
    return one;
  };

  it('reports the same JSON, with every file in it', () => {
    const r = same(['check', '.', '--format', 'json']);
    const report = JSON.parse(r.stdout) as { files: Array<{ path: string }> };
    const spaces = report.files.filter((f) => f.path.endsWith('idsync.space.json')).map((f) => f.path);
    assert.deepEqual(spaces, ['idsync.space.json', 'team-05/idsync.space.json']);
    assert.equal(report.files.length - spaces.length, files);
    assert.ok(report.files.some((f) => f.path === 'team-03/broken.idsync.json'));
  });

  it('reports the same in the stylish, SARIF and GitHub formats', () => {
    for (const format of ['stylish', 'sarif', 'github']) same(['check', '.', '--format', format, '--no-color']);
  });

  it('prints the same fixes as a diff with --fix-dry-run', () => {
    const r = same(['check', '.', '--fix-dry-run', '--format', 'json']);
    assert.match(r.stdout, /^--- a\//);
  });

  it('refuses a --jobs that is not a number from 1 to 8', () => {
    for (const bad of ['0', '9', 'two', '-1']) {
      const r = run(['check', '.', '--jobs', bad], { cwd: dir });
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, new RegExp(`--jobs needs a whole number from 1 to 8 or 'auto', not '${bad}'`));
    }
  });
});
