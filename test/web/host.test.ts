/**
 * The web worker's file host (server/src/web/host.ts) and URI mapping (server/src/web/uri.ts):
 * reads answered from a cache filled through `idsync/readFiles` (one request per round, each path
 * fetched once), refetched on `idsync/filesChanged`, reads confined to the folder, and the
 * URI <-> path mapping for virtual workspaces.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { decode } from '../../server/src/node/host';
import { decodeUtf8 } from '../../server/src/shared/encoding';
import { OutsideFolderError, WebFileHost, WebFiles } from '../../server/src/web/host';
import type { ReadFilesParams, ReadFilesResult } from '../../server/src/web/protocol';
import { webPathToUri, webUriToPath } from '../../server/src/web/uri';

const ROOT = '/vscode-vfs/github/acme/repo';
const U = 'vscode-vfs://github/acme/repo';

/** A client over an in-memory file system (URI -> text; directories listed from it). */
function fakeClient(files: Map<string, string>) {
  const requests: ReadFilesParams[] = [];
  const fetch = async (p: ReadFilesParams): Promise<ReadFilesResult> => {
    requests.push(p);
    return {
      files: p.files.map((uri) => (uri.endsWith('bad.json') ? { uri, error: 'is not valid UTF-8 text' } : files.has(uri) ? { uri, text: files.get(uri) } : { uri })),
      directories: p.directories.map((uri) => {
        const names = [...files.keys()].filter((k) => k.startsWith(uri + '/')).map((k) => k.slice(uri.length + 1)).map((r) => (r.includes('/') ? r.slice(0, r.indexOf('/') + 1) : r));
        return names.length ? { uri, entries: [...new Set(names)] } : { uri };
      }),
    };
  };
  return { requests, fetch };
}

