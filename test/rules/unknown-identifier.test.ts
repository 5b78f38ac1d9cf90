import { ruleTable } from '../helpers/rule-tester';
import { unknownIdentifier } from '../../server/src/engine/lint/rules/unknown-identifier';
import { config, entry, space, CRM_SPACE } from '../helpers/config';

const one = (id: string) => config({ entries: [entry(id, 'last', 'EMAIL')] });
const range = (id: string): [number, number, number, number] => [4, 20, 4, 22 + id.length];

ruleTable(unknownIdentifier, {
  valid: [
    { name: 'the default identifiers', text: config({ entries: ['user_id', 'email', 'anonymous_id', 'android.id', 'ios.id'].map((id) => entry(id)) }) },
    { name: 'more defaults', text: config({ entries: ['android.idfa', 'android.push_token', 'ios.idfa', 'ios.push_token', 'ga_client_id'].map((id) => entry(id)) }) },
    { name: 'group_id', text: one('group_id') },
    { name: 'a custom identifier of the space', text: one('crm_id'), space: space(CRM_SPACE) },
    { name: 'trait paths are property-mapping\'s', text: one('traits.email') },
  ],
  invalid: [
    {
      name: '"ios.idfx" while Send Mobile IDs is off: "ios.idfa" is named but not offered (the change would be a mobile-ids-disabled error; found by the fuzz run)',
      text: config({ entries: [entry('ios.idfx', 'last', 'MADID')] }),
      errors: [{ message: '"ios.idfx" is neither a default Segment identifier nor a custom identifier of the space: did you mean "ios.idfa"? If not, declare it in "customIdentifiers" of idsync.space.json.', range: [4, 20, 4, 30] }],
      output: null,
    },
    {
      name: '"ios.idfx" with Send Mobile IDs on: changed to "ios.idfa"',
      text: config({ extra: ['"connectionSettings": { "sendMobileIds": true },'], entries: [entry('ios.idfx', 'last', 'MADID')] }),
      errors: [{ message: '"ios.idfx" is neither a default Segment identifier nor a custom identifier of the space: did you mean "ios.idfa"? If not, declare it in "customIdentifiers" of idsync.space.json.', range: [5, 20, 5, 30] }],
      output: config({ extra: ['"connectionSettings": { "sendMobileIds": true },'], entries: [entry('ios.idfa', 'last', 'MADID')] }),
    },
    {
      name: 'a default identifier in upper case',
      text: one('EMAIL'),
      errors: [{ message: 'Identifier types are lowercase in Segment: use "email".', range: range('EMAIL') }],
      output: one('email'),
    },
    {
      name: 'a declared custom identifier in mixed case',
      text: one('Crm_Id'),
      space: space(CRM_SPACE),
      errors: [{ message: 'Identifier types are lowercase in Segment: use "crm_id".', range: range('Crm_Id') }],
      output: one('crm_id'),
    },
    {
      name: 'an undeclared custom identifier in upper case',
      text: one('Shopify_ID'),
      errors: [{ message: 'Custom identifier types must be lowercase in Segment: use "shopify_id", and declare it in "customIdentifiers" of idsync.space.json.', range: range('Shopify_ID') }],
      output: one('shopify_id'),
    },
    {
      name: 'a typo of a default',
      text: one('emial'),
      errors: [{ message: '"emial" is neither a default Segment identifier nor a custom identifier of the space: did you mean "email"? If not, declare it in "customIdentifiers" of idsync.space.json.', range: range('emial') }],
      output: one('email'),
    },
    {
      name: 'a typo in upper case',
      text: one('User_Di'),
      errors: [
        {
          message: '"User_Di" is neither a default Segment identifier nor a custom identifier of the space: did you mean "user_id"? If not, use "user_di" (identifier types are lowercase) and declare it in "customIdentifiers" of idsync.space.json.',
          range: range('User_Di'),
        },
      ],
      output: one('user_id'),
    },
    {
      name: 'an undeclared custom identifier: no fix',
      text: one('shopify_id'),
      errors: [{ message: '"shopify_id" is neither a default Segment identifier nor a custom identifier of the space: declare it in "customIdentifiers" of idsync.space.json.', range: range('shopify_id') }],
      output: null,
    },
    {
      name: 'a typo of a custom identifier',
      text: one('crm_ids'),
      space: space(CRM_SPACE),
      errors: [{ message: /did you mean "crm_id"\?/, range: range('crm_ids') }],
      output: one('crm_id'),
    },
  ],
});
