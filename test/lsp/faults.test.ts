/**
 * The language server under malformed and out-of-order protocol traffic, driven in-process over
 * JSON-RPC: requests for documents that were never opened, changes for unopened documents and with
 * stale versions, double opens, requests after close, cancellation, a space file that appears,
 * changes and disappears, a sample profile deleted while previewing, malformed params and a
 * request before `initialize`. After each fault the server must still answer a normal request
 * correctly (`assertAlive`).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { Diagnostic, Hover } from 'vscode-languageserver';
import { TestClient, fileUri, defaultCapabilities, connectInProcess } from './helpers/client';
import type { PreviewResult } from '../../server/src/lsp/preview';

const CONFIG = (strategies: string[], samples?: string[]) => `{
  "audience": { "key": "vip" },
  "destination": { "slug": "personas-facebook-custom-audiences" },
  "idSyncConfiguration": [
${strategies.map((s, i) => `    { "externalId": "${['email', 'phone', 'ios.idfa', 'user_id', 'android.idfa'][i]}", "strategy": "${s}", "mapTo": "${['EMAIL', 'PHONE', 'MADID', 'EXTERN_ID', 'MADID'][i]}" }`).join(',\n')}
  ]${samples ? `,\n  "samples": ${JSON.stringify(samples)}` : ''}
}
`;

const ALIVE_TEXT = CONFIG(['last']);
const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code));

function write(root: string, rel: string, text: string): string {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
}

function hoverValue(h: Hover | null): string {
  assert.ok(h, 'a hover');
  return (h.contents as { value: string }).value;
}

describe('language server: faults', () => {
  let root: string;
  let client: TestClient;
  let alive: string;

  /** A normal request still gets the right answer: the hover of "email" in an open, valid config. */
  async function assertAlive(): Promise<void> {
    if (!client.texts.has(alive)) await client.open(alive, ALIVE_TEXT);
    const md = hoverValue(await client.hover(alive, client.positionOf(alive, '"email"', 2)));
    assert.match(md, /^\*\*Email\*\* \(`email`, a default identifier\)/);
    const symbols = await client.request<Array<{ name: string }>>('textDocument/documentSymbol', { textDocument: { uri: alive } });
    assert.deepEqual(symbols.map((s) => s.name), ['audience', 'destination', 'idSyncConfiguration']);
  }

  beforeEach(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-faults-')));
    alive = fileUri(write(root, 'alive.idsync.json', ALIVE_TEXT));
    client = await TestClient.inProcess(root, { debounceMs: 10 });
  });
  afterEach(async () => {
    await client.shutdown();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('answers requests for a document that was never opened with empty answers', async () => {
    const uri = fileUri(path.join(root, 'never.idsync.json'));
    const pos = { line: 0, character: 0 };
    assert.equal(await client.hover(uri, pos), null);
    assert.deepEqual(await client.completion(uri, pos), []);
    assert.deepEqual(await client.codeActions(uri, []), []);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
    assert.deepEqual(await client.request('textDocument/foldingRange', { textDocument: { uri } }), []);
    assert.deepEqual(await client.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }), []);
    assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri } }), []);
    const r = await client.request<PreviewResult>('idsync/preview', { uri });
    assert.equal(r.error, 'The config does not exist (any more).');
    assert.equal(r.profileCount, 0);
    const st = await client.request<{ spaceFile: string | null; rulesOn: number; rulesTotal: number }>('idsync/status', { uri });
    assert.deepEqual([st.spaceFile, st.rulesOn === st.rulesTotal], [null, true]);
    await assertAlive();
  });

  it('ignores didChange for a document that is not open, and publishes nothing for it', async () => {
    const uri = fileUri(path.join(root, 'ghost.idsync.json'));
    await client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: '{ "x": ' }] });
    await assertAlive();
    assert.deepEqual(client.published.filter((p) => p.uri === uri), []);
    assert.equal(await client.hover(uri, { line: 0, character: 1 }), null);
  });

  it('keeps the newest text when changes arrive with stale or out-of-order versions, and never publishes a stale version', async () => {
    const uri = fileUri(path.join(root, 'a.idsync.json'));
    await client.open(uri, CONFIG(['last']));
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const since = client.published.length;
    // Version 5 first, then 3 and 5 again (both stale): only version 5's text counts.
    await client.notify('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text: CONFIG(['Last Added']) }] });
    await client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: CONFIG(['bogus']) }] });
    await client.notify('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text: CONFIG(['first']) }] });
    await client.notify('textDocument/didChange', { textDocument: { uri, version: null }, contentChanges: [{ text: CONFIG(['first']) }] });
    const p = await client.waitForDiagnostics(uri, (x) => x.version === 5, 5000, since);
    assert.deepEqual(codes(p.diagnostics), ['invalid-strategy']);
    assert.match(p.diagnostics[0].message as string, /"Last Added"/);
    // The server's text is version 5's: formatting and symbols see "Last Added".
    const symbols = await client.request<Array<{ name: string; children?: Array<{ name: string }> }>>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols[2].children!.map((c) => c.name), ['email → EMAIL (Last Added)']);
    await assertAlive();
    assert.deepEqual(client.published.slice(since).filter((x) => x.uri === uri).map((x) => x.version), [5]);
  });

  it('treats a second didOpen as a reopen with the new text', async () => {
    const uri = fileUri(path.join(root, 'twice.idsync.json'));
    await client.open(uri, CONFIG(['Last Added']));
    assert.deepEqual(codes(await client.diagnosticsFor(uri)), ['invalid-strategy']);
    await client.open(uri, CONFIG(['last']), 'idsync', 7);
    const p = await client.waitForDiagnostics(uri, (x) => x.version === 7);
    assert.deepEqual(codes(p.diagnostics), []);
    await assertAlive();
  });

  it('answers requests after didClose from nothing (editor features) or the disk (preview)', async () => {
    const uri = fileUri(write(root, 'closed.idsync.json', CONFIG(['last'])));
    await client.open(uri, CONFIG(['Last Added']));
    await client.diagnosticsFor(uri);
    await client.close(uri);
    assert.equal(await client.hover(uri, { line: 4, character: 20 }), null);
    assert.deepEqual(await client.completion(uri, { line: 4, character: 20 }), []);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
    const r = await client.request<PreviewResult>('idsync/preview', { uri });
    assert.equal(r.error, undefined);
    assert.equal(r.version, null, 'read from disk');
    // Closing again, and changing the closed document, are ignored.
    await client.notify('textDocument/didClose', { textDocument: { uri } });
    await client.notify('textDocument/didChange', { textDocument: { uri, version: 9 }, contentChanges: [{ text: '{' }] });
    await assertAlive();
    assert.ok(!client.published.some((p) => p.uri === uri && p.version === 9));
  });

  it('answers or cancels a cancelled request, and keeps answering', async () => {
    // A large profile makes the preview hover slow enough to be cancelled in flight.
    const ids = Array.from({ length: 20000 }, (_, i) => ({ type: 'email', id: `user${i}@example.com`, created_at: new Date(1e12 + i * 1000).toISOString() }));
    write(root, 'profiles/big.json', JSON.stringify({ external_ids: ids }));
    const uri = fileUri(write(root, 'slow.idsync.json', CONFIG(['all'], ['profiles/big.json'])));
    await client.open(uri, CONFIG(['all'], ['profiles/big.json']));
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const source = new CancellationTokenSource();
      const pending = client.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: client.positionOf(uri, '"destination"', 3) }, source.token);
      source.cancel();
      try {
        const h = await pending;
        assert.match(hoverValue(h), /ID Sync preview/);
        outcomes.push('answered');
      } catch (e) {
        assert.ok(e instanceof ResponseError, String(e));
        assert.equal(e.code, -32800, 'RequestCancelled');
        outcomes.push('cancelled');
      }
    }
    assert.equal(outcomes.length, 3);
    // A cancel for a request id that does not exist is harmless.
    await client.notify('$/cancelRequest', { id: 987654 });
    await assertAlive();
  });

  it('follows a space file that is missing, then created, changed, broken and deleted', async () => {
    const uri = fileUri(path.join(root, 'space.idsync.json'));
    const spacePath = path.join(root, 'idsync.space.json');
    const spaceUri = fileUri(spacePath);
    await client.open(uri, CONFIG(['all', 'all', 'all', 'all']));
    const sev = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'too-many-all').map((d) => d.severity);
    assert.deepEqual(sev(await client.diagnosticsFor(uri)), [1]);
    const status = () => client.request<{ spaceFile: string | null; spaceProblems: number; rulesOn: number; rulesTotal: number; overrides: object }>('idsync/status', { uri });
    assert.equal((await status()).spaceFile, null);

    const step = async (type: number, pred: (ds: Diagnostic[]) => boolean) => {
      const since = client.published.length;
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: spaceUri, type }] });
      await client.waitForDiagnostics(uri, (p) => pred(p.diagnostics), 5000, since);
    };
    fs.writeFileSync(spacePath, '{ "rules": { "too-many-all": "off" } }');
    await step(1, (ds) => sev(ds).length === 0);
    assert.equal((await status()).spaceFile, spacePath);
    fs.writeFileSync(spacePath, '{ "rules": { "too-many-all": "warning" } }');
    await step(2, (ds) => sev(ds).join() === '2');
    fs.writeFileSync(spacePath, '{ "rules": { "too-many-all": ');
    await step(2, (ds) => sev(ds).join() === '1');
    assert.ok((await status()).spaceProblems > 0);
    fs.rmSync(spacePath);
    await step(3, (ds) => sev(ds).join() === '1');
    assert.deepEqual(await status(), { spaceFile: null, rulesOn: (await status()).rulesTotal, rulesTotal: (await status()).rulesTotal, overrides: {}, spaceProblems: 0 });
    // A deleted event for a space file that never existed, and an event with no changes array.
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(root, 'nowhere', 'idsync.space.json')), type: 3 }] });
    await client.notify('workspace/didChangeWatchedFiles', { changes: null });
    await assertAlive();
  });

  it('keeps answering hover and preview when a sample profile is deleted while previewing, and reports it', async () => {
    const profile = write(root, 'profiles/ann.json', JSON.stringify({ external_ids: [{ type: 'email', id: 'ann@example.com' }] }));
    const text = CONFIG(['last'], ['profiles/ann.json']);
    const uri = fileUri(write(root, 'vip.idsync.json', text));
    await client.open(uri, text);
    assert.deepEqual(codes(await client.diagnosticsFor(uri)), []);
    const before = await client.request<PreviewResult>('idsync/preview', { uri });
    assert.equal(before.profileCount, 1);
    assert.equal(before.error, undefined);
    fs.rmSync(profile);
    const since = client.published.length;
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(profile), type: 3 }] });
    const p = await client.waitForDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === 'sample-profile'), 5000, since);
    const d = p.diagnostics.find((x) => x.code === 'sample-profile')!;
    assert.match(d.message as string, /^"profiles\/ann\.json": /);
    const md = hoverValue(await client.hover(uri, client.positionOf(uri, '"destination"', 3)));
    assert.match(md, /\*\*profiles\\\/ann\\\.json\*\*: cannot preview: Sample profile not found/);
    const after = await client.request<PreviewResult>('idsync/preview', { uri });
    assert.equal(after.error, undefined);
    assert.ok(!JSON.stringify(after.json).includes('ann@example.com'));
    await assertAlive();
  });

  it('answers malformed params with empty answers instead of errors', async () => {
    const uri = fileUri(path.join(root, 'm.idsync.json'));
    await client.open(uri, CONFIG(['last']));
    await client.diagnosticsFor(uri);
    const td = { uri };
    // Out of range positions are clamped; negative or non-integer ones get an empty answer.
    assert.equal(await client.hover(uri, { line: 999, character: 999 }), null);
    assert.equal(await client.hover(uri, { line: -1, character: 0 }), null);
    assert.equal(await client.request('textDocument/hover', { textDocument: td, position: { line: 'x', character: null } }), null);
    assert.deepEqual(await client.completion(uri, { line: -5, character: -5 }), []);
    assert.ok(Array.isArray(await client.completion(uri, { line: 999, character: 0 })));
    // Missing or wrong-typed parts of the params.
    assert.equal(await client.request('textDocument/hover', {}), null);
    assert.deepEqual(await client.request('textDocument/completion', { textDocument: { uri: 42 } }), []);
    assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: td }), []);
    assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: td, range: null, context: { diagnostics: 'no' } }), []);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: null }), []);
    assert.ok(Array.isArray(await client.request('textDocument/formatting', { textDocument: td })));
    assert.deepEqual(await client.request('textDocument/rangeFormatting', { textDocument: td, options: { tabSize: 2, insertSpaces: true }, range: { start: { line: -1 } } }), []);
    const st = await client.request<{ spaceFile: string | null }>('idsync/status', {});
    assert.equal(st.spaceFile, null);
    const pr = await client.request<PreviewResult>('idsync/preview', { uri: 17 });
    assert.match(pr.error!, /uri missing/);
    // URIs that are not file: URIs.
    for (const u of ['untitled:Untitled-1', 'http://example.invalid/x.idsync.json', 'not a uri', '']) {
      assert.equal(await client.hover(u, { line: 0, character: 0 }), null);
      const r = await client.request<PreviewResult>('idsync/preview', { uri: u });
      assert.match(r.error!, /^Only files on disk can be previewed/);
      const s = await client.request<{ spaceFile: string | null }>('idsync/status', { uri: u });
      assert.equal(s.spaceFile, null);
    }
    // Malformed notifications.
    await client.notify('textDocument/didOpen', { textDocument: { uri: fileUri(path.join(root, 'n.idsync.json')) } });
    await client.notify('textDocument/didOpen', null);
    await client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: 'nope' });
    await client.notify('textDocument/didClose', {});
    await client.notify('workspace/didChangeConfiguration', null);
    await client.notify('idsync/previewClosed', null);
    // An unknown request gets MethodNotFound, not a crash.
    await assert.rejects(client.request('idsync/doesNotExist', {}), (e: ResponseError<unknown>) => e.code === -32601);
    await assertAlive();
    // A change whose contentChanges is not a list is not applied: the server no longer knows the
    // editor's text, so the document is out of sync (features decline) until its full text comes.
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: td }), []);
    await client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: CONFIG(['last']) }] });
    const symbols = await client.request<Array<{ name: string; children?: Array<{ name: string }> }>>('textDocument/documentSymbol', { textDocument: td });
    assert.deepEqual(symbols[2].children!.map((c) => c.name), ['email → EMAIL (last)']);
  });

  it('an untitled (non-file) document is linted and answered without disk access', async () => {
    const uri = 'untitled:Untitled-1';
    await client.open(uri, CONFIG(['Last Added']));
    assert.deepEqual(codes(await client.diagnosticsFor(uri)), ['invalid-strategy']);
    assert.match(hoverValue(await client.hover(uri, client.positionOf(uri, '"email"', 2))), /^\*\*Email\*\*/);
    await assertAlive();
  });
});

