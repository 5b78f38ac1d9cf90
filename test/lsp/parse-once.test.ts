/**
 * Parse once per document version: the server keeps one analysis per (uri, version) (parsed
 * document, model, lint result), and every feature reads it. Parses are counted with a spy on
 * jsonc-parser's `visit`, the one pass the engine's `parseDocument` makes (nothing else in the
 * server calls it), so the count does not depend on where the engine keeps its parser. The
 * server runs in this process (in-memory streams), so the spy sees its calls.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jsonc = require('jsonc-parser') as { visit: (...args: unknown[]) => unknown };
import { TestClient, fileUri } from './helpers/client';

const CONFIG = [
  '{',
  '  "name": "VIP customers to Facebook",',
  '  // the main audience',
  '  "audience": { "key": "vip_customers", "id": "aud_123", "existing": false },',
  '  "destination": { "slug": "personas-facebook-custom-audiences", "id": "dest_456" },',
  '  "setup": "customized",',
  '  "idSyncConfiguration": [',
  '    { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" },',
  '    { "externalId": "phone", "strategy": "all", "mapTo": "PHONE" }',
  '  ]',
  '}',
  '',
].join('\n');

/** Counts the parses `fn` causes in this process. */
async function parsesDuring(fn: () => Promise<unknown>): Promise<number> {
  const original = jsonc.visit;
  let count = 0;
  jsonc.visit = (...args: unknown[]) => {
    count++;
    return original(...args);
  };
  try {
    await fn();
  } finally {
    jsonc.visit = original;
  }
  return count;
}

describe('LSP: one parse per document version', () => {
  let dir: string;
  let client: TestClient;
  let uri: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-parse-once-'));
    fs.mkdirSync(path.join(dir, '.git'));
    client = await TestClient.inProcess(dir, { debounceMs: 250 });
    uri = fileUri(path.join(dir, 'vip.idsync.json'));
  });

  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a hover, completion, symbols and folding after the lint parse nothing again', async () => {
    const opened = await parsesDuring(async () => {
      await client.open(uri, CONFIG);
      await client.diagnosticsFor(uri);
    });
    assert.equal(opened, 1, `opening and linting the config parsed it ${opened} times`);
    const features = await parsesDuring(async () => {
      const h = await client.hover(uri, client.positionOf(uri, '"slug": "personas', 10));
      assert.match(JSON.stringify(h?.contents ?? null), /Facebook Custom Audiences/);
      const entry = await client.hover(uri, client.positionOf(uri, '"externalId": "phone"', 2));
      assert.ok(entry, 'the entry key has a hover (with the preview)');
      const items = await client.completion(uri, client.positionOf(uri, '"strategy": "last"', '"strategy": "'.length));
      assert.deepEqual(items.map((i) => i.label).sort(), ['all', 'first', 'last']);
      const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.equal(symbols.length, 5);
      const folds = await client.request<unknown[]>('textDocument/foldingRange', { textDocument: { uri } });
      assert.ok(folds.length >= 1, 'the array folds');
      await client.request('textDocument/codeLens', { textDocument: { uri } });
    });
    assert.equal(features, 0, `hover, completion, symbols, folding and code lens after the lint parsed ${features} times`);
  });

  it('a feature before the lint parses once, and the lint of that version reuses it', async () => {
    const n = await parsesDuring(async () => {
      const version = await client.replace(uri, CONFIG.replace('"last"', '"first"'));
      // The lint waits for the debounce: the completion runs first.
      const items = await client.completion(uri, client.positionOf(uri, '"strategy": "first"', '"strategy": "'.length));
      assert.deepEqual(items.map((i) => i.label).sort(), ['all', 'first', 'last']);
      await client.hover(uri, client.positionOf(uri, '"slug": "personas', 10));
      await client.waitForDiagnostics(uri, (p) => p.version === version);
      await client.hover(uri, client.positionOf(uri, '"externalId": "phone"', 2));
    });
    assert.equal(n, 1, `a version served to completion, hover and the lint was parsed ${n} times`);
  });

  it('a closed document is forgotten: reopening it parses again', async () => {
    await client.close(uri);
    const n = await parsesDuring(async () => {
      await client.open(uri, CONFIG);
      await client.diagnosticsFor(uri);
      await client.hover(uri, client.positionOf(uri, '"slug": "personas', 10));
    });
    assert.equal(n, 1, `reopening parsed ${n} times`);
  });
});
