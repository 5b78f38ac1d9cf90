/**
 * The built-in catalogs are data: these tests keep their structure sound (every fact sourced,
 * every reference resolvable) and pin the facts other parts of the product rely on.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinCatalogs, builtinAudienceDestinations, suggestedKey } from '../server/src/engine';

const BUILTIN_DESTINATIONS = builtinAudienceDestinations();
import type { DestinationCatalog, NormalizeStep } from '../server/src/engine';

const ROOT = path.resolve(__dirname, '..', '..');
const DEST_DIR = path.join(ROOT, 'server', 'catalogs', 'destinations');
const NORMALIZE: readonly NormalizeStep[] = ['trim', 'lowercase', 'digits-only', 'strip-leading-zeros', 'e164', 'strip-plus-tag', 'remove-local-dots'];
/** A plausible custom identifier: lowercase, no dots (those are Segment's default namespaces). */
const CUSTOM_ID = /^[a-z][a-z0-9_]*$/;

const catalogs = builtinCatalogs();
const identifiers = catalogs.identifiers.identifiers;

function nonEmpty(value: unknown, what: string): void {
  assert.equal(typeof value, 'string', `${what} must be a string`);
  assert.ok((value as string).trim().length > 0, `${what} must not be empty`);
}

describe('catalogs', () => {
  describe('identifiers.json', () => {
    it('has the eleven default identifiers, each labelled, described and sourced', () => {
      assert.deepEqual(Object.keys(identifiers).sort(), [
        'android.id', 'android.idfa', 'android.push_token', 'anonymous_id', 'email', 'ga_client_id', 'group_id', 'ios.id', 'ios.idfa', 'ios.push_token', 'user_id',
      ]);
      for (const [id, spec] of Object.entries(identifiers)) {
        nonEmpty(spec.label, `${id}.label`);
        nonEmpty(spec.description, `${id}.description`);
        nonEmpty(spec.source, `${id}.source`);
        assert.equal(spec.default, true, `${id} is a default identifier`);
        if (spec.unmatchable) nonEmpty(spec.unmatchableReason, `${id}.unmatchableReason`);
        if (spec.requiresSendMobileIds) assert.ok(spec.sendMobileIdsSeverity, `${id} needs a sendMobileIdsSeverity`);
      }
    });

    it('marks exactly the advertising ids as needing Send Mobile IDs (error for iOS, warning for Android)', () => {
      const gated = Object.entries(identifiers).filter(([, s]) => s.requiresSendMobileIds).map(([id, s]) => [id, s.sendMobileIdsSeverity]);
      assert.deepEqual(gated.sort(), [['android.idfa', 'warning'], ['ios.idfa', 'error']]);
      assert.deepEqual(Object.entries(identifiers).filter(([, s]) => s.mobileAdId).map(([id]) => id).sort(), ['android.idfa', 'ios.idfa']);
    });

    it('marks the identifiers ad platforms cannot match', () => {
      const unmatchable = Object.entries(identifiers).filter(([, s]) => s.unmatchable).map(([id]) => id).sort();
      assert.deepEqual(unmatchable, ['android.push_token', 'anonymous_id', 'ga_client_id', 'group_id', 'ios.push_token']);
    });

    it('sources the strategies and limits (3 All, 5 entries)', () => {
      const { strategies, limits } = catalogs.identifiers;
      assert.deepEqual(Object.keys(strategies).sort(), ['all', 'first', 'last']);
      for (const [k, s] of Object.entries(strategies)) {
        nonEmpty(s.source, `strategies.${k}.source`);
        nonEmpty(s.label, `strategies.${k}.label`);
        for (const alias of s.aliases) assert.ok(!['first', 'last', 'all'].includes(alias), `alias ${alias} must not be a canonical value`);
      }
      assert.equal(limits.maxAllStrategy, 3);
      assert.equal(limits.maxIdentifiers, 5);
      nonEmpty(limits.source, 'limits.source');
    });
  });

  describe('destination files', () => {
    const files = fs.readdirSync(DEST_DIR).filter((f) => f.endsWith('.json')).sort();

    it('are all registered, each once, with the slug of its file name', () => {
      const slugs = BUILTIN_DESTINATIONS.map((d) => d.slug);
      assert.equal(new Set(slugs).size, slugs.length, 'slugs are unique');
      assert.deepEqual([...slugs].sort(), files.map((f) => f.slice(0, -'.json'.length)).sort());
      for (const f of files) {
        const data = JSON.parse(fs.readFileSync(path.join(DEST_DIR, f), 'utf8')) as DestinationCatalog;
        assert.equal(data.slug, f.slice(0, -5), `${f}: slug equals the file name`);
      }
    });

    it('cover at least the destinations of the issue', () => {
      for (const slug of [
        'personas-facebook-custom-audiences', 'adwords-remarketing-lists', 'actions-facebook-custom-audiences', 'actions-snap-audiences',
        'actions-reddit-audiences', 'actions-taboola-actions', 'actions-yahoo-audiences', 'actions-sendgrid-audiences',
        'actions-tiktok-audiences', 'actions-linkedin-audiences',
      ]) {
        assert.ok(catalogs.destinations.has(slug), slug);
      }
    });

    for (const dest of BUILTIN_DESTINATIONS) {
      it(`${dest.slug} is structurally valid`, () => {
        const where = (s: string) => `${dest.slug}: ${s}`;
        nonEmpty(dest.displayName, where('displayName'));
        nonEmpty(dest.source, where('source'));
        assert.ok(['list', 'actions', 'function', 'classic'].includes(dest.kind), where('kind'));
        assert.ok(['dropdown', 'freeText'].includes(dest.input), where('input'));
        for (const flag of ['adList', 'ignoresSendMobileIds'] as const) {
          if (dest[flag] !== undefined) assert.equal(typeof dest[flag], 'boolean', where(flag));
        }
        const keys = Object.entries(dest.keys);
        if (dest.curated === false) {
          // Generated without an overlay: known, no key claimed, a note says so.
          assert.deepEqual(keys, [], where('an uncurated destination claims no key'));
          assert.equal(dest.input, 'freeText', where('an uncurated destination takes free text'));
          assert.match(dest.notes?.[0]?.text ?? '', /not curated yet/, where('the note says the keys are not curated'));
          return;
        }
        assert.ok(keys.length > 0, where('has keys'));
        for (const [key, spec] of keys) {
          const w = (s: string) => where(`keys.${key}.${s}`);
          nonEmpty(spec.label, w('label'));
          nonEmpty(spec.description, w('description'));
          nonEmpty(spec.source, w('source'));
          assert.ok(spec.hashing === 'sha256' || spec.hashing === 'none', w('hashing'));
          for (const step of spec.normalize ?? []) assert.ok(NORMALIZE.includes(step), w(`normalize step ${step}`));
          if (spec.passThroughHashed !== undefined) assert.equal(spec.hashing, 'sha256', w('passThroughHashed only makes sense for hashed keys'));
          for (const id of spec.suggestedFor ?? []) {
            assert.ok(id in identifiers || CUSTOM_ID.test(id), w(`suggestedFor ${id} is neither a known nor a plausible custom identifier`));
          }
          if (spec.mobileAdId) assert.ok(spec.suggestedFor?.some((id) => identifiers[id]?.mobileAdId), w('a mobile ad id key is suggested for a mobile ad id'));
        }
        for (const [id, key] of Object.entries(dest.keyConventions ?? {})) {
          assert.ok(id in identifiers || CUSTOM_ID.test(id), where(`keyConventions ${id} is an identifier`));
          assert.ok(key in dest.keys, where(`keyConventions ${id} -> ${key} targets an existing key`));
        }
        if (dest.keyConventions) nonEmpty(dest.keyConventionsSource, where('keyConventionsSource'));
        if (dest.input === 'dropdown') assert.equal(dest.keyConventions, undefined, where('dropdown destinations have no free-text conventions'));
        for (const [k, s] of Object.entries(dest.connectionSettings ?? {})) {
          nonEmpty(s.description, where(`connectionSettings.${k}.description`));
          nonEmpty(s.source, where(`connectionSettings.${k}.source`));
          assert.ok(['boolean', 'string', 'number'].includes(s.type), where(`connectionSettings.${k}.type`));
        }
        for (const [k, s] of Object.entries(dest.traitEnrichmentKeys ?? {})) {
          nonEmpty(s.label, where(`traitEnrichmentKeys.${k}.label`));
          nonEmpty(s.source, where(`traitEnrichmentKeys.${k}.source`));
          assert.ok(!(k in dest.keys), where(`${k} is either an ID Sync key or a Trait Enrichment key, not both`));
        }
        for (const [i, n] of (dest.notes ?? []).entries()) {
          nonEmpty(n.text, where(`notes[${i}].text`));
          nonEmpty(n.source, where(`notes[${i}].source`));
        }
        if (dest.limits) {
          nonEmpty(dest.limits.source, where('limits.source'));
          if (dest.limits.alwaysSends !== undefined) assert.ok(dest.limits.alwaysSends in dest.keys, where('limits.alwaysSends is a key'));
        }
        assert.ok(dest.defaultSetup, where('defaultSetup is documented'));
        nonEmpty(dest.defaultSetup.source, where('defaultSetup.source'));
        assert.ok(['first', 'last', 'all'].includes(dest.defaultSetup.strategy), where('defaultSetup.strategy'));
        for (const id of dest.defaultSetup.identifiers) assert.ok(id in identifiers, where(`defaultSetup sends only default identifiers (${id})`));
      });
    }
  });

  describe('pinned facts', () => {
    const dest = (slug: string) => {
      const d = catalogs.destinations.get(slug);
      assert.ok(d, slug);
      return d;
    };

    it('Facebook Custom Audiences: dropdown of exactly EMAIL, PHONE, MADID, EXTERN_ID; FN/LN are Trait Enrichment', () => {
      const fb = dest('personas-facebook-custom-audiences');
      assert.equal(fb.input, 'dropdown');
      assert.deepEqual(Object.keys(fb.keys).sort(), ['EMAIL', 'EXTERN_ID', 'MADID', 'PHONE']);
      assert.ok(fb.traitEnrichmentKeys && 'FN' in fb.traitEnrichmentKeys && 'LN' in fb.traitEnrichmentKeys);
      assert.equal(fb.keys.MADID.hashing, 'none');
      assert.equal(fb.keys.EMAIL.hashing, 'sha256');
      assert.equal(fb.keys.EMAIL.passThroughHashed, false, 'the classic destination double-hashes pre-hashed emails');
      assert.equal(suggestedKey(fb, 'ios.idfa'), 'MADID');
      assert.equal(suggestedKey(fb, 'email'), 'EMAIL');
    });

    it('Google Ads Remarketing Lists: dropdown of exactly email, phone, mobile_id; one identifier besides email', () => {
      const g = dest('adwords-remarketing-lists');
      assert.equal(g.input, 'dropdown');
      assert.deepEqual(Object.keys(g.keys).sort(), ['email', 'mobile_id', 'phone']);
      assert.equal(g.limits?.maxAdditionalIdentifiers, 1);
      assert.equal(g.limits?.alwaysSends, 'email');
      assert.equal(g.keys.mobile_id.hashing, 'none');
    });

    it('Snap: ios.idfa -> ios_idfa, android.idfa -> android_idfa, Send Mobile IDs ignored', () => {
      const s = dest('actions-snap-audiences');
      assert.equal(s.input, 'freeText');
      assert.equal(s.keyConventions?.['ios.idfa'], 'ios_idfa');
      assert.equal(s.keyConventions?.['android.idfa'], 'android_idfa');
      assert.equal(s.ignoresSendMobileIds, true);
    });

    it('Reddit: underscore keys for advertising ids, email canonicalised before hashing', () => {
      const r = dest('actions-reddit-audiences');
      assert.equal(r.keyConventions?.['ios.idfa'], 'ios_idfa');
      assert.equal(r.keyConventions?.['android.idfa'], 'android_idfa');
      assert.deepEqual(r.keys.email.normalize, ['remove-local-dots', 'strip-plus-tag', 'lowercase']);
    });

    it('Taboola: device ids, not advertising ids: ios.id -> ios_id, android.id -> android_id, unhashed', () => {
      const t = dest('actions-taboola-actions');
      assert.equal(t.keyConventions?.['ios.id'], 'ios_id');
      assert.equal(t.keyConventions?.['android.id'], 'android_id');
      assert.equal(t.keys.ios_id.hashing, 'none');
      assert.equal(suggestedKey(t, 'ios.idfa'), undefined);
    });

    it('Yahoo: Default Setup sends all emails; phone is E.164 without an added country code', () => {
      const y = dest('actions-yahoo-audiences');
      assert.deepEqual(y.defaultSetup, { ...y.defaultSetup, identifiers: ['email'], strategy: 'all' });
      assert.deepEqual(y.keys.phone.normalize, ['e164']);
      assert.notEqual(y.ignoresSendMobileIds, true, 'Yahoo needs Send Mobile IDs');
    });

    it('SendGrid is not an ad list (anonymous ids are valid there) and hashes nothing', () => {
      const sg = dest('actions-sendgrid-audiences');
      assert.equal(sg.adList, false);
      assert.ok('anonymous_id' in sg.keys);
      assert.ok(Object.values(sg.keys).every((k) => k.hashing === 'none'));
    });

    it('only Snap documents that it ignores Send Mobile IDs', () => {
      assert.deepEqual(BUILTIN_DESTINATIONS.filter((d) => d.ignoresSendMobileIds).map((d) => d.slug), ['actions-snap-audiences']);
    });
  });
});
