/**
 * Keeps the published JSON schemas and the linter in agreement:
 * - on the sample corpus (plus a few edge cases), a config the schema rejects gets at least one
 *   structural diagnostic from the linter, and a config the schema accepts gets none;
 * - the schema describes exactly the properties, types and enums of `format.ts`;
 * - the space schema accepts the sample space file and lists every registered rule.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parse, ParseError, printParseErrorCode } from 'jsonc-parser';
import { lintText, RULE_CODES, format, ALL_RULES, parseSpaceFile } from '../server/src/engine';
import type { ObjectSpec } from '../server/src/engine/lint/config-schema';
import { REPO_ROOT, SAMPLES_DIR, configsUnder, lintSample, rel } from './helpers/samples';

/** The diagnostics that are about the shape of the file: what a JSON schema can also see. */
const STRUCTURAL = ['syntax', 'unknown-property', 'invalid-type', 'missing-property', 'invalid-strategy', 'too-many-identifiers', 'conflicting-properties'];

function loadSchema(name: string): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', name), 'utf8'));
}

function compile(schema: object): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  // Editor annotations (VS Code's JSON language service) that ajv does not know.
  for (const keyword of ['markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'defaultSnippets']) ajv.addKeyword(keyword);
  return ajv.compile(schema);
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
  const errs = validate.errors ?? [];
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
      return 'missing-property';
    case 'maxItems':
      return 'too-many-identifiers';
    case 'enum':
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
];

describe('schemas/idsync.schema.json', () => {
  const schema = loadSchema('idsync.schema.json');
  const validate = compile(schema);
  const registeredStructural = STRUCTURAL.filter((c) => RULE_CODES.includes(c));

  it('is draft-07 and names itself', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.match(schema.$id, /idsync\.schema\.json$/);
  });

  const check = (label: string, text: string, diagnostics: () => Array<{ code: string; message: string }>) => {
    const verdict = judge(validate, text);
    const codes = new Set(diagnostics().map((d) => d.code));
    const structural = STRUCTURAL.filter((c) => codes.has(c));
    if (verdict.valid) {
      assert.deepEqual(structural, [], `${label}: the schema accepts it, so the linter must report no structural problem`);
    } else if (structural.length === 0) {
      // The linter found nothing structural. That is only acceptable while the rules that
      // report these problems are not registered yet (they are written in parallel).
      const missing = [...verdict.expectedCodes].filter((c) => !RULE_CODES.includes(c));
      assert.ok(
        missing.length > 0 && [...verdict.expectedCodes].every((c) => !RULE_CODES.includes(c)),
        `${label}: the schema rejects it (${verdict.reasons.join('; ')}) but the linter reports no structural problem ` +
          `(registered structural rules: ${registeredStructural.join(', ')})`,
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

  describe('agrees with the linter on edge cases', () => {
    for (const c of EDGE_CASES) {
      it(c.name, () => {
        const verdict = check(c.name, c.text, () => lintText(c.text).diagnostics);
        assert.equal(verdict.valid, c.valid, `schema verdict: ${verdict.reasons.join('; ')}`);
      });
    }
  });

  describe('describes exactly the format of format.ts', () => {
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
    it('every property, type, enum and nested object', () => walk(format.ROOT, schema, '(root)'));
    it('limits: five entries, strategies first/last/all, destination.slug required', () => {
      assert.equal(schema.properties.idSyncConfiguration.maxItems, 5);
      assert.deepEqual(schema.properties.idSyncConfiguration.items.properties.strategy.enum, ['first', 'last', 'all']);
      assert.deepEqual(schema.properties.idSyncConfiguration.items.required, ['externalId', 'strategy']);
      assert.deepEqual(schema.properties.destination.required, ['slug']);
      assert.deepEqual(schema.required, ['destination']);
    });
  });
});

describe('schemas/idsync.space.schema.json', () => {
  const schema = loadSchema('idsync.space.schema.json');
  const validate = compile(schema);
  const ruleProps = schema.properties.rules.properties as Record<string, any>;

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
