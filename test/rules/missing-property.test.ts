import * as assert from 'node:assert/strict';
import { diagnosticsOf, ruleTable } from '../helpers/rule-tester';
import { missingProperty } from '../../server/src/engine/lint/rules/missing-property';
import { config, entry, SNAP } from '../helpers/config';

/** Three entries use "all" (the maximum); the fourth has no strategy. */
const FOURTH_WITHOUT_STRATEGY = config({
  slug: SNAP,
  entries: [entry('email', 'all', 'email'), entry('phone', 'all', 'phone'), entry('ios.idfa', 'all', 'ios_idfa'), '{ "externalId": "user_id" } // keep me'],
});
/** Truncated in the middle of an entry (found by the fuzz tests: the fix edited past the text). */
const TRUNCATED = '{\n  "audience": { "key": "vip" },\n  "destination": { "slug": "x" },\n  "idSyncConfiguration": [\n    {';
const TRUNCATED_AFTER_NESTED = '{\n  "audience": { "key": "vip" },\n  "destination": { "slug": "x" },\n  "idSyncConfiguration": [\n    { "externalId": "email", "x": { "y": 1 }';

const NO_TARGET = 'Neither "audience" nor "journey" is set: add "audience": { "key": "..." } or "journey": { "name": "...", "step": "..." } to say what syncs to the destination.';
const NO_DESTINATION = 'No "destination": add "destination": { "slug": "..." } with the Segment slug of the destination (e.g. "personas-facebook-custom-audiences").';

