/**
 * Hardening of the language server, in-process over JSON-RPC:
 * - every didChange is survived: positions past the end are clamped (as VS Code does), malformed
 *   changes are rejected as a whole and the document is marked out of sync (one diagnostic, one
 *   log line, features decline) until the editor sends the full text;
 * - requests with `null` params get the safe default, never an internal error;
 * - a client that does not declare workspace folders gets no `initialized failed`;
 * - a file over idsync.maxFileSize is declined by every feature.
 * Expected texts are computed here by hand, not with the server's text library.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { lintText } from '../../server/src/engine';
import { TestClient, fileUri, defaultCapabilities } from './helpers/client';
import { RawPeer } from './helpers/raw';
import type { PreviewResult } from '../../server/src/lsp/preview';

const TEXT = `{
  "audience": { "key": "vip" },
  "destination": { "slug": "personas-facebook-custom-audiences" },
  "idSyncConfiguration": [
    { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" }
  ]
}
`;

type Wire = { range?: unknown; text?: unknown; rangeLength?: unknown } | null | unknown;

/** The engine's diagnostics of `text` as (code, start line:char, end line:char) for comparison. */
function expected(text: string): string[] {
  return lintText(text).diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
}
function got(ds: Diagnostic[]): string[] {
  return ds.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
}

