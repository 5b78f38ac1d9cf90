import { ruleTable } from '../helpers/rule-tester';
import { duplicateProperty } from '../../server/src/engine/lint/rules/duplicate-property';
import { config, entry } from '../helpers/config';

ruleTable(duplicateProperty, {
  valid: [
    { name: 'the same key in different objects', text: config({ extra: ['"name": "a",'], entries: [entry('email', 'last', 'EMAIL'), entry('user_id', 'last', 'EXTERN_ID')] }) },
  ],
  invalid: [
    {
      name: 'a repeated strategy in an entry',
      text: config({ entries: ['{ "externalId": "email", "strategy": "last", "strategy": "all", "mapTo": "EMAIL" }'] }),
      errors: [{ message: '"strategy" appears more than once in an idSyncConfiguration entry: JSON readers disagree on which value wins (this linter reads the first one). Keep a single "strategy".', range: [4, 49, 4, 59] }],
    },
    {
      name: 'a repeated top-level key, each repetition',
      text: '{\n  "audience": { "key": "a" },\n  "destination": { "slug": "x" },\n  "setup": "default",\n  "setup": "customized",\n  "setup": "default"\n}',
      errors: [
        { message: /^"setup" appears more than once in the configuration:/, range: [4, 2, 4, 9] },
        { message: /^"setup" appears more than once in the configuration:/, range: [5, 2, 5, 9] },
      ],
    },
    {
      name: 'in a nested object',
      text: '{ "audience": { "key": "a", "key": "b" }, "destination": { "slug": "x" } }',
      errors: [{ message: '"key" appears more than once in "audience": JSON readers disagree on which value wins (this linter reads the first one). Keep a single "key".', range: [0, 28, 0, 33] }],
    },
  ],
});
