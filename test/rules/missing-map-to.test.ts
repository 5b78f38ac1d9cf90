import { ruleTable } from '../helpers/rule-tester';
import { missingMapTo } from '../../server/src/engine/lint/rules/missing-map-to';
import { config, entry, at, GOOGLE, SNAP } from '../helpers/config';

ruleTable(missingMapTo, {
  valid: [
    { name: 'Facebook with mapTo', text: config({ entries: [entry('email', 'last', 'EMAIL')] }) },
    { name: 'free text needs none', text: config({ slug: SNAP, entries: [entry('email')] }) },
    { name: 'unknown destination', text: config({ slug: 'nowhere', entries: [entry('email')] }) },
    { name: 'a mapTo of the wrong type is present', text: config({ entries: ['{ "externalId": "email", "strategy": "last", "mapTo": 1 }'] }) },
  ],
  invalid: [
    {
      name: 'Facebook: the fix adds the suggested key on the same line',
      text: config({ entries: [entry('email'), entry('user_id', 'last', 'EXTERN_ID')] }),
      errors: [{ message: 'idSyncConfiguration[0] has no "mapTo", but Facebook Custom Audiences picks the destination identifier from a dropdown: add "mapTo": "EMAIL".', range: at(4, 'email').entry }],
      output: config({ entries: [entry('email', 'last', 'EMAIL'), entry('user_id', 'last', 'EXTERN_ID')] }),
    },
    {
      name: 'no suggestion for a custom identifier',
      text: config({ entries: [entry('crm_id')] }),
      errors: [{ message: 'idSyncConfiguration[0] has no "mapTo", but Facebook Custom Audiences picks the destination identifier from a dropdown: add "mapTo" with one of "EMAIL", "PHONE", "MADID", "EXTERN_ID".', range: at(4, 'crm_id').entry }],
      output: null,
    },
    {
      name: 'Google Ads, multi-line entry: a new line under the last property, comments kept',
      text: config({ slug: GOOGLE, entries: ['{\n      "externalId": "ios.idfa", // iPhone\n      "strategy": "last" // newest\n    }'] }),
      errors: [{ message: 'idSyncConfiguration[0] has no "mapTo", but Google Ads Remarketing Lists picks the destination identifier from a dropdown: add "mapTo": "mobile_id".', range: [4, 4, 7, 5] }],
      output: config({ slug: GOOGLE, entries: ['{\n      "externalId": "ios.idfa", // iPhone\n      "strategy": "last", // newest\n      "mapTo": "mobile_id"\n    }'] }),
    },
  ],
});
