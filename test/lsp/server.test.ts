/**
 * The language server driven in-process over JSON-RPC streams: initialize, open, change,
 * diagnostics, completion, hover, code actions (applied, full text compared), symbols,
 * folding, formatting, space-file changes, stale versions, the size limit and idsync/status.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { TestClient, fileUri, applyWorkspaceEdit, applyCompletion, defaultCapabilities } from './helpers/client';
import { docsUrl, lintText } from '../../server/src/engine';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/lsp');
const KNOWN = new Set(['syntax', 'invalid-strategy', 'too-many-all', 'unused-disable-directive']);
const known = (ds: Diagnostic[]) => ds.filter((d) => KNOWN.has(String(d.code)));
const brief = (ds: Diagnostic[]) => known(ds).map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}/${d.severity}`);

function tempWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-lsp-'));
  for (const f of fs.readdirSync(FIXTURES)) fs.copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
  return fs.realpathSync(dir);
}

const CONFIG = (strategy2: string) => `{
  "audience": { "key": "vip" },
  "destination": { "slug": "personas-facebook-custom-audiences" },
  "idSyncConfiguration": [
    { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" },
    { "externalId": "user_id", "strategy": ${strategy2}, "mapTo": "EXTERN_ID" }
  ]
}
`;

describe('language server (in-process)', () => {
  let root: string;
  let client: TestClient;
  let uri: string;

  beforeEach(async () => {
    root = tempWorkspace();
    client = await TestClient.inProcess(root, { debounceMs: 10 });
    uri = fileUri(path.join(root, 'facebook.idsync.json'));
  });
  afterEach(async () => {
    await client.shutdown();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('announces its capabilities', () => {
    const caps = client.initializeResult.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.deepEqual(caps.completionProvider, { triggerCharacters: ['"', ':'] });
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.idsync'] });
    assert.equal(caps.hoverProvider, true);
    assert.equal(caps.documentSymbolProvider, true);
    assert.equal(caps.foldingRangeProvider, true);
    assert.equal(caps.documentFormattingProvider, true);
  });

  it('publishes diagnostics on open with code, docs link, source, version and fixes in data', async () => {
    await client.open(uri, fs.readFileSync(path.join(root, 'facebook.idsync.json'), 'utf8'));
    const ds = await client.diagnosticsFor(uri);
    assert.deepEqual(brief(ds), [
      'invalid-strategy@6:41-6:53/1',
      'unused-disable-directive@10:32-10:48/2',
      // The space file sets too-many-all to "warning".
      'too-many-all@11:43-11:48/2',
    ]);
    const inv = ds.find((d) => d.code === 'invalid-strategy')!;
    assert.equal(inv.source, 'idsync');
    assert.deepEqual(inv.codeDescription, { href: docsUrl('invalid-strategy') });
    assert.match(inv.message as string, /^Strategy "Last Added" is the UI label, not the API value: use "last"/);
    assert.deepEqual(inv.data, {
      version: 1,
      fixes: [{ title: 'Change to "last"', isPreferred: true, edits: [{ range: inv.range, newText: '"last"' }] }],
    });
  });

  it('re-validates on change, with the new version', async () => {
    await client.open(uri, CONFIG('"all"'));
    assert.deepEqual(brief(await client.diagnosticsFor(uri)), []);
    const pos = client.positionOf(uri, '"all"');
    const v = await client.change(uri, [{ range: { start: pos, end: { line: pos.line, character: pos.character + 5 } }, text: '"First Added"' }]);
    const p = await client.waitForDiagnostics(uri, (x) => x.version === v);
    assert.deepEqual(brief(p.diagnostics), ['invalid-strategy@5:43-5:56/1']);
  });

  it('never publishes an out-of-date version', async () => {
    await client.open(uri, CONFIG('"all"'));
    await client.diagnosticsFor(uri);
    const since = client.published.length;
    const v2 = await client.replace(uri, CONFIG('"Oldest"'));
    const v3 = await client.replace(uri, CONFIG('"bogus"'));
    const v4 = await client.replace(uri, CONFIG('"All"'));
    const got = await client.waitForDiagnostics(uri, (p) => p.version === v4, 5000, since);
    assert.match(got.diagnostics.find((d) => d.code === "invalid-strategy")!.message as string, /"All"/);
    // Nothing for the superseded versions, and nothing after the last one.
    const after = client.published.slice(since).filter((p) => p.uri === uri);
    assert.deepEqual(after.map((p) => p.version), [v4]);
    assert.ok(![v2, v3].includes(after[0].version!));
  });

  it('completes strategies, omitting "all" once three other entries use it', async () => {
    const text = `{
  "destination": { "slug": "personas-facebook-custom-audiences" },
  "idSyncConfiguration": [
    { "externalId": "email", "strategy": "" },
    { "externalId": "phone", "strategy": "all" },
    { "externalId": "ios.idfa", "strategy": "all" },
    { "externalId": "user_id", "strategy": "all" }
  ]
}`;
    await client.open(uri, text);
    const pos = client.positionOf(uri, '"strategy": ""', 13);
    const items = await client.completion(uri, pos);
    assert.deepEqual(items.map((i) => i.label), ['first', 'last']);
    // The content between the quotes (empty here), not the quotes.
    assert.deepEqual(items[0].textEdit, { range: { start: { line: 3, character: 42 }, end: { line: 3, character: 42 } }, newText: 'first' });
    // On an entry that already uses "all", "all" stays available.
    const own = await client.completion(uri, client.positionOf(uri, '"all"', 2, 0));
    assert.deepEqual(own.map((i) => i.label), ['first', 'last', 'all']);
  });

  it('completes mapTo from the destination, the suggestion for the externalId first, replacing the whole token', async () => {
    const text = `{
  "destination": { "slug": "personas-facebook-custom-audiences" },
  "idSyncConfiguration": [{ "externalId": "ios.idfa", "strategy": "last", "mapTo": "EM" }]
}`;
    await client.open(uri, text);
    const pos = client.positionOf(uri, '"EM"', 2);
    const items = await client.completion(uri, pos);
    assert.deepEqual(items.map((i) => i.label), ['MADID', 'EMAIL', 'PHONE', 'EXTERN_ID']);
    assert.match(items[0].detail!, /suggested for ios\.idfa/);
    const applied = applyCompletion(client.text(uri), uri, items[1]);
    assert.equal(applied, text.replace('"EM"', '"EMAIL"'));
  });

  describe('completion items agree for clients that apply the edit and clients that insert the text at the word (Neovim 0.7 omnifunc)', () => {
    const line = (mapTo: string) => `  "idSyncConfiguration": [{ "externalId": "phone", "strategy": "last", "mapTo": ${mapTo} }]`;
    const text = (mapTo: string) => `{\n  "destination": { "slug": "personas-facebook-custom-audiences" },\n${line(mapTo)}\n}`;
    /** What Neovim 0.7's vim.lsp.omnifunc does with an item: the keyword (\\k*, letters, digits, _) before the cursor is replaced by textEdit.newText. */
    const omnifunc = (l: string, cursor: number, item: { textEdit?: unknown }) => {
      let start = cursor;
      while (start > 0 && /\w/.test(l[start - 1])) start--;
      return l.slice(0, start) + (item.textEdit as { newText: string }).newText + l.slice(cursor);
    };
    const pick = (i: { label: string; insertText?: string; filterText?: string; textEdit?: unknown; insertTextFormat?: number }) =>
      ({ label: i.label, insertText: i.insertText, filterText: i.filterText, textEdit: i.textEdit, insertTextFormat: i.insertTextFormat });
    const cases: Array<{ name: string; mapTo: string; cursor: number; phone: object }> = [
      {
        name: 'inside "mapTo": "|"', mapTo: '""', cursor: 1,
        phone: { label: 'PHONE', insertText: 'PHONE', filterText: undefined, insertTextFormat: 1, textEdit: { range: { start: { line: 2, character: 81 }, end: { line: 2, character: 81 } }, newText: 'PHONE' } },
      },
      {
        name: 'inside "mapTo": "PH|"', mapTo: '"PH"', cursor: 3,
        phone: { label: 'PHONE', insertText: 'PHONE', filterText: undefined, insertTextFormat: 1, textEdit: { range: { start: { line: 2, character: 81 }, end: { line: 2, character: 83 } }, newText: 'PHONE' } },
      },
      {
        name: 'after "mapTo": | (no quotes yet)', mapTo: '', cursor: 0,
        phone: { label: 'PHONE', insertText: '"PHONE"', filterText: undefined, insertTextFormat: 1, textEdit: { range: { start: { line: 2, character: 80 }, end: { line: 2, character: 80 } }, newText: '"PHONE"' } },
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const t = text(c.mapTo);
        await client.open(uri, t);
        const at = { line: 2, character: line('').length - ' }]'.length + c.cursor };
        const items = await client.completion(uri, at);
        assert.deepEqual(items.map((i) => i.label), ['EMAIL', 'PHONE', 'MADID', 'EXTERN_ID']);
        const phone = items[1];
        assert.deepEqual(pick(phone), c.phone);
        // Every item replaces the same range with its label (quoted outside a string).
        for (const i of items) {
          assert.deepEqual(i.textEdit, { range: (c.phone as { textEdit: { range: unknown } }).textEdit.range, newText: c.mapTo ? i.label : `"${i.label}"` });
        }
        const applied = applyCompletion(t, uri, phone).split('\n')[2];
        assert.equal(applied, line('"PHONE"'));
        assert.equal(omnifunc(line(c.mapTo), at.character, phone), line('"PHONE"'));
      });
    }
  });

  it('completes externalId with the defaults and the space\'s custom identifiers', async () => {
    await client.open(uri, `{ "idSyncConfiguration": [{ "externalId": "" }] }`);
    const items = await client.completion(uri, client.positionOf(uri, '""', 1));
    assert.deepEqual(items.map((i) => i.label), [
      'user_id', 'email', 'anonymous_id', 'android.id', 'android.idfa', 'android.push_token',
      'ios.id', 'ios.idfa', 'ios.push_token', 'ga_client_id', 'group_id', 'phone', 'shopify_id',
    ]);
    assert.equal(items[12].detail, 'custom identifier');
  });

  it('completes keys with snippets and a whole-file snippet in an empty file', async () => {
    await client.open(uri, `{\n  \n}`);
    const items = await client.completion(uri, { line: 1, character: 2 });
    assert.equal(items[0].label, 'New ID Sync configuration');
    assert.deepEqual(items.slice(1).map((i) => i.label), ['$schema', 'name', 'description', 'audience', 'journey', 'destination', 'connectionSettings', 'setup', 'idSyncConfiguration', 'samples']);
    const setup = items.find((i) => i.label === 'setup')!;
    assert.equal((setup.textEdit as { newText: string }).newText, '"setup": "${1|default,customized|}"');
    assert.equal(setup.insertTextFormat, 2);
    assert.equal(typeof (setup.documentation as { value: string }).value, 'string');
  });

  it('shows hovers with the catalog entry, escaping file text', async () => {
    const text = `{
  "destination": { "slug": "personas-facebook-custom-audiences" },
  "idSyncConfiguration": [{ "externalId": "email", "strategy": "last", "mapTo": "<b>*x*</b>" }]
}`;
    await client.open(uri, text);
    const h = await client.hover(uri, client.positionOf(uri, '"email"', 2));
    const md = (h!.contents as { value: string }).value;
    assert.match(md, /^\*\*Email\*\* \(`email`, a default identifier\)/);
    assert.match(md, /usually mapped to `EMAIL` \(SHA-256 hashed\)/);
    const bad = await client.hover(uri, client.positionOf(uri, '<b>', 1));
    const md2 = (bad!.contents as { value: string }).value;
    assert.equal(md2, "`<b>*x*</b>` is not a key of Facebook Custom Audiences's catalog.");
  });

  it('applies the quick fix for "Last Added" and the disable-next-line action', async () => {
    const original = fs.readFileSync(path.join(root, 'facebook.idsync.json'), 'utf8');
    await client.open(uri, original);
    const ds = await client.diagnosticsFor(uri);
    const inv = ds.filter((d) => d.code === 'invalid-strategy');
    const actions = await client.codeActions(uri, inv);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
      [
        ['Change to "last"', 'quickfix', true],
        ['Disable invalid-strategy for the next line', 'quickfix', false],
      ],
    );
    assert.equal(applyWorkspaceEdit(original, uri, actions[0].edit), original.replace('"Last Added"', '"last"'));
    assert.equal(
      applyWorkspaceEdit(original, uri, actions[1].edit),
      original.replace('    { "externalId": "email"', '    // idsync-disable-next-line invalid-strategy\n    { "externalId": "email"'),
    );
  });

  it('adds a code to an existing disable-next-line comment instead of a second comment', async () => {
    const text = `{
  "idSyncConfiguration": [
    { "externalId": "a", "strategy": "all" }, { "externalId": "b", "strategy": "all" }, { "externalId": "c", "strategy": "all" },
    // idsync-disable-next-line invalid-strategy -- legacy
    { "externalId": "d", "strategy": "all" }
  ]
}`;
    await client.open(uri, text);
    const ds = (await client.diagnosticsFor(uri)).filter((d) => d.code === 'too-many-all');
    assert.equal(ds.length, 1);
    const actions = await client.codeActions(uri, ds);
    const disable = actions.find((a) => a.title === 'Disable too-many-all for the next line')!;
    const out = applyWorkspaceEdit(text, uri, disable.edit);
    assert.equal(out, text.replace('next-line invalid-strategy -- legacy', 'next-line invalid-strategy, too-many-all -- legacy'));
  });

  it('fixes all preferred fixes with source.fixAll.idsync', async () => {
    const text = `{
  "idSyncConfiguration": [
    { "externalId": "a", "strategy": "Last Added" },
    { "externalId": "b", "strategy": "all" },
    { "externalId": "c", "strategy": "All" },
    { "externalId": "d", "strategy": "all" },
    { "externalId": "e", "strategy": "all" },
    { "externalId": "f", "strategy": "all" }
  ]
}`;
    await client.open(uri, text);
    await client.diagnosticsFor(uri);
    const actions = await client.codeActions(uri, [], ['source.fixAll'], { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all idsync problems that have a preferred fix', 'source.fixAll.idsync']]);
    // "All" stays: with b, d and e on "all" (the maximum) even after f becomes "last", changing it to
    // "all" would be a fourth, a new too-many-all error. invalid-strategy then offers "last" and
    // "first" without a preferred one, so the choice is left to the user.
    const expected = text.replace('"Last Added"', '"last"').replace('"f", "strategy": "all"', '"f", "strategy": "last"');
    assert.equal(applyWorkspaceEdit(text, uri, actions[0].edit), expected);
    // Not offered as a quick fix in the lightbulb list.
    const quick = await client.codeActions(uri, [], undefined, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.deepEqual(quick, []);
  });

  it('re-validates open configs when the open space file changes, and reports the space file\'s own problems', async () => {
    await client.open(uri, fs.readFileSync(path.join(root, 'facebook.idsync.json'), 'utf8'));
    const first = await client.diagnosticsFor(uri);
    assert.equal(first.find((d) => d.code === 'too-many-all')!.severity, 2);
    const spaceUri = fileUri(path.join(root, 'idsync.space.json'));
    await client.open(spaceUri, '{ "rules": { "too-many-all": "error", "too-many-al": "off" } }', 'json');
    const spaceDiags = await client.diagnosticsFor(spaceUri);
    assert.deepEqual(spaceDiags.map((d) => [d.code, d.message, d.range.start.character]), [
      ['unknown-property', 'Unknown rule "too-many-al". Did you mean "too-many-all"? Run `idsync rules` for the list.', 38],
    ]);
    const since = client.published.length - 1;
    const p = await client.waitForDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === 'too-many-all' && d.severity === 1), 5000, since);
    assert.equal(p.version, 1);
    // Unsaved edit to the space file: turn the rule off.
    await client.replace(spaceUri, '{ "rules": { "too-many-all": "off" } }');
    await client.waitForDiagnostics(uri, (x) => !x.diagnostics.some((d) => d.code === 'too-many-all'), 5000, client.published.length);
    // Closing the space file falls back to the disk version (warning) and clears its diagnostics.
    const before = client.published.length;
    await client.close(spaceUri);
    await client.waitForDiagnostics(spaceUri, (x) => x.diagnostics.length === 0, 5000, before);
    await client.waitForDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === 'too-many-all' && d.severity === 2), 5000, before);
  });

  it('re-validates when a space file appears or changes on disk (didChangeWatchedFiles)', async () => {
    const sub = path.join(root, 'sub');
    fs.mkdirSync(sub);
    const cfg = fileUri(path.join(sub, 'a.idsync.json'));
    await client.open(cfg, CONFIG('"all"').replace('"EXTERN_ID" }', '"EXTERN_ID" }, { "externalId": "x", "strategy": "all" }, { "externalId": "y", "strategy": "all" }, { "externalId": "z", "strategy": "all" }'));
    // Governed by the root space file: too-many-all is a warning.
    assert.deepEqual(brief(await client.diagnosticsFor(cfg)).map((s) => s.replace(/@.*\//, '/')), ['too-many-all/2']);
    const spacePath = path.join(sub, 'idsync.space.json');
    fs.writeFileSync(spacePath, '{ "rules": { "too-many-all": "off" } }');
    const before = client.published.length;
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(spacePath), type: 1 }] });
    await client.waitForDiagnostics(cfg, (x) => !x.diagnostics.some((d) => d.code === 'too-many-all'), 5000, before);
    const st = await client.request<{ spaceFile: string | null; rulesOn: number; rulesTotal: number }>('idsync/status', { uri: cfg });
    assert.equal(st.spaceFile, spacePath.split(path.sep).join('/'));
    assert.equal(st.rulesOn, st.rulesTotal - 1);
    fs.rmSync(spacePath);
    const before2 = client.published.length;
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(spacePath), type: 3 }] });
    await client.waitForDiagnostics(cfg, (x) => x.diagnostics.some((d) => d.code === 'too-many-all' && d.severity === 2), 5000, before2);
  });

  it('answers idsync/status with the space file and the rules that are on', async () => {
    const st = await client.request<{ spaceFile: string | null; rulesOn: number; rulesTotal: number; overrides: object }>('idsync/status', { uri });
    assert.equal(st.spaceFile, path.join(root, 'idsync.space.json').split(path.sep).join('/'));
    assert.equal(st.rulesOn, st.rulesTotal);
    assert.deepEqual(st.overrides, { 'too-many-all': 'warning' });
    const none = await client.request<{ spaceFile: string | null }>('idsync/status', { uri: fileUri(path.join(os.tmpdir(), 'elsewhere', 'x.idsync.json')) });
    assert.equal(none.spaceFile, null);
  });

  it('gives one diagnostic instead of analysing a file above maxFileSize', async () => {
    await client.shutdown();
    client = await TestClient.inProcess(root, { debounceMs: 10, maxFileSize: 200 });
    const big = CONFIG('"Last Added"') + ' '.repeat(300);
    await client.open(uri, big);
    const ds = await client.diagnosticsFor(uri);
    // The engine's own diagnostic (the CLI's `idsync check --max-file-size 200` reports the same).
    const engine = lintText(big, { maxFileSize: 200 }).diagnostics;
    assert.deepEqual(engine.map((d) => d.code), ['file-too-large']);
    assert.deepEqual(ds.map((d) => [d.code, d.severity, d.message, d.range]), [
      ['file-too-large', 1, engine[0].message, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }],
    ]);
    assert.match(ds[0].message as string, new RegExp(`^The file is ${big.length} characters long, over the limit of 200 \\(maxFileSize\\): it is not analysed\\.`));
    // The workspace setting (workspace/configuration or pushed settings) wins over the init option.
    await client.notify('workspace/didChangeConfiguration', { settings: { idsync: { maxFileSize: 100000 } } });
    const since = client.published.length;
    const p = await client.waitForDiagnostics(uri, (x) => !x.diagnostics.some((d) => d.code === 'file-too-large'), 5000, since);
    assert.deepEqual(known(p.diagnostics).map((d) => d.code), ['invalid-strategy']);
  });

  it('provides document symbols, folding ranges and formatting', async () => {
    const text = `{
  // comment one
  // comment two
  "destination": {"slug": "personas-facebook-custom-audiences"},
  "idSyncConfiguration": [
    {"externalId": "email", "strategy": "last", "mapTo": "EMAIL"}
  ]
}`;
    await client.open(uri, text);
    const symbols = await client.request<Array<{ name: string; children?: Array<{ name: string }> }>>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), ['destination', 'idSyncConfiguration']);
    assert.deepEqual(symbols[1].children!.map((c) => c.name), ['email → EMAIL (last)']);
    const folds = await client.request<Array<{ startLine: number; endLine: number; kind?: string }>>('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(folds, [
      { startLine: 0, endLine: 6 },
      { startLine: 1, endLine: 2, kind: 'comment' },
      { startLine: 4, endLine: 5 },
    ]);
    const edits = await client.request<Array<{ range: unknown; newText: string }>>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    const formatted = applyWorkspaceEdit(text, uri, { changes: { [uri]: edits as never } });
    assert.equal(
      formatted,
      `{
  // comment one
  // comment two
  "destination": { "slug": "personas-facebook-custom-audiences" },
  "idSyncConfiguration": [
    { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" }
  ]
}`,
    );
  });

  it('registers formatting, symbols and folding for idsync documents only when the client allows it', async () => {
    await client.shutdown();
    const caps = defaultCapabilities() as any;
    for (const f of ['formatting', 'rangeFormatting', 'documentSymbol', 'foldingRange']) caps.textDocument[f] = { dynamicRegistration: true };
    client = await TestClient.inProcess(root, { debounceMs: 10 }, caps);
    const c = client.initializeResult.capabilities;
    assert.deepEqual([c.documentFormattingProvider, c.documentRangeFormattingProvider, c.documentSymbolProvider, c.foldingRangeProvider], [false, false, false, false]);
    const want = ['textDocument/formatting', 'textDocument/rangeFormatting', 'textDocument/documentSymbol', 'textDocument/foldingRange'];
    const seen = new Map<string, unknown>();
    await client.waitForServerRequest(() => {
      for (const r of client.serverRequests) {
        for (const reg of (r.params as { registrations: Array<{ method: string; registerOptions: unknown }> }).registrations) seen.set(reg.method, reg.registerOptions);
      }
      return want.every((m) => seen.has(m));
    });
    for (const m of want) assert.deepEqual(seen.get(m), { documentSelector: [{ language: 'idsync' }] }, m);
  });

  it('registers workspace/didChangeConfiguration only with a client that declares its dynamic registration (Neovim does not)', async () => {
    const registered = async (dynamicRegistration: boolean): Promise<string[]> => {
      await client.shutdown();
      const caps = defaultCapabilities() as any;
      caps.workspace.configuration = true;
      caps.workspace.didChangeConfiguration = { dynamicRegistration };
      client = await TestClient.inProcess(root, { debounceMs: 10 }, caps);
      // The registrations are sent while the server handles `initialized`; a request answered after
      // that arrives after them on the same stream.
      await client.request('idsync/status', { uri: fileUri(path.join(root, 'x.idsync.json')) });
      return client.serverRequests.flatMap((r) => (r.params as { registrations: Array<{ method: string }> }).registrations.map((g) => g.method));
    };
    assert.ok((await registered(true)).includes('workspace/didChangeConfiguration'), 'registered when declared');
    assert.ok(!(await registered(false)).includes('workspace/didChangeConfiguration'), 'not registered otherwise');
  });

  it('clears diagnostics when a document closes', async () => {
    await client.open(uri, CONFIG('"Last Added"'));
    assert.equal(known(await client.diagnosticsFor(uri)).length, 1);
    const before = client.published.length;
    await client.close(uri);
    const p = await client.waitForDiagnostics(uri, () => true, 5000, before);
    assert.deepEqual(p.diagnostics, []);
  });
});
