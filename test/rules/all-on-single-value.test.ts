import { ruleTable } from '../helpers/rule-tester';
import { allOnSingleValue } from '../../server/src/engine/lint/rules/all-on-single-value';
import { config, entry, at } from '../helpers/config';

ruleTable(allOnSingleValue, {
  valid: [
    { name: 'user_id with last', text: config({ entries: [entry('user_id', 'last', 'EXTERN_ID')] }) },
    { name: 'email with all', text: config({ entries: [entry('email', 'all', 'EMAIL')] }) },
    { name: 'a custom identifier with all', text: config({ entries: [entry('crm_id', 'all', 'EXTERN_ID')] }) },
  ],
  invalid: [
    {
      name: 'user_id with all',
      text: config({ entries: [entry('email', 'all', 'EMAIL'), entry('user_id', 'all', 'EXTERN_ID')] }),
      errors: [
        {
          message: 'A profile keeps one "user_id" (identity limit 1), so "all" sends the same as "last" and still counts against the three "all" entries: use "last".',
          range: at(5, 'user_id', 'all', 'EXTERN_ID').strategy,
          severity: 'hint',
        },
      ],
      output: config({ entries: [entry('email', 'all', 'EMAIL'), entry('user_id', 'last', 'EXTERN_ID')] }),
    },
  ],
});