describe('language server: malformed initialize', () => {
  it('initialize without capabilities is an error answer; with empty capabilities, null folders and options of the wrong type: defaults, and the server works', async () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-faults-')));
    const { server, conn } = connectInProcess();
    conn.onRequest(() => null);
    const published: Array<{ uri: string; diagnostics: Diagnostic[] }> = [];
    let wake = () => undefined as void;
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      published.push(p);
      wake();
    });
    conn.listen();
    try {
      // No capabilities at all: vscode-languageserver itself answers an error (it reads them before
      // the idsync handler runs); the connection stays up and a second initialize works.
      await assert.rejects(conn.sendRequest('initialize', { processId: null, rootUri: null }), /Request initialize failed/);
      const init = await conn.sendRequest<{ capabilities: { hoverProvider: boolean } }>('initialize', {
        processId: null,
        rootUri: 42,
        capabilities: {},
        workspaceFolders: [null, { uri: fileUri(root), name: 'r' }],
        initializationOptions: { debounceMs: 'fast', maxFileSize: 'big' },
      });
      assert.equal(init.capabilities.hoverProvider, true);
      await conn.sendNotification('initialized', {});
      const text = CONFIG(['Last Added']);
      const uri = fileUri(write(root, 'x.idsync.json', text));
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'idsync', version: 1, text } });
      const got = await Promise.race([
        new Promise<Diagnostic[]>((resolve) => {
          const check = () => {
            const hit = published.find((p) => p.uri === uri);
            if (hit) resolve(hit.diagnostics);
          };
          wake = check;
          check();
        }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no diagnostics within 5 s')), 5000)),
      ]);
      assert.deepEqual(got.map((d) => d.code), ['invalid-strategy']);
      await conn.sendRequest('shutdown');
    } finally {
      conn.dispose();
      server.dispose();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('language server: a request before initialize', () => {
  it('answers with an empty result, then initializes and works normally', async () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-faults-')));
    const { server, conn } = connectInProcess();
    conn.onRequest(() => null);
    conn.listen();
    try {
      const uri = fileUri(write(root, 'x.idsync.json', ALIVE_TEXT));
      assert.equal(await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
      const st = await conn.sendRequest<{ spaceFile: string | null }>('idsync/status', { uri });
      assert.equal(st.spaceFile, null);
      const init = await conn.sendRequest<{ serverInfo: { name: string } }>('initialize', { processId: null, rootUri: fileUri(root), workspaceFolders: [{ uri: fileUri(root), name: 'r' }], capabilities: defaultCapabilities() });
      assert.equal(init.serverInfo.name, 'idsync-language-server');
      await conn.sendNotification('initialized', {});
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'idsync', version: 1, text: ALIVE_TEXT } });
      const h = await conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 22 } });
      assert.match(hoverValue(h), /^\*\*Email\*\*/);
      await conn.sendRequest('shutdown');
    } finally {
      conn.dispose();
      server.dispose();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
