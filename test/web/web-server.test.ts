/**
 * The web extension's language server (the built browser bundle dist/web/server.js) run as a web
 * worker would run it: in a fresh VM context whose only globals are what a worker has (postMessage,
 * onmessage, timers, TextEncoder/TextDecoder, URL, console: no require, process or Buffer), its
 * files read through `idsync/readFiles` as the web client answers it, under a virtual workspace
 * (`vscode-vfs://github/acme/repo`). Each feature is compared with the Node server (in process, on
 * the same files on disk, `file:` URIs): diagnostics, hover with the preview (hashing), completion,
 * the preview panel's result and the status; then a space-file change reported by `idsync/filesChanged`.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { AbstractMessageReader, AbstractMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import type { DataCallback, Disposable, Message, MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, Hover } from 'vscode-languageserver';
import { decodeUtf8 } from '../../server/src/shared/encoding';
import type { ReadFilesParams, ReadFilesResult } from '../../server/src/web/protocol';
import { fileUri, TestClient, withTimeout } from '../lsp/helpers/client';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURE = path.join(ROOT, 'test/e2e/fixtures/workspace');
const BUNDLE = path.join(ROOT, 'dist/web/server.js');
const VFS = 'vscode-vfs://github/acme/repo';

/** The worker's side of the port: messages the server posts come out here; ours go in through its onmessage. */
class WorkerPort {
  readonly context: vm.Context;
  private readonly listeners: Array<(m: Message) => void> = [];
  constructor() {
    const sandbox: Record<string, unknown> = {
      postMessage: (m: Message) => {
        for (const l of this.listeners) l(JSON.parse(JSON.stringify(m)));
      },
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      queueMicrotask,
      TextEncoder,
      TextDecoder,
      URL,
      console: { log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    };
    sandbox.self = sandbox;
    this.context = vm.createContext(sandbox);
  }
  send(m: Message): void {
    const onmessage = (this.context as { onmessage?: (e: { data: unknown }) => void }).onmessage;
    assert.ok(onmessage, 'the server set the worker\'s onmessage');
    onmessage({ data: JSON.parse(JSON.stringify(m)) });
  }
  onPost(l: (m: Message) => void): void {
    this.listeners.push(l);
  }
}

class Reader extends AbstractMessageReader {
  constructor(private readonly port: WorkerPort) {
    super();
  }
  listen(callback: DataCallback): Disposable {
    this.port.onPost(callback);
    return { dispose: () => undefined };
  }
}

class Writer extends AbstractMessageWriter {
  constructor(private readonly port: WorkerPort) {
    super();
  }
  async write(msg: Message): Promise<void> {
    this.port.send(msg);
  }
  end(): void {}
}

/** vscode-vfs://github/acme/repo/<rel> <-> <dir>/<rel>. */
function diskPath(dir: string, uri: string): string | undefined {
  if (!uri.startsWith(VFS)) return undefined;
  return path.join(dir, decodeURIComponent(uri.slice(VFS.length)));
}

/** What the web client does with vscode.workspace.fs (client/src/extension.browser.ts), over the disk. */
function answerReadFiles(dir: string, p: ReadFilesParams): ReadFilesResult {
  return {
    files: p.files.map((uri) => {
      const file = diskPath(dir, uri);
      if (!file || !fs.existsSync(file)) return { uri };
      try {
        return { uri, text: decodeUtf8(fs.readFileSync(file)) };
      } catch (e) {
        return { uri, error: (e as Error).message };
      }
    }),
    directories: p.directories.map((uri) => {
      const d = diskPath(dir, uri);
      if (!d || !fs.existsSync(d) || !fs.statSync(d).isDirectory()) return { uri };
      return { uri, entries: fs.readdirSync(d, { withFileTypes: true }).map((e) => (e.isDirectory() ? e.name + '/' : e.name)) };
    }),
  };
}

interface WebServer {
  context: vm.Context;
  conn: MessageConnection;
  published: Map<string, Diagnostic[]>;
  /** Every publish, per URI, in order. */
  history: Map<string, Diagnostic[][]>;
  reads: ReadFilesParams[];
  changed: () => Promise<void>;
}

async function startWebServer(dir: string): Promise<WebServer> {
  const port = new WorkerPort();
  vm.runInContext(fs.readFileSync(BUNDLE, 'utf8'), port.context, { filename: BUNDLE });
  const conn = createMessageConnection(new Reader(port), new Writer(port));
  const published = new Map<string, Diagnostic[]>();
  const history = new Map<string, Diagnostic[][]>();
  const waiters: Array<() => void> = [];
  const reads: ReadFilesParams[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
    published.set(p.uri, p.diagnostics);
    history.set(p.uri, [...(history.get(p.uri) ?? []), p.diagnostics]);
    for (const w of waiters.splice(0)) w();
  });
  conn.onNotification(() => undefined);
  conn.onRequest('idsync/readFiles', (p: ReadFilesParams) => {
    reads.push(p);
    return answerReadFiles(dir, p);
  });
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: null,
    rootUri: VFS,
    workspaceFolders: [{ uri: VFS, name: 'repo' }],
    capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { completion: { completionItem: { snippetSupport: true } } } },
    initializationOptions: { debounceMs: 0 },
  });
  await conn.sendNotification('initialized', {});
  const changed = () => new Promise<void>((r) => waiters.push(r));
  return { context: port.context, conn, published, history, reads, changed };
}

