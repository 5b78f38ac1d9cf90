/**
 * The "Done when" of the language-server issue, against the bundled server: `node dist/server.js
 * --stdio` driven by a plain LSP client over a workspace with idsync.space.json and a Facebook
 * config. Its diagnostics must be the engine's (Workspace.lint, what `idsync check` runs) for the
 * same file, and completion and code actions must give the listed results.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { TestClient, fileUri, applyWorkspaceEdit } from './helpers/client';
import { Workspace } from '../../server/src/engine';
import { NodeFileHost, toEnginePath } from '../../server/src/node/host';

const ROOT = path.resolve(__dirname, '../../..');
const SERVER = path.join(ROOT, 'dist/server.js');
const FIXTURES = path.join(ROOT, 'test/fixtures/lsp');
const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3, hint: 4 };

describe('idsync-language-server --stdio (bundled)', () => {
  let client: TestClient;
  const configPath = path.join(FIXTURES, 'facebook.idsync.json');
  const uri = fileUri(configPath);

  before(async function () {
    assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run npm run build`);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal(pkg.bin['idsync-language-server'], './dist/server.js');
    client = await TestClient.spawn(SERVER, FIXTURES, { debounceMs: 20 });
  });
  after(async () => {
    await client?.shutdown();
  });

  it('publishes exactly the engine\'s diagnostics for the file (same space file, same rules)', async () => {
    const text = fs.readFileSync(configPath, 'utf8');
    await client.open(uri, text);
    const got = await client.diagnosticsFor(uri);
    const ws = new Workspace(new NodeFileHost(FIXTURES), toEnginePath(FIXTURES));
    const r = ws.lint(toEnginePath(configPath), text);
    assert.equal(r.space?.path, toEnginePath(path.join(FIXTURES, 'idsync.space.json')));
    const expected = r.result.diagnostics.map((d) => ({ code: d.code, severity: SEVERITY[d.severity], message: d.message, range: d.range }));
    assert.ok(expected.length >= 3, 'the fixture has problems');
    assert.deepEqual(
      got.map((d: Diagnostic) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range })),
      expected,
    );
  });

  it('publishes what `node dist/cli.js check <file> --format json` reports for each config of the fixture folder', async () => {
    const { spawnSync } = await import('node:child_process');
    const configs = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.idsync.json'));
    assert.ok(configs.length >= 1);
    for (const name of configs) {
      const file = path.join(FIXTURES, name);
      const cli = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'check', name, '--format', 'json'], { cwd: FIXTURES, encoding: 'utf8' });
      assert.ok(cli.status === 0 || cli.status === 1, `idsync check exited ${cli.status}: ${cli.stderr}`);
      const report = JSON.parse(cli.stdout) as { files: Array<{ path: string; diagnostics: Array<{ code: string; severity: string; message: string; range: unknown }> }> };
      const entry = report.files.find((f) => f.path === name);
      assert.ok(entry, `the CLI reports ${name}`);
      const u = fileUri(file);
      if (!client.texts.has(u)) await client.open(u, fs.readFileSync(file, 'utf8'));
      const got = await client.diagnosticsFor(u);
      assert.ok(entry.diagnostics.length >= 3, 'the fixture has problems');
      // Hints are editor-only suggestions: the CLI never reports them (docs/cli.md); everything else is the same.
      assert.deepEqual(
        got.filter((d: Diagnostic) => d.severity !== 4).map((d: Diagnostic) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range })),
        entry.diagnostics.map((d) => ({ code: d.code, severity: SEVERITY[d.severity], message: d.message, range: d.range })),
        name,
      );
    }
  });

  it('completes "mapTo": "" with the Facebook dropdown values', async () => {
    const text = `{
  "audience": { "key": "vip" },
  "destination": { "slug": "personas-facebook-custom-audiences" },
  "idSyncConfiguration": [{ "externalId": "user_id", "strategy": "", "mapTo": "" }]
}`;
    const u = fileUri(path.join(FIXTURES, 'new.idsync.json'));
    await client.open(u, text);
    const mapTo = await client.completion(u, client.positionOf(u, '"mapTo": ""', 10));
    assert.deepEqual(new Set(mapTo.map((i) => i.label)), new Set(['EMAIL', 'PHONE', 'MADID', 'EXTERN_ID']));
    assert.equal(mapTo[0].label, 'EMAIL', 'no key is suggested for user_id: EXTERN_ID is not documented');
    assert.equal(mapTo.find((i) => i.label === 'EXTERN_ID')?.detail, 'External ID (uncertain)');
    const strategy = await client.completion(u, client.positionOf(u, '"strategy": ""', 13));
    assert.deepEqual(strategy.map((i) => i.label), ['first', 'last', 'all']);
    const ext = await client.completion(u, client.positionOf(u, '"user_id"', 1));
    const labels = ext.map((i) => i.label);
    for (const id of ['user_id', 'email', 'anonymous_id', 'android.id', 'android.idfa', 'android.push_token', 'ios.id', 'ios.idfa', 'ios.push_token', 'ga_client_id', 'group_id', 'phone', 'shopify_id']) {
      assert.ok(labels.includes(id), `externalId completion lists ${id}`);
    }
    assert.deepEqual(labels.slice(-2), ['phone', 'shopify_id']);
    await client.close(u);
  });

  it('fixes "strategy": "Last Added" to "last" with the preferred code action', async () => {
    const text = fs.readFileSync(configPath, 'utf8');
    const diagnostics = (await client.diagnosticsFor(uri)).filter((d) => d.code === 'invalid-strategy');
    const actions = await client.codeActions(uri, diagnostics);
    const fix = actions.find((a) => a.isPreferred)!;
    assert.equal(fix.title, 'Change to "last"');
    assert.equal(applyWorkspaceEdit(text, uri, fix.edit), text.replace('"strategy": "Last Added"', '"strategy": "last"'));
  });

  it('prints usage and exits 2 without a transport', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, [SERVER], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /error: no transport given \(for example --stdio\)\./);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
  });
});