describe('web file host', () => {
  it('maps URIs of any scheme to engine paths and back; untitled and dot segments have none', () => {
    assert.equal(webUriToPath(`${U}/configs/a%20b.idsync.json`), `${ROOT}/configs/a b.idsync.json`);
    assert.equal(webPathToUri(`${ROOT}/configs/a b.idsync.json`), `${U}/configs/a%20b.idsync.json`);
    assert.equal(webUriToPath('file:///home/me/x.idsync.json'), '/file/~/home/me/x.idsync.json');
    assert.equal(webPathToUri('/file/~/home/me/x.idsync.json'), 'file:///home/me/x.idsync.json');
    assert.equal(webUriToPath('vscode-remote://127.0.0.1:8080/tmp/ws/'), '/vscode-remote/127.0.0.1:8080/tmp/ws');
    assert.equal(webUriToPath(U), ROOT);
    assert.equal(webUriToPath('untitled:Untitled-1'), undefined);
    assert.equal(webUriToPath(`${U}/a/../b.json`), undefined);
    assert.equal(webUriToPath(`${U}/%E0%A4%A`), undefined);
    for (const p of [`${ROOT}/ü/日本.json`, `${ROOT}/a#b?c%d.json`]) assert.equal(webUriToPath(webPathToUri(p)!), p);
  });

  it('a miss answers undefined, then one request fetches every path asked in that task; onLoaded reports them; no path is fetched twice', async () => {
    const fs = new Map([[`${U}/idsync.space.json`, '{}'], [`${U}/samples/profiles/jane.json`, '{"data":[]}']]);
    const client = fakeClient(fs);
    const loaded: string[][] = [];
    const files = new WebFiles(client.fetch, (changes) => loaded.push(changes.map((c) => `${c.type} ${c.uri}`)));
    const host = new WebFileHost(ROOT, new Map(), files);
    assert.equal(host.readSpaceFile(`${ROOT}/configs/idsync.space.json`), undefined);
    assert.equal(host.readSpaceFile(`${ROOT}/idsync.space.json`), undefined);
    assert.equal(host.listDir(`${ROOT}/samples/profiles`), undefined);
    assert.equal(host.stamp(`${ROOT}/idsync.space.json`), undefined);
    await files.idle();
    assert.deepEqual(client.requests, [{ files: [`${U}/configs/idsync.space.json`, `${U}/idsync.space.json`], directories: [`${U}/samples/profiles`] }]);
    assert.deepEqual(loaded, [[`1 ${U}/configs/idsync.space.json`, `1 ${U}/idsync.space.json`, `1 ${U}/samples/profiles/jane.json`]]);
    assert.equal(host.readSpaceFile(`${ROOT}/idsync.space.json`), '{}');
    assert.equal(host.readSpaceFile(`${ROOT}/configs/idsync.space.json`), undefined);
    assert.deepEqual(host.listDir(`${ROOT}/samples/profiles`), ['jane.json']);
    assert.equal(host.readFile(`${ROOT}/samples/profiles/jane.json`), undefined, 'listed, not read yet');
    await files.idle();
    assert.equal(host.readFile(`${ROOT}/samples/profiles/jane.json`), '{"data":[]}');
    assert.equal(client.requests.length, 2);
    // Everything cached: reading again asks nothing.
    host.readSpaceFile(`${ROOT}/configs/idsync.space.json`);
    host.readFile(`${ROOT}/samples/profiles/jane.json`);
    await files.idle();
    assert.equal(client.requests.length, 2);
    assert.match(host.stamp(`${ROOT}/idsync.space.json`) ?? '', /^web:\d+$/);
  });

  it('an unreadable file throws its reason; a failed request makes the files unreadable, not missing', async () => {
    const client = fakeClient(new Map());
    const files = new WebFiles(client.fetch, () => undefined);
    const host = new WebFileHost(ROOT, new Map(), files);
    host.readFile(`${ROOT}/bad.json`);
    await files.idle();
    assert.throws(() => host.readFile(`${ROOT}/bad.json`), /is not valid UTF-8 text/);
    const logs: string[] = [];
    const failing = new WebFiles(async () => Promise.reject(new Error('connection closed')), () => undefined, (m) => logs.push(m));
    const h2 = new WebFileHost(ROOT, new Map(), failing);
    h2.readFile(`${ROOT}/x.json`);
    await failing.idle();
    assert.throws(() => h2.readFile(`${ROOT}/x.json`), /could not be read through the editor: connection closed/);
    assert.equal(logs.length, 1);
  });

  it('reads are confined to the folder; the space lookup stops at it; overlays come first and are never stamped', () => {
    const overlays = new Map([[`${ROOT}/idsync.space.json`, '{"rules":{}}']]);
    const host = new WebFileHost(ROOT, overlays, new WebFiles(async () => ({ files: [], directories: [] }), () => undefined));
    assert.throws(() => host.readFile('/vscode-vfs/github/acme/other/x.json'), OutsideFolderError);
    assert.throws(() => host.listDir('/vscode-vfs/github/acme'), /outside .*files outside the workspace are not read/);
    assert.equal(host.readSpaceFile('/vscode-vfs/github/acme/idsync.space.json'), undefined, 'above the folder: nothing');
    assert.equal(host.hasGit(ROOT), true);
    assert.equal(host.hasGit(`${ROOT}/configs`), false);
    assert.equal(host.readSpaceFile(`${ROOT}/idsync.space.json`), '{"rules":{}}');
    assert.equal(host.stamp(`${ROOT}/idsync.space.json`), undefined);
  });

  it('changed(): what the cache holds is fetched again before onLoaded gets the events; a created file refreshes its directory listing', async () => {
    const fs = new Map([[`${U}/idsync.space.json`, '{}'], [`${U}/samples/profiles/a.json`, '{}']]);
    const client = fakeClient(fs);
    const loaded: string[][] = [];
    const files = new WebFiles(client.fetch, (changes) => loaded.push(changes.map((c) => `${c.type} ${c.uri}`)));
    const host = new WebFileHost(ROOT, new Map(), files);
    host.readSpaceFile(`${ROOT}/idsync.space.json`);
    host.listDir(`${ROOT}/samples/profiles`);
    await files.idle();
    const stamp = host.stamp(`${ROOT}/idsync.space.json`);
    fs.set(`${U}/idsync.space.json`, '{"customIdentifiers":["x"]}');
    fs.set(`${U}/samples/profiles/b.json`, '{}');
    loaded.length = 0;
    await files.changed([{ uri: `${U}/idsync.space.json`, type: 2 }, { uri: `${U}/samples/profiles/b.json`, type: 1 }, { uri: `${U}/unrelated.json`, type: 2 }]);
    assert.deepEqual(client.requests.at(-1), { files: [`${U}/idsync.space.json`], directories: [`${U}/samples/profiles`] });
    assert.deepEqual(loaded, [[`2 ${U}/idsync.space.json`, `1 ${U}/samples/profiles/b.json`, `2 ${U}/unrelated.json`]]);
    assert.equal(host.readSpaceFile(`${ROOT}/idsync.space.json`), '{"customIdentifiers":["x"]}');
    assert.notEqual(host.stamp(`${ROOT}/idsync.space.json`), stamp);
    assert.deepEqual(host.listDir(`${ROOT}/samples/profiles`)?.sort(), ['a.json', 'b.json']);
  });

  it('the web client decodes file bytes as the Node host does: the same text, or the same refusal (UTF-16, invalid UTF-8), BOM dropped', () => {
    const outcome = (f: () => string) => {
      try {
        return { text: f() };
      } catch (e) {
        return { error: (e as Error).message };
      }
    };
    const same = (bytes: Uint8Array) => assert.deepEqual(outcome(() => decodeUtf8(bytes)), outcome(() => decode(Buffer.from(bytes))), `bytes ${Buffer.from(bytes).toString('hex')}`);
    for (const t of ['', '{}', '\ufeff{"a":1}', 'Jürgen 日本 😀']) same(new TextEncoder().encode(t));
    same(Buffer.from('\ufeff{"a":1}', 'utf16le'));
    same(Buffer.from([0xfe, 0xff, 0, 0x7b, 0, 0x7d]));
    same(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]));
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => same(b)), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (t) => same(new TextEncoder().encode(t))), { numRuns: 1000 });
  });
});
