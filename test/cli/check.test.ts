/**
 * Golden tests of `idsync check` on the fixture tree (test/cli/fixtures/tree): every format,
 * exit codes, --quiet, --max-warnings, --rule, colors, space files by nearest ancestor,
 * deterministic order. Only the engine rules syntax, invalid-strategy, too-many-all and
 * unused-disable-directive fire on these fixtures (the configs are otherwise complete).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText } from '../../server/src/engine';
import { expectGolden, FIXTURES, run } from './harness';

describe('idsync check (golden, built bundle)', () => {
  it('stylish (default) on a tree: grouped by file, sorted, summary, exit 1', () => {
    const r = run(['check', 'tree']);
    assert.equal(r.status, 1, r.stderr);
    expectGolden('check-tree-stylish', r);
  });

  it('json: the exact shape, clean files and applied space files with []', () => {
    const r = run(['check', 'tree', '--format', 'json']);
    assert.equal(r.status, 1, r.stderr);
    expectGolden('check-tree-json', r);
    const parsed = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(parsed), ['files']);
    const clean = parsed.files.find((f: { path: string }) => f.path === 'tree/clean.idsync.json');
    assert.deepEqual(clean, { path: 'tree/clean.idsync.json', diagnostics: [] });
    const d = parsed.files.find((f: { path: string }) => f.path === 'tree/too-many-all.idsync.json').diagnostics[0];
    assert.deepEqual(Object.keys(d), ['code', 'severity', 'message', 'range']);
    assert.deepEqual(d.range, { start: { line: 9, character: 48 }, end: { line: 9, character: 53 } });
    // node_modules is skipped; files that are not configs are not read.
    assert.ok(!r.stdout.includes('node_modules'));
    assert.ok(!r.stdout.includes('notes.json'));
  });

  it('github: workflow commands, notice for info', () => {
    const r = run(['check', 'tree', '--format', 'github']);
    assert.equal(r.status, 1, r.stderr);
    expectGolden('check-tree-github', r);
  });

  it('sarif on a tree', () => {
    const r = run(['check', 'tree', '--format', 'sarif']);
    assert.equal(r.status, 1, r.stderr);
    expectGolden('check-tree-sarif', r);
  });

  it('clean files: stylish prints nothing and exits 0, suppressed problems do not count', () => {
    const r = run(['check', 'tree/clean.idsync.json', 'tree/suppressed.idsync.json']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '');
    expectGolden('check-clean-stylish', r);
  });

  it('clean files: json lists them with empty arrays (and the space file that applied)', () => {
    const r = run(['check', 'tree/suppressed.idsync.json', 'tree/clean.idsync.json', '-f', 'json']);
    assert.equal(r.status, 0, r.stderr);
    expectGolden('check-clean-json', r);
  });

  it('--quiet shows errors only; warnings still count for --max-warnings', () => {
    const r = run(['check', 'tree', '--quiet']);
    assert.equal(r.status, 1, r.stderr);
    expectGolden('check-tree-quiet', r);
    const json = run(['check', 'tree/team', '--quiet', '-f', 'json']);
    expectGolden('check-team-quiet-json', json);
    const mw = run(['check', 'tree/team/demoted.idsync.json', '--quiet', '--max-warnings', '0']);
    assert.equal(mw.status, 1, mw.stderr);
    assert.equal(mw.stdout, '');
    assert.equal(mw.stderr, 'idsync: too many warnings: 1 (the maximum is 0)\n');
  });

  it('--max-warnings: more warnings than allowed is exit 1, as many is exit 0', () => {
    const over = run(['check', 'tree/team/demoted.idsync.json', 'tree/team/nested', '--max-warnings', '1']);
    assert.equal(over.status, 1, over.stderr);
    expectGolden('check-max-warnings-exceeded', over);
    const within = run(['check', 'tree/team/demoted.idsync.json', 'tree/team/nested', '--max-warnings', '2']);
    assert.equal(within.status, 0, within.stderr);
    expectGolden('check-max-warnings-within', within);
    const none = run(['check', 'tree/team/demoted.idsync.json']);
    assert.equal(none.status, 0, `${'warnings alone do not fail without --max-warnings'}; stderr: ${none.stderr}`);
  });

  it('the nearest idsync.space.json applies (team/ demotes, team/strict/ promotes)', () => {
    const r = run(['check', 'tree/team', '-f', 'json']);
    const files = JSON.parse(r.stdout).files as Array<{ path: string; diagnostics: Array<{ code: string; severity: string }> }>;
    const sev = (p: string) => files.find((f) => f.path === p)!.diagnostics.map((d) => `${d.code}:${d.severity}`);
    assert.deepEqual(sev('tree/team/demoted.idsync.json'), ['unused-disable-directive:info', 'too-many-all:warning']);
    assert.deepEqual(sev('tree/team/nested/deeper.idsync.json'), ['too-many-all:warning']);
    assert.deepEqual(sev('tree/team/strict/stale.idsync.json'), ['too-many-all:error', 'unused-disable-directive:error']);
    assert.equal(r.status, 1, r.stderr);
  });

  it('a broken space file is reported once, as its own entry, and its good parts still apply', () => {
    const r = run(['check', 'tree/broken-space', '-f', 'json']);
    assert.equal(r.status, 1, r.stderr);
    expectGolden('check-broken-space-json', r);
    const stylish = run(['check', 'tree/broken-space']);
    assert.equal(stylish.stdout.split('tree/broken-space/idsync.space.json').length - 1, 1);
  });

  it('--rule wins over idsync.space.json, which wins over the default', () => {
    const r = run(['check', 'tree', '--rule', 'too-many-all=off', '--rule', 'invalid-strategy=warning', '--rule', 'unused-disable-directive=hint']);
    assert.equal(r.status, 1, `${'the broken space file still has a syntax error'}; stderr: ${r.stderr}`);
    expectGolden('check-tree-rule-overrides', r);
    const json = JSON.parse(run(['check', 'tree/team', 'tree/too-many-all.idsync.json', '-f', 'json', '--rule', 'too-many-all=info']).stdout);
    for (const f of json.files) for (const d of f.diagnostics) if (d.code === 'too-many-all') assert.equal(d.severity, 'info', f.path);
  });

  it('default path is the current directory; a path outside it is allowed, and each config gets the space file found from its own directory', () => {
    const here = run(['check'], { cwd: path.join(FIXTURES, 'tree', 'team') });
    assert.equal(here.status, 1, here.stderr);
    expectGolden('check-default-cwd', here);
    const outside = run(['check', '../../strategy.idsync.json', '../nested', '-f', 'json'], { cwd: path.join(FIXTURES, 'tree', 'team', 'strict') });
    expectGolden('check-outside-cwd', outside);
  });

  it('is deterministic: same output whatever the argument order, run after run', () => {
    const a = run(['check', 'tree/team', 'tree/strategy.idsync.json', 'tree/broken-space', '-f', 'json']);
    const b = run(['check', 'tree/broken-space', 'tree/strategy.idsync.json', 'tree/team', '-f', 'json']);
    const c = run(['check', 'tree/broken-space', 'tree/strategy.idsync.json', 'tree/team/', 'tree/team/demoted.idsync.json', '-f', 'json']);
    assert.equal(a.stdout, b.stdout);
    assert.equal(a.stdout, c.stdout, 'a file named twice is reported once');
    const paths = JSON.parse(a.stdout).files.map((f: { path: string }) => f.path);
    assert.deepEqual(paths, [...paths].sort());
    assert.equal(run(['check', 'tree', '-f', 'sarif']).stdout, run(['check', 'tree', '-f', 'sarif']).stdout);
  });

  it('colors: only when forced (not a TTY here); --no-color and NO_COLOR turn them off', () => {
    const plain = run(['check', 'tree/strategy.idsync.json']);
    assert.ok(!plain.stdout.includes('\x1b['));
    const forced = run(['check', 'tree/strategy.idsync.json'], { env: { FORCE_COLOR: '1' } });
    expectGolden('check-color-forced', forced);
    assert.ok(forced.stdout.includes('\x1b[31merror'));
    assert.equal(forced.stdout.replace(/\x1b\[\d+m/g, ''), plain.stdout, 'same text without the escapes');
    assert.equal(run(['check', 'tree/strategy.idsync.json', '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout, plain.stdout);
    assert.equal(run(['check', 'tree/strategy.idsync.json'], { env: { NO_COLOR: '1' } }).stdout, plain.stdout);
    assert.equal(run(['check', 'tree/strategy.idsync.json'], { env: { FORCE_COLOR: '0' } }).stdout, plain.stdout);
  });

  it('usage errors exit 2 with a message and the usage line', () => {
    const cases: Array<[string, string[]]> = [
      ['usage-unknown-option', ['check', '--fromat', 'json', 'tree']],
      ['usage-unknown-format', ['check', '--format', 'xml', 'tree']],
      ['usage-missing-value', ['check', 'tree', '--format']],
      ['usage-max-warnings', ['check', '--max-warnings', 'lots', 'tree']],
      ['usage-rule-unknown', ['check', '--rule', 'too-many-al=off', 'tree']],
      ['usage-rule-severity', ['check', '--rule', 'too-many-all=fatal', 'tree']],
      ['usage-rule-shape', ['check', '--rule', 'too-many-all', 'tree']],
      ['usage-boolean-value', ['check', '--quiet=yes', 'tree']],
    ];
    for (const [name, args] of cases) {
      const r = run(args);
      assert.equal(r.status, 2, `${name}; stderr: ${r.stderr}`);
      assert.equal(r.stdout, '', name);
      expectGolden(name, r);
    }
  });

  it('--max-file-size: a longer file gets the engine\'s one file-too-large error (as in the language server); bad values are usage errors', () => {
    const file = path.join(FIXTURES, 'tree', 'strategy.idsync.json');
    const text = fs.readFileSync(file, 'utf8');
    const r = run(['check', 'tree/strategy.idsync.json', 'tree/clean.idsync.json', '--max-file-size', String(text.length - 1), '-f', 'json']);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { files: Array<{ path: string; diagnostics: Array<{ code: string; severity: string; message: string }> }> };
    const strategy = out.files.find((f) => f.path === 'tree/strategy.idsync.json')!;
    const engine = lintText(text, { maxFileSize: text.length - 1 }).diagnostics;
    assert.deepEqual(strategy.diagnostics.map((d) => [d.code, d.severity, d.message]), [['file-too-large', 'error', engine[0].message]]);
    assert.match(engine[0].message, new RegExp(`^The file is ${text.length} characters long, over the limit of ${text.length - 1} \\(maxFileSize\\)`));
    // At the limit: analysed as usual.
    const at = run(['check', 'tree/strategy.idsync.json', '--max-file-size', String(text.length), '-f', 'json']);
    assert.ok(!at.stdout.includes('file-too-large'), at.stdout);
    assert.ok(at.stdout.includes('invalid-strategy'), at.stdout);
    for (const bad of ['0', '-1', '1.5', 'big', '99999999999999999999']) {
      const u = run(['check', 'tree', '--max-file-size', bad]);
      assert.equal(u.status, 2, `${bad}; stderr: ${u.stderr}`);
      assert.match(u.stderr, new RegExp(`^idsync check: --max-file-size needs a whole number of characters \\(1 or more\\), not '${bad.replace('.', '\\.')}'\n`), bad);
    }
  });
});
