import { ruleTable } from '../helpers/rule-tester';
import { keyConvention } from '../../server/src/engine/lint/rules/key-convention';
import { config, entry, at, space, SNAP } from '../helpers/config';

const CONV_SPACE = `{
  "customIdentifiers": ["crm_id"],
  "destinations": { "crm-function": { "displayName": "CRM sync", "input": "freeText", "identifiers": ["crmId"], "keyConventions": { "crm_id": "crmId" } } }
}`;

ruleTable(keyConvention, {
  valid: [
    { name: 'Snap conventions', text: config({ slug: SNAP, entries: [entry('ios.idfa', 'last', 'ios_idfa'), entry('android.idfa', 'last', 'android_idfa'), entry('email', 'last', 'email')] }) },
    { name: 'no convention for the identifier', text: config({ slug: SNAP, entries: [entry('user_id', 'last', 'external_id')] }) },
    { name: 'dropdown destinations have none', text: config({ entries: [entry('ios.idfa', 'last', 'MADID')] }) },
    { name: 'no mapTo where the documented key is the identifier itself', text: config({ slug: SNAP, entries: [entry('email')] }) },
    { name: 'no mapTo for an identifier without a convention', text: config({ slug: SNAP, entries: [entry('user_id')] }) },
  ],
  invalid: [
    {
      // action-destinations snap-audiences/syncAudience/fields.ts (advertising_id reads properties.ios_idfa / android_idfa):
      // without mapTo Segment sends the value under the identifier's own name, ios.idfa.
      name: 'no mapTo: Snap reads ios_idfa, not ios.idfa',
      text: config({ slug: SNAP, entries: [entry('ios.idfa')] }),
      errors: [
        {
          message: 'No mapTo: Segment sends "ios.idfa" to Snap Audiences (Actions) under the key "ios.idfa", but its default mappings read "ios_idfa", so the value may not be delivered. Add "mapTo": "ios_idfa".',
          range: at(4, 'ios.idfa').externalId,
        },
      ],
      output: config({ slug: SNAP, entries: ['{ "externalId": "ios.idfa", "strategy": "last", "mapTo": "ios_idfa" }'] }),
    },
    {
      // action-destinations reddit-audiences/syncAudience/index.ts (androidIDFA reads traits.android_idfa)
      name: 'no mapTo: Reddit reads android_idfa',
      text: config({ slug: 'actions-reddit-audiences', extra: ['"connectionSettings": { "sendMobileIds": true },'], entries: [entry('email', 'last', 'email'), entry('android.idfa', 'all')] }),
      errors: [{ message: /^No mapTo: Segment sends "android.idfa" to Reddit Audiences under the key "android.idfa", but its default mappings read "android_idfa"/, range: at(6, 'android.idfa', 'all').externalId }],
      output: config({ slug: 'actions-reddit-audiences', extra: ['"connectionSettings": { "sendMobileIds": true },'], entries: [entry('email', 'last', 'email'), '{ "externalId": "android.idfa", "strategy": "all", "mapTo": "android_idfa" }'] }),
    },
    {
      name: 'dotted key for Snap',
      text: config({ slug: SNAP, entries: [entry('ios.idfa', 'last', 'ios.idfa')] }),
      errors: [
        {
          message: 'Snap Audiences (Actions) expects "ios.idfa" under the key "ios_idfa", not "ios.idfa": its default mappings read "ios_idfa", so other keys may not be delivered. Use "ios_idfa".',
          range: at(4, 'ios.idfa', 'last', 'ios.idfa').mapTo,
        },
      ],
      output: config({ slug: SNAP, entries: [entry('ios.idfa', 'last', 'ios_idfa')] }),
    },
    {
      name: 'upper-case email for Snap',
      text: config({ slug: SNAP, entries: [entry('email', 'all', 'EMAIL')] }),
      errors: [{ message: /expects "email" under the key "email", not "EMAIL"/, range: at(4, 'email', 'all', 'EMAIL').mapTo }],
      output: config({ slug: SNAP, entries: [entry('email', 'all', 'email')] }),
    },
    {
      name: 'a convention from the space',
      text: config({ slug: 'crm-function', entries: [entry('crm_id', 'last', 'crm_id')] }),
      space: space(CONV_SPACE),
      errors: [{ message: 'CRM sync expects "crm_id" under the key "crmId", not "crm_id": its default mappings read "crmId", so other keys may not be delivered. Use "crmId".', range: at(4, 'crm_id', 'last', 'crm_id').mapTo }],
      output: config({ slug: 'crm-function', entries: [entry('crm_id', 'last', 'crmId')] }),
    },
  ],
});
