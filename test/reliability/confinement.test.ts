/**
 * Confinement: space files and sample profiles are read only inside the workspace (the language
 * server's folder, the CLI's working tree), with symlinks resolved before the check. A config
 * naming `../../etc/passwd`, an absolute path outside, or a symlink to a file outside gets a
 * diagnostic, and the file is NOT read: every `fs.readFileSync`/`fs.openSync`/`fs.readdirSync`
 * call in the process is recorded while the CLI (in-process) or the language server
 * (in-process) runs, and none may touch a real path outside the root.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { runCli } from '../../server/src/cli/cli';
import { NodeFileHost, OutsideRootError } from '../../server/src/node/host';
import { TestClient, fileUri } from '../lsp/helpers/client';
import type { PreviewResult } from '../../server/src/lsp/preview';
// The module object itself (not an import-star copy), so that patching it is seen by every importer.
import nodeFs = require('node:fs');

const SECRET = 'secret.person@outside.example';

/** Records the real path of every file read or directory listed through `fs` while it is installed. */
class FsRecorder {
  readonly touched: string[] = [];
  private readonly saved: Array<[keyof typeof fs, unknown]> = [];

  install(): void {
    const fsAny = nodeFs as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const name of ['readFileSync', 'openSync', 'readdirSync', 'readFile', 'open', 'createReadStream'] as const) {
      const original = fsAny[name];
      this.saved.push([name, original]);
      fsAny[name] = (...args: unknown[]) => {
        const target = args[0];
        if (typeof target === 'string' || target instanceof URL || Buffer.isBuffer(target)) {
          const p = target instanceof URL ? target.pathname : String(target);
          try {
            this.touched.push(fs.realpathSync(p));
          } catch {
            this.touched.push(path.resolve(p));
          }
        }
        return original.apply(nodeFs, args);
      };
    }
  }

  uninstall(): void {
    const fsAny = nodeFs as unknown as Record<string, unknown>;
    for (const [name, original] of this.saved.splice(0)) fsAny[name] = original;
  }

  outside(root: string): string[] {
    return this.touched.filter((p) => p !== root && !p.startsWith(root + path.sep));
  }

  /** Reads of anything under `dir` (the sentinel directory outside the root). */
  under(dir: string): string[] {
    return this.touched.filter((p) => p === dir || p.startsWith(dir + path.sep));
  }
}

function write(root: string, rel: string, text: string): string {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
}

const CONFIG = (samples: string[]) => `{
  "audience": { "key": "vip" },
  "destination": { "slug": "personas-facebook-custom-audiences" },
  "idSyncConfiguration": [{ "externalId": "email", "strategy": "last", "mapTo": "EMAIL" }],
  "samples": ${JSON.stringify(samples)}
}
`;

const PROFILE = (id: string) => JSON.stringify({ external_ids: [{ type: 'email', id }] });

async function check(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['check', ...argv], { stdout: { write: (s) => void (stdout += s) }, stderr: { write: (s) => void (stderr += s) }, cwd, env: {} });
  return { code, stdout, stderr };
}

