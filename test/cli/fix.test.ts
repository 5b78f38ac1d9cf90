/**
 * Golden tests of `idsync check --fix` and `--fix-dry-run` (built bundle): the output, the exit
 * code and the exact text of every file afterwards. The fixtures (test/cli/fixtures/fix/) are
 * copied to a temporary folder first, since --fix writes. The fixes are the editor's "Fix all"
 * (the engine's fixAll): the test checks that one pass of it is the language server's edits.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { applyEdits } from 'jsonc-parser';
import { fixAll, fixAllEdits, lintText, MAX_FIX_PASSES } from '../../server/src/engine';
import type { Diagnostic, LintResult } from '../../server/src/engine';
import { fixAllEdits as lspFixAllEdits } from '../../server/src/lsp/code-actions';
import { cannotRunAsNobody, expectGoldenFiles, FIXTURES, NOBODY, run, tempDir } from './harness';

const posix = process.platform !== 'win32';
const FIX = path.join(FIXTURES, 'fix');
const NAMES = ['clean.idsync.json', 'several.idsync.json', 'syntax.idsync.json'];

describe('idsync check --fix (golden, built bundle)', () => {
  let dir: string;
  let cleanup: () => void;
  const original = (name: string) => fs.readFileSync(path.join(FIX, name), 'utf8');
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  const files = () => NAMES.map((n) => [n, read(n)] as [string, string]);
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    fs.mkdirSync(path.join(dir, '.git')); // the space lookup stops here
    for (const n of NAMES) fs.copyFileSync(path.join(FIX, n), path.join(dir, n));
  });
  afterEach(() => cleanup());

  it('--fix: applies the preferred fixes to a fixed point, withholds the ones that need a choice, reports what remains', () => {
    const r = run(['check', '--fix'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    expectGoldenFiles('fix-write', r, files());
    // A file without fixes and a file with a syntax error are not touched, byte for byte.
    assert.equal(read('clean.idsync.json'), original('clean.idsync.json'));
    assert.equal(read('syntax.idsync.json'), original('syntax.idsync.json'));
    // The withheld fix (an unknown strategy: first, last or all is the user's choice) is still reported.
    const fixed = read('several.idsync.json');
    assert.ok(fixed.includes('"strategy": "newest first"'), fixed);
    assert.ok(fixed.includes('// newest email only') && fixed.includes('/* every IDFA, one event each */'), 'comments are kept');
    // Nothing left behind: no temporary file.
    assert.deepEqual(fs.readdirSync(dir).sort(), ['.git', ...NAMES].sort());
    // A second run has nothing left to fix and reports the same problems.
    const again = run(['check', '--fix'], { cwd: dir });
    assert.equal(again.status, 1, again.stderr);
    assert.equal(again.stdout, r.stdout);
    assert.ok(!again.stderr.includes('applied'), again.stderr);
    assert.equal(read('several.idsync.json'), fixed);
  });

  it('--fix-dry-run: the unified diff on stdout, the report on stderr, nothing written; the diff applies with patch -p1', function () {
    const r = run(['check', '--fix-dry-run'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    expectGoldenFiles('fix-dry-run', r, []);
    for (const n of NAMES) assert.equal(read(n), original(n), `${n} was written`);
    // The patch is what --fix writes.
    const fixedCopy = tempDir();
    try {
      for (const n of NAMES) fs.copyFileSync(path.join(FIX, n), path.join(fixedCopy.dir, n));
      fs.mkdirSync(path.join(fixedCopy.dir, '.git'));
      const w = run(['check', '--fix'], { cwd: fixedCopy.dir });
      assert.equal(w.status, 1, w.stderr);
      const p = spawnSync('patch', ['-p1', '--quiet'], { cwd: dir, input: r.stdout, encoding: 'utf8' });
      if (p.error) {
        console.log(`      patch not run: ${p.error.message}`);
      } else {
        assert.equal(p.status, 0, p.stderr + p.stdout);
        for (const n of NAMES) assert.equal(read(n), fs.readFileSync(path.join(fixedCopy.dir, n), 'utf8'), n);
      }
    } finally {
      fixedCopy.cleanup();
    }
  });

  it('--fix-dry-run on a file without fixes: empty stdout, exit 0', () => {
    const r = run(['check', '--fix-dry-run', 'clean.idsync.json'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '');
  });

  it('--fix -f json: each config with "fixed" (the fixes applied), the diagnostics that remain', () => {
    const r = run(['check', '--fix', '-f', 'json', 'several.idsync.json', 'clean.idsync.json'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    expectGoldenFiles('fix-json', r, []);
    const parsed = JSON.parse(r.stdout);
    assert.deepEqual(
      parsed.files.map((f: { path: string; fixed: number; diagnostics: unknown[] }) => [f.path, f.fixed, f.diagnostics.length]),
      [
        ['clean.idsync.json', 0, 0],
        ['several.idsync.json', 6, 1],
      ],
    );
  });

  it('--fix -f sarif: the results after fixing', () => {
    const r = run(['check', '--fix', '-f', 'sarif', 'several.idsync.json'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    const results = JSON.parse(r.stdout).runs[0].results;
    assert.deepEqual(
      results.map((x: { ruleId: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }) => [x.ruleId, x.locations[0].physicalLocation.region.startLine]),
      [['invalid-strategy', 12]],
    );
    assert.equal(r.stderr, 'idsync: several.idsync.json: applied 6 fixes\n');
  });

  it('--fix keeps the file mode, writes through a symbolic link and keeps the link', function () {
    if (!posix) this.skip();
    fs.chmodSync(path.join(dir, 'several.idsync.json'), 0o640);
    fs.symlinkSync('several.idsync.json', path.join(dir, 'link.idsync.json'));
    const r = run(['check', '--fix', 'link.idsync.json'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(fs.statSync(path.join(dir, 'several.idsync.json')).mode & 0o777, 0o640);
    assert.ok(fs.lstatSync(path.join(dir, 'link.idsync.json')).isSymbolicLink(), 'the link is still a link');
    assert.ok(read('several.idsync.json').includes('"name": "Lapsed buyers to Facebook"'));
  });

  it('--fix keeps a UTF-8 byte order mark', () => {
    fs.writeFileSync(path.join(dir, 'bom.idsync.json'), '\ufeff' + original('several.idsync.json'));
    const r = run(['check', '--fix', 'bom.idsync.json'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    const bytes = fs.readFileSync(path.join(dir, 'bom.idsync.json'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(bytes.subarray(3).toString('utf8'), applyAllFixes(original('several.idsync.json')));
  });

  it('a read-only file and a read-only folder: "the fixes could not be written", exit 2, the file unchanged', function () {
    if (!posix) this.skip();
    // root writes anything: run the CLI as an unprivileged user then.
    const asRoot = process.getuid?.() === 0;
    fs.mkdirSync(path.join(dir, 'locked-dir'));
    fs.copyFileSync(path.join(FIX, 'several.idsync.json'), path.join(dir, 'locked-dir', 'inner.idsync.json'));
    fs.copyFileSync(path.join(FIX, 'several.idsync.json'), path.join(dir, 'readonly.idsync.json'));
    fs.chmodSync(path.join(dir, 'readonly.idsync.json'), 0o444);
    // The file itself is writable by anyone; its folder is not.
    fs.chmodSync(path.join(dir, 'locked-dir', 'inner.idsync.json'), 0o666);
    fs.chmodSync(path.join(dir, 'locked-dir'), 0o555);
    try {
      const why = asRoot ? cannotRunAsNobody(dir) : undefined;
      if (why) {
        console.log(`      skipped: ${why}`);
        this.skip();
      }
      const r = run(['check', '--fix', 'readonly.idsync.json', 'locked-dir'], { cwd: dir, ...(asRoot ? NOBODY : {}) });
      assert.equal(r.status, 2, r.stderr);
      expectGoldenFiles('fix-read-only', r, []);
      assert.equal(read('readonly.idsync.json'), original('several.idsync.json'));
      assert.equal(read('locked-dir/inner.idsync.json'), original('several.idsync.json'));
      assert.deepEqual(fs.readdirSync(path.join(dir, 'locked-dir')), ['inner.idsync.json'], 'no temporary file left');
    } finally {
      fs.chmodSync(path.join(dir, 'locked-dir'), 0o755);
    }
  });

  it('--fix with --fix-dry-run is a usage error', () => {
    const r = run(['check', '--fix', '--fix-dry-run'], { cwd: dir });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^idsync check: --fix and --fix-dry-run cannot be used together/);
    for (const n of NAMES) assert.equal(read(n), original(n));
  });
});

/** The engine's fixAll on a text without a space file (the lint a config gets with none). */
function applyAllFixes(text: string): string {
  return fixAll(text, (t) => lintText(t)).text;
}

describe('engine fixAll: the fix-all of the editor, to a fixed point', () => {
  const several = () => fs.readFileSync(path.join(FIX, 'several.idsync.json'), 'utf8');

  it('one pass is exactly the language server fix-all edits (one function for both front doors)', () => {
    assert.equal(lspFixAllEdits, fixAllEdits);
    let passes = 0;
    const lint = (t: string): LintResult => lintText(t);
    const first = lint(several());
    const onePass = applyEdits(several(), fixAllEdits(first.diagnostics));
    fixAll(several(), (t) => {
      passes++;
      return lint(t);
    }, 1);
    assert.equal(fixAll(several(), lint, 1).text, onePass);
    assert.equal(passes, 2, 'lint the text, fix, lint the result');
  });

  it('iterates: a fix that uncovers another is applied in the next pass ("All" → "all" → "last" on user_id)', () => {
    const r = fixAll(several(), (t) => lintText(t));
    assert.equal(r.passes, 2);
    assert.equal(r.fixed, 6);
    assert.ok(r.text.includes('{ "externalId": "user_id", "strategy": "last", "mapTo": "EXTERN_ID" }'), r.text);
    assert.deepEqual(
      r.result.diagnostics.map((d) => d.code),
      ['invalid-strategy'],
    );
  });

  it('stops at MAX_FIX_PASSES and on a cycle', () => {
    // A lint whose fix flips a value back and forth: a cycle, detected on the third text.
    const flip = (t: string): LintResult => {
      const at = t.indexOf('A') >= 0 ? t.indexOf('A') : t.indexOf('B');
      const d: Diagnostic = { code: 'x', severity: 'error', message: 'x', range: { start: { line: 0, character: at }, end: { line: 0, character: at + 1 } }, offset: at, length: 1, pointer: '', fixes: [{ title: 'flip', isPreferred: true, edits: [{ offset: at, length: 1, content: t[at] === 'A' ? 'B' : 'A' }] }] };
      return { diagnostics: [d], suppressed: [] } as unknown as LintResult;
    };
    const cycle = fixAll('"A"', flip);
    assert.equal(cycle.stopped, 'cycle');
    assert.equal(cycle.text, '"B"');
    // A lint that always offers a new fix: stopped after MAX_FIX_PASSES passes.
    const grow = (t: string): LintResult => {
      const d: Diagnostic = { code: 'x', severity: 'error', message: 'x', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, offset: 0, length: 0, pointer: '', fixes: [{ title: 'grow', isPreferred: true, edits: [{ offset: 0, length: 0, content: ' ' }] }] };
      return { diagnostics: [d], suppressed: [] } as unknown as LintResult;
    };
    const grown = fixAll('{}', grow);
    assert.equal(grown.stopped, 'max-passes');
    assert.equal(grown.passes, MAX_FIX_PASSES);
    assert.equal(grown.text, ' '.repeat(MAX_FIX_PASSES) + '{}');
  });

  it('a text with a syntax error is not fixed', () => {
    const text = fs.readFileSync(path.join(FIX, 'syntax.idsync.json'), 'utf8');
    const r = fixAll(text, (t) => lintText(t));
    assert.equal(r.blocked, 'syntax');
    assert.equal(r.text, text);
    assert.equal(r.fixed, 0);
  });
});
