/**
 * The editor's "Fix all" (`source.fixAll.idsync`) and `idsync check --fix` apply the same fixes:
 * pass after pass, to the fixed point. The same file is fixed by the language server over
 * JSON-RPC and by the built CLI; the texts must be equal byte for byte, and the code action's
 * edit must touch only the span that changed.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient, applyWorkspaceEdit, fileUri } from './helpers/client';

const REPO = path.resolve(__dirname, '../../..');
const SEVERAL = path.join(REPO, 'test/cli/fixtures/fix/several.idsync.json');

describe('fix-all in the editor and in the CLI', () => {
  let root: string;
  let client: TestClient;

  beforeEach(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-fixall-')));
    fs.mkdirSync(path.join(root, '.git'));
    client = await TestClient.inProcess(root, { debounceMs: 0 });
  });
  afterEach(async () => {
    await client.shutdown();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('source.fixAll.idsync reaches the text idsync check --fix writes ("All" → "all" → "last" takes two passes)', async () => {
    const text = fs.readFileSync(SEVERAL, 'utf8');
    const file = path.join(root, 'several.idsync.json');
    fs.writeFileSync(file, text);
    const uri = fileUri(file);
    await client.open(uri, text);
    await client.diagnosticsFor(uri);
    const actions = await client.codeActions(uri, [], ['source.fixAll'], { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.equal(actions.length, 1);
    const edited = applyWorkspaceEdit(text, uri, actions[0].edit);

    const cli = spawnSync(process.execPath, [path.join(REPO, 'dist/cli.js'), 'check', '--fix', 'several.idsync.json'], { cwd: root, encoding: 'utf8' });
    assert.equal(cli.status, 1, cli.stderr);
    assert.match(cli.stderr, /several\.idsync\.json: applied \d+ fixes/);
    const written = fs.readFileSync(file, 'utf8');
    assert.notEqual(written, text);
    assert.equal(edited, written);
    assert.ok(edited.includes('{ "externalId": "user_id", "strategy": "last", "mapTo": "EXTERN_ID" }'), edited);

    // One edit over the changed span only: what is before and after it is left as it was.
    const changes = actions[0].edit!.changes?.[uri] ?? (actions[0].edit!.documentChanges as Array<{ edits: unknown[] }>)[0].edits;
    assert.equal(changes.length, 1);
  });

  it('offers no fix-all when the fixes would leave the text as it is', async () => {
    const text = '{\n  "audience": { "key": "vip" },\n  "destination": { "slug": "personas-facebook-custom-audiences" },\n  "idSyncConfiguration": [\n    { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" }\n  ]\n}\n';
    const uri = fileUri(path.join(root, 'clean.idsync.json'));
    await client.open(uri, text);
    assert.deepEqual(await client.diagnosticsFor(uri), []);
    const actions = await client.codeActions(uri, [], ['source.fixAll'], { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.deepEqual(actions, []);
  });
});