const strip = (ds: Diagnostic[] | undefined) => (ds ?? []).map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** Waits until the web server's diagnostics of `uri` equal `expected` (it may publish without a file it is still fetching first). */
async function diagnosticsBecome(web: WebServer, uri: string, expected: Diagnostic[], what: string): Promise<void> {
  const want = JSON.stringify(strip(expected));
  const deadline = Date.now() + 10000;
  while (JSON.stringify(strip(web.published.get(uri))) !== want) {
    const left = deadline - Date.now();
    if (left <= 0) assert.fail(`${what}: the web server's diagnostics never equalled the Node server's.\nweb:  ${JSON.stringify(strip(web.published.get(uri)))}\nnode: ${want}`);
    await Promise.race([web.changed(), new Promise((r) => setTimeout(r, Math.min(left, 500)))]);
  }
}

describe('web extension: the browser server bundle in a worker-like context, against the Node server', function () {
  this.timeout(30000);
  let dir: string;
  let node: TestClient;
  let web: WebServer;
  const configs = fs.readdirSync(path.join(FIXTURE, 'configs')).sort();

  before(async () => {
    assert.ok(fs.existsSync(BUNDLE), `${BUNDLE} is missing: run npm run build`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-web-'));
    fs.cpSync(FIXTURE, dir, { recursive: true });
    node = await TestClient.inProcess(dir, { debounceMs: 0 });
    web = await startWebServer(dir);
    for (const c of configs) {
      const text = fs.readFileSync(path.join(dir, 'configs', c), 'utf8');
      await node.open(fileUri(path.join(dir, 'configs', c)), text);
      await web.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: `${VFS}/configs/${c}`, languageId: 'idsync', version: 1, text } });
    }
  });

  after(async () => {
    await node?.shutdown();
    web?.conn.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs where require, process and Buffer do not exist (as in a web worker)', () => {
    assert.equal(vm.runInContext('[typeof require, typeof process, typeof Buffer, typeof module].join()', web.context), 'undefined,undefined,undefined,undefined');
    assert.ok(configs.length >= 3, `fixture configs: ${configs.join(', ')}`);
  });

  it('diagnostics: the same codes, severities, messages and ranges as the Node server, for every fixture config (the space file and profiles read through idsync/readFiles)', async () => {
    for (const c of configs) {
      const expected = await node.diagnosticsFor(fileUri(path.join(dir, 'configs', c)));
      await diagnosticsBecome(web, `${VFS}/configs/${c}`, expected, c);
    }
    assert.ok(strip(web.published.get(`${VFS}/configs/facebook-problems.idsync.json`)).length > 0, 'the problem config has diagnostics');
    const asked = web.reads.flatMap((r) => [...r.files, ...r.directories]);
    assert.ok(asked.includes(`${VFS}/idsync.space.json`), `the space file was read: ${JSON.stringify(asked)}`);
    assert.ok(asked.includes(`${VFS}/samples/profiles/jane.json`), `the sample profile was read: ${JSON.stringify(asked)}`);
    assert.equal(new Set(asked).size, asked.length, `no path asked twice: ${JSON.stringify(asked)}`);
    assert.ok(web.reads.length <= 6, `a few requests, not one per read: ${web.reads.length}`);
    // No flash of diagnostics computed before the space file and profiles arrived: every publish is the final one.
    for (const c of configs) {
      const uri = `${VFS}/configs/${c}`;
      const all = (web.history.get(uri) ?? []).map((d) => JSON.stringify(strip(d)));
      assert.deepEqual(all, all.map(() => JSON.stringify(strip(web.published.get(uri)))), `${c}: every publish equals the last one`);
    }
  });

  it('hover over an entry: the same preview table (hashed values equal node:crypto\'s) and catalog text', async () => {
    const c = 'facebook-preview.idsync.json';
    const text = fs.readFileSync(path.join(dir, 'configs', c), 'utf8');
    const fileU = fileUri(path.join(dir, 'configs', c));
    const hovers: string[] = [];
    for (const [needle, delta] of [['{ "externalId": "email"', 0], ['"setup"', 2], ['"personas-facebook-custom-audiences"', 2]] as const) {
      const position = node.positionOf(fileU, needle, delta);
      const expected = await node.hover(fileU, position);
      const got = await withTimeout(web.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: `${VFS}/configs/${c}` }, position }), 5000, 'web hover');
      assert.ok(expected, `Node hover at ${needle}`);
      assert.deepEqual(got, expected, `hover at ${needle}`);
      hovers.push(JSON.stringify(got));
    }
    // The entry's hover shows (the start of) the SHA-256 of one of the profile's emails, as node:crypto computes it.
    const profile = JSON.parse(fs.readFileSync(path.join(dir, 'samples/profiles/jane.json'), 'utf8')) as { data: Array<{ type: string; id: string }> };
    const digests = profile.data.filter((d) => d.type === 'email').map((d) => createHash('sha256').update(d.id.trim().toLowerCase()).digest('hex').slice(0, 8));
    assert.ok(digests.some((d) => hovers[0].includes(d)), `one of ${digests.join(', ')} in ${hovers[0]}`);
    assert.ok(text.includes('jane.json'));
  });

  it('the first request after opening a config (a hover, before its profiles were fetched) already shows them: answered again once the files arrive', async () => {
    const fresh = await startWebServer(dir);
    try {
      const c = 'facebook-preview.idsync.json';
      const fileU = fileUri(path.join(dir, 'configs', c));
      const position = node.positionOf(fileU, '{ "externalId": "email"');
      await fresh.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: `${VFS}/configs/${c}`, languageId: 'idsync', version: 1, text: node.text(fileU) } });
      const got = await withTimeout(fresh.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: `${VFS}/configs/${c}` }, position }), 5000, 'web hover');
      assert.deepEqual(got, await node.hover(fileU, position));
      assert.ok(fresh.reads.length >= 1, 'the files were fetched for it');
    } finally {
      fresh.conn.dispose();
    }
  });

  it('completion, the preview panel\'s result and the status: the same as the Node server (paths mapped to the virtual workspace)', async () => {
    const c = 'completion.idsync.json';
    const fileU = fileUri(path.join(dir, 'configs', c));
    const text = node.text(fileU);
    const at = text.indexOf('"externalId": "') + '"externalId": "'.length;
    const position = at > 0 ? node.positionOf(fileU, '"externalId": "', '"externalId": "'.length) : { line: 0, character: 0 };
    const expected = await node.completion(fileU, position);
    const got = await web.conn.sendRequest<{ label: string }[] | { items: { label: string }[] }>('textDocument/completion', { textDocument: { uri: `${VFS}/configs/${c}` }, position });
    const labels = (r: typeof got) => (Array.isArray(r) ? r : r.items).map((i) => i.label).sort();
    assert.ok(expected.length > 3, 'Node offers completions');
    assert.deepEqual(labels(got), expected.map((i) => i.label).sort());

    const p = 'facebook-preview.idsync.json';
    const nodePreview = await node.request<{ html: string; profileCount: number; error?: string }>('idsync/preview', { uri: fileUri(path.join(dir, 'configs', p)) });
    const webPreview = await web.conn.sendRequest<{ html: string; profileCount: number; error?: string }>('idsync/preview', { uri: `${VFS}/configs/${p}` });
    assert.equal(webPreview.error, undefined);
    assert.equal(webPreview.profileCount, 1);
    assert.equal(webPreview.html, nodePreview.html);

    const status = await web.conn.sendRequest<{ spaceFile: string | null; rulesOn: number }>('idsync/status', { uri: `${VFS}/configs/${p}` });
    const nodeStatus = await node.request<{ spaceFile: string | null; rulesOn: number }>('idsync/status', { uri: fileUri(path.join(dir, 'configs', p)) });
    assert.deepEqual(status, { ...nodeStatus, spaceFile: '/vscode-vfs/github/acme/repo/idsync.space.json' });
  });

  it('idsync/filesChanged: a space file edited on the file system is read again and the diagnostics follow (as the Node server after workspace/didChangeWatchedFiles)', async () => {
    const space = path.join(dir, 'idsync.space.json');
    const c = 'facebook-problems.idsync.json';
    const fileU = fileUri(path.join(dir, 'configs', c));
    const before = node.published.length;
    const old = strip(web.published.get(`${VFS}/configs/${c}`));
    fs.writeFileSync(space, '{ "rules": { "invalid-strategy": "off" } }\n');
    await node.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(space), type: 2 }] });
    await web.conn.sendNotification('idsync/filesChanged', { changes: [{ uri: `${VFS}/idsync.space.json`, type: 2 }] });
    const expected = (await node.waitForDiagnostics(fileU, () => true, 5000, before)).diagnostics;
    assert.notDeepEqual(strip(expected), old, 'the new space file changes the diagnostics');
    await diagnosticsBecome(web, `${VFS}/configs/${c}`, expected, `${c} after the space file changed`);
  });
});
