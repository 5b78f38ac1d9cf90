import { ruleTable } from '../helpers/rule-tester';
import { tooManyIdentifiers } from '../../server/src/engine/lint/rules/too-many-identifiers';
import { config, entry, at } from '../helpers/config';

const ids = ['email', 'user_id', 'ios.idfa', 'android.idfa', 'phone', 'crm_id', 'shop_id'];
const entries = (n: number) => ids.slice(0, n).map((id) => entry(id));

ruleTable(tooManyIdentifiers, {
  valid: [{ name: 'five', text: config({ entries: entries(5) }) }, { name: 'none', text: config({}) }],
  invalid: [
    {
      name: 'six: the sixth',
      text: config({ entries: entries(6) }),
      errors: [{ message: 'At most 5 identifiers can be synced to a destination; this is number 6 of 6. Remove this entry or another one.', range: at(9, 'crm_id').entry }],
    },
    {
      name: 'seven: the sixth and seventh',
      text: config({ entries: entries(7) }),
      errors: [
        { message: 'At most 5 identifiers can be synced to a destination; this is number 6 of 7. Remove 2 entries.', range: at(9, 'crm_id').entry },
        { message: 'At most 5 identifiers can be synced to a destination; this is number 7 of 7. Remove 2 entries.', range: at(10, 'shop_id').entry },
      ],
    },
  ],
});
