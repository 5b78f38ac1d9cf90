/**
 * The built-in catalogs are data: these tests keep their structure sound (every fact sourced,
 * every reference resolvable) and pin the facts other parts of the product rely on.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinCatalogs, builtinAudienceDestinations, suggestedKey, CONFIDENCES, HASHINGS, NAMED_NORMALIZE_STEPS, isReliable } from '../server/src/engine';
import type { DestinationCatalog, Sourced } from '../server/src/engine';

const BUILTIN_DESTINATIONS = builtinAudienceDestinations();

const ROOT = path.resolve(__dirname, '..', '..');
const DEST_DIR = path.join(ROOT, 'server', 'catalogs', 'destinations');
/** The repositories a citation may name, each followed by a path inside it (CATALOG-CONTRACT.md). */
const REPOSITORIES = ['action-destinations', 'segment-docs', 'public-api-sdk-typescript'];
/** `<repository> <path>` then an optional passage in parentheses. */
const CITATION = /^(action-destinations|segment-docs|public-api-sdk-typescript) ((?:packages|src|model)\/[\w./-]+?[\w-]+(?:\.\w+)?)(?: \((.+)\))?$/s;

/** Every fact of the contract: a source whose citations each name a known repository and a full path, and one of the four confidences. */
function assertSourced(fact: Sourced | undefined, what: string): void {
  assert.ok(fact, `${what} is missing`);
  nonEmpty(fact.source, `${what}.source`);
  for (const citation of splitCitations(fact.source)) {
    const m = CITATION.exec(citation);
    assert.ok(m, `${what}.source: "${citation}" must be "<${REPOSITORIES.join('|')}> <full path> (passage)"`);
    if (m[1] === 'action-destinations') assert.ok(/^packages\/[\w-]+\/src\//.test(m[2]), `${what}.source: ${m[2]} is a full action-destinations path`);
    if (m[1] === 'segment-docs') assert.ok(m[2].startsWith('src/'), `${what}.source: ${m[2]} is a full segment-docs path`);
  }
  assert.ok(fact.confidence !== undefined && CONFIDENCES.includes(fact.confidence), `${what}.confidence must be one of ${CONFIDENCES.join(', ')} (got ${JSON.stringify(fact.confidence)})`);
  if (fact.note !== undefined) nonEmpty(fact.note, `${what}.note`);
}

/** Splits "a (x; y); b" at the "; " that are outside parentheses. */
function splitCitations(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '(') depth++;
    else if (source[i] === ')') depth--;
    else if (depth === 0 && source.startsWith('; ', i)) {
      out.push(source.slice(start, i));
      start = i + 2;
    }
  }
  out.push(source.slice(start));
  return out;
}
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
        assertSourced(spec, id);
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
        assertSourced(s, `strategies.${k}`);
        nonEmpty(s.label, `strategies.${k}.label`);
        for (const alias of s.aliases) assert.ok(!['first', 'last', 'all'].includes(alias), `alias ${alias} must not be a canonical value`);
      }
      assert.equal(limits.maxAllStrategy, 3);
      assert.equal(limits.maxIdentifiers, 5);
      assertSourced(limits, 'limits');
      assertSourced(catalogs.identifiers, 'identifiers.json');
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
        assertSourced(dest, where('destination'));
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
        // A curated destination without keys (closed source with no documented key names, a stub,
        // or one that reads only ids Engage fills itself) says why in a sourced note.
        if (keys.length === 0) assert.ok((dest.notes ?? []).length > 0 || dest.note, where('a destination without keys says why in a note'));
        for (const [key, spec] of keys) {
          const w = (s: string) => where(`keys.${key}.${s}`);
          nonEmpty(spec.label, w('label'));
          nonEmpty(spec.description, w('description'));
          assertSourced(spec, w('key'));
          assert.ok(HASHINGS.includes(spec.hashing), w(`hashing ${spec.hashing} is one of ${HASHINGS.join(', ')}`));
          for (const step of spec.normalize ?? []) {
            if (typeof step === 'string') assert.ok(NAMED_NORMALIZE_STEPS.includes(step), w(`normalize step ${step}`));
            else {
              nonEmpty(step.why, w('normalize step why'));
              const kinds = (['replace', 'reject', 'require', 'keep'] as const).filter((k) => k in step);
              assert.equal(kinds.length, 1, w(`a pattern step has exactly one of replace, reject, require, keep: ${JSON.stringify(step)}`));
              const src = (step as Record<string, string>)[kinds[0]];
              assert.doesNotThrow(() => new RegExp(src, step.flags), w(`pattern ${src} compiles`));
              if ('replace' in step) assert.equal(typeof step.with, 'string', w('replace has a with'));
            }
          }
          if (spec.passThroughHashed !== undefined) assert.notEqual(spec.hashing, 'none', w('passThroughHashed only on hashed keys'));
          if (spec.passThroughTest) {
            assert.equal(spec.passThroughHashed, true, w('passThroughTest needs passThroughHashed'));
            nonEmpty(spec.passThroughTest.why, w('passThroughTest.why'));
            if (spec.passThroughTest.pattern !== undefined) assert.doesNotThrow(() => new RegExp(spec.passThroughTest!.pattern!, spec.passThroughTest!.flags), w('passThroughTest.pattern compiles'));
          }
          if (spec.hashingSetting || spec.alsoSendsRaw) assert.notEqual(spec.hashing, 'none', w('hashingSetting/alsoSendsRaw only on hashed keys'));
          if (spec.expects !== undefined) assert.ok(['email', 'phone', 'advertising-id', 'device-id', 'user-id', 'anonymous-id', 'other'].includes(spec.expects), w('expects'));
          for (const [name, fact] of Object.entries(spec.facts ?? {})) {
            assert.ok(['normalize', 'hashing', 'passThroughHashed', 'expects'].includes(name), w(`facts.${name} is a known fact`));
            assertSourced(fact, w(`facts.${name}`));
          }
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
          assertSourced(s, where(`connectionSettings.${k}`));
          assert.ok(['boolean', 'string', 'number'].includes(s.type), where(`connectionSettings.${k}.type`));
        }
        for (const [k, s] of Object.entries(dest.traitEnrichmentKeys ?? {})) {
          nonEmpty(s.label, where(`traitEnrichmentKeys.${k}.label`));
          assertSourced(s, where(`traitEnrichmentKeys.${k}`));
          assert.ok(!(k in dest.keys), where(`${k} is either an ID Sync key or a Trait Enrichment key, not both`));
        }
        for (const [i, n] of (dest.notes ?? []).entries()) {
          nonEmpty(n.text, where(`notes[${i}].text`));
          assertSourced(n, where(`notes[${i}]`));
        }
        if (dest.limits) {
          assertSourced(dest.limits, where('limits'));
          if (dest.limits.alwaysSends !== undefined) assert.ok(dest.limits.alwaysSends in dest.keys, where('limits.alwaysSends is a key'));
        }
        // What Default Setup sends is documented for some destinations only; where it is given, it is sourced.
        if (dest.defaultSetup) assertSourced(dest.defaultSetup, where('defaultSetup'));
        if (dest.listKeyTypeSetting) assertSourced(dest.listKeyTypeSetting, where('listKeyTypeSetting'));
        if (dest.keyConventionsSource) {
          for (const c of splitCitations(dest.keyConventionsSource)) assert.match(c, CITATION, where('keyConventionsSource cites a repository path'));
        }
        for (const id of Object.keys(identifiers)) {
          const k = suggestedKey(dest, id);
          if (k !== undefined && k in dest.keys) assert.ok(isReliable(dest.keys[k]), where(`suggestedKey(${id}) = ${k} is documented or code`));
        }
        if (dest.defaultSetup) {
          assert.ok(['first', 'last', 'all'].includes(dest.defaultSetup.strategy), where('defaultSetup.strategy'));
          for (const id of dest.defaultSetup.identifiers) assert.ok(id in identifiers, where(`defaultSetup sends only default identifiers (${id})`));
        }
      });
    }
  });

  describe('pinned facts', () => {
    const dest = (slug: string) => {
      const d = catalogs.destinations.get(slug);
      assert.ok(d, slug);
      return d;
    };

    it('Facebook Custom Audiences: dropdown of EMAIL, PHONE, MADID, EXTERN_ID; only EMAIL and MADID documented, so only they are suggested', () => {
      const fb = dest('personas-facebook-custom-audiences');
      assert.equal(fb.input, 'dropdown');
      assert.deepEqual(Object.keys(fb.keys).sort(), ['EMAIL', 'EXTERN_ID', 'MADID', 'PHONE']);
      assert.ok(fb.traitEnrichmentKeys && 'FN' in fb.traitEnrichmentKeys && 'LN' in fb.traitEnrichmentKeys);
      assert.equal(fb.keys.MADID.hashing, 'none');
      assert.equal(fb.keys.EMAIL.hashing, 'sha256');
      assert.equal(fb.keys.EMAIL.passThroughHashed, false, 'the classic destination double-hashes pre-hashed emails');
      assert.deepEqual([fb.keys.EMAIL.confidence, fb.keys.MADID.confidence, fb.keys.PHONE.confidence, fb.keys.EXTERN_ID.confidence], ['documented', 'documented', 'inferred', 'uncertain']);
      assert.equal(fb.keys.EMAIL.facts?.normalize?.confidence, 'uncertain', "trim/lower-case is Facebook's guidance, not documented Segment behaviour");
      assert.equal(suggestedKey(fb, 'ios.idfa'), 'MADID');
      assert.equal(suggestedKey(fb, 'email'), 'EMAIL');
      assert.equal(suggestedKey(fb, 'phone'), undefined);
      assert.equal(suggestedKey(fb, 'user_id'), undefined);
    });

    it('Google Ads Remarketing Lists: email, phone (inferred), mobile_id; one identifier besides email; uncertain pass-through', () => {
      const g = dest('adwords-remarketing-lists');
      assert.equal(g.input, 'dropdown');
      assert.deepEqual(Object.keys(g.keys).sort(), ['email', 'mobile_id', 'phone']);
      assert.equal(g.limits?.maxAdditionalIdentifiers, 1);
      assert.equal(g.limits?.alwaysSends, 'email');
      assert.equal(g.keys.mobile_id.hashing, 'none');
      assert.equal(g.keys.email.facts?.passThroughHashed?.confidence, 'uncertain');
      assert.equal(g.keys.phone.confidence, 'inferred');
      assert.equal(suggestedKey(g, 'phone'), undefined);
    });

    it('Snap: ios.idfa -> ios_idfa, android.idfa -> android_idfa; phone steps as normalizePhone; both pages on Send Mobile IDs cited', () => {
      const s = dest('actions-snap-audiences');
      assert.equal(s.input, 'freeText');
      assert.equal(s.keyConventions?.['ios.idfa'], 'ios_idfa');
      assert.equal(s.keyConventions?.['android.idfa'], 'android_idfa');
      assert.equal(s.ignoresSendMobileIds, true, "Snap's own page");
      assert.match(s.connectionSettings?.sendMobileIds.source ?? '', /actions-snap-audiences\/index\.md.*; segment-docs src\/engage\/trait-activation\/id-sync\.md/);
      assert.deepEqual(s.keys.phone.normalize?.map((st) => (typeof st === 'string' ? st : 'replace' in st ? st.replace : '')), ['[\\s()+-]', '^00', '^0']);
    });

    it('Reddit: underscore keys for advertising ids, read from traits then properties', () => {
      const r = dest('actions-reddit-audiences');
      assert.equal(r.keyConventions?.['ios.idfa'], 'ios_idfa');
      assert.equal(r.keyConventions?.['android.idfa'], 'android_idfa');
      assert.match(r.keys.ios_idfa.description, /traits\.ios_idfa, else properties\.ios_idfa/);
    });

    it('Taboola: device ids, not advertising ids: ios.id -> ios_id, android.id -> android_id, unhashed', () => {
      const t = dest('actions-taboola-actions');
      assert.equal(t.keyConventions?.['ios.id'], 'ios_id');
      assert.equal(t.keyConventions?.['android.id'], 'android_id');
      assert.equal(t.keys.ios_id.hashing, 'none');
      assert.equal(suggestedKey(t, 'ios.idfa'), undefined);
    });

    it('Yahoo: mobile ids unhashed; email lower-cased (not trimmed) and passed through when hashed; phone +digits of at most 15', () => {
      const y = dest('actions-yahoo-audiences');
      assert.deepEqual(y.defaultSetup, { ...y.defaultSetup, identifiers: ['email'], strategy: 'all' });
      assert.equal(y.keys.advertising_id.hashing, 'none');
      assert.deepEqual(y.keys.email.normalize, [{ reject: '^\\s*$', why: 'blank: processHashing returns an empty string, no usable id is sent' }, 'lowercase']);
      assert.equal(y.keys.email.passThroughTest?.afterNormalize, true);
      assert.equal(y.keys.phone.passThroughHashed, false);
      assert.notEqual(y.ignoresSendMobileIds, true, 'Yahoo needs Send Mobile IDs');
    });

    it('TikTok: pre-hashed email and phone pass through (unanchored 64-hex test); phone on by default', () => {
      const t = dest('actions-tiktok-audiences');
      assert.equal(t.keys.email.passThroughHashed, true);
      assert.equal(t.keys.email.passThroughTest?.pattern, '[0-9a-f]{64}');
      assert.equal(t.keys.phone.passThroughTest?.afterNormalize, undefined);
      assert.match(t.keys.email.description, /else properties\.email/);
      assert.equal(t.keys.advertising_id.confidence, 'inferred');
    });

    it('SendGrid is not an ad list, hashes nothing, and only email has a default mapping', () => {
      const sg = dest('actions-sendgrid-audiences');
      assert.equal(sg.adList, false);
      assert.ok('anonymous_id' in sg.keys);
      assert.ok(Object.values(sg.keys).every((k) => k.hashing === 'none'));
      assert.deepEqual(sg.keyConventions, { email: 'email' });
    });

    it('only Snap documents that it ignores Send Mobile IDs', () => {
      assert.deepEqual(BUILTIN_DESTINATIONS.filter((d) => d.ignoresSendMobileIds).map((d) => d.slug), ['actions-snap-audiences']);
    });

    it('suggestedKey skips inferred and uncertain keys', () => {
      const base = dest('adwords-remarketing-lists');
      const probe: DestinationCatalog = { ...base, keys: { a: { ...base.keys.email, confidence: 'uncertain' }, b: { ...base.keys.email, confidence: 'code' } } };
      assert.equal(suggestedKey(probe, 'email'), 'b');
      assert.equal(suggestedKey({ ...probe, keys: { a: probe.keys.a } }, 'email'), undefined);
      assert.equal(suggestedKey({ ...probe, keys: { a: { ...probe.keys.a, confidence: undefined } } }, 'email'), 'a', 'space-file keys carry no confidence');
    });
  });
});
