import { ruleTable } from '../helpers/rule-tester';
import { missingProperty } from '../../server/src/engine/rules/missing-property';
import { config, entry } from '../helpers/config';

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
  ],
});
