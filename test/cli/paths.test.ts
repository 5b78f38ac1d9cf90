/**
 * Awkward paths, made at test time in a temporary directory (git cannot hold most of them):
 * nonexistent paths, a directory named *.idsync.json, broken symbolic links, non-UTF-8 content,
 * unreadable files and directories, symlinks out of the tree, node_modules/.git, and file names
 * and messages that need escaping in the github format. Each bad path is one line on stderr,
 * the rest is still checked, and the exit code is 2.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { cannotRunAsNobody, config, expectGolden, FOUR_ALL, NOBODY, run, tempDir } from './harness';

const posix = process.platform !== 'win32';

describe('idsync check: bad paths and escaping (golden, built bundle)', () => {
  let dir: string;
  let outside: string;
  let cleanup: () => void;
  let cleanupOutside: () => void;

  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    ({ dir: outside, cleanup: cleanupOutside } = tempDir());
  });
  afterEach(() => {
    cleanup();
    cleanupOutside();
  });

  const write = (rel: string, content: string | Buffer) => {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
    return p;
  };

  it('reports each bad path on stderr, checks the rest, exits 2', function () {
    if (!posix) this.skip();
    write('good.idsync.json', config(['{ "externalId": "email", "strategy": "last", "mapTo": "EMAIL" }']));
    write('errors.idsync.json', config(FOUR_ALL));
    fs.mkdirSync(path.join(dir, 'folder.idsync.json'));
    write('folder.idsync.json/inner.idsync.json', config(FOUR_ALL));
    fs.symlinkSync('does-not-exist.idsync.json', path.join(dir, 'broken.idsync.json'));
    write('latin1.idsync.json', Buffer.from('{ "name": "Caf\xe9 customers" }\n', 'latin1'));
    fs.writeFileSync(path.join(outside, 'secret.idsync.json'), config(FOUR_ALL));
    fs.symlinkSync(path.join(outside, 'secret.idsync.json'), path.join(dir, 'escape.idsync.json'));
    fs.symlinkSync('errors.idsync.json', path.join(dir, 'alias.idsync.json'));
    write('node_modules/pkg/skipped.idsync.json', '{ not json');
    write('.git/skipped.idsync.json', '{ not json');
    write('sub/dir/also-bad.idsync.json', Buffer.from([0xff, 0xfe, 0x7b, 0x7d]));
    write('readme.txt', Buffer.from([0xff]));

    const r = run(['check', '.', 'missing.idsync.json', 'missing-dir/'], { cwd: dir });
    assert.equal(r.status, 2, `${'I/O problems win over lint errors'}; stderr: ${r.stderr}`);
    expectGolden('paths-bad', r);
    assert.ok(!r.stderr.includes('    at '), 'no stack trace');
    // Same facts in JSON: the readable files are all there.
    const json = run(['check', '-f', 'json'], { cwd: dir });
    assert.equal(json.status, 2, json.stderr);
    assert.deepEqual(
      JSON.parse(json.stdout).files.map((f: { path: string }) => f.path),
      ['errors.idsync.json', 'good.idsync.json'],
    );
    // And in SARIF: the run is marked unsuccessful with one notification per path.
    const sarif = JSON.parse(run(['check', '-f', 'sarif'], { cwd: dir }).stdout);
    const inv = sarif.runs[0].invocations[0];
    assert.equal(inv.executionSuccessful, false);
    assert.deepEqual(
      inv.toolExecutionNotifications.map((n: { message: { text: string } }) => n.message.text),
      r.stderr.trim().split('\n').map((l) => l.replace(/^idsync: /, '')).filter((l) => !l.startsWith('missing')),
    );
  });

  it('an explicit file that is a directory, a broken link, a FIFO or not UTF-8: one line each, no hang', function () {
    if (!posix) this.skip();
    execFileSync('mkfifo', [path.join(dir, 'pipe.idsync.json')]);
    fs.mkdirSync(path.join(dir, 'folder.idsync.json'));
    fs.symlinkSync('nowhere', path.join(dir, 'broken.idsync.json'));
    write('latin1.idsync.json', Buffer.from('{ "name": "Caf\xe9" }', 'latin1'));
    write('ok.idsync.json', config(FOUR_ALL));
    const r = run(['check', 'folder.idsync.json', 'broken.idsync.json', 'pipe.idsync.json', 'latin1.idsync.json', 'ok.idsync.json', '-f', 'json'], { cwd: dir });
    assert.equal(r.status, 2, r.stderr);
    expectGolden('paths-explicit', r);
    // Found while searching, the FIFO is reported the same way (and never opened).
    const walked = run(['check', '-f', 'json'], { cwd: dir });
    assert.equal(walked.status, 2, walked.stderr);
    assert.ok(walked.stderr.includes('idsync: pipe.idsync.json: is not a regular file\n'));
  });

  it('an unreadable space file: reported, and the configs under it are not checked with a wrong space', function () {
    if (!posix) this.skip();
    fs.mkdirSync(path.join(dir, 'idsync.space.json'));
    write('a.idsync.json', config(FOUR_ALL));
    const r = run(['check'], { cwd: dir });
    assert.equal(r.status, 2, r.stderr);
    expectGolden('paths-space-unreadable', r);
  });

  it('unreadable files and directories (permission denied)', function () {
    if (!posix) this.skip();
    write('locked.idsync.json', config(FOUR_ALL));
    write('locked-dir/inner.idsync.json', config(FOUR_ALL));
    write('open.idsync.json', config(FOUR_ALL));
    fs.chmodSync(path.join(dir, 'locked.idsync.json'), 0o000);
    fs.chmodSync(path.join(dir, 'locked-dir'), 0o000);
    // root reads everything: run the CLI as an unprivileged user then (a readable copy of the bundle).
    const asRoot = process.getuid?.() === 0;
    const asUser = asRoot ? NOBODY : {};
    try {
      const why = asRoot ? cannotRunAsNobody(dir) : undefined;
      if (why) {
        console.log(`      skipped: ${why}`);
        this.skip();
      }
      const r = run(['check'], { cwd: dir, ...asUser });
      assert.equal(r.status, 2, r.stderr);
      expectGolden('paths-permission-denied', r);
    } finally {
      fs.chmodSync(path.join(dir, 'locked-dir'), 0o755);
    }
  });

  it('github format escapes %, CR, LF in messages and also : and , in properties', function () {
    if (!posix) this.skip();
    write(
      'odd, name: 100%.idsync.json',
      config(['{ "externalId": "email", "strategy": "50%\\r\\nthen: last, maybe", "mapTo": "EMAIL" }', '{ "externalId": "user_id", "strategy": "%0A", "mapTo": "EXTERN_ID" }']),
    );
    const r = run(['check', '-f', 'github'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    expectGolden('github-escaping', r);
    const lines = r.stdout.split('\n').filter(Boolean);
    assert.equal(lines.length, 2, 'one line per annotation: no raw CR/LF');
    assert.ok(lines[0].startsWith('::error file=odd%2C name%3A 100%25.idsync.json,line=6,col='));
    assert.ok(lines[0].includes('Unknown strategy "50%25%0D%0Athen: last, maybe"'));
    assert.ok(lines[1].includes('Unknown strategy "%250A"'));
    // stylish shows control characters as visible escapes; json keeps the text exact.
    assert.ok(run(['check'], { cwd: dir }).stdout.includes('Unknown strategy "50%\\r\\nthen: last, maybe"'));
    const json = JSON.parse(run(['check', '-f', 'json'], { cwd: dir }).stdout);
    assert.equal(json.files[0].path, 'odd, name: 100%.idsync.json');
    assert.ok(json.files[0].diagnostics[0].message.includes('"50%\r\nthen: last, maybe"'));
  });

  it('--output writes the report to a file (creating directories); a write error is exit 2', function () {
    if (!posix) this.skip();
    write('a.idsync.json', config(FOUR_ALL));
    const r = run(['check', '-f', 'json', '-o', 'reports/idsync.json'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '');
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'reports', 'idsync.json'), 'utf8'));
    assert.equal(report.files[0].diagnostics[0].code, 'too-many-all');
    write('blocker', 'a file where a directory should be');
    const bad = run(['check', '-o', 'blocker/report.txt'], { cwd: dir });
    assert.equal(bad.status, 2, bad.stderr);
    expectGolden('output-write-error', bad);
  });
});
