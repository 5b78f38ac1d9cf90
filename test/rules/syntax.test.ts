import { ruleTable } from '../helpers/rule-tester';
import { syntax } from '../../server/src/engine/lint/rules/syntax';

ruleTable(syntax, {
  valid: [
    { name: 'comments and trailing commas', text: '// config\n{ "audience": { "key": "a", }, /* x */ "destination": { "slug": "x" }, }' },
  ],
  invalid: [
    {
      name: 'a missing comma',
      text: '{\n  "audience": { "key": "a" }\n  "destination": { "slug": "x" }\n}',
      errors: [{ message: 'Comma expected.', range: [2, 2, 2, 15] }],
    },
    {
      name: 'an unterminated string',
      text: '{ "audience": { "key": "a } }',
      errors: [
        { message: 'Unterminated string.', range: [0, 23, 0, 29] },
        { message: 'Closing brace `}` expected.', range: [0, 29, 0, 29] },
        { message: 'Closing brace `}` expected.', range: [0, 29, 0, 29] },
      ],
    },
    {
      name: 'empty text',
      text: '',
      errors: [{ message: 'Value expected.', range: [0, 0, 0, 0] }],
    },
  ],
});