describe('language server: every didChange is survived', () => {
  let root: string;
  let client: TestClient;
  let uri: string;
  let version: number;

  const send = async (changes: Wire[]): Promise<number> => {
    version++;
    await client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  };
  const diagnosticsAt = async (v: number) => (await client.waitForDiagnostics(uri, (p) => p.version === v, 10000)).diagnostics;
  const logs = (re: RegExp) => client.notifications.filter((n) => n.method === 'window/logMessage' && re.test((n.params as { message: string }).message));

  beforeEach(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-sync-')));
    uri = fileUri(path.join(root, 'a.idsync.json'));
    client = await TestClient.inProcess(root, { debounceMs: 5 });
    version = 1;
    await client.open(uri, TEXT, 'idsync', version);
    assert.deepEqual(got(await diagnosticsAt(1)), []);
  });
  afterEach(async () => {
    await client.shutdown();
    fs.rmSync(root, { recursive: true, force: true });
  });

  for (const line of [1e6, 1e9, Number.MAX_SAFE_INTEGER - 1]) {
    it(`clamps a change at line ${line} to the end of the text, and later keystrokes apply where they should`, async function () {
      this.timeout(10000);
      // A line break inserted over a range past the end lands at the end (after the final newline);
      // unclamped, the text library writes its line index at [line + 1] and later loops up to it.
      let text = TEXT + '\n// tail';
      await send([{ range: { start: { line, character: 3 }, end: { line: line + 1, character: 0 } }, text: '\n// tail' }]);
      // A normal keystroke afterwards: "last" -> "lastest" on line 4 (an invalid-strategy error at a known place).
      const col = TEXT.split('\n')[4].indexOf('"last"') + 5;
      const started = Date.now();
      const v = await send([{ range: { start: { line: 4, character: col }, end: { line: 4, character: col } }, text: 'est' }]);
      text = text.replace('"last"', '"lastest"');
      const ds = await diagnosticsAt(v);
      assert.deepEqual(got(ds), expected(text));
      assert.deepEqual(got(ds).map((d) => d.split(' ')[0]), ['invalid-strategy']);
      assert.ok(Date.now() - started < 3000, `the keystroke took ${Date.now() - started} ms`);
      // A replacement whose end is past the end of the text removes up to the end.
      const v2 = await send([{ range: { start: { line: 6, character: 0 }, end: { line, character: 1e9 } }, text: '}\n' }]);
      assert.deepEqual(got(await diagnosticsAt(v2)), expected(text.slice(0, text.lastIndexOf('}')) + '}\n'));
      const symbols = await client.request<Array<{ name: string }>>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.deepEqual(symbols.map((s) => s.name), ['audience', 'destination', 'idSyncConfiguration']);
    });
  }

  it('clamps a character past the end of its line to the line end, and applies several changes of one event in order', async () => {
    // Line 1 is `  "audience": { "key": "vip" },`; character 10^9 is its end.
    const v = await send([
      { range: { start: { line: 1, character: 1e9 }, end: { line: 1, character: 1e9 } }, text: ' // c1' },
      { range: { start: { line: 99, character: 0 }, end: { line: 99, character: 0 } }, text: '// end' },
      { range: { start: { line: 0, character: 5 }, end: { line: 0, character: 7 } }, text: ' ' },
    ]);
    const lines = TEXT.split('\n');
    lines[1] += ' // c1';
    let text = lines.join('\n') + '// end';
    text = '{ ' + text.slice(1); // line 0 is "{": characters 5..7 clamp to its end, so " " goes after "{"
    assert.deepEqual(got(await diagnosticsAt(v)), expected(text));
    const folding = await client.request<Array<{ startLine: number; endLine: number }>>('textDocument/foldingRange', { textDocument: { uri } });
    assert.ok(folding.some((f) => f.startLine === 0 && f.endLine >= 5), JSON.stringify(folding));
  });

  const malformed: Array<[string, Wire[]]> = [
    ['a non-integer line', [{ range: { start: { line: 1.5, character: 0 }, end: { line: 2, character: 0 } }, text: 'x' }]],
    ['a negative character', [{ range: { start: { line: 1, character: -1 }, end: { line: 1, character: 0 } }, text: 'x' }]],
    ['a string line', [{ range: { start: { line: '1', character: 0 }, end: { line: 1, character: 0 } }, text: 'x' }]],
    ['a null range', [{ range: null, text: 'x' }]],
    ['a range without end', [{ range: { start: { line: 1, character: 0 } }, text: 'x' }]],
    ['no text', [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } } }]],
    ['a null change', [null]],
    ['NaN and Infinity (sent as null)', [{ range: { start: { line: NaN, character: 0 }, end: { line: Infinity, character: 0 } }, text: 'x' }]],
    ['a rangeLength without a range', [{ rangeLength: 3, text: 'x' }]],
    ['a good change followed by a malformed one', [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// applied?\n' }, { range: { start: { line: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]],
  ];
  for (const [what, changes] of malformed) {
    it(`rejects a change with ${what}: out of sync, said once, features decline, the full text brings it back`, async () => {
      const v = await send(changes);
      const ds = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'out-of-sync'), 5000);
      assert.equal(ds.diagnostics.length, 1);
      assert.match(String(ds.diagnostics[0].message), /^idsync could not apply an edit the editor sent \(change \d .+\), so it no longer knows this file's text and does not check it\. Close and reopen the file to check it again\.$/);
      assert.ok(v > 1);
      // A second malformed change and a normal one: still out of sync, logged only once.
      await send(changes);
      await send([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
      assert.equal(await client.hover(uri, { line: 4, character: 22 }), null);
      assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
      assert.deepEqual(await client.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }), []);
      assert.deepEqual(await client.completion(uri, { line: 4, character: 22 }), []);
      const pr = await client.request<PreviewResult>('idsync/preview', { uri });
      assert.match(pr.error ?? '', /^The config is not previewed: the server no longer knows this file's text/);
      assert.equal(logs(/rejected a malformed textDocument\/didChange/).length, 1, JSON.stringify(client.notifications.map((n) => n.params)));
      // The full text (a change without a range) brings it back in sync.
      const bad = TEXT.replace('"last"', '"lastest"');
      const v2 = await send([{ text: bad }]);
      assert.deepEqual(got(await diagnosticsAt(v2)), expected(bad));
      assert.ok(await client.hover(uri, { line: 4, character: 22 }));
    });
  }

  it('a change event whose contentChanges is not a list: out of sync too (the editor changed something unknown)', async () => {
    version++;
    await client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: { text: 'x' } });
    const ds = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'out-of-sync'), 5000);
    assert.match(String(ds.diagnostics[0].message), /\(contentChanges is not a list\)/);
  });

  it('a reopen brings an out-of-sync document back', async () => {
    await send([{ range: null, text: 'x' }]);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'out-of-sync'), 5000);
    version = 10;
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'idsync', version, text: TEXT } });
    assert.deepEqual(got(await diagnosticsAt(10)), []);
    const symbols = await client.request<Array<{ name: string }>>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols.length, 3);
  });
});

