import * as assert from 'node:assert/strict';
import { parseProfile, parseTimestamp, normalizeValue, toE164, sha256Hex, isSha256Hex } from '../../server/src/engine';
import type { ProfileParseResult } from '../../server/src/engine';
import { fixture, SHA } from './helpers';

function ok(r: ProfileParseResult) {
  if (!r.ok) assert.fail(`expected a profile, got: ${r.error.message}`);
  return r.profile;
}

function err(r: ProfileParseResult) {
  if (r.ok) assert.fail('expected an error');
  return r.error;
}

describe('sample profiles: the three shapes', () => {
  it('the Profile API external_ids response', () => {
    const p = ok(parseProfile(fixture('jane.profile-api.json')));
    assert.equal(p.shape, 'profile-api');
    assert.equal(p.traits, undefined);
    assert.deepEqual(p.warnings, []);
    assert.deepEqual(
      p.externalIds.map((e) => [e.type, e.id, e.createdAt, e.position]),
      [
        ['email', 'Jane.Doe@Example.com ', '2023-05-01T10:00:00.000000Z', 0],
        ['email', 'jane@example.com', '2021-03-04T08:00:00.12345Z', 1],
        ['email', 'j.doe@work.example', '2022-07-15T12:30:00Z', 2],
        ['user_id', 'u-1001', '2021-03-04T08:00:00Z', 3],
        ['ios.idfa', '6D92078A-8246-4BA4-AE5B-76104861E7DC', '2022-01-01T00:00:00Z', 4],
        ['android.idfa', '38400000-8cf0-11bd-b23e-10b96e40000d', '2022-02-01T00:00:00Z', 5],
        ['phone', '+1 (202) 309-5976', '2022-03-01T00:00:00Z', 6],
        ['anonymous_id', 'anon-abc', '2021-01-01T00:00:00Z', 7],
      ],
    );
  });

  it('{"external_ids": [...], "traits": {...}} with comments and trailing commas', () => {
    const p = ok(parseProfile(fixture('sam.external-ids.jsonc')));
    assert.equal(p.shape, 'external-ids');
    assert.deepEqual(p.traits, { first_name: 'Sam', plan: 'pro' });
    assert.deepEqual(
      p.externalIds.map((e) => [e.type, e.id]),
      [
        ['email', 'sam@example.org'],
        ['email', SHA['jane@example.com']],
        ['phone', '0044 20 7946 0958'],
        ['shopify_id', 'shop-77'],
      ],
    );
  });

  it('a bare array of external ids', () => {
    const p = ok(parseProfile(fixture('ties.json')));
    assert.equal(p.shape, 'array');
    assert.deepEqual(p.externalIds.map((e) => [e.id, e.createdAt ?? null]), [
      ['b@example.com', '2022-01-01T00:00:00Z'],
      ['a@example.com', '2022-01-01T00:00:00Z'],
      ['undated-1@example.com', null],
      ['old@example.com', '2020-01-01T00:00:00+02:00'],
      ['undated-2@example.com', null],
    ]);
  });
});

