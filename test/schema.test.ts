/**
 * Keeps the published JSON schemas and the linter in agreement:
 * - both schemas compile in ajv's strict mode, with only VS Code's own keywords declared;
 * - on the sample corpus, the test fixtures and a few edge cases, a config the schema rejects gets
 *   at least one structural (or mapTo) error from the linter, and a config the schema accepts gets
 *   none; on generated configs, the schema never rejects what the linter accepts (no error), and a
 *   config it accepts has no mapTo error;
 * - the generated parts (scripts/catalogs/schema.mjs) match the catalogs: every built-in slug is
 *   suggested, a dropdown destination's mapTo must be one of its keys (exact ajv errors);
 * - the schema describes exactly the properties, types and enums of `lint/config-schema.ts`;
 * - the space schema accepts the sample space file and lists every registered rule.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { parse, ParseError, printParseErrorCode } from 'jsonc-parser';
import { lintText, RULE_CODES, configSchema, ALL_RULES, parseSpaceFile, builtinCatalogs, destinationSummaries } from '../server/src/engine';
import type { Diagnostic, DestinationCatalog } from '../server/src/engine';
import type { ObjectSpec } from '../server/src/engine/lint/config-schema';
import { REPO_ROOT, SAMPLES_DIR, configsUnder, lintSample, rel } from './helpers/samples';

/** The diagnostics that are about the shape of the file: what a JSON schema can also see. */
const STRUCTURAL = ['syntax', 'unknown-property', 'invalid-type', 'missing-property', 'invalid-strategy', 'too-many-identifiers', 'conflicting-properties'];
/** The mapTo rules the generated schema also sees, when they report an error (a dropdown destination). */
const MAP_TO = ['unknown-destination-identifier', 'missing-map-to'];

/** The diagnostics a JSON schema can also see: structural ones, and mapTo errors. */
function schemaVisible(diagnostics: readonly Pick<Diagnostic, 'code' | 'severity'>[]): string[] {
  return [...new Set(diagnostics.filter((d) => STRUCTURAL.includes(d.code) || (MAP_TO.includes(d.code) && d.severity === 'error')).map((d) => d.code))];
}

/**
 * The keywords VS Code's JSON language service adds to JSON schema (vscode-json-languageservice
 * src/jsonSchema.ts, interface JSONSchema, "VSCode extensions"): the only unknown keywords the
 * schemas may use.
 */
const VSCODE_KEYWORDS = [
  'defaultSnippets', 'errorMessage', 'patternErrorMessage', 'deprecationMessage', 'enumDescriptions', 'markdownEnumDescriptions',
  'markdownDescription', 'doNotSuggest', 'suggestSortText', 'allowComments', 'allowTrailingCommas',
];

function loadSchema(name: string): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', name), 'utf8'));
}

/** The ajv class of the draft a schema declares (`$schema`). */
function ajvFor(schema: Record<string, any>): Ajv {
  const options = { strict: true, allErrors: true } as const;
  switch (schema.$schema) {
    case 'http://json-schema.org/draft-07/schema#':
      return new Ajv(options);
    case 'https://json-schema.org/draft/2019-09/schema':
      return new Ajv2019(options);
    case 'https://json-schema.org/draft/2020-12/schema':
      return new Ajv2020(options);
    default:
      throw new Error(`unexpected $schema ${JSON.stringify(schema.$schema)}`);
  }
}

/** Strict mode (unknown keywords, strictRequired, strictTypes... are errors), VS Code's keywords declared. */
function compile(schema: Record<string, any>): ValidateFunction {
  const ajv = ajvFor(schema);
  for (const keyword of VSCODE_KEYWORDS) ajv.addKeyword(keyword);
  return ajv.compile(schema);
}

/** Every strict-mode complaint ajv makes while compiling (strict: "log" collects instead of throwing). */
function strictWarnings(schema: Record<string, any>): string[] {
  const messages: string[] = [];
  const log = (...args: unknown[]) => messages.push(args.map(String).join(' '));
  const Class = ajvFor(schema).constructor as typeof Ajv;
  const ajv = new Class({ strict: 'log', allErrors: true, logger: { log, warn: log, error: log } });
  for (const keyword of VSCODE_KEYWORDS) ajv.addKeyword(keyword);
  ajv.compile(schema);
  return messages;
}

interface Verdict {
  valid: boolean;
  /** Why the schema (or the JSONC parser) rejects it. */
  reasons: string[];
  /** The structural codes the reasons correspond to. */
  expectedCodes: Set<string>;
}

