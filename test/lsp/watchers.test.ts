/**
 * File watching over JSON-RPC (in-process server): a client that declares
 * `workspace.didChangeWatchedFiles.dynamicRegistration` is asked to watch the space files, the
 * default sample profiles, the `idsync.sampleProfiles` globs and the profiles configs name (exact
 * watchers, replaced when the list grows); a client that does not is asked nothing; a
 * `didChangeWatchedFiles` notification after the space file or a profile is rewritten on disk
 * changes the open config's diagnostics, also when the event comes twice in one notification
 * (VS Code's own watcher plus the registered ones).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FileSystemWatcher } from 'vscode-languageserver';
import { TestClient, fileUri, defaultCapabilities } from './helpers/client';

const SPACE = (severity: string) => `{ "rules": { "too-many-all": "${severity}" } }\n`;
const CONFIG = (samples = '') => `{
  "audience": { "key": "vip" },
  "destination": { "slug": "personas-facebook-custom-audiences" },
  "idSyncConfiguration": [
    { "externalId": "email", "strategy": "all", "mapTo": "EMAIL" },
    { "externalId": "phone", "strategy": "all", "mapTo": "PHONE" },
    { "externalId": "ios.idfa", "strategy": "all", "mapTo": "MADID" },
    { "externalId": "user_id", "strategy": "all", "mapTo": "EXTERN_ID" }
  ]${samples}
}
`;

type Registration = { id: string; method: string; registerOptions: { watchers: FileSystemWatcher[] } };

describe('language server: watched files', () => {
  let root: string;
  let client: TestClient | undefined;

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-watch-')));
    fs.mkdirSync(path.join(root, '.git'));
    fs.writeFileSync(path.join(root, 'idsync.space.json'), SPACE('warning'));
  });
  afterEach(async () => {
    await client?.shutdown();
    client = undefined;
    fs.rmSync(root, { recursive: true, force: true });
  });

  const start = async (watched: object | undefined, extra: Record<string, unknown> = {}) => {
    const caps = defaultCapabilities() as any;
    if (watched) caps.workspace.didChangeWatchedFiles = watched;
    Object.assign(caps.workspace, extra);
    client = await TestClient.inProcess(root, { debounceMs: 10 }, caps);
    return client;
  };
  const registrations = (c: TestClient): Registration[] =>
    c.serverRequests.filter((r) => r.method === 'client/registerCapability').flatMap((r) => (r.params as { registrations: Registration[] }).registrations).filter((r) => r.method === 'workspace/didChangeWatchedFiles');
  const nth = (c: TestClient, n: number) => c.waitForServerRequest(() => registrations(c).length >= n).then(() => registrations(c)[n - 1]);

  it('asks a client that declares the dynamic registration to watch space files and sample profiles (exact watchers)', async () => {
    const c = await start({ dynamicRegistration: true });
    const first = await nth(c, 1);
    assert.deepEqual(first.registerOptions, { watchers: [{ globPattern: '**/idsync.space.json' }, { globPattern: '**/samples/profiles/*.json' }] });
    // A config naming its own profiles: they are watched too (absolute globs: no relativePatternSupport).
    fs.mkdirSync(path.join(root, 'profiles'));
    fs.writeFileSync(path.join(root, 'profiles/ann.json'), '[{ "type": "email", "id": "ann@example.com" }]');
    const uri = fileUri(path.join(root, 'vip.idsync.json'));
    await c.open(uri, CONFIG(',\n  "samples": ["profiles/ann.json", "profiles/ann.json"]'));
    const second = await nth(c, 2);
    assert.deepEqual(second.registerOptions.watchers.slice(2), [{ globPattern: `${root.split(path.sep).join('/')}/profiles/ann.json` }]);
    // The previous registration is withdrawn.
    const gone = await c.waitForServerRequest((r) => r.method === 'client/unregisterCapability');
    assert.deepEqual(gone.params, { unregisterations: [{ id: first.id, method: 'workspace/didChangeWatchedFiles' }] });
  });

  it('watches the idsync.sampleProfiles globs of each folder, as RelativePatterns when the client supports them', async () => {
    const c = await start({ dynamicRegistration: true, relativePatternSupport: true }, { configuration: true });
    c.settings = { sampleProfiles: ['more/**/*.json', './team/*.json'] };
    await c.notify('workspace/didChangeConfiguration', { settings: null });
    const rootUri = fileUri(root);
    await c.waitForServerRequest(() => registrations(c).some((r) => r.registerOptions.watchers.length === 4));
    assert.deepEqual(registrations(c).at(-1)!.registerOptions.watchers, [
      { globPattern: '**/idsync.space.json' },
      { globPattern: '**/samples/profiles/*.json' },
      { globPattern: { baseUri: rootUri, pattern: 'more/**/*.json' } },
      { globPattern: { baseUri: rootUri, pattern: 'team/*.json' } },
    ]);
  });

  it('asks a client without the dynamic registration nothing (Neovim 0.7 declares none)', async () => {
    const c = await start(undefined);
    // Registrations are sent while the server handles `initialized`; an answer to a later request comes after them.
    await c.request('idsync/status', { uri: fileUri(path.join(root, 'x.idsync.json')) });
    assert.deepEqual(registrations(c), []);
    const c2 = c;
    await c2.shutdown();
    const c3 = await start({ dynamicRegistration: false });
    await c3.request('idsync/status', { uri: fileUri(path.join(root, 'x.idsync.json')) });
    assert.deepEqual(registrations(c3), []);
  });

  for (const twice of [false, true]) {
    it(`re-validates the open config when the space file is rewritten on disk and reported${twice ? ' twice in one notification (VS Code)' : ''}`, async () => {
      const c = await start(twice ? { dynamicRegistration: true } : undefined);
      const uri = fileUri(path.join(root, 'vip.idsync.json'));
      await c.open(uri, CONFIG());
      const first = await c.diagnosticsFor(uri);
      assert.deepEqual(first.filter((d) => d.code === 'too-many-all').map((d) => d.severity), [2]);
      fs.writeFileSync(path.join(root, 'idsync.space.json'), SPACE('error'));
      const since = c.published.length;
      const change = { uri: fileUri(path.join(root, 'idsync.space.json')), type: 2 };
      await c.notify('workspace/didChangeWatchedFiles', { changes: twice ? [change, change] : [change] });
      const p = await c.waitForDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === 'too-many-all' && d.severity === 1), 5000, since);
      assert.equal(p.version, 1);
      const st = await c.request<{ spaceFile: string | null; overrides: Record<string, string> }>('idsync/status', { uri });
      assert.deepEqual(st.overrides, { 'too-many-all': 'error' });
    });
  }

  it('re-validates the open config when a profile it names is rewritten on disk (sample-profile)', async () => {
    const c = await start({ dynamicRegistration: true });
    fs.mkdirSync(path.join(root, 'profiles'));
    const profile = path.join(root, 'profiles/ann.json');
    fs.writeFileSync(profile, '[{ "type": "email", "id": "ann@example.com" }]');
    const uri = fileUri(path.join(root, 'vip.idsync.json'));
    await c.open(uri, CONFIG(',\n  "samples": ["profiles/ann.json"]'));
    assert.deepEqual((await c.diagnosticsFor(uri)).filter((d) => d.code === 'sample-profile'), []);
    fs.writeFileSync(profile, '[{ "type": "email", "id": ');
    const since = c.published.length;
    await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(profile), type: 2 }] });
    const p = await c.waitForDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === 'sample-profile'), 5000, since);
    assert.equal(p.version, 1);
  });
});
