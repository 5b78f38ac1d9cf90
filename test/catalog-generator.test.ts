/**
 * The catalog generator (scripts/catalogs, docs/catalogs.md): the committed catalogs are what the
 * committed snapshot and overlays generate; overlays without sources fail; every known destination
 * (tiers 1-4) is found by its slug and its aliases and lints without a false warning.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { builtinCatalogs, builtinAudienceDestinations, lintText, previewConfig, EMPTY_SPACE } from '../server/src/engine';
import { completionsAt } from '../server/src/engine';
import { hoverAt } from '../server/src/engine';

const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'scripts', 'catalogs', 'main.mjs');
const catalogs = builtinCatalogs();

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface IndexFile { destinations: Array<[string, string, string, number, string, string[], string]> }
const index = JSON.parse(fs.readFileSync(path.join(ROOT, 'server/catalogs/destination-index.json'), 'utf8')) as IndexFile;

function configFor(slug: string, entries = ''): string {
  return `{ "audience": { "key": "vip" }, "destination": { "slug": ${JSON.stringify(slug)} }, "idSyncConfiguration": [${entries}] }`;
}

describe('catalog generator', function () {
  this.timeout(60000);

  it('snapshot in, catalogs out: the committed catalogs, index and coverage table equal a fresh generation', () => {
    const r = run('--check');
    assert.equal(r.status, 0, `npm run catalogs -- --check failed:\n${r.stderr}`);
    assert.match(r.stdout, /^catalogs up to date \(\d+ files\): 6 classic list, 28 audienceConfig, 23 audience-action, \d+ event destinations/);
  });

  it('fails on an overlay fact without a source, naming the file and the JSON path', () => {
    const r = run('--check', '--overlays', 'test/fixtures/catalogs/overlay-no-source');
    assert.equal(r.status, 1, r.stderr);
    assert.equal(
      r.stderr.trim().split('\n').filter((l) => !l.startsWith('warning:')).join('\n'),
      'catalog generation failed:\ntest/fixtures/catalogs/overlay-no-source/actions-kevel.json $.keys.segment_user_id: "source" is missing (every curated fact cites a source)',
    );
  });

  it('fails on a generated field repeated with another value and on a confidence that is not a level', () => {
    const r = run('--check', '--overlays', 'test/fixtures/catalogs/overlay-wrong-name');
    assert.equal(r.status, 1, r.stderr);
    const f = 'test/fixtures/catalogs/overlay-wrong-name/actions-kevel.json';
    assert.ok(r.stderr.includes(`${f} $.displayName: generated field repeated with another value ("Kevel"; generated: "Kevel UserDB (Actions)")`), r.stderr);
    assert.ok(r.stderr.includes(`${f} $: "confidence" is "because", not one of documented, code, inferred, uncertain`), r.stderr);
  });

  it('every audience destination has a curated overlay', () => {
    const uncurated = builtinAudienceDestinations().filter((d) => d.curated === false).map((d) => d.slug).sort();
    assert.deepEqual(uncurated, []);
  });

  it('records readsByDefault from the metadata defaults, cited to metadata.json', () => {
    const reddit = JSON.parse(fs.readFileSync(path.join(ROOT, 'scripts/catalogs/snapshot/action-destinations.json'), 'utf8')) as { metadata: Record<string, unknown> };
    assert.ok(reddit.metadata['reddit-audiences'], 'the snapshot keeps reddit-audiences');
    const mntn = catalogs.destinations.get('actions-mntn-audiences')!;
    assert.deepEqual(mntn.readsByDefault?.advertisingId, [{
      action: 'syncAudience', field: 'maid', default: 'coalesce($.traits.advertisingId, $.properties.advertisingId)',
      source: 'action-destinations packages/destination-actions/src/destinations/mntn-audiences/metadata.json (actions.syncAudience.fields.maid.default)',
      confidence: 'code',
    }]);
  });
});

describe('destinations as users write them', () => {
  it('resolves the public catalog slug, previous names and docs folder names to the canonical slug', () => {
    for (const [alias, canonical] of [
      ['reddit-audiences', 'actions-reddit-audiences'],
      ['personas-google-adwords', 'adwords-remarketing-lists'],
      ['hubspot-cloud-mode-actions', 'actions-hubspot-cloud'],
      ['first-party-dv360', 'actions-first-party-dv360'],
    ]) {
      const r = lintText(configFor(alias, '{ "externalId": "email", "strategy": "last", "mapTo": "email" }'));
      assert.equal(r.destination?.slug, canonical, alias);
      assert.deepEqual(r.diagnostics.map((d) => `${d.code} ${d.severity}`), ['destination-alias hint'], alias);
    }
  });

  it('hover on an alias names the canonical slug, the tier, the aliases, the source and its confidence', () => {
    const text = configFor('reddit-audiences');
    const h = hoverAt(text, text.indexOf('reddit-audiences') + 2, { catalogs, space: EMPTY_SPACE });
    const md = h?.markdown ?? '';
    assert.ok(md.startsWith('`reddit-audiences` is another name of `actions-reddit-audiences` (its canonical slug).\n\n**Reddit Audiences** (`actions-reddit-audiences`, audience destination (Actions))'), md);
    assert.match(md, /Also written: `reddit-audiences`\./);
    const event = configFor('mixpanel');
    const e = hoverAt(event, event.indexOf('mixpanel') + 2, { catalogs, space: EMPTY_SPACE })?.markdown ?? '';
    assert.match(e, /Free-text destination keys: its mappings decide \(an event destination\)\./);
    assert.match(e, /Source: segment-docs src\/_data\/catalog\/destinations\.yml \(id 54521fd925e721e32a72eed6\) \(confidence: documented\)$/);
  });

  it('suggests the canonical slug for a typo of an alias', () => {
    const d = lintText(configFor('reddit-audience')).diagnostics.find((x) => x.code === 'unknown-destination');
    assert.ok(d, 'unknown-destination reported');
    assert.match(d.message, /Did you mean "actions-reddit-audiences"\?$/);
  });

  it('checks the keys of a destination named by an alias like by its slug', () => {
    const codes = (slug: string) => lintText(configFor(slug, '{ "externalId": "ios.idfa", "strategy": "last", "mapTo": "idfa" }'), {}).diagnostics.filter((d) => d.code !== 'destination-alias').map((d) => `${d.code}: ${d.message}`);
    assert.deepEqual(codes('reddit-audiences'), codes('actions-reddit-audiences'));
    assert.ok(codes('reddit-audiences').some((c) => c.startsWith('key-convention: ') || c.startsWith('unknown-destination-identifier: ')));
  });
});

describe('corpus: a config for every known destination', function () {
  this.timeout(60000);
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/idsync.schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  const entries = '{ "externalId": "email", "strategy": "last", "mapTo": "email" }, { "externalId": "user_id", "strategy": "last", "mapTo": "user_id" }';

  it('covers tiers 1-4 (6 + 28 + 23 audience destinations, hundreds of event destinations)', () => {
    const count = (t: number) => index.destinations.filter((r) => r[3] === t).length;
    assert.deepEqual([count(1), count(2), count(3)], [6, 28, 23]);
    assert.ok(count(4) > 400, `${count(4)} event destinations`);
    assert.equal(catalogs.destinations.size, index.destinations.length);
  });

  it('every slug and alias lints without unknown-destination, and the schema accepts the config unless the linter reports an error', () => {
    const names = index.destinations.flatMap((r) => [r[0], ...r[5]]);
    const bad: string[] = [];
    for (const name of names) {
      const text = configFor(name, entries);
      const r = lintText(text);
      if (r.diagnostics.some((d) => d.code === 'unknown-destination') || !r.destination) bad.push(name);
      // Dropdown destinations reject mapTo "email"/"user_id" (unknown-destination-identifier, an error); so does the schema.
      const linterRejects = r.diagnostics.some((d) => d.severity === 'error');
      if (validate(JSON.parse(text)) === linterRejects) bad.push(`${name} (schema: ${ajv.errorsText(validate.errors)}; linter errors: ${r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code).join(', ')})`);
    }
    assert.deepEqual(bad, []);
  });

  it('an event destination or an uncurated audience destination gets no warning at all for plain entries', () => {
    const noisy: string[] = [];
    for (const r of index.destinations) {
      const dest = catalogs.destinations.get(r[0])!;
      if (r[3] !== 4 && dest.curated !== false) continue;
      const ds = lintText(configFor(r[0], entries)).diagnostics;
      if (ds.length) noisy.push(`${r[0]}: ${ds.map((d) => d.code).join(', ')}`);
    }
    assert.deepEqual(noisy, []);
  });

  it('previews an event destination: the identifier is sent as it is, under its key', () => {
    const text = configFor('mixpanel', '{ "externalId": "email", "strategy": "last", "mapTo": "email" }');
    const lint = lintText(text);
    const profile = { shape: 'profile-api', warnings: [], externalIds: [{ id: 'Jane@X.com', type: 'email', createdAt: '2024-01-01T00:00:00Z', position: 0, offset: 0 }] };
    const p = previewConfig({ model: lint.model, catalogs, space: EMPTY_SPACE }, { path: '/ws/jane.json', display: 'jane.json', profile } as never);
    assert.equal(p.error, null);
    assert.match(JSON.stringify(p), /"Jane@X\.com"/);
    assert.ok(JSON.stringify(p).includes('Mixpanel (Legacy) is an event destination: \\"email\\" arrives as provided'), JSON.stringify(p));
  });

  it('mapTo completion of an event destination offers the Segment identifier names, the entry\'s own first', () => {
    const text = configFor('mixpanel', '{ "externalId": "ios.idfa", "strategy": "last", "mapTo": "" }');
    const offset = text.indexOf('"mapTo": "') + '"mapTo": "'.length;
    const items = completionsAt(text, offset, { catalogs, space: EMPTY_SPACE });
    assert.equal(items[0].label, 'ios.idfa');
    assert.equal(items[0].detail, 'Segment identifier name (this entry)');
    assert.ok(items.some((i) => i.label === 'email' && i.detail === 'Segment identifier name'));
  });
});