/** What the schema says about a text: parse it as JSONC first (comments, trailing commas), then validate. */
function judge(validate: ValidateFunction, text: string): Verdict {
  const errors: ParseError[] = [];
  const data = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    return { valid: false, reasons: errors.map((e) => `parse: ${printParseErrorCode(e.error)}`), expectedCodes: new Set(['syntax']) };
  }
  if (validate(data)) return { valid: true, reasons: [], expectedCodes: new Set() };
  // An "if" error only says that its "then" failed; the "then" error says what.
  const errs = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  // A value of the wrong type also fails its enum: the linter reports that as invalid-type only.
  const wrongType = new Set(errs.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const codes = errs.map((e) => (e.keyword === 'enum' && wrongType.has(e.instancePath) ? 'invalid-type' : codeFor(e)));
  return { valid: false, reasons: errs.map((e) => `${e.instancePath || '/'} ${e.message}`), expectedCodes: new Set(codes) };
}

/** The linter code that reports what a schema error says. */
function codeFor(e: ErrorObject): string {
  switch (e.keyword) {
    case 'additionalProperties':
      return 'unknown-property';
    case 'required':
      return e.params.missingProperty === 'mapTo' ? 'missing-map-to' : 'missing-property';
    case 'maxItems':
      return 'too-many-identifiers';
    case 'enum':
      if (e.instancePath.endsWith('/mapTo')) return 'unknown-destination-identifier';
      return e.instancePath.endsWith('/strategy') ? 'invalid-strategy' : 'invalid-type';
    case 'oneOf':
    case 'not':
      // exactly one of audience/journey: both present is a conflict, none is a missing property
      return 'conflicting-properties';
    default:
      return 'invalid-type';
  }
}

/** Edge cases beyond the samples, each with what the schema must say. */
const EDGE_CASES: Array<{ name: string; text: string; valid: boolean }> = [
  { name: 'minimal audience config', valid: true, text: '{ "audience": { "key": "a" }, "destination": { "slug": "actions-snap-audiences" } }' },
  { name: 'journey, trailing commas, comments', valid: true, text: '// c\n{ "journey": { "name": "j", }, "destination": { "slug": "x", }, /* ok */ }' },
  { name: 'neither audience nor journey', valid: false, text: '{ "destination": { "slug": "actions-snap-audiences" } }' },
  { name: 'no destination', valid: false, text: '{ "audience": { "key": "a" } }' },
  { name: 'destination without slug', valid: false, text: '{ "audience": { "key": "a" }, "destination": { "id": "d" } }' },
  { name: 'strategy of the wrong type', valid: false, text: '{ "audience": { "key": "a" }, "destination": { "slug": "x" }, "idSyncConfiguration": [ { "externalId": "email", "strategy": 1 } ] }' },
  { name: 'entry that is not an object', valid: false, text: '{ "audience": { "key": "a" }, "destination": { "slug": "x" }, "idSyncConfiguration": [ "email" ] }' },
  { name: 'unknown entry property', valid: false, text: '{ "audience": { "key": "a" }, "destination": { "slug": "x" }, "idSyncConfiguration": [ { "externalId": "email", "strategy": "last", "map_to": "email" } ] }' },
  { name: 'samples is not an array', valid: false, text: '{ "audience": { "key": "a" }, "destination": { "slug": "x" }, "samples": "profiles/jane.json" }' },
  { name: 'root is an array', valid: false, text: '[]' },
  { name: 'slug of the wrong type', valid: false, text: '{ "audience": { "key": "a" }, "destination": { "slug": 42 } }' },
  { name: 'unknown slug (a warning of the linter)', valid: true, text: '{ "audience": { "key": "a" }, "destination": { "slug": "no-such-destination" }, "idSyncConfiguration": [ { "externalId": "email", "strategy": "last", "mapTo": "anything" } ] }' },
  { name: 'Facebook: every dropdown key', valid: true, text: '{ "audience": { "key": "a" }, "destination": { "slug": "personas-facebook-custom-audiences" }, "connectionSettings": { "sendMobileIds": true }, "idSyncConfiguration": [ { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" }, { "externalId": "ios.idfa", "strategy": "all", "mapTo": "MADID" }, { "externalId": "user_id", "strategy": "last", "mapTo": "EXTERN_ID" } ] }' },
  { name: 'Facebook by its alias: PHONE', valid: true, text: '{ "audience": { "key": "a" }, "destination": { "slug": "personas-facebook-ads" }, "idSyncConfiguration": [ { "externalId": "email", "strategy": "last", "mapTo": "PHONE" } ] }' },
  { name: 'Facebook: a free-text key', valid: false, text: '{ "audience": { "key": "a" }, "destination": { "slug": "personas-facebook-custom-audiences" }, "idSyncConfiguration": [ { "externalId": "email", "strategy": "last", "mapTo": "email" } ] }' },
  { name: 'Facebook: a Trait Enrichment key', valid: false, text: '{ "audience": { "key": "a" }, "destination": { "slug": "personas-facebook-custom-audiences" }, "idSyncConfiguration": [ { "externalId": "email", "strategy": "last", "mapTo": "FN" } ] }' },
  { name: 'Facebook: no mapTo', valid: false, text: '{ "audience": { "key": "a" }, "destination": { "slug": "personas-facebook-custom-audiences" }, "idSyncConfiguration": [ { "externalId": "email", "strategy": "last" } ] }' },
  { name: 'Google Ads Remarketing Lists: keys are lowercase', valid: false, text: '{ "audience": { "key": "a" }, "destination": { "slug": "adwords-remarketing-lists" }, "idSyncConfiguration": [ { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" } ] }' },
  { name: 'Snap: an unknown free-text key (a warning of the linter)', valid: true, text: '{ "audience": { "key": "a" }, "destination": { "slug": "actions-snap-audiences" }, "idSyncConfiguration": [ { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" } ] }' },
  { name: 'Snap: no mapTo', valid: true, text: '{ "audience": { "key": "a" }, "destination": { "slug": "actions-snap-audiences" }, "idSyncConfiguration": [ { "externalId": "email", "strategy": "last" } ] }' },
];

