/**
 * The sample-profile size limit (docs/preview.md, "Limits"), the same in the CLI and the editor,
 * and renderers that take any number of values (no `push(...lines)` of unbounded arrays).
 * Before: `idsync preview` and the editor's preview panel crashed with "Maximum call stack size
 * exceeded" on a profile with about 125,000 values of one identifier; a 35 MB profile took 1.5 GB.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseProfile, MAX_PROFILE_EXTERNAL_IDS, MAX_PROFILE_SIZE } from '../../server/src/engine/preview/profiles';
import { previewAll, renderPreviewMarkdown, renderPreviewText, lintText, parseDocument, buildModel, builtinCatalogs, EMPTY_SPACE } from '../../server/src/engine';
import { TestClient, fileUri } from '../lsp/helpers/client';
import type { PreviewResult } from '../../server/src/lsp/preview';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');

const CONFIG = (samples: string[]) => `{
  "audience": { "key": "vip" },
  "destination": { "slug": "personas-facebook-custom-audiences" },
  "idSyncConfiguration": [ { "externalId": "email", "strategy": "all", "mapTo": "EMAIL" } ],
  "samples": ${JSON.stringify(samples)}
}
`;

function profile(n: number): string {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(`{"type":"email","id":"u${i}@example.com"}`);
  return `{"external_ids":[${ids.join(',')}]}`;
}

const TOO_MANY = `Sample profile is too large: the profile lists 1,001 external ids, over the limit of 1,000 (Engage keeps at most 1,000 identity mappings per profile): it is not previewed. Keep a few representative ones.`;
const tooLong = (n: number) =>
  `Sample profile is too large: the profile is ${n.toLocaleString('en-US')} characters long, over the limit of 1,048,576: it is not read. A Segment profile holds at most 1,000 external ids; keep a few representative ones.`;

describe('reliability: sample-profile limit', () => {
  it('parseProfile: 1,000 external ids are read, 1,001 are refused at the list, a text over 1 MiB is not parsed', () => {
    assert.equal(MAX_PROFILE_EXTERNAL_IDS, 1000);
    assert.equal(MAX_PROFILE_SIZE, 1048576);
    const ok = parseProfile(profile(1000));
    assert.ok(ok.ok && ok.profile.externalIds.length === 1000);
    const many = profile(1001);
    const r = parseProfile(many);
    assert.ok(!r.ok && r.limit);
    assert.equal(r.error.message, TOO_MANY.replace('Sample profile is too large: the', 'The'));
    assert.deepEqual([r.error.offset, r.error.line, r.error.character], [many.indexOf('['), 0, many.indexOf('[')]);
    const big = ' '.repeat(MAX_PROFILE_SIZE - profile(1).length) + profile(1);
    assert.ok(parseProfile(big).ok, 'exactly at the limit is read');
    const started = Date.now();
    const huge = profile(125_000);
    const h = parseProfile(huge);
    assert.ok(!h.ok && h.limit);
    assert.equal(h.error.message, tooLong(huge.length).replace('Sample profile is too large: the', 'The'));
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });

  it('renderers take 150,000 values of one identifier (markdown, text): no stack overflow', function () {
    this.timeout(60000);
    const text = CONFIG([]);
    const catalogs = builtinCatalogs();
    const model = buildModel(parseDocument(text));
    const externalIds = Array.from({ length: 150_000 }, (_, i) => ({ type: 'email', id: `u${i}@example.com`, position: i, offset: 0 }));
    const preview = previewAll({ model, catalogs, space: EMPTY_SPACE }, [{ display: 'p.json', profile: { shape: 'external-ids', externalIds, warnings: [] } }]);
    const md = renderPreviewMarkdown(preview, { events: true });
    // One table row per value, the first and the last among them.
    assert.equal(md.split('\n').filter((l) => l.startsWith('| ')).length, 150_000 + 1);
    assert.ok(md.includes('u149999\\@example\\.com'), md.slice(-500));
    const txt = renderPreviewText(preview);
    assert.equal(txt.split('\n').filter((l) => / -> [0-9a-f]+ \(sha256/.test(l)).length, 150_000);
    assert.ok(lintText(text).diagnostics.length === 0);
  });

  describe('the same message in the CLI and the editor', () => {
    let dir: string;
    before(() => {
      assert.ok(fs.existsSync(CLI), `${CLI} is missing: run npm run build`);
      dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-plimit-')));
      fs.writeFileSync(path.join(dir, 'many.json'), profile(1001));
      fs.writeFileSync(path.join(dir, 'huge.json'), profile(125_000));
      fs.writeFileSync(path.join(dir, 'ok.json'), profile(3));
      fs.writeFileSync(path.join(dir, 'a.idsync.json'), CONFIG(['many.json', 'huge.json', 'ok.json']));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('idsync preview and idsync check: one error per profile over the limit, the others preview', function () {
      this.timeout(30000);
      const hugeLen = fs.readFileSync(path.join(dir, 'huge.json'), 'utf8').length;
      const p = spawnSync(process.execPath, [CLI, 'preview', 'a.idsync.json'], { cwd: dir, encoding: 'utf8' });
      assert.equal(p.status, 1, `preview exit; stderr: ${p.stderr}`);
      assert.ok(p.stdout.includes(`many.json: error: ${TOO_MANY}\n`), p.stdout.slice(0, 2000));
      assert.ok(p.stdout.includes(`huge.json: error: ${tooLong(hugeLen)}\n`), p.stdout.slice(0, 2000));
      assert.match(p.stdout, /ok\.json: Customized Setup, 3 events/);
      const j = spawnSync(process.execPath, [CLI, 'preview', 'a.idsync.json', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
      const json = JSON.parse(j.stdout) as { profiles: Array<{ profile: string; error?: string }> };
      assert.deepEqual(json.profiles.map((x) => x.error ?? null), [TOO_MANY, tooLong(hugeLen), null]);
      const c = spawnSync(process.execPath, [CLI, 'check', 'a.idsync.json', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
      assert.ok(c.status === 0 || c.status === 1, `check exit ${c.status}; stderr: ${c.stderr}`);
      const report = JSON.parse(c.stdout) as { files: Array<{ diagnostics: Array<{ code: string; message: string }> }> };
      assert.deepEqual(
        report.files[0].diagnostics.map((d) => [d.code, d.message]),
        [
          ['sample-profile', `"many.json": ${TOO_MANY} Fix the profile or the path; the other profiles still preview.`],
          ['sample-profile', `"huge.json": ${tooLong(hugeLen)} Fix the profile or the path; the other profiles still preview.`],
        ],
      );
    });

    it('the language server: the same sample-profile diagnostics, and the preview panel shows the same errors', async function () {
      this.timeout(30000);
      const hugeLen = fs.readFileSync(path.join(dir, 'huge.json'), 'utf8').length;
      const client = await TestClient.inProcess(dir, { debounceMs: 5 });
      try {
        const uri = fileUri(path.join(dir, 'a.idsync.json'));
        await client.open(uri, fs.readFileSync(path.join(dir, 'a.idsync.json'), 'utf8'));
        const ds = await client.diagnosticsFor(uri, 20000);
        assert.deepEqual(
          ds.map((d) => [d.code, d.message]),
          [
            ['sample-profile', `"many.json": ${TOO_MANY} Fix the profile or the path; the other profiles still preview.`],
            ['sample-profile', `"huge.json": ${tooLong(hugeLen)} Fix the profile or the path; the other profiles still preview.`],
          ],
        );
        const r = await client.request<PreviewResult>('idsync/preview', { uri });
        assert.equal(r.error, undefined);
        const profiles = (r.json as { profiles: Array<{ error?: string }> }).profiles;
        assert.deepEqual(profiles.map((x) => x.error ?? null), [TOO_MANY, tooLong(hugeLen), null]);
        assert.ok(r.markdown.includes('**many\\.json**: cannot preview: Sample profile is too large\\: the profile lists 1\\,001 external ids'), r.markdown.slice(0, 1000));
      } finally {
        await client.shutdown();
      }
    });
  });
});
