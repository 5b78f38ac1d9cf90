import { ruleTable } from '../helpers/rule-tester';
import { destinationLimit } from '../../server/src/engine/lint/rules/destination-limit';
import { config, entry, at, GOOGLE } from '../helpers/config';

ruleTable(destinationLimit, {
  valid: [
    { name: 'email and phone', text: config({ slug: GOOGLE, entries: [entry('email', 'last', 'email'), entry('phone', 'last', 'phone')] }) },
    { name: 'two mobile ids into one key count once', text: config({ slug: GOOGLE, entries: [entry('email', 'last', 'email'), entry('ios.idfa', 'last', 'mobile_id'), entry('android.idfa', 'last', 'mobile_id')] }) },
    { name: 'only one extra, without email', text: config({ slug: GOOGLE, entries: [entry('phone', 'last', 'phone')] }) },
    { name: 'Facebook has no such limit', text: config({ entries: [entry('email', 'last', 'EMAIL'), entry('phone', 'last', 'PHONE'), entry('ios.idfa', 'last', 'MADID'), entry('user_id', 'last', 'EXTERN_ID')] }) },
  ],
  invalid: [
    {
      name: 'phone and mobile_id besides email',
      text: config({ slug: GOOGLE, entries: [entry('email', 'last', 'email'), entry('phone', 'last', 'phone'), entry('ios.idfa', 'last', 'mobile_id')] }),
      errors: [{ message: 'Google Ads Remarketing Lists accepts at most 1 identifier besides "email"; "mobile_id" would be number 2. Remove this entry, or keep only one of "phone" and "mobile_id".', range: at(6, 'ios.idfa', 'last', 'mobile_id').entry }],
    },
    {
      name: 'keys taken from the suggestions when mapTo is missing',
      text: config({ slug: GOOGLE, entries: [entry('android.idfa'), entry('email'), entry('phone')] }),
      errors: [{ message: 'Google Ads Remarketing Lists accepts at most 1 identifier besides "email"; "phone" would be number 2. Remove this entry, or keep only one of "mobile_id" and "phone".', range: at(6, 'phone').entry }],
    },
    {
      name: 'each entry beyond the limit',
      text: config({ slug: GOOGLE, entries: [entry('phone', 'last', 'phone'), entry('ios.idfa', 'last', 'mobile_id'), entry('user_id', 'last', 'crm_id')] }),
      errors: [
        { message: /"mobile_id" would be number 2\./, range: at(5, 'ios.idfa', 'last', 'mobile_id').entry },
        { message: /"crm_id" would be number 3\./, range: at(6, 'user_id', 'last', 'crm_id').entry },
      ],
    },
  ],
});