describe('sample profiles: errors never throw and have a position', () => {
  const cases: Array<[string, string, string, number, number]> = [
    ['syntax error', fixture('broken.json'), 'Not valid JSON: Comma expected at line 4, column 5.', 3, 4],
    ['comments only', '// nothing yet\n', 'The profile is empty: expected a Profile API external_ids response, {"external_ids": [...]} or an array of external ids.', 0, 0],
    ['empty file', '', 'The profile is empty: expected a Profile API external_ids response, {"external_ids": [...]} or an array of external ids.', 0, 0],
    ['a string', '  "email"', 'A profile must be an object or an array, not a string.', 0, 2],
    ['no list', '{\n  "cursor": {}\n}', 'Expected "data" (a Profile API external_ids response) or "external_ids" at line 1, column 1.', 0, 0],
    ['data not an array', '{\n  "data": {"type": "email"}\n}', '"data" must be an array of external ids, not an object, at line 2, column 11.', 1, 10],
    ['both lists', '{"data": [], "external_ids": []}', 'The profile has both "data" and "external_ids": keep one list of external ids.', 0, 0],
    [
      'a Profile API error response',
      '{"error": {"code": "not_found", "message": "Profile was not found."}}',
      'This is a Profile API error response ("Profile was not found."), not a profile: save the response of a profile that exists.',
      0,
      10,
    ],
    ['traits not an object', '{"external_ids": [], "traits": [1]}', '"traits" must be an object, not an array, at line 1, column 32.', 0, 31],
    ['unterminated', '[{"type": "email", "id": "a', 'Not valid JSON: Unterminated string at line 1, column 26.', 0, 25],
  ];
  for (const [name, text, message, line, character] of cases) {
    it(name, () => {
      const e = err(parseProfile(text));
      assert.deepEqual([e.message, e.line, e.character], [message, line, character]);
    });
  }

  it('a bad item is left out with a positioned warning; the rest is kept', () => {
    const text = `[
  "email",
  { "id": "x" },
  { "type": "email" },
  { "type": "email", "id": 42 },
  { "type": "", "id": "y" },
  { "type": "email", "id": "ok@example.com", "created_at": "yesterday" },
  { "type": "email", "id": "ok2@example.com", "created_at": null }
]`;
    const p = ok(parseProfile(text));
    assert.deepEqual(p.externalIds.map((e) => [e.id, e.createdAt ?? null, e.position]), [
      ['ok@example.com', null, 5],
      ['ok2@example.com', null, 6],
    ]);
    assert.deepEqual(
      p.warnings.map((w) => [w.message, w.line, w.character]),
      [
        ['An external id must be an object with "type" and "id", not a string (item 1, line 2, column 3): left out.', 1, 2],
        ['An external id without "type" (item 2, line 3, column 3): left out.', 2, 2],
        ['The external id of type "email" has no "id" (item 3, line 4, column 3): left out.', 3, 2],
        ['"id" must be a non-empty string (item 4, line 5, column 3): left out.', 4, 27],
        ['"type" must be a non-empty string (item 5, line 6, column 3): left out.', 5, 12],
        ['"created_at" is not an ISO 8601 timestamp (item 6, line 7, column 3): the value is ordered as if it had none.', 6, 59],
      ],
    );
  });

  it('deep nesting is an error, not a crash', () => {
    const e = err(parseProfile('['.repeat(5000)));
    assert.match(e.message, /^Not valid JSON: Nesting deeper than 1000 levels/);
  });
});

describe('timestamps', () => {
  it('orders microseconds, offsets and dates', () => {
    assert.deepEqual(parseTimestamp('2017-11-30T06:05:01.40468Z'), [Date.UTC(2017, 10, 30, 6, 5, 1, 404), 680000]);
    assert.deepEqual(parseTimestamp('2020-01-01T00:00:00+02:00'), [Date.UTC(2019, 11, 31, 22, 0, 0), 0]);
    assert.deepEqual(parseTimestamp('2020-01-01T00:00:00-0130'), [Date.UTC(2020, 0, 1, 1, 30, 0), 0]);
    assert.deepEqual(parseTimestamp('2020-01-01'), [Date.UTC(2020, 0, 1), 0]);
    assert.equal(parseTimestamp('2020-13-01T00:00:00Z'), undefined);
    assert.equal(parseTimestamp('yesterday'), undefined);
    assert.equal(parseTimestamp('1700000000'), undefined);
  });
});

describe('normalisation and hashing', () => {
  it('SHA-256 matches independently computed digests', () => {
    assert.equal(sha256Hex('jane@example.com'), SHA['jane@example.com']);
    assert.equal(sha256Hex('+12023095976'), SHA['+12023095976']);
    assert.equal(sha256Hex(SHA['jane@example.com']), SHA['sha(jane@example.com)']);
  });

  it('recognises SHA-256 hex in either case, and nothing else', () => {
    assert.equal(isSha256Hex(SHA['jane@example.com']), true);
    assert.equal(isSha256Hex(SHA['jane@example.com'].toUpperCase()), true);
    assert.equal(isSha256Hex(SHA['jane@example.com'].slice(1)), false);
    assert.equal(isSha256Hex(' ' + SHA['jane@example.com']), false);
    assert.equal(isSha256Hex('g'.repeat(64)), false);
  });

  it('applies the steps in order', () => {
    assert.equal(normalizeValue('  Jane.Doe@Example.COM ', ['trim', 'lowercase']), 'jane.doe@example.com');
    assert.equal(normalizeValue('+1 (202) 309-5976', ['digits-only', 'strip-leading-zeros']), '12023095976');
    assert.equal(normalizeValue('0044 20 7946 0958', ['digits-only', 'strip-leading-zeros']), '442079460958');
    assert.equal(normalizeValue('x', undefined), 'x');
  });

  it('E.164 keeps "+", turns "00" into "+", never invents a country code', () => {
    const notes: string[] = [];
    assert.equal(toE164('+1 (202) 309-5976', notes), '+12023095976');
    assert.equal(toE164('0044 20 7946 0958', notes), '+442079460958');
    assert.deepEqual(notes, []);
    assert.equal(toE164('020 7946 0958', notes), '+2079460958');
    assert.deepEqual(notes, ['no "+" or "00" prefix: assumed to already start with the country code']);
    assert.equal(toE164('n/a'), '');
  });
});
