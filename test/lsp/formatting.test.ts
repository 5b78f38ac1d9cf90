/**
 * Formatting over JSON-RPC (in-process server): every file in samples/ is a fixed point (zero
 * edits), a badly formatted config is fixed (full resulting text compared: one-line containers
 * stay on one line with normalised spacing, the rest is jsonc-parser's), formatting twice equals
 * formatting once, and range formatting touches only the range.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextEdit } from 'vscode-languageserver';
import { TestClient, fileUri, applyWorkspaceEdit } from './helpers/client';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLES = path.join(ROOT, 'samples');

function jsonFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsonFiles(path.join(dir, e.name)) : e.name.endsWith('.json') ? [path.join(dir, e.name)] : []));
}

const MESSY = `{"audience":{"key":"vip"},   // the audience
"destination":{
"slug":"personas-facebook-custom-audiences"},
    "idSyncConfiguration":[{"externalId":"email","strategy":"last","mapTo":"EMAIL"},
{ "externalId" : "phone" ,"strategy":"all",
"mapTo":"PHONE"}, {  }, { "externalId": "x", "mapTo": [ 1 , { "b" : null } ] }
  ],
"samples":[ "a.json" , "b.json", ]}
`;

const FIXED = `{
  "audience": { "key": "vip" }, // the audience
  "destination": {
    "slug": "personas-facebook-custom-audiences"
  },
  "idSyncConfiguration": [
    { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" },
    {
      "externalId": "phone",
      "strategy": "all",
      "mapTo": "PHONE"
    },
    {},
    { "externalId": "x", "mapTo": [1, { "b": null }] }
  ],
  "samples": ["a.json", "b.json",]
}
`;

describe('language server: formatting', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.inProcess(SAMPLES, { debounceMs: 10 });
  });
  after(() => client.shutdown());

  const format = async (uri: string, text: string, options = { tabSize: 2, insertSpaces: true }): Promise<{ edits: TextEdit[]; text: string }> => {
    const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options });
    return { edits, text: applyWorkspaceEdit(text, uri, { changes: { [uri]: edits } }) };
  };

  it('leaves every file in samples/ as it is (zero edits)', async () => {
    const files = jsonFiles(SAMPLES);
    assert.ok(files.length >= 40, `samples found: ${files.length}`);
    const changed: string[] = [];
    for (const f of files) {
      const uri = fileUri(f);
      const text = fs.readFileSync(f, 'utf8');
      await client.open(uri, text);
      const { edits } = await format(uri, text);
      if (edits.length) changed.push(`${path.relative(ROOT, f)}: ${edits.length} edit(s), first ${JSON.stringify(edits[0])}`);
      await client.close(uri);
    }
    assert.deepEqual(changed, []);
  });

  it('fixes a badly formatted config: one-line containers stay on one line, spacing normalised; formatting again changes nothing', async () => {
    const uri = fileUri(path.join(SAMPLES, 'messy-not-on-disk.idsync.json'));
    await client.open(uri, MESSY);
    const once = await format(uri, MESSY);
    assert.equal(once.text, FIXED);
    await client.replace(uri, once.text);
    const twice = await format(uri, once.text);
    assert.deepEqual(twice.edits, []);
    // With tabs, the same lines indented by tabs.
    await client.replace(uri, MESSY);
    const tabs = await format(uri, MESSY, { tabSize: 4, insertSpaces: false });
    assert.equal(tabs.text, FIXED.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2)));
    await client.close(uri);
  });

  it('range formatting normalises only the entries inside the range', async () => {
    const uri = fileUri(path.join(SAMPLES, 'range-not-on-disk.idsync.json'));
    const text = `{\n  "idSyncConfiguration": [\n    {"externalId":"email","strategy":"last","mapTo":"EMAIL"},\n    {"externalId":"phone","strategy":"last","mapTo":"PHONE"}\n  ]\n}\n`;
    await client.open(uri, text);
    const edits = await client.request<TextEdit[]>('textDocument/rangeFormatting', {
      textDocument: { uri },
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 62 } },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.equal(
      applyWorkspaceEdit(text, uri, { changes: { [uri]: edits } }),
      text.replace('{"externalId":"email","strategy":"last","mapTo":"EMAIL"}', '{ "externalId": "email", "strategy": "last", "mapTo": "EMAIL" }'),
    );
    await client.close(uri);
  });
});
