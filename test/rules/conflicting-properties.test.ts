import { ruleTable } from '../helpers/rule-tester';
import { conflictingProperties } from '../../server/src/engine/lint/rules/conflicting-properties';

ruleTable(conflictingProperties, {
  valid: [
    { name: 'audience only', text: '{ "audience": { "key": "a" }, "destination": { "slug": "x" } }' },
    { name: 'journey only', text: '{ "journey": { "name": "j" }, "destination": { "slug": "x" } }' },
    { name: 'neither is missing-property\'s', text: '{ "destination": { "slug": "x" } }' },
  ],
  invalid: [
    {
      name: 'journey after audience: on the journey key',
      text: '{\n  "audience": { "key": "a" },\n  "journey": { "name": "j" },\n  "destination": { "slug": "x" }\n}',
      errors: [{ message: '"journey" and "audience" are both set, but a file describes one connection: an audience or a journey step. Move one of them to its own .idsync.json file.', range: [2, 2, 2, 11] }],
    },
    {
      name: 'audience after journey: on the audience key, whatever its type',
      text: '{ "journey": { "name": "j" }, "audience": null, "destination": { "slug": "x" } }',
      errors: [{ message: '"audience" and "journey" are both set, but a file describes one connection: an audience or a journey step. Move one of them to its own .idsync.json file.', range: [0, 30, 0, 40] }],
    },
  ],
});
