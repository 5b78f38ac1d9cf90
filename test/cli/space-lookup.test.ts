/**
 * The space file that applies does not depend on the working directory (docs/reliability.md,
 * "Space lookup"): from the config's own directory upward, the nearest idsync.space.json; the
 * search stops at the directory holding .git or at the file-system root. The same in `check`,
 * `export`, `diff` and the language server (test/reliability/confinement.test.ts covers what
 * the widened confinement may read).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { config, run, tempDir } from './harness';
import { TestClient, fileUri } from '../lsp/helpers/client';
import { parseSpaceFile } from '../../server/src/engine/workspace/space';
import { RULE_CODES } from '../../server/src/engine/lint/lint';

/** A config using an identifier the space does not declare: unknown-identifier (a warning by default). */
const SHOE = config(['{ "externalId": "shoe_size", "strategy": "last", "mapTo": "EXTERN_ID" }']);
/** Makes unknown-identifier an error: the config fails only when this space applies. */
const STRICT_SPACE = '{ "rules": { "unknown-identifier": "error" } }\n';

describe('space lookup: the same space file from any working directory (built bundle)', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  const write = (rel: string, text: string) => {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return p;
  };

  it('check from configs/ applies ../idsync.space.json, as from the repository root', () => {
    fs.mkdirSync(path.join(dir, 'repo', '.git'), { recursive: true });
    write('repo/idsync.space.json', STRICT_SPACE);
    write('repo/configs/a.idsync.json', SHOE);
    const fromRoot = run(['check', '-f', 'json'], { cwd: path.join(dir, 'repo') });
    const fromConfigs = run(['check', '-f', 'json'], { cwd: path.join(dir, 'repo', 'configs') });
    assert.equal(fromRoot.status, 1, fromRoot.stderr);
    assert.equal(fromConfigs.status, 1, `the space file above the working directory applies; stderr: ${fromConfigs.stderr}`);
    const diags = (r: typeof fromRoot) =>
      JSON.parse(r.stdout).files.map((f: { path: string; diagnostics: Array<{ code: string; severity: string }> }) => [f.path, f.diagnostics.map((d) => `${d.code}:${d.severity}`)]);
    assert.deepEqual(diags(fromRoot), [
      ['configs/a.idsync.json', ['unknown-identifier:error']],
      ['idsync.space.json', []],
    ]);
    assert.deepEqual(diags(fromConfigs), [
      ['../idsync.space.json', []],
      ['a.idsync.json', ['unknown-identifier:error']],
    ]);
    // A file argument from elsewhere gets the same space too.
    const fromOutside = run(['check', path.join(dir, 'repo', 'configs', 'a.idsync.json'), '-f', 'json'], { cwd: dir });
    assert.equal(fromOutside.status, 1, fromOutside.stderr);
  });

  it('stops at the directory holding .git: a space file above the repository does not apply', () => {
    write('idsync.space.json', STRICT_SPACE);
    fs.mkdirSync(path.join(dir, 'repo', '.git'), { recursive: true });
    write('repo/configs/a.idsync.json', SHOE);
    const r = run(['check', '-f', 'json'], { cwd: path.join(dir, 'repo', 'configs') });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path), ['a.idsync.json']);
    // A worktree or submodule has a .git FILE: the same stop.
    fs.rmSync(path.join(dir, 'repo', '.git'), { recursive: true });
    write('repo/.git', 'gitdir: /nowhere\n');
    const w = run(['check', '-f', 'json'], { cwd: path.join(dir, 'repo', 'configs') });
    assert.equal(w.status, 0, w.stderr);
    // Without .git the search goes on upward (to the file-system root).
    fs.rmSync(path.join(dir, 'repo', '.git'));
    const up = run(['check', '-f', 'json'], { cwd: path.join(dir, 'repo', 'configs') });
    assert.equal(up.status, 1, up.stderr);
    assert.deepEqual(JSON.parse(up.stdout).files.map((f: { path: string }) => f.path), ['../../idsync.space.json', 'a.idsync.json']);
  });

  it('export from configs/ cannot skip its gate: the space above the working directory applies', () => {
    fs.mkdirSync(path.join(dir, 'repo', '.git'), { recursive: true });
    write('repo/idsync.space.json', STRICT_SPACE);
    write('repo/configs/a.idsync.json', SHOE);
    const fromRoot = run(['export', 'configs/a.idsync.json'], { cwd: path.join(dir, 'repo') });
    const fromConfigs = run(['export', 'a.idsync.json'], { cwd: path.join(dir, 'repo', 'configs') });
    assert.equal(fromRoot.status, 1, fromRoot.stderr);
    assert.equal(fromConfigs.status, 1, `export must refuse from configs/ too; stderr: ${fromConfigs.stderr}`);
    assert.equal(fromConfigs.stdout, '');
    assert.match(fromConfigs.stderr, /^idsync export: a\.idsync\.json has 1 error; fix it before exporting:\n {2}a\.idsync\.json:\d+:\d+ {2}unknown-identifier /);
  });

  it('diff applies the same space file from configs/ and stops at the repository', () => {
    write('idsync.space.json', '{ "rules": { "unknown-identifier": "off" } }\n');
    const repo = path.join(dir, 'repo');
    fs.mkdirSync(repo);
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: repo, env: { PATH: process.env.PATH ?? '', HOME: dir, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' }, stdio: 'pipe' });
    git('init', '-q');
    write('repo/idsync.space.json', STRICT_SPACE);
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    write('repo/configs/a.idsync.json', SHOE);
    for (const cwd of [repo, path.join(repo, 'configs')]) {
      const r = run(['diff', '--base', 'HEAD', '--fail-on-errors', '-f', 'json'], { cwd });
      assert.equal(r.status, 1, `the repository's space file makes unknown-identifier an error (cwd ${cwd}); stderr: ${r.stderr}`);
      assert.deepEqual(JSON.parse(r.stdout).files[0].lint, { errors: 1, warnings: 0, infos: 0 });
    }
  });

  it('the language server reads an idsync.space.json above the opened folder, under the same rule', async () => {
    fs.mkdirSync(path.join(dir, 'repo', '.git'), { recursive: true });
    write('repo/idsync.space.json', STRICT_SPACE);
    const file = write('repo/configs/a.idsync.json', SHOE);
    const client = await TestClient.inProcess(path.join(dir, 'repo', 'configs'), { debounceMs: 10 });
    try {
      const uri = fileUri(file);
      await client.open(uri, SHOE);
      const ds = await client.diagnosticsFor(uri);
      assert.deepEqual(ds.map((d) => [d.code, d.severity]), [['unknown-identifier', 1]]);
      const st = await client.request<{ spaceFile: string | null }>('idsync/status', { uri });
      assert.equal(st.spaceFile, path.join(dir, 'repo', 'idsync.space.json'));
    } finally {
      await client.shutdown();
    }
  });
});

describe('space file "root"', () => {
  it('is a boolean; anything else is an invalid-type error in the space file', () => {
    assert.deepEqual(parseSpaceFile('/s/idsync.space.json', '{ "root": true }', RULE_CODES).diagnostics, []);
    assert.equal(parseSpaceFile('/s/idsync.space.json', '{ "root": true }', RULE_CODES).config.root, true);
    const bad = parseSpaceFile('/s/idsync.space.json', '{ "root": "yes" }', RULE_CODES).diagnostics;
    assert.deepEqual(bad.map((d) => [d.code, d.severity, d.message, d.offset]), [['invalid-type', 'error', '"root" must be true or false, not string.', 10]]);
  });
});