ruleTable(missingProperty, {
  valid: [
    { name: 'audience', text: config({ entries: [entry('email', 'last', 'EMAIL')] }) },
    { name: 'journey, entry without mapTo', text: '{ "journey": { "name": "Onboarding" }, "destination": { "slug": "x" }, "idSyncConfiguration": [{ "externalId": "email", "strategy": "all" }] }' },
    { name: 'wrong types are invalid-type\'s, not missing', text: '{ "audience": null, "destination": "fb", "idSyncConfiguration": [{ "externalId": 1, "strategy": null }] }' },
    { name: 'not an object at all', text: '[]' },
    { name: 'empty text is syntax\'s', text: '' },
  ],
  invalid: [
    {
      name: 'neither audience nor journey: on the opening brace',
      text: '{\n  "destination": { "slug": "x" }\n}',
      errors: [{ message: NO_TARGET, range: [0, 0, 0, 1] }],
      output: null,
    },
    {
      name: 'an empty object misses both',
      text: '  {}',
      errors: [
        { message: NO_TARGET, range: [0, 2, 0, 3] },
        { message: NO_DESTINATION, range: [0, 2, 0, 3] },
      ],
      output: null,
    },
    {
      name: 'destination without slug: on the destination object',
      text: '{\n  "audience": { "key": "vip" },\n  "destination": { "id": "d1" }\n}',
      errors: [{ message: '"destination" has no "slug": add the Segment slug of the destination (e.g. "personas-facebook-custom-audiences"); it selects the catalog the file is checked against.', range: [2, 17, 2, 31] }],
      output: null,
    },
    {
      name: 'entry without strategy: fix adds "last" inline, the comment stays',
      text: config({ entries: ['{ "externalId": "email", "mapTo": "EMAIL" } // main id', entry('user_id', 'last', 'EXTERN_ID')] }),
      errors: [{ message: 'idSyncConfiguration[0] has no "strategy": add "last" (most recently added value), "first" (oldest value) or "all" (every value).', range: [4, 4, 4, 47] }],
      output: config({ entries: ['{ "externalId": "email", "mapTo": "EMAIL", "strategy": "last" } // main id', entry('user_id', 'last', 'EXTERN_ID')] }),
    },
    {
      name: 'entry without externalId or strategy, multi-line entry',
      text: '{\n  "audience": { "key": "vip" },\n  "destination": { "slug": "x" },\n  "idSyncConfiguration": [\n    {\n      "mapTo": "EMAIL" // the key\n    }\n  ]\n}',
      errors: [
        { message: 'idSyncConfiguration[0] has no "externalId": add the Segment identifier to send (e.g. "email").', range: [4, 4, 6, 5] },
        { message: /^idSyncConfiguration\[0\] has no "strategy"/, range: [4, 4, 6, 5] },
      ],
      output: null,
    },
    {
      name: 'the second of two entries',
      text: config({ entries: [entry('email', 'last', 'EMAIL'), '{ "strategy": "last", "mapTo": "EXTERN_ID" }'] }),
      errors: [{ message: 'idSyncConfiguration[1] has no "externalId": add the Segment identifier to send (e.g. "email").', range: [5, 4, 5, 48] }],
      output: null,
    },
    {
      name: 'three entries already use "all": no fix to "all" (it would create a too-many-all error)',
      text: FOURTH_WITHOUT_STRATEGY,
      errors: [{ message: 'idSyncConfiguration[3] has no "strategy": add "last" (most recently added value) or "first" (oldest value); 3 entries already use "all", the maximum.', range: [7, 4, 7, 31] }],
      output: FOURTH_WITHOUT_STRATEGY.replace('{ "externalId": "user_id" }', '{ "externalId": "user_id", "strategy": "last" }'),
    },
    {
      name: 'a block comment after the last property runs on to the next line: "strategy" goes before it, not into it (found by the fuzz tests)',
      text: config({ entries: ['{ "externalId": "email" /* spans\n    two lines */ }'] }),
      errors: [{ message: /^idSyncConfiguration\[0\] has no "strategy"/, range: [4, 4, 5, 18] }],
      output: config({ entries: ['{ "externalId": "email", "strategy": "last" /* spans\n    two lines */ }'] }),
    },
    {
      name: 'an entry with a syntax error inside: reported, no fix (the parser dropped its properties; found by the fuzz tests)',
      text: config({ entries: ['{ {}: "email", "strategy": "last" }'] }),
      errors: [
        { message: 'idSyncConfiguration[0] has no "externalId": add the Segment identifier to send (e.g. "email").', range: [4, 4, 4, 8] },
        { message: /^idSyncConfiguration\[0\] has no "strategy"/, range: [4, 4, 4, 8] },
      ],
      output: null,
    },
    {
      name: 'an entry truncated after its opening brace: reported, no fix (its end is unknown)',
      text: TRUNCATED,
      errors: [
        { message: 'idSyncConfiguration[0] has no "externalId": add the Segment identifier to send (e.g. "email").', range: [4, 4, 4, 5] },
        { message: /^idSyncConfiguration\[0\] has no "strategy"/, range: [4, 4, 4, 5] },
      ],
      output: null,
    },
    {
      name: 'an unclosed entry ending on a nested object\'s brace: no fix',
      text: TRUNCATED_AFTER_NESTED,
      errors: [{ message: /^idSyncConfiguration\[0\] has no "strategy"/, range: [4, 4, 4, 44] }],
      output: null,
    },
  ],
});

describe('rule missing-property: fixes', () => {
  it('offers "last", "first" and "all" while fewer than three entries use "all"', () => {
    const [d] = diagnosticsOf(missingProperty, config({ entries: ['{ "externalId": "email" }'] }));
    assert.deepEqual(d.fixes?.map((f) => f.title), ['Add "strategy": "last"', 'Add "strategy": "first"', 'Add "strategy": "all"']);
  });
  it('offers only "last" and "first" when three entries use "all"', () => {
    const [d] = diagnosticsOf(missingProperty, FOURTH_WITHOUT_STRATEGY);
    assert.deepEqual(d.fixes?.map((f) => f.title), ['Add "strategy": "last"', 'Add "strategy": "first"']);
  });
  it('offers no fix on an entry without its closing brace', () => {
    for (const text of [TRUNCATED, TRUNCATED_AFTER_NESTED]) {
      const got = diagnosticsOf(missingProperty, text).filter((d) => d.message.includes('"strategy"'));
      assert.equal(got.length, 1);
      assert.equal(got[0].fixes, undefined);
    }
  });
});
