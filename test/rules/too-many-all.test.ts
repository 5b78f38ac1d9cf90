import { ruleTable } from '../helpers/rule-tester';
import { tooManyAll } from '../../server/src/engine/lint/rules/too-many-all';
import { config, entry, at } from '../helpers/config';

const four = (last: string) => config({ entries: [entry('email', 'all', 'EMAIL'), entry('ios.idfa', 'all', 'MADID'), entry('android.idfa', 'all', 'MADID'), entry('phone', last, 'PHONE')] });

ruleTable(tooManyAll, {
  valid: [{ name: 'three', text: four('last') }],
  invalid: [
    {
      name: 'the fourth "all"',
      text: four('all'),
      errors: [{ message: 'At most 3 identifiers can use the "all" strategy; this is number 4. Use "last" or "first" here, or drop an "all" elsewhere.', range: at(7, 'phone', 'all', 'PHONE').strategy }],
      output: four('last'),
    },
  ],
});
