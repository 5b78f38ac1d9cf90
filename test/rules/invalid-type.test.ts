import { ruleTable } from '../helpers/rule-tester';
import { invalidType } from '../../server/src/engine/lint/rules/invalid-type';
import { config, entry } from '../helpers/config';

const ok = [entry('email', 'last', 'EMAIL')];

ruleTable(invalidType, {
  valid: [
    { name: 'every type right', text: config({ extra: ['"name": "n", "setup": "customized", "samples": ["a.json"],', '"connectionSettings": { "sendMobileIds": false },'], entries: ok }) },
    { name: 'setup default', text: config({ extra: ['"setup": "default",'] }) },
    { name: 'destination type', text: '{ "audience": { "key": "a", "existing": false }, "destination": { "slug": "x", "type": "warehouse" } }' },
    { name: 'strategies are invalid-strategy\'s', text: config({ entries: [entry('email', 'Last Added', 'EMAIL')] }) },
    { name: 'open connectionSettings take any type', text: config({ extra: ['"connectionSettings": { "sendMobileIds": true, "other": [1] },'], entries: ok }) },
  ],
  invalid: [
    {
      name: 'a boolean written as a string',
      text: config({ extra: ['"connectionSettings": { "sendMobileIds": "true" }, // on'], entries: ok }),
      errors: [{ message: '"sendMobileIds" must be a boolean (true or false), not a string.', range: [3, 43, 3, 49] }],
      output: config({ extra: ['"connectionSettings": { "sendMobileIds": true }, // on'], entries: ok }),
    },
    {
      name: 'an id written as a number',
      text: '{\n  "audience": { "key": "vip", "id": 42 },\n  "destination": { "slug": "x" }\n}',
      errors: [{ message: '"id" must be a string, not a number.', range: [1, 36, 1, 38] }],
      output: '{\n  "audience": { "key": "vip", "id": "42" },\n  "destination": { "slug": "x" }\n}',
    },
    {
      name: 'a mapTo that is a number on a dropdown destination: no conversion ("42" is no Facebook key either; found by the fuzz tests)',
      text: config({ entries: ['{ "externalId": "email", "strategy": "last", "mapTo": 42 }'] }),
      errors: [{ message: '"mapTo" must be a string, not a number.', range: [4, 58, 4, 60] }],
      output: null,
    },
    {
      name: 'an externalId or a slug that is a number: no conversion (no identifier or slug is a number)',
      text: '{\n  "audience": { "key": "vip" },\n  "destination": { "slug": 7 },\n  "idSyncConfiguration": [{ "externalId": 1, "strategy": "last" }]\n}',
      errors: [
        { message: '"slug" must be a string, not a number.', range: [2, 27, 2, 28] },
        { message: '"externalId" must be a string, not a number.', range: [3, 42, 3, 43] },
      ],
      output: null,
    },
    {
      name: 'idSyncConfiguration as an object',
      text: '{\n  "audience": { "key": "vip" },\n  "destination": { "slug": "x" },\n  "idSyncConfiguration": { "externalId": "email" }\n}',
      errors: [{ message: '"idSyncConfiguration" must be an array, not an object.', range: [3, 25, 3, 50] }],
      output: null,
    },
    {
      name: 'an entry that is a string',
      text: config({ entries: ['"email"', entry('user_id', 'last', 'EXTERN_ID')] }),
      errors: [{ message: 'idSyncConfiguration[0] must be an object such as { "externalId": "email", "strategy": "last" }, not a string.', range: [4, 4, 4, 11] }],
      output: null,
    },
    {
      name: 'null mapTo',
      text: config({ entries: ['{ "externalId": "email", "strategy": "last", "mapTo": null }'] }),
      errors: [{ message: '"mapTo" must be a string, not null.', range: [4, 58, 4, 62] }],
      output: null,
    },
    {
      name: 'a strategy that is a number: no conversion offered',
      text: config({ entries: ['{ "externalId": "email", "strategy": 1, "mapTo": "EMAIL" }'] }),
      errors: [{ message: '"strategy" must be a string, not a number.', range: [4, 41, 4, 42] }],
      output: null,
    },
    {
      name: 'a sample path that is not a string',
      text: config({ extra: ['"samples": [true],'], entries: ok }),
      errors: [{ message: 'samples[0] must be a string (a path such as "samples/profiles/jane.json"), not a boolean.', range: [3, 14, 3, 18] }],
      output: null,
    },
    {
      name: 'the configuration is an array',
      text: '[{ "audience": { "key": "vip" } }]',
      errors: [{ message: 'The configuration must be an object, not an array.', range: [0, 0, 0, 34] }],
      output: null,
    },
    {
      name: 'setup with the wrong case',
      text: config({ extra: ['"setup": "Customized",'], entries: ok }),
      errors: [{ message: '"setup" of the configuration must be "default" or "customized", not "Customized". Did you mean "customized"?', range: [3, 11, 3, 23] }],
      output: config({ extra: ['"setup": "customized",'], entries: ok }),
    },
    {
      name: 'setup nowhere near a value',
      text: config({ extra: ['"setup": "custom",'], entries: ok }),
      errors: [{ message: '"setup" of the configuration must be "default" or "customized", not "custom".', range: [3, 11, 3, 19] }],
      output: null,
    },
    {
      name: 'destination type typo',
      text: '{ "journey": { "name": "j" }, "destination": { "slug": "x", "type": "warehous" } }',
      errors: [{ message: '"type" of "destination" must be "destination" or "warehouse", not "warehous". Did you mean "warehouse"?', range: [0, 68, 0, 78] }],
      output: '{ "journey": { "name": "j" }, "destination": { "slug": "x", "type": "warehouse" } }',
    },
  ],
});