describe('language server: null params and clients without workspace folders', () => {
  let root: string;
  let client: TestClient | undefined;

  afterEach(async () => {
    await client?.shutdown();
    client = undefined;
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('answers every request with null params with its safe default, never -32603', async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-null-')));
    const peer = new RawPeer();
    try {
      const init = await peer.request('initialize', { processId: null, rootUri: fileUri(root), capabilities: {} });
      assert.equal(init.error, undefined);
      peer.notify('initialized', {});
      const cases: Array<[string, unknown]> = [
        ['textDocument/hover', null],
        ['textDocument/completion', []],
        ['textDocument/codeAction', []],
        ['textDocument/codeLens', []],
        ['textDocument/documentSymbol', []],
        ['textDocument/foldingRange', []],
        ['textDocument/formatting', []],
        ['textDocument/rangeFormatting', []],
      ];
      for (const [method, fallback] of cases) {
        const r = await peer.request(method, null);
        assert.deepEqual({ method, error: r.error, result: r.result }, { method, error: undefined, result: fallback });
      }
    } finally {
      peer.dispose();
    }
  });

  it('a client that does not declare workspaceFolders: no "initialized failed" in the log', async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-nofolders-')));
    client = await TestClient.inProcess(root, { debounceMs: 5 }, defaultCapabilities());
    const uri = fileUri(path.join(root, 'a.idsync.json'));
    await client.open(uri, TEXT);
    await client.diagnosticsFor(uri);
    // The initialized handler has run by now (notifications are handled in order).
    const errors = client!.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
    assert.deepEqual(errors.filter((m) => /initialized|failed/i.test(m)), []);
  });
});

describe('language server: a file over idsync.maxFileSize is declined by every feature', () => {
  let root: string;
  let client: TestClient;
  afterEach(async () => {
    await client.shutdown();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('one file-too-large diagnostic; hover, completion, symbols, folding, formatting, code lens, code actions and preview decline', async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-large-')));
    client = await TestClient.inProcess(root, { debounceMs: 5, maxFileSize: 2048 });
    const uri = fileUri(path.join(root, 'big.idsync.json'));
    // Badly formatted (formatting would have edits), with completions, hovers and symbols to give.
    const entries = Array.from({ length: 40 }, (_, i) => `{"externalId":"email","strategy":"last","mapTo":"EMAIL","n":${i}}`).join(',');
    const big = `{"audience":{"key":"vip"},"destination":{"slug":"personas-facebook-custom-audiences"},"idSyncConfiguration":[${entries}]}`;
    assert.ok(big.length > 2048);
    await client.open(uri, big);
    const ds = await client.diagnosticsFor(uri);
    assert.deepEqual(ds.map((d) => d.code), ['file-too-large']);
    const td = { uri };
    const pos = client.positionOf(uri, '"email"', 2);
    assert.equal(await client.hover(uri, pos), null);
    assert.deepEqual(await client.completion(uri, pos), []);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: td }), []);
    assert.deepEqual(await client.request('textDocument/foldingRange', { textDocument: td }), []);
    assert.deepEqual(await client.request('textDocument/formatting', { textDocument: td, options: { tabSize: 2, insertSpaces: true } }), []);
    assert.deepEqual(await client.request('textDocument/rangeFormatting', { textDocument: td, options: { tabSize: 2, insertSpaces: true }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 100 } } }), []);
    assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: td }), []);
    assert.deepEqual(await client.codeActions(uri, ds), []);
    const pr = await client.request<PreviewResult>('idsync/preview', { uri });
    assert.equal(pr.error, `The config is not previewed: the file is ${big.length.toLocaleString('en-US')} characters long, over the limit of 2,048 (idsync.maxFileSize).`);
    // Under a raised limit the same file is served again.
    await client.notify('workspace/didChangeConfiguration', { settings: { idsync: { maxFileSize: 1_000_000 } } });
    const symbols = await client.request<Array<{ name: string }>>('textDocument/documentSymbol', { textDocument: td });
    assert.deepEqual(symbols.map((s) => s.name), ['audience', 'destination', 'idSyncConfiguration']);
    assert.ok((await client.request<unknown[]>('textDocument/formatting', { textDocument: td, options: { tabSize: 2, insertSpaces: true } })).length > 0);
  });
});
