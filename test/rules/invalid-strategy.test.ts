import { ruleTable } from '../helpers/rule-tester';
import { invalidStrategy } from '../../server/src/engine/rules/invalid-strategy';

const wrap = (strategy: string) => `{
  "audience": { "key": "vip" },
  "destination": { "slug": "personas-facebook-custom-audiences" },
  "idSyncConfiguration": [
    { "externalId": "email", "strategy": ${strategy}, "mapTo": "EMAIL" } // keep me
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
  ],
});
