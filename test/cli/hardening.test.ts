/**
 * CLI hardening (built bundle): one error vocabulary for every command, no silent green run,
 * control characters escaped in every human-facing format, each file reported once by real
 * path, and the small ones (--output, did-you-means, UTF-16, quoting, --max-file-size
 * everywhere, stylish widths, --help links, diff problems in the summary).
 * docs/reliability.md ("CLI faults") names these tests.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { cannotRunAsNobody, CLI, config, FOUR_ALL, NOBODY, run, tempDir } from './harness';

const posix = process.platform !== 'win32';
const GOOD = config(['{ "externalId": "email", "strategy": "last", "mapTo": "EMAIL" }']);

describe('idsync CLI hardening (built bundle)', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    // The space lookup stops here: nothing above the temporary folder applies.
    fs.mkdirSync(path.join(dir, '.git'));
  });
  afterEach(() => cleanup());

  const write = (rel: string, content: string | Buffer) => {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
    return p;
  };

  describe('one error vocabulary', () => {
    it('preview, check and export give the same one-line reason for the same unreadable config', function () {
      if (!posix) this.skip();
      fs.mkdirSync(path.join(dir, 'folder.idsync.json'));
      write('latin1.idsync.json', Buffer.from('{ "name": "Caf\xe9" }', 'latin1'));
      fs.symlinkSync('loop.idsync.json', path.join(dir, 'loop.idsync.json'));
      const expected: Record<string, string> = {
        'folder.idsync.json': 'is a directory, not a file',
        'latin1.idsync.json': 'is not valid UTF-8 text',
        'loop.idsync.json': 'too many levels of symbolic links',
        'missing.idsync.json': 'no such file or directory',
      };
      for (const [file, reason] of Object.entries(expected)) {
        const p = run(['preview', file], { cwd: dir });
        assert.equal(p.status, 2, p.stderr);
        assert.equal(p.stderr, `idsync preview: ${file}: ${reason}\n`);
        const e = run(['export', file], { cwd: dir });
        assert.equal(e.status, 2, e.stderr);
        assert.equal(e.stderr, `idsync export: ${file}: ${reason}\n`);
      }
      const c = run(['check', 'latin1.idsync.json', 'loop.idsync.json', 'missing.idsync.json'], { cwd: dir });
      assert.equal(c.status, 2, c.stderr);
      assert.equal(
        c.stderr,
        'idsync: latin1.idsync.json: is not valid UTF-8 text\nidsync: loop.idsync.json: too many levels of symbolic links\nidsync: missing.idsync.json: no such file or directory\n',
      );
    });

    it('preview: permission denied is a reason, not a raw EACCES with an absolute path', function () {
      if (!posix) this.skip();
      write('locked.idsync.json', GOOD);
      fs.chmodSync(path.join(dir, 'locked.idsync.json'), 0o000);
      const asRoot = process.getuid?.() === 0;
      const why = asRoot ? cannotRunAsNobody(dir) : undefined;
      if (why) {
        console.log(`      skipped: ${why}`);
        this.skip();
      }
      const r = run(['preview', 'locked.idsync.json'], { cwd: dir, ...(asRoot ? NOBODY : {}) });
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stderr, 'idsync preview: locked.idsync.json: permission denied\n');
    });

    it('a full disk (stdout to /dev/full) is "cannot write to standard output: no space left on the device", exit 2, in every command', function () {
      if (!fs.existsSync('/dev/full')) this.skip();
      write('a.idsync.json', GOOD);
      write('samples/profiles/p.json', '[{ "type": "email", "id": "a@example.com" }]');
      for (const args of [['check', '-f', 'json'], ['rules'], ['preview', 'a.idsync.json'], ['export', 'a.idsync.json', '--template'], ['--help']]) {
        const full = fs.openSync('/dev/full', 'w');
        try {
          const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, stdio: ['ignore', full, 'pipe'], encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
          assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
          assert.equal(r.stderr.split('\n').filter((l) => l.startsWith('idsync: cannot write')).join('\n'), 'idsync: cannot write to standard output: no space left on the device', args.join(' '));
          assert.ok(!r.stderr.includes('internal error') && !r.stderr.includes('ENOSPC'), r.stderr);
        } finally {
          fs.closeSync(full);
        }
      }
      const o = run(['check', '-f', 'json', '-o', '/dev/full'], { cwd: dir });
      assert.equal(o.status, 2, o.stderr);
      assert.equal(o.stderr, 'idsync: cannot write /dev/full: no space left on the device\n', 'the path as given, not ../../dev/full');
    });
  });

  describe('no silent green run', () => {
    it('a folder without any config is exit 2 and says nothing was checked, naming near misses', () => {
      write('empty/readme.txt', 'x');
      write('near/a.idsync.jsonc', GOOD);
      write('near/X.IDSYNC.JSON', GOOD);
      const r = run(['check', 'empty', 'near'], { cwd: dir });
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.equal(
        r.stderr,
        'idsync: empty: no *.idsync.json file found, nothing was checked\n' +
          'idsync: near: no *.idsync.json file found, nothing was checked; named almost like one: near/X.IDSYNC.JSON, near/a.idsync.jsonc (configs must be named *.idsync.json, in lower case)\n',
      );
      const sarif = JSON.parse(run(['check', 'empty', '-f', 'sarif'], { cwd: dir }).stdout);
      assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
    });

    it('--no-error-on-unmatched-pattern: a note on stderr, exit 0; a folder with configs is not affected', () => {
      write('empty/readme.txt', 'x');
      write('full/a.idsync.json', GOOD);
      const r = run(['check', 'empty', 'full', '--no-error-on-unmatched-pattern'], { cwd: dir });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, 'idsync: note: empty: no *.idsync.json file found, nothing was checked\n');
      const ok = run(['check', 'full'], { cwd: dir });
      assert.equal(ok.status, 0, ok.stderr);
      assert.equal(ok.stderr, '');
    });
  });

  it('github: ESC, BEL and OSC 8 links in file names and values are escaped, not passed to the log', function () {
    if (!posix) this.skip();
    const name = 'x\x1b]8;;https:evil.example\x07link\x1b]8;;\x07\x1b[31m.idsync.json';
    write(name, config(['{ "externalId": "email", "strategy": "\\u001b[2J\\u0007last", "mapTo": "EMAIL" }']));
    for (const format of ['github', 'stylish']) {
      const r = run(['check', '-f', format], { cwd: dir });
      assert.equal(r.status, 1, r.stderr);
      assert.ok(!/[\x00-\x09\x0b-\x1f\x7f-\x9f]/.test(r.stdout + r.stderr), `${format}: no raw control character: ${JSON.stringify(r.stdout)}`);
    }
    const gh = run(['check', '-f', 'github'], { cwd: dir }).stdout;
    assert.ok(gh.startsWith('::error file=x\\x1b]8;;https%3Aevil.example\\x07link\\x1b]8;;\\x07\\x1b[31m.idsync.json,'), gh);
    assert.ok(gh.includes('Unknown strategy "\\x1b[2J\\x07last"'), gh);
  });

  it('a file reached through a symlinked folder argument is reported once (by real path), whatever the order', function () {
    if (!posix) this.skip();
    write('real/a.idsync.json', config(FOUR_ALL));
    fs.symlinkSync('real', path.join(dir, 'link'));
    const paths = (args: string[]) => JSON.parse(run(['check', '-f', 'json', ...args], { cwd: dir }).stdout).files.map((f: { path: string }) => f.path);
    assert.deepEqual(paths(['real', 'link']), ['real/a.idsync.json']);
    assert.deepEqual(paths(['link', 'real']), ['real/a.idsync.json']);
    assert.deepEqual(paths(['link', 'link/a.idsync.json']), ['link/a.idsync.json'], 'only the link reaches it: its path as found');
  });

  describe('idsync diff', () => {
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: dir,
        stdio: 'pipe',
        env: { PATH: process.env.PATH ?? '', HOME: dir, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' },
      });
    beforeEach(() => {
      fs.rmSync(path.join(dir, '.git'), { recursive: true });
      git('init', '-q');
    });

    it('an unreadable space file: the summary says which file could not be compared and why, never "no *.idsync.json changed"', () => {
      write('readme.md', 'base');
      git('add', '-A');
      git('commit', '-q', '-m', 'base');
      fs.mkdirSync(path.join(dir, 'idsync.space.json'));
      write('a.idsync.json', GOOD);
      const md = run(['diff', '--base', 'HEAD', '-f', 'markdown'], { cwd: dir });
      assert.equal(md.status, 2, md.stderr);
      assert.equal(md.stderr, 'idsync diff: idsync.space.json: is a directory, not a file\n');
      assert.ok(!md.stdout.includes('no *.idsync.json changed'), md.stdout);
      assert.ok(md.stdout.startsWith('## ID Sync review: 1 file could not be compared\n'), md.stdout);
      assert.ok(md.stdout.includes('> [!CAUTION]\n> These files could not be compared (see the log):\n> - idsync\\.space\\.json\\: is a directory\\, not a file\n'), md.stdout);
      const text = run(['diff', '--base', 'HEAD'], { cwd: dir });
      assert.match(text.stdout, /^idsync diff against HEAD \([0-9a-f]{12}\): 1 file could not be compared\n {2}not compared: idsync\.space\.json: is a directory, not a file\n$/);
      const json = JSON.parse(run(['diff', '--base', 'HEAD', '-f', 'json'], { cwd: dir }).stdout);
      assert.deepEqual(json.problems, ['idsync.space.json: is a directory, not a file']);
    });

    it('text and markdown show control characters from file names and values as escapes', () => {
      write('readme.md', 'base');
      git('add', '-A');
      git('commit', '-q', '-m', 'base');
      write('x\x1b]8;;https:evil.example\x07link\x1b[31m.idsync.json', config(['{ "externalId": "email", "strategy": "\\u001b[2Jlast", "mapTo": "EMAIL" }']));
      for (const format of ['text', 'markdown']) {
        const r = run(['diff', '--base', 'HEAD', '-f', format], { cwd: dir });
        assert.equal(r.status, 0, r.stderr);
        assert.ok(!/[\x00-\x09\x0b-\x1f\x7f-\x9f]/.test(r.stdout + r.stderr), `${format}: ${JSON.stringify(r.stdout)}`);
        assert.ok(r.stdout.includes(format === 'text' ? 'added x\\u{1b}]8;;https:evil.example\\u{7}link\\u{1b}[31m.idsync.json' : 'x\\\\u\\{1b\\}\\]8'), r.stdout);
      }
    });

    it('a base version that did not parse: the diff says so', () => {
      write('a.idsync.json', GOOD.replace('"audience"', '"audience" "oops"'));
      git('add', '-A');
      git('commit', '-q', '-m', 'base');
      write('a.idsync.json', GOOD);
      const r = run(['diff', '--base', 'HEAD', '-f', 'json'], { cwd: dir });
      assert.equal(r.status, 0, r.stderr);
      const warnings = JSON.parse(r.stdout).files[0].warnings;
      assert.deepEqual(warnings.filter((w: { code: string }) => w.code === 'base-unreadable').map((w: { message: string }) => w.message), [
        'The base version of this file does not parse (2 syntax errors, the first at line 2): the changes shown compare with what could be read of it.',
      ]);
    });
  });

  describe('small ones', () => {
    it('--output - is standard output; --output "" is a usage error', () => {
      write('a.idsync.json', config(FOUR_ALL));
      const dash = run(['check', '-f', 'json', '--output', '-'], { cwd: dir });
      assert.equal(dash.status, 1, dash.stderr);
      assert.equal(JSON.parse(dash.stdout).files[0].path, 'a.idsync.json');
      assert.ok(!fs.existsSync(path.join(dir, '-')), 'no file named "-"');
      const empty = run(['check', '--output', ''], { cwd: dir });
      assert.equal(empty.status, 2, empty.stderr);
      assert.equal(empty.stderr, "idsync check: --output needs a file name (or '-' for standard output)\nUsage: idsync check [options] [paths...]\nRun 'idsync check --help' for the options.\n");
    });

    it('did-you-means: a misspelt severity in --rule, a truncated property name, "IDFA" as a Facebook key', () => {
      const r = run(['check', '--rule', 'too-many-all=eror'], { cwd: dir });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /^idsync check: unknown severity 'eror' in --rule too-many-all \(did you mean 'error'\?\): use off, hint, info, warning or error\n/);
      write('a.idsync.json', GOOD.replace('"idSyncConfiguration"', '"idSyncConfig"').replace('"mapTo": "EMAIL"', '"mapTo": "EMAIL"'));
      write('b.idsync.json', config(['{ "externalId": "ios.idfa", "strategy": "last", "mapTo": "IDFA" }']));
      const json = JSON.parse(run(['check', '-f', 'json'], { cwd: dir }).stdout);
      const msgs = Object.fromEntries(json.files.map((f: { path: string; diagnostics: Array<{ code: string; message: string }> }) => [f.path, f.diagnostics.map((d) => `${d.code}: ${d.message}`)]));
      assert.ok(msgs['a.idsync.json'].includes('unknown-property: "idSyncConfig" is not a property of the configuration. Did you mean "idSyncConfiguration"?'), JSON.stringify(msgs['a.idsync.json']));
      assert.deepEqual(msgs['b.idsync.json'], [
        'unknown-destination-identifier: Facebook Custom Audiences offers no "IDFA" in its identifier dropdown: use one of "EMAIL", "PHONE", "MADID", "EXTERN_ID". Did you mean "MADID"?',
      ]);
    });

    it('UTF-16 files, with or without a byte order mark, are named as UTF-16', () => {
      const text = '{ "audience": { "key": "a" } }';
      const be = (s: string) => Buffer.from(s, 'utf16le').swap16();
      write('le-bom.idsync.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      write('be-bom.idsync.json', Buffer.concat([Buffer.from([0xfe, 0xff]), be(text)]));
      write('le.idsync.json', Buffer.from(text, 'utf16le'));
      write('be.idsync.json', be(text));
      const r = run(['check'], { cwd: dir });
      assert.equal(r.status, 2, r.stderr);
      assert.equal(
        r.stderr,
        'idsync: be-bom.idsync.json: is UTF-16 text (big-endian), not UTF-8: save it as UTF-8\n' +
          'idsync: be.idsync.json: is UTF-16 text (big-endian), not UTF-8: save it as UTF-8\n' +
          'idsync: le-bom.idsync.json: is UTF-16 text (little-endian), not UTF-8: save it as UTF-8\n' +
          'idsync: le.idsync.json: is UTF-16 text (little-endian), not UTF-8: save it as UTF-8\n',
      );
      const p = run(['preview', 'le.idsync.json'], { cwd: dir });
      assert.equal(p.stderr, 'idsync preview: le.idsync.json: is UTF-16 text (little-endian), not UTF-8: save it as UTF-8\n');
    });

    it("preview's suggested `idsync check <path>` is shell-quoted", () => {
      write("it's here.idsync.json", config(FOUR_ALL, '\n  "samples": ["p.json"],'));
      write('p.json', '[{ "type": "email", "id": "a@example.com" }]');
      const r = run(['preview', "it's here.idsync.json"], { cwd: dir });
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stderr, "idsync preview: it's here.idsync.json has 1 error: run `idsync check 'it'\\''s here.idsync.json'` for details.\n");
    });

    it('export and preview take --max-file-size (their message tells the user to raise it)', () => {
      write('a.idsync.json', GOOD);
      for (const cmd of ['export', 'preview']) {
        const small = run([cmd, 'a.idsync.json', '--max-file-size', '10'], { cwd: dir });
        assert.equal(small.status, 1, small.stderr);
        assert.match(small.stderr, /file-too-large|over the limit of 10/, `${cmd}: ${small.stderr}`);
        const bad = run([cmd, 'a.idsync.json', '--max-file-size', 'x'], { cwd: dir });
        assert.equal(bad.status, 2, bad.stderr);
        assert.ok(bad.stderr.startsWith(`idsync ${cmd}: --max-file-size needs a whole number of characters (1 or more), not 'x'\n`), bad.stderr);
      }
      const big = run(['export', 'a.idsync.json', '--template', '--max-file-size', '100000'], { cwd: dir });
      assert.equal(big.status, 0, big.stderr);
    });

    it("preview's usage errors look like every other command's", () => {
      for (const [args, message] of [
        [['preview'], 'missing <config>'],
        [['preview', 'a', '--nope'], "unknown option '--nope'"],
        [['preview', 'a', '-f', 'xml'], "unknown format 'xml': use text or json"],
      ] as const) {
        const r = run([...args], { cwd: dir });
        assert.equal(r.status, 2, r.stderr);
        assert.equal(r.stderr, `idsync preview: ${message}\nUsage: idsync preview <config> [--profile <path>]... [--format text|json] [--mask | --show-values]\nRun 'idsync preview --help' for the options.\n`);
      }
      const e = run(['export'], { cwd: dir });
      assert.equal(e.stderr, "idsync export: missing <config>\nUsage: idsync export [options] <config>\nRun 'idsync export --help' for the options.\n");
    });

    it('stylish does not pad lines to the longest message', () => {
      write('a.idsync.json', config([...FOUR_ALL.slice(0, 3), '{ "externalId": "android.idfa", "strategy": "first", "mapTo": "MADID" }', '{ "externalId": "phone", "strategy": "Last Added", "mapTo": "PHONE" }']));
      const r = run(['check'], { cwd: dir });
      assert.equal(r.status, 1, r.stderr);
      for (const line of r.stdout.split('\n')) assert.ok(!/ {3,}\S+$/.test(line) || line.length < 160, `padded line: ${JSON.stringify(line)}`);
      assert.ok(r.stdout.includes('  invalid-strategy\n'));
      assert.ok(!/\S {3,}(invalid-strategy|duplicate-map-to)$/m.test(r.stdout), r.stdout);
    });

    it('--help points to documentation a user can open', () => {
      const r = run(['--help']);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(r.stdout.endsWith('Documentation: https://github.com/idsync/idsync/blob/main/docs/cli.md\n'), r.stdout);
      assert.ok(!r.stdout.includes('Docs: docs/cli.md'));
    });
  });
});