/** A validator compiled on first use: a schema that does not compile fails its tests, not the loading of the file. */
function lazyValidator(schema: Record<string, any>): ValidateFunction {
  let fn: ValidateFunction | undefined;
  const v = ((data: unknown) => {
    fn ??= compile(schema);
    const ok = fn(data);
    v.errors = fn.errors;
    return ok;
  }) as ValidateFunction;
  return v;
}

describe('schemas/idsync.schema.json', () => {
  const schema = loadSchema('idsync.schema.json');
  const validate = lazyValidator(schema);

  it('is draft-07 and names itself', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.match(schema.$id, /idsync\.schema\.json$/);
  });

  it('compiles in ajv strict mode with only VS Code\'s keywords declared', () => {
    assert.deepEqual(strictWarnings(schema), []);
    assert.doesNotThrow(() => compile(schema));
  });

  it('is generated (npm run catalogs) and accepts comments and trailing commas in VS Code', () => {
    assert.match(schema.$comment, /^Generated by npm run catalogs .*scripts\/catalogs\/idsync\.schema\.template\.json/);
    assert.equal(schema.allowComments, true);
    assert.equal(schema.allowTrailingCommas, true);
  });

  /**
   * The schema and the linter agree: a config the schema accepts has no diagnostic the schema can
   * see; one it rejects has at least one error, and one the schema's errors name.
   */
  const check = (label: string, text: string, diagnostics: () => readonly Diagnostic[]) => {
    const verdict = judge(validate, text);
    const diags = diagnostics();
    const visible = schemaVisible(diags);
    if (verdict.valid) {
      assert.deepEqual(visible, [], `${label}: the schema accepts it, so the linter must report no structural or mapTo error`);
    } else {
      const errors = diags.filter((d) => d.severity === 'error').map((d) => d.code);
      assert.ok(
        visible.some((c) => verdict.expectedCodes.has(c)),
        `${label}: the schema rejects it (${verdict.reasons.join('; ')}: ${[...verdict.expectedCodes].join(', ')}) but the linter reports ${JSON.stringify(visible)} (errors: ${JSON.stringify(errors)})`,
      );
    }
    return verdict;
  };

  describe('agrees with the linter on the sample corpus', () => {
    const files = configsUnder(SAMPLES_DIR);
    it('has a corpus with both accepted and rejected configs', () => {
      const verdicts = files.map((f) => judge(validate, fs.readFileSync(f, 'utf8')).valid);
      assert.ok(verdicts.filter((v) => v).length >= 10, 'at least ten accepted samples');
      assert.ok(verdicts.filter((v) => !v).length >= 5, 'at least five rejected samples');
    });
    for (const file of files) {
      it(rel(file), () => {
        const text = fs.readFileSync(file, 'utf8');
        check(rel(file), text, () => lintSample(file).result.diagnostics);
      });
    }
  });

  describe('agrees with the linter on the test fixtures', () => {
    const files = configsUnder(path.join(REPO_ROOT, 'test', 'fixtures'));
    it('has fixtures', () => assert.ok(files.length >= 1, 'test/fixtures holds .idsync.json files'));
    for (const file of files) {
      it(rel(file), () => {
        const text = fs.readFileSync(file, 'utf8');
        check(rel(file), text, () => lintSample(file).result.diagnostics);
      });
    }
  });

  it('accepts every sample outside samples/problems (each is a valid config)', () => {
    const valid = configsUnder(SAMPLES_DIR).filter((f) => !f.includes(`${path.sep}problems${path.sep}`));
    assert.ok(valid.length >= 10);
    for (const f of valid) {
      const verdict = judge(validate, fs.readFileSync(f, 'utf8'));
      assert.ok(verdict.valid, `${rel(f)}: ${verdict.reasons.join('; ')}`);
    }
  });

  describe('agrees with the linter on edge cases', () => {
    for (const c of EDGE_CASES) {
      it(c.name, () => {
        const verdict = check(c.name, c.text, () => lintText(c.text).diagnostics);
        assert.equal(verdict.valid, c.valid, `schema verdict: ${verdict.reasons.join('; ')}`);
      });
    }
  });

  describe('generated from the catalogs', () => {
    const catalogs = builtinCatalogs();
    const summaries = destinationSummaries(catalogs);
    const slug = schema.properties.destination.properties.slug;
    const branches = schema.allOf as Array<Record<string, any>>;
    /** The slugs of an `if` (a pattern `^(a|b)$`). */
    const slugsOf = (pattern: string | undefined): string[] | undefined => {
      if (pattern === undefined) return undefined;
      const m = /^\^\(([a-z0-9|-]+)\)\$$/.exec(pattern);
      assert.ok(m, `slug pattern ${pattern}`);
      return m[1].split('|');
    };
    const branchSlugs = (b: Record<string, any>): string[] | undefined => slugsOf(b.if.properties?.destination?.properties?.slug?.pattern);
    const dropdown = summaries.filter((d) => d.tier !== 4).map((d) => catalogs.destinations.get(d.slug)!).filter((c) => c.input === 'dropdown');
    const config = (slugValue: string, entries: object[]) => ({ audience: { key: 'a' }, destination: { slug: slugValue }, idSyncConfiguration: entries });

    it('suggests every built-in destination slug, in catalog order, with its display name', () => {
      const [suggested, anyString] = slug.anyOf;
      assert.deepEqual(anyString, { type: 'string' });
      assert.deepEqual(suggested.enum, summaries.map((d) => d.slug));
      assert.equal(suggested.enum.length, 476);
      assert.equal(suggested.enumDescriptions.length, suggested.enum.length);
      assert.equal(suggested.markdownEnumDescriptions.length, suggested.enum.length);
      summaries.forEach((d, i) => {
        assert.ok(suggested.enumDescriptions[i].startsWith(`${d.displayName}: `), `${d.slug}: ${suggested.enumDescriptions[i]}`);
        assert.ok(suggested.markdownEnumDescriptions[i].includes(d.displayName.replace(/([\\`*_[\]<>|])/g, '\\$1')), `${d.slug}: ${suggested.markdownEnumDescriptions[i]}`);
      });
      const fb = suggested.enum.indexOf('personas-facebook-custom-audiences');
      assert.equal(suggested.enumDescriptions[fb], 'Facebook Custom Audiences: classic list destination; mapTo from a dropdown: EMAIL, PHONE, MADID, EXTERN_ID. Also written: personas-facebook-ads.');
    });

    it('accepts every built-in slug and alias, and any other string', () => {
      for (const d of summaries) {
        for (const s of [d.slug, ...d.aliases]) assert.ok(validate(config(s, [])), `${s}: ${JSON.stringify(validate.errors)}`);
      }
      assert.ok(validate(config('crm-sync-function', [{ externalId: 'email', strategy: 'last', mapTo: 'anything' }])));
    });

    it('has exactly two dropdown destinations, each with one branch naming its slug and aliases', () => {
      assert.deepEqual(dropdown.map((c) => c.slug).sort(), ['adwords-remarketing-lists', 'personas-facebook-custom-audiences']);
      for (const c of dropdown) {
        const hits = branches.filter((b) => branchSlugs(b)?.includes(c.slug));
        assert.equal(hits.length, 1, c.slug);
        assert.deepEqual(branchSlugs(hits[0]), [c.slug, ...(c.aliases ?? [])]);
        assert.deepEqual(hits[0].then.properties.idSyncConfiguration.items.required, ['mapTo']);
        assert.deepEqual(hits[0].then.properties.idSyncConfiguration.items.properties.mapTo.enum, Object.keys(c.keys));
      }
    });

    it('rejects a wrong mapTo for Facebook Custom Audiences with exact ajv errors', () => {
      const k = branches.findIndex((b) => branchSlugs(b)?.[0] === 'personas-facebook-custom-audiences');
      assert.ok(k >= 0);
      for (const s of ['personas-facebook-custom-audiences', 'personas-facebook-ads']) {
        assert.equal(validate(config(s, [{ externalId: 'email', strategy: 'last', mapTo: 'EMAIL' }, { externalId: 'ios.idfa', strategy: 'all', mapTo: 'ios_idfa' }])), false);
        assert.deepEqual(validate.errors!.map(({ instancePath, schemaPath, keyword, params, message }) => ({ instancePath, schemaPath, keyword, params, message })), [
          {
            instancePath: '/idSyncConfiguration/1/mapTo',
            schemaPath: `#/allOf/${k}/then/properties/idSyncConfiguration/items/properties/mapTo/enum`,
            keyword: 'enum',
            params: { allowedValues: ['EMAIL', 'PHONE', 'MADID', 'EXTERN_ID'] },
            message: 'must be equal to one of the allowed values',
          },
          { instancePath: '', schemaPath: `#/allOf/${k}/if`, keyword: 'if', params: { failingKeyword: 'then' }, message: 'must match "then" schema' },
        ]);
      }
      assert.equal(validate(config('personas-facebook-custom-audiences', [{ externalId: 'email', strategy: 'last' }])), false);
      assert.deepEqual(validate.errors!.map(({ instancePath, schemaPath, keyword, params }) => ({ instancePath, schemaPath, keyword, params })), [
        { instancePath: '/idSyncConfiguration/0', schemaPath: `#/allOf/${k}/then/properties/idSyncConfiguration/items/required`, keyword: 'required', params: { missingProperty: 'mapTo' } },
        { instancePath: '', schemaPath: `#/allOf/${k}/if`, keyword: 'if', params: { failingKeyword: 'then' } },
      ]);
    });

    it('rejects a wrong mapTo for Google Ads Remarketing Lists with exact ajv errors', () => {
      const k = branches.findIndex((b) => branchSlugs(b)?.[0] === 'adwords-remarketing-lists');
      assert.ok(k >= 0);
      assert.equal(validate(config('personas-google-adwords', [{ externalId: 'email', strategy: 'last', mapTo: 'EMAIL' }])), false);
      assert.deepEqual(validate.errors!.map(({ instancePath, schemaPath, keyword, params }) => ({ instancePath, schemaPath, keyword, params })), [
        { instancePath: '/idSyncConfiguration/0/mapTo', schemaPath: `#/allOf/${k}/then/properties/idSyncConfiguration/items/properties/mapTo/enum`, keyword: 'enum', params: { allowedValues: ['email', 'phone', 'mobile_id'] } },
        { instancePath: '', schemaPath: `#/allOf/${k}/if`, keyword: 'if', params: { failingKeyword: 'then' } },
      ]);
    });

    it('suggests, and never requires, the keys and key conventions of every free-text audience destination', () => {
      const freeText = summaries.filter((d) => d.tier !== 4).map((d) => catalogs.destinations.get(d.slug)!).filter((c) => c.input === 'freeText');
      assert.ok(freeText.length >= 50);
      for (const c of freeText) {
        const known = [...new Set([...Object.keys(c.keys), ...Object.values(c.keyConventions ?? {})])];
        const hit = branches.find((b) => branchSlugs(b)?.[0] === c.slug);
        if (known.length === 0 && !Object.keys(c.readsByDefault ?? {}).length) {
          assert.equal(hit, undefined, `${c.slug}: no keys, no branch`);
          continue;
        }
        assert.ok(hit, `${c.slug}: a branch`);
        const mapTo = hit.then.properties.idSyncConfiguration.items.properties.mapTo;
        assert.equal(hit.then.properties.idSyncConfiguration.items.required, undefined, `${c.slug}: mapTo not required`);
        assert.deepEqual(mapTo.anyOf[1], { type: 'string' }, `${c.slug}: any string`);
        assert.deepEqual(mapTo.anyOf[0].enum, known.length ? known : Object.keys(c.readsByDefault!), `${c.slug}: suggestions`);
        assert.equal(mapTo.anyOf[0].markdownEnumDescriptions.length, mapTo.anyOf[0].enum.length);
        assert.ok(validate(config(c.slug, [{ externalId: 'email', strategy: 'last', mapTo: 'not_a_key_of_it' }])), c.slug);
      }
    });

    it('offers the Segment identifier names to destinations without known keys, never to a dropdown one', () => {
      const last = branches[branches.length - 1];
      const covered = slugsOf(last.if.properties.destination.properties.slug.not.pattern)!;
      for (const c of dropdown) for (const s of [c.slug, ...(c.aliases ?? [])]) assert.ok(covered.includes(s), s);
      assert.deepEqual(last.then.properties.idSyncConfiguration.items.properties.mapTo.anyOf[0].enum, Object.keys(catalogs.identifiers.identifiers).filter((id) => catalogs.identifiers.identifiers[id].default));
    });

    it('never rejects a generated config the linter accepts, and accepts none with a mapTo error (property test)', () => {
      const fb = catalogs.destinations.get('personas-facebook-custom-audiences') as DestinationCatalog;
      const keys = [...new Set(dropdown.flatMap((c) => Object.keys(c.keys)))];
      const slugs = [...dropdown.flatMap((c) => [c.slug, ...(c.aliases ?? [])]), 'actions-snap-audiences', 'actions-taboola-actions', 'actions-facebook-custom-audiences', summaries.find((d) => d.tier === 4)!.slug, 'no-such-destination'];
      const ids = Object.keys(catalogs.identifiers.identifiers);
      const entry = fc.record(
        {
          externalId: fc.constantFrom(...ids),
          strategy: fc.constantFrom('first', 'last', 'all'),
          mapTo: fc.oneof(fc.constantFrom(...keys, ...Object.keys(fb.traitEnrichmentKeys ?? {}), 'ios_idfa', 'email', 'ios_id', 'Email'), fc.string({ maxLength: 8 })),
        },
        { requiredKeys: ['externalId', 'strategy'] },
      );
      let accepted = 0;
      let rejected = 0;
      fc.assert(
        fc.property(fc.constantFrom(...slugs), fc.array(entry, { maxLength: 5 }), fc.boolean(), fc.constantFrom(undefined, 'default', 'customized'), (s, entries, mobile, setup) => {
          const text = JSON.stringify({ ...config(s, entries), connectionSettings: { sendMobileIds: mobile }, setup }, null, 2);
          const diags = lintText(text).diagnostics;
          const linterErrors = diags.filter((d) => d.severity === 'error');
          const verdict = judge(validate, text);
          if (linterErrors.length === 0) assert.ok(verdict.valid, `the linter accepts it but the schema rejects it (${verdict.reasons.join('; ')}):\n${text}`);
          if (verdict.valid) assert.deepEqual(schemaVisible(diags), [], `the schema accepts it but the linter reports:\n${text}`);
          if (verdict.valid) accepted++;
          else rejected++;
        }),
        { numRuns: 400, seed: 20261126 },
      );
      assert.ok(accepted > 50 && rejected > 50, `both verdicts are exercised (accepted ${accepted}, rejected ${rejected})`);
    });
  });

  describe('describes exactly the format of lint/config-schema.ts', () => {
    const walk = (spec: ObjectSpec, node: Record<string, any>, where: string) => {
      assert.equal(node.type, 'object', `${where} is an object`);
      const props = node.properties as Record<string, any>;
      assert.deepEqual(Object.keys(props).sort(), Object.keys(spec.props).sort(), `${where}: same properties`);
      assert.equal(node.additionalProperties, spec.open ? true : false, `${where}: additionalProperties matches open`);
      for (const [key, p] of Object.entries(spec.props)) {
        const s = props[key];
        const w = `${where}.${key}`;
        assert.equal(s.type, p.type, `${w}: type`);
        assert.ok(typeof s.description === 'string' && s.description.length > 10, `${w}: description`);
        assert.ok(typeof s.markdownDescription === 'string', `${w}: markdownDescription`);
        if (p.enum) assert.deepEqual(s.enum, [...p.enum], `${w}: enum`);
        else assert.equal(s.enum, undefined, `${w}: no enum`);
        if (s.enum && s.enumDescriptions) assert.equal(s.enumDescriptions.length, s.enum.length, `${w}: one enum description per value`);
        if (p.object) walk(p.object, s, w);
        if (p.items) {
          assert.equal(s.items.type, p.items.type, `${w}[]: item type`);
          if (p.items.object) walk(p.items.object, s.items, `${w}[]`);
        }
      }
    };
    it('every property, type, enum and nested object', () => walk(configSchema.ROOT, schema, '(root)'));
    it('limits: five entries, strategies first/last/all, destination.slug required', () => {
      assert.equal(schema.properties.idSyncConfiguration.maxItems, 5);
      assert.deepEqual(schema.properties.idSyncConfiguration.items.properties.strategy.enum, ['first', 'last', 'all']);
      assert.deepEqual(schema.properties.idSyncConfiguration.items.required, ['externalId', 'strategy']);
      assert.deepEqual(schema.properties.destination.required, ['slug']);
      assert.deepEqual(schema.required, ['destination']);
    });
  });
});

/**
 * What VS Code's JSON support makes of the schemas: vscode-json-languageservice (a dev dependency,
 * the version the benchmark pins), the library VS Code validates and completes JSON with.
 */
describe('the schemas in vscode-json-languageservice', function () {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jls: any = require('vscode-json-languageservice');
  const service = () => {
    const uris: Record<string, string> = {};
    for (const name of ['idsync.schema.json', 'idsync.space.schema.json']) uris[`file:///schemas/${name}`] = fs.readFileSync(path.join(REPO_ROOT, 'schemas', name), 'utf8');
    const ls = jls.getLanguageService({ schemaRequestService: async (uri: string) => uris[uri] ?? Promise.reject(new Error(`no schema ${uri}`)) });
    ls.configure({
      validate: true,
      schemas: [
        { uri: 'file:///schemas/idsync.schema.json', fileMatch: ['*.idsync.json'] },
        { uri: 'file:///schemas/idsync.space.schema.json', fileMatch: ['idsync.space.json'] },
      ],
    });
    return ls;
  };
  /** The document of `text` without its "|", and the offset of the "|". */
  const open = (name: string, text: string) => {
    const doc = jls.TextDocument.create(`file:///w/${name}`, 'json', 1, text.replace('|', ''));
    return { doc, offset: text.indexOf('|') };
  };
  const complete = async (text: string): Promise<Array<{ label: string; documented: boolean }>> => {
    const ls = service();
    const { doc, offset } = open('a.idsync.json', text);
    const list = await ls.doComplete(doc, doc.positionAt(offset), ls.parseJSONDocument(doc));
    return list.items.map((i: any) => ({ label: i.label, documented: !!i.documentation }));
  };
  const validate = async (name: string, text: string): Promise<string[]> => {
    const ls = service();
    const { doc } = open(name, text);
    const diags = await ls.doValidation(doc, ls.parseJSONDocument(doc), { comments: 'error', trailingCommas: 'error' });
    return diags.map((d: any) => `${d.range.start.line}:${d.range.start.character} ${d.message}`);
  };
  const cfg = (slugValue: string, mapTo: string) =>
    `{ "audience": { "key": "a" }, "destination": { "slug": "${slugValue}" }, "idSyncConfiguration": [ { "externalId": "email", "strategy": "last", "mapTo": ${mapTo} } ] }`;

  it('completes destination.slug with every built-in slug (no alias), each documented', async () => {
    const items = await complete('{ "audience": { "key": "a" }, "destination": { "slug": | } }');
    assert.deepEqual(items.map((i) => i.label), destinationSummaries(builtinCatalogs()).map((d) => JSON.stringify(d.slug)));
    assert.deepEqual(items.filter((i) => !i.documented), []);
  });

  it("completes a dropdown destination's mapTo with exactly its keys, by slug or alias", async () => {
    for (const s of ['personas-facebook-custom-audiences', 'personas-facebook-ads']) {
      assert.deepEqual(await complete(cfg(s, '|')), ['"EMAIL"', '"PHONE"', '"MADID"', '"EXTERN_ID"'].map((label) => ({ label, documented: true })));
    }
    assert.deepEqual((await complete(cfg('adwords-remarketing-lists', '|'))).map((i) => i.label), ['"email"', '"phone"', '"mobile_id"']);
  });

  it("completes a free-text destination's mapTo with its keys, another one's with the Segment identifier names", async () => {
    assert.deepEqual((await complete(cfg('actions-snap-audiences', '|'))).map((i) => i.label), ['"email"', '"phone"', '"ios_idfa"', '"android_idfa"']);
    const ids = Object.keys(builtinCatalogs().identifiers.identifiers).filter((id) => builtinCatalogs().identifiers.identifiers[id].default);
    assert.deepEqual((await complete(cfg('crm-sync-function', '|'))).map((i) => i.label), ids.map((id) => JSON.stringify(id)));
  });

  it('reports a wrong or missing dropdown mapTo, accepts comments and trailing commas, and any free-text key', async () => {
    const wrong = cfg('personas-facebook-custom-audiences', '"email"');
    assert.deepEqual(await validate('a.idsync.json', wrong), [`0:${wrong.lastIndexOf('"email"')} Value is not accepted. Valid values: "EMAIL", "PHONE", "MADID", "EXTERN_ID".`]);
    const missing = '{ "audience": { "key": "a" }, "destination": { "slug": "personas-facebook-ads" }, "idSyncConfiguration": [ { "externalId": "email", "strategy": "last" } ] }';
    assert.deepEqual(await validate('a.idsync.json', missing), [`0:${missing.indexOf('{ "externalId"')} Missing property "mapTo".`]);
    assert.deepEqual(await validate('a.idsync.json', cfg('actions-snap-audiences', '"anything"')), []);
    assert.deepEqual(await validate('a.idsync.json', '// c\n{ "audience": { "key": "a", }, "destination": { "slug": "x" }, /* c */ }'), []);
    assert.deepEqual(await validate('idsync.space.json', '// c\n{ "customIdentifiers": ["phone",], }'), []);
  });
});

describe('scripts/catalogs/schema.mjs (the schema step of npm run catalogs)', () => {
  /** configSchema(template, no destinations) in a child process (the generator is an ES module). */
  const fill = (template: unknown) => {
    const url = pathToFileURL(path.join(REPO_ROOT, 'scripts', 'catalogs', 'schema.mjs')).href;
    const script = `import { configSchema } from ${JSON.stringify(url)};
      try { process.stdout.write(configSchema(${JSON.stringify(template)}, { destinations: [], catalogs: [], identifiers: { identifiers: { email: { default: true, label: 'Email' } } } })); }
      catch (e) { process.stderr.write(e.constructor.name + ': ' + e.message); process.exitCode = 1; }`;
    return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  };
  const base = { $comment: 'template', properties: { slug: { anyOf: '@generated destination-slugs' } }, allOf: '@generated map-to-by-destination' };

  it('fills both markers and replaces the template comment', () => {
    const r = fill(base);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['$comment', 'properties', 'allOf']);
    assert.match(out.$comment, /^Generated by npm run catalogs/);
    assert.deepEqual(out.properties.slug.anyOf, [{ enum: [], enumDescriptions: [], markdownEnumDescriptions: [] }, { type: 'string' }]);
    assert.equal(out.allOf.length, 1, 'only the fallback branch without destinations');
    assert.deepEqual(out.allOf[0].then.properties.idSyncConfiguration.items.properties.mapTo.anyOf[0].enum, ['email']);
  });

  it('fails on an unknown, a repeated or a missing marker, naming it', () => {
    const cases: Array<[unknown, string]> = [
      [{ ...base, title: '@generated slugs' }, 'GenerationError: scripts/catalogs/idsync.schema.template.json: unknown marker "@generated slugs" (known: @generated destination-slugs, @generated map-to-by-destination)'],
      [{ ...base, anyOf: '@generated destination-slugs' }, 'GenerationError: scripts/catalogs/idsync.schema.template.json: marker "@generated destination-slugs" used twice'],
      [{ $comment: 'template', allOf: '@generated map-to-by-destination' }, 'GenerationError: scripts/catalogs/idsync.schema.template.json: marker(s) missing: @generated destination-slugs'],
      [{ allOf: '@generated map-to-by-destination' }, 'GenerationError: scripts/catalogs/idsync.schema.template.json: expected a JSON schema object with a "$comment"'],
    ];
    for (const [template, message] of cases) {
      const r = fill(template);
      assert.equal(r.status, 1, `exit status; stderr: ${r.stderr}`);
      assert.equal(r.stderr, message);
    }
  });
});

describe('schemas/idsync.space.schema.json', () => {
  const schema = loadSchema('idsync.space.schema.json');
  const validate = lazyValidator(schema);
  const ruleProps = schema.properties.rules.properties as Record<string, any>;

  it('is draft-07 and compiles in ajv strict mode with only VS Code\'s keywords declared', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.deepEqual(strictWarnings(schema), []);
    assert.doesNotThrow(() => compile(schema));
  });

  it('accepts the sample space file', () => {
    const text = fs.readFileSync(path.join(SAMPLES_DIR, 'idsync.space.json'), 'utf8');
    const verdict = judge(validate, text);
    assert.ok(verdict.valid, verdict.reasons.join('; '));
  });

  it('lists every registered rule, each with the five severities', () => {
    for (const rule of ALL_RULES) {
      assert.ok(rule.code in ruleProps, `rule ${rule.code} is missing from the space schema`);
      assert.deepEqual(ruleProps[rule.code].enum, ['off', 'hint', 'info', 'warning', 'error']);
      const m = /Default: (\w+)\./.exec(ruleProps[rule.code].description);
      if (m) assert.equal(m[1], rule.defaultSeverity, `default severity of ${rule.code} in the schema`);
    }
  });

  const cases: Array<{ name: string; value: unknown; valid: boolean }> = [
    { name: 'empty', value: {}, valid: true },
    { name: 'space id', value: { spaceId: 'spa_9aQ1-x' }, valid: true },
    { name: 'space id with a slash', value: { spaceId: 'spa/1' }, valid: false },
    { name: 'empty space id', value: { spaceId: '' }, valid: false },
    { name: 'space id not a string', value: { spaceId: 42 }, valid: false },
    { name: 'uppercase custom identifier', value: { customIdentifiers: ['Phone'] }, valid: false },
    { name: 'destination without identifiers', value: { destinations: { fn: { displayName: 'F' } } }, valid: false },
    { name: 'identifier object without key', value: { destinations: { fn: { identifiers: [{ label: 'x' }] } } }, valid: false },
    { name: 'bad hashing', value: { destinations: { fn: { identifiers: [{ key: 'x', hashing: 'md5' }] } } }, valid: false },
    { name: 'bad input', value: { destinations: { fn: { input: 'select', identifiers: ['x'] } } }, valid: false },
    { name: 'unknown rule', value: { rules: { 'no-such-rule': 'off' } }, valid: false },
    { name: 'bad severity', value: { rules: { 'too-many-all': 'fatal' } }, valid: false },
    { name: 'root flag', value: { root: true }, valid: true },
    { name: 'root not a boolean', value: { root: 'yes' }, valid: false },
    { name: 'full destination', value: { destinations: { fn: { displayName: 'F', input: 'dropdown', identifiers: ['a', { key: 'b', label: 'B', description: 'd', hashing: 'sha256', suggestedFor: ['email'] }], keyConventions: { email: 'b' }, ignoresSendMobileIds: true, adList: false } } }, valid: true },
  ];
  for (const c of cases) {
    it(`${c.valid ? 'accepts' : 'rejects'}: ${c.name}`, () => {
      assert.equal(validate(c.value), c.valid, JSON.stringify(validate.errors));
    });
  }

  it('agrees with the space parser on these cases', () => {
    for (const c of cases.filter((x) => x.name !== 'unknown rule')) {
      const file = parseSpaceFile('/w/idsync.space.json', JSON.stringify(c.value), RULE_CODES);
      const problems = file.diagnostics.filter((d) => d.severity === 'error');
      assert.equal(problems.length === 0, c.valid, `${c.name}: ${JSON.stringify(file.diagnostics.map((d) => d.message))}`);
    }
  });
});