describe('confinement: files outside the workspace are refused, not read', () => {
  let base: string;
  let root: string;
  let outside: string;
  let rec: FsRecorder;

  beforeEach(() => {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-confine-')));
    root = path.join(base, 'ws', 'project');
    outside = path.join(base, 'outside');
    fs.mkdirSync(root, { recursive: true });
    write(outside, 'secret.json', PROFILE(SECRET));
    write(outside, 'space.json', '{ "rules": { "invalid-strategy": "off" } }');
    write(root, 'profiles/ok.json', PROFILE('ok@inside.example'));
    rec = new FsRecorder();
  });
  afterEach(() => {
    rec.uninstall();
    fs.rmSync(base, { recursive: true, force: true });
  });

  const badSamples = (): string[] => ['../../outside/secret.json', '../../../../../../../../etc/passwd', path.join(outside, 'secret.json'), '/etc/passwd', 'link.json', 'profiles/ok.json'];

  it('idsync check: ../ paths, absolute paths and a symlink outside get a sample-profile diagnostic each; none is read', async () => {
    fs.symlinkSync(path.join(outside, 'secret.json'), path.join(root, 'link.json'));
    write(root, 'vip.idsync.json', CONFIG(badSamples()));
    rec.install();
    const r = await check(root, '--format', 'json');
    rec.uninstall();
    const out = JSON.parse(r.stdout) as { files: Array<{ path: string; diagnostics: Array<{ code: string; message: string }> }> };
    const ds = out.files.find((f) => f.path === 'vip.idsync.json')!.diagnostics.filter((d) => d.code === 'sample-profile');
    assert.equal(ds.length, 5, JSON.stringify(ds));
    ds.forEach((d, i) => {
      const s = badSamples()[i];
      assert.ok(d.message.startsWith(`"${s}": Sample profile ${s === 'link.json' ? 'cannot be read' : 'refused'}: `), d.message);
    });
    for (const d of ds.slice(0, 4)) assert.match(d.message, /is outside .*: sample profiles must stay inside the workspace; not read\. /);
    assert.match(ds[4].message, /link\.json: resolves to a file outside the checked tree \(symbolic link\): not read\. /);
    assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET));
    assert.deepEqual(rec.under(outside), [], 'nothing under the outside directory is opened');
    assert.ok(!rec.touched.includes('/etc/passwd'), '/etc/passwd is not opened');
    assert.ok(rec.touched.includes(path.join(root, 'profiles', 'ok.json')), 'the recorder sees reads (the profile inside is read)');
  });

  it('idsync check: a symlinked idsync.space.json pointing outside is refused (not read, not applied)', async () => {
    fs.symlinkSync(path.join(outside, 'space.json'), path.join(root, 'idsync.space.json'));
    write(root, 'a.idsync.json', CONFIG([]).replace('"last"', '"Last Added"'));
    rec.install();
    const r = await check(root);
    rec.uninstall();
    assert.equal(r.code, 2, r.stderr);
    assert.equal(
      r.stderr,
      'idsync: a.idsync.json: not checked: its space file idsync.space.json could not be read\n' +
        'idsync: idsync.space.json: resolves to a file outside the checked tree (symbolic link): not read\n',
    );
    assert.deepEqual(rec.under(outside), []);
  });

  it('space lookup above the root: only idsync.space.json files of ancestor directories are read (check from a subfolder)', async () => {
    write(base, 'ws/idsync.space.json', '{ "rules": { "invalid-strategy": "off" } }');
    write(base, 'ws/notes.json', PROFILE(SECRET));
    write(root, 'a.idsync.json', CONFIG([]).replace('"last"', '"Last Added"'));
    rec.install();
    const r = await check(root, '-f', 'json');
    rec.uninstall();
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path), ['../idsync.space.json', 'a.idsync.json']);
    assert.deepEqual([...new Set(rec.outside(root))], [path.join(base, 'ws', 'idsync.space.json')], 'nothing else above the root is read');
    // A symlinked space file above the root that resolves to another name is refused, not read.
    fs.rmSync(path.join(base, 'ws', 'idsync.space.json'));
    fs.symlinkSync(path.join(outside, 'space.json'), path.join(base, 'ws', 'idsync.space.json'));
    rec.install();
    const refused = await check(root);
    rec.uninstall();
    assert.equal(refused.code, 2, refused.stderr);
    assert.equal(
      refused.stderr,
      'idsync: ../idsync.space.json: resolves to a file outside the checked tree (symbolic link): not read\n' +
        'idsync: a.idsync.json: not checked: its space file ../idsync.space.json could not be read\n',
    );
    assert.deepEqual(rec.under(outside), []);
    // The host refuses other names above the root, and space files in directories that are not ancestors.
    const host = new NodeFileHost(root);
    assert.throws(() => host.readSpaceFile(path.join(base, 'ws', 'notes.json')), OutsideRootError);
    write(outside, 'idsync.space.json', '{}');
    assert.throws(() => host.readSpaceFile(path.join(outside, 'idsync.space.json')), OutsideRootError);
    assert.throws(() => host.readFile(path.join(base, 'ws', 'idsync.space.json')), OutsideRootError, 'readFile keeps the strict confinement');
    fs.mkdirSync(path.join(outside, '.git'));
    assert.equal(host.hasGit(outside), false, '.git is looked for in the root and its ancestors only');
  });

  it('idsync check: a config symlinked from outside the tree is refused', async () => {
    write(outside, 'far.idsync.json', CONFIG([]));
    fs.symlinkSync(path.join(outside, 'far.idsync.json'), path.join(root, 'far.idsync.json'));
    rec.install();
    const r = await check(root);
    rec.uninstall();
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr, 'idsync: far.idsync.json: resolves to a file outside the checked tree (symbolic link): not read\n');
    assert.deepEqual(rec.under(outside), []);
  });

  describe('language server', () => {
    let client: TestClient;
    afterEach(async () => {
      rec.uninstall();
      await client?.shutdown();
    });

    it('sample profiles outside the folder (../, absolute, symlink): a diagnostic each, hover and preview answer, nothing outside is read', async () => {
      fs.symlinkSync(path.join(outside, 'secret.json'), path.join(root, 'link.json'));
      const text = CONFIG(badSamples());
      const uri = fileUri(write(root, 'vip.idsync.json', text));
      client = await TestClient.inProcess(root, { debounceMs: 10 });
      rec.install();
      await client.open(uri, text);
      const ds = (await client.diagnosticsFor(uri)).filter((d: Diagnostic) => d.code === 'sample-profile');
      assert.equal(ds.length, 5);
      for (const d of ds) assert.match(d.message as string, /outside/);
      const r = await client.request<PreviewResult>('idsync/preview', { uri });
      assert.ok(!JSON.stringify(r).includes(SECRET));
      assert.ok(!JSON.stringify(await client.hover(uri, client.positionOf(uri, '"destination"', 3))).includes(SECRET));
      rec.uninstall();
      assert.deepEqual(rec.under(outside), []);
      assert.ok(!rec.touched.includes('/etc/passwd'));
    });

    it('a symlinked idsync.space.json pointing outside the folder is refused with a diagnostic, and its rules do not apply', async () => {
      fs.symlinkSync(path.join(outside, 'space.json'), path.join(root, 'idsync.space.json'));
      const text = CONFIG([]).replace('"last"', '"Last Added"');
      const uri = fileUri(write(root, 'a.idsync.json', text));
      client = await TestClient.inProcess(root, { debounceMs: 10 });
      rec.install();
      await client.open(uri, text);
      const ds = await client.diagnosticsFor(uri);
      rec.uninstall();
      assert.deepEqual(rec.under(outside), []);
      // The config is linted without the refused space file (which would turn invalid-strategy off), and a diagnostic says why.
      assert.deepEqual(ds.map((d) => [d.code, d.severity]), [['read-error', 1], ['invalid-strategy', 1]]);
      assert.equal(
        ds[0].message,
        `The idsync.space.json that applies to this file cannot be read, so this file is checked without it: ${path.join(root, 'idsync.space.json')} is outside ${root}: files outside the workspace are not read`,
      );
      const st = await client.request<{ spaceFile: string | null }>('idsync/status', { uri });
      assert.equal(st.spaceFile, null);
    });
  });
});
