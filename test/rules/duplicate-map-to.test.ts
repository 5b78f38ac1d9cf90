import { ruleTable } from '../helpers/rule-tester';
import { duplicateMapTo } from '../../server/src/engine/rules/duplicate-map-to';
import { config, entry, at, GOOGLE } from '../helpers/config';

const MSG = (i: number, id: string, key: string) =>
  `idSyncConfiguration[${i}] ("${id}") already sends to "${key}": two identifiers in one destination key mix their values. Map this entry to another key, or remove one of them.`;

ruleTable(duplicateMapTo, {
  valid: [
    { name: 'distinct keys', text: config({ entries: [entry('email', 'last', 'EMAIL'), entry('user_id', 'last', 'EXTERN_ID')] }) },
    { name: 'both mobile ad ids into MADID', text: config({ entries: [entry('ios.idfa', 'last', 'MADID'), entry('android.idfa', 'last', 'MADID')] }) },
    { name: 'both mobile ad ids into mobile_id', text: config({ slug: GOOGLE, entries: [entry('ios.idfa', 'last', 'mobile_id'), entry('android.idfa', 'all', 'mobile_id')] }) },
    { name: 'a repeated externalId is duplicate-identifier\'s', text: config({ entries: [entry('email', 'last', 'EMAIL'), entry('email', 'first', 'EMAIL')] }) },
  ],
  invalid: [
    {
      name: 'two identifiers into EMAIL',
      text: config({ entries: [entry('email', 'last', 'EMAIL'), entry('user_id', 'last', 'EMAIL')] }),
      errors: [{ message: MSG(0, 'email', 'EMAIL'), range: at(5, 'user_id', 'last', 'EMAIL').mapTo }],
    },
    {
      name: 'a non-mobile id into the mobile key',
      text: config({ entries: [entry('ios.idfa', 'last', 'MADID'), entry('android.idfa', 'last', 'MADID'), entry('ios.id', 'last', 'MADID')] }),
      errors: [{ message: MSG(0, 'ios.idfa', 'MADID'), range: at(6, 'ios.id', 'last', 'MADID').mapTo }],
    },
    {
      name: 'three into one key: both later ones',
      text: config({ entries: [entry('email', 'last', 'EMAIL'), entry('user_id', 'last', 'EMAIL'), entry('phone', 'last', 'EMAIL')] }),
      errors: [
        { message: MSG(0, 'email', 'EMAIL'), range: at(5, 'user_id', 'last', 'EMAIL').mapTo },
        { message: MSG(0, 'email', 'EMAIL'), range: at(6, 'phone', 'last', 'EMAIL').mapTo },
      ],
    },
  ],
});
