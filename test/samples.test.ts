/**
 * The sample corpus is documentation that runs: every clean config lints without errors and
 * points at real sample profiles, and every file in samples/problems/<code>.idsync.json shows
 * the problem its name says.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { RULE_CODES, builtinCatalogs, findDestination } from '../server/src/engine';
import { SAMPLES_DIR, PROBLEMS_DIR, configsUnder, isProblem, lintSample, rel } from './helpers/samples';

/** The rules table of the core issue plus the rules added since; codes are stable. */
const KNOWN_CODES = [
  'syntax', 'unknown-property', 'invalid-type', 'missing-property', 'invalid-strategy', 'too-many-all', 'too-many-identifiers',
  'mobile-ids-disabled', 'unknown-destination', 'unknown-destination-identifier', 'missing-map-to', 'unknown-identifier',
  'default-setup-ignores-identifiers', 'duplicate-identifier', 'existing-audience', 'property-mapping', 'destination-limit',
  'key-convention', 'unmatchable-identifier', 'unused-disable-directive',
  'duplicate-property', 'duplicate-map-to', 'all-on-single-value', 'empty-customized-setup', 'conflicting-properties',
  'identifier-kind-mismatch', 'list-key-type-mismatch', 'identifier-type-key',
];

const all = configsUnder(SAMPLES_DIR);
const problems = all.filter(isProblem);
const clean = all.filter((f) => !isProblem(f));

function jsonc(file: string): any {
  return parse(fs.readFileSync(file, 'utf8'), [], { allowTrailingComma: true });
}

/** External ids of a sample profile in any of the three accepted shapes. */
function externalIds(file: string): Array<{ type: string; id: string; created_at?: string }> {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (Array.isArray(data)) return data;
  if (Array.isArray(data.data)) return data.data;
  if (Array.isArray(data.external_ids)) return data.external_ids;
  throw new Error(`${rel(file)} is not a sample profile shape`);
}

describe('samples', () => {
  describe('problems/<code>.idsync.json', () => {
    it('has one file per rule code, and no file for an unknown code', () => {
      const codes = problems.map((f) => path.basename(f, '.idsync.json'));
      for (const code of codes) assert.ok(KNOWN_CODES.includes(code), `samples/problems/${code}.idsync.json: "${code}" is not a rule code`);
      assert.deepEqual([...codes].sort(), [...KNOWN_CODES].sort());
      for (const f of fs.readdirSync(PROBLEMS_DIR)) assert.ok(f.endsWith('.idsync.json'), `unexpected file samples/problems/${f}`);
    });

    for (const file of problems) {
      const code = path.basename(file, '.idsync.json');
      it(`${code}: says what is wrong and produces a "${code}" diagnostic`, function () {
        const first = fs.readFileSync(file, 'utf8').split(/\r?\n/)[0];
        assert.equal(first.startsWith(`// Problem: ${code}. `), true, `first line: ${first}`);
        if (!RULE_CODES.includes(code)) this.skip(); // rule not registered yet
        const { result } = lintSample(file);
        const got = result.diagnostics.map((d) => d.code);
        assert.ok(got.includes(code), `${rel(file)}: expected a "${code}" diagnostic, got ${JSON.stringify(got)}`);
      });
    }
  });

  describe('clean configs', () => {
    const catalogs = builtinCatalogs();

    it('cover the main destinations, a destination function, a journey and a default setup', () => {
      const slugs = clean.map((f) => jsonc(f).destination?.slug);
      for (const slug of [
        'personas-facebook-custom-audiences', 'adwords-remarketing-lists', 'actions-facebook-custom-audiences', 'actions-snap-audiences',
        'actions-reddit-audiences', 'actions-taboola-actions', 'actions-yahoo-audiences', 'actions-sendgrid-audiences', 'crm-sync-function',
      ]) {
        assert.ok(slugs.includes(slug), `a clean sample for ${slug}`);
      }
      assert.ok(clean.some((f) => jsonc(f).journey), 'a journey sample');
      assert.ok(clean.some((f) => jsonc(f).setup === 'default'), 'a default-setup sample');
    });

    it('the space file has no errors', () => {
      const { space } = lintSample(clean[0]);
      assert.ok(space, 'samples/idsync.space.json governs the samples');
      assert.equal(space.path.endsWith('/samples/idsync.space.json'), true);
      assert.deepEqual(space.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
      assert.ok(space.config.destinations.has('crm-sync-function'));
      assert.deepEqual([...space.config.customIdentifiers].sort(), ['phone', 'shopify_id']);
    });

    for (const file of clean) {
      it(`${rel(file)}: no error, a known destination, existing sample profiles`, () => {
        const { result, space } = lintSample(file);
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        assert.deepEqual(errors.map((d) => `${d.code}: ${d.message}`), []);
        const config = jsonc(file);
        assert.ok(findDestination(config.destination.slug, catalogs, space!.config), `destination ${config.destination.slug} is in a catalog`);
        assert.ok(Array.isArray(config.samples) && config.samples.length > 0, 'references sample profiles');
        for (const s of config.samples as string[]) {
          const p = path.resolve(path.dirname(file), s);
          assert.ok(p.startsWith(SAMPLES_DIR + path.sep), `${s} stays inside samples/`);
          assert.ok(externalIds(p).length > 0, `${s} has external ids`);
        }
      });
    }
  });

  describe('profiles', () => {
    const dir = path.join(SAMPLES_DIR, 'profiles');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => path.join(dir, f));

    it('use the three accepted shapes', () => {
      const shapes = new Set(
        files.map((f) => {
          const data = JSON.parse(fs.readFileSync(f, 'utf8'));
          if (Array.isArray(data)) return 'array';
          if (Array.isArray(data.data) && data.cursor) return 'profile-api';
          if (Array.isArray(data.external_ids) && data.traits) return 'external_ids+traits';
          return 'unknown';
        }),
      );
      assert.deepEqual([...shapes].sort(), ['array', 'external_ids+traits', 'profile-api']);
    });

    it('every external id has a type, a string id and an ISO created_at', () => {
      for (const f of files) {
        for (const x of externalIds(f)) {
          assert.equal(typeof x.type, 'string', rel(f));
          assert.equal(typeof x.id, 'string', rel(f));
          assert.ok(x.created_at && !Number.isNaN(Date.parse(x.created_at)), `${rel(f)}: created_at of ${x.type}`);
        }
      }
    });

    it('include several emails whose file order differs from their created_at order', () => {
      const ok = files.some((f) => {
        const emails = externalIds(f).filter((x) => x.type === 'email').map((x) => x.created_at!);
        const sorted = [...emails].sort((a, b) => Date.parse(a) - Date.parse(b));
        return emails.length >= 3 && new Set(emails).size === emails.length && emails.join() !== sorted.join();
      });
      assert.ok(ok);
    });

    it('include mobile ad ids, custom ids and a pre-hashed email', () => {
      const ids = files.flatMap(externalIds);
      for (const type of ['ios.idfa', 'android.idfa', 'phone', 'shopify_id']) assert.ok(ids.some((x) => x.type === type), type);
      assert.ok(ids.some((x) => x.type === 'email' && /^[a-f0-9]{64}$/.test(x.id)), 'a SHA-256 email');
    });
  });
});
