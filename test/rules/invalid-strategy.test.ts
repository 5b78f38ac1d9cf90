import * as assert from 'node:assert/strict';
import { ruleTable, diagnosticsOf } from '../helpers/rule-tester';
import { invalidStrategy } from '../../server/src/engine/lint/rules/invalid-strategy';

const wrap = (strategy: string) => `{
  "audience": { "key": "vip" },
  "destination": { "slug": "personas-facebook-custom-audiences" },
  "idSyncConfiguration": [
    { "externalId": "email", "strategy": ${strategy}, "mapTo": "EMAIL" } // keep me
  ]
}`;

const fourth = (strategy: string) => `{
  "audience": { "key": "vip" },
  "destination": { "slug": "actions-snap-audiences" },
  "idSyncConfiguration": [
    { "externalId": "email", "strategy": "all", "mapTo": "email" },
    { "externalId": "phone", "strategy": "all", "mapTo": "phone" },
    { "externalId": "user_id", "strategy": ${strategy}, "mapTo": "email" }, // keep me
    { "externalId": "ios.idfa", "strategy": "all", "mapTo": "ios_idfa" }
  ]
}`;

ruleTable(invalidStrategy, {
  valid: [{ text: wrap('"last"') }, { text: wrap('"first"') }, { text: wrap('"all"') }],
  invalid: [
    {
      name: 'UI label',
      text: wrap('"Last Added"'),
      errors: [{ message: 'Strategy "Last Added" is the UI label, not the API value: use "last" (sends only the most recently added value of the identifier).', range: [4, 41, 4, 53] }],
      output: wrap('"last"'),
    },
    {
      name: 'snake case label',
      text: wrap('"first_added"'),
      errors: [{ message: /use "first"/, range: [4, 41, 4, 54] }],
      output: wrap('"first"'),
    },
    {
      name: 'capitalised',
      text: wrap('"All"'),
      errors: [{ message: /use "all"/, range: [4, 41, 4, 46] }],
      output: wrap('"all"'),
    },
    {
      name: 'unknown value offers all three, none preferred',
      text: wrap('"newest-first"'),
      errors: [{ message: 'Unknown strategy "newest-first": use "first" (oldest value), "last" (most recently added) or "all" (every value, one event each).', range: [4, 41, 4, 55] }],
      output: wrap('"last"'),
    },
    {
      name: 'the "All" label when three entries already use "all": no fix to "all"',
      text: fourth('"All"'),
      errors: [{ message: 'Strategy "All" is the UI label of "all", but 3 entries already use "all" (the maximum): use "last" or "first" here, or drop an "all" elsewhere.', range: [6, 43, 6, 48] }],
      output: fourth('"last"'),
    },
    {
      name: 'unknown value when three entries already use "all": fixes to "last" and "first" only',
      text: fourth('"newest-first"'),
      errors: [{ message: 'Unknown strategy "newest-first": use "first" (oldest value) or "last" (most recently added); 3 entries already use "all", the maximum.', range: [6, 43, 6, 57] }],
      output: fourth('"last"'),
    },
  ],
});

describe('rule invalid-strategy: fixes never exceed the "all" limit', () => {
  it('offers only "last" and "first" when three entries use "all"', () => {
    for (const value of ['"All"', '"newest-first"']) {
      const [d] = diagnosticsOf(invalidStrategy, fourth(value));
      assert.deepEqual(d.fixes?.map((f) => f.title), ['Change to "last"', 'Change to "first"']);
    }
  });
});
