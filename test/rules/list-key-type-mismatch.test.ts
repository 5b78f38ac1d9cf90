/**
 * Google Ads Remarketing Lists: each list matches on one External ID Type, "Email" or "Mobile ID"
 * (segment-docs src/connections/destinations/catalog/adwords-remarketing-lists/index.md, "Select
 * either email or mobile ID to use as a custom matcher"), and every payload sends email
 * (segment-docs src/engage/trait-activation/trait-enrichment.md, Google Ads Remarketing Lists).
 */
import { ruleTable } from '../helpers/rule-tester';
import { listKeyTypeMismatch } from '../../server/src/engine/lint/rules/list-key-type-mismatch';
import { config, entry, at, space, GOOGLE, SNAP } from '../helpers/config';

const settings = (type: string) => [`"connectionSettings": { "sendMobileIds": true, "externalIdType": "${type}" },`];
const PHONE_SPACE = space('{ "customIdentifiers": ["phone"] }');
/** Range of the externalIdType value written by settings() on line 3. */
const typeRange = (type: string): [number, number, number, number] => [3, 67, 3, 69 + type.length];

ruleTable(listKeyTypeMismatch, {
  valid: [
    { name: 'Mobile ID list with email and a mobile id', text: config({ slug: GOOGLE, extra: settings('Mobile ID'), entries: [entry('email', 'last', 'email'), entry('ios.idfa', 'last', 'mobile_id')] }) },
    { name: 'Email list with email and phone', text: config({ slug: GOOGLE, extra: settings('Email'), entries: [entry('email', 'last', 'email'), entry('phone', 'last', 'phone')] }), space: PHONE_SPACE },
    { name: 'no type set: nothing to contradict', text: config({ slug: GOOGLE, entries: [entry('email', 'last', 'email'), entry('ios.idfa', 'last', 'mobile_id')] }) },
    { name: 'default setup: the entries are not used', text: config({ slug: GOOGLE, extra: [...settings('Email'), '"setup": "default",'], entries: [entry('ios.idfa', 'last', 'mobile_id')] }) },
    { name: 'a destination without a key type setting', text: config({ slug: SNAP, entries: [entry('ios.idfa', 'last', 'ios_idfa')] }) },
    { name: 'Dynamic Yield: a value besides the listed ones names a key (identifier-type-key checks it)', text: config({ slug: 'actions-dynamic-yield-audiences', extra: ['"connectionSettings": { "identifier_type": "loyalty_id" },'], entries: [entry('email', 'last', 'email')] }) },
    { name: 'Dynamic Yield: user_id folds to the listed userId (the code ignores case and underscores)', text: config({ slug: 'actions-dynamic-yield-audiences', extra: ['"connectionSettings": { "identifier_type": "user_id" },'] }) },
  ],
  invalid: [
    {
      name: 'Email list sent a mobile id: the fix switches the type',
      text: config({ slug: GOOGLE, extra: settings('Email'), entries: [entry('email', 'last', 'email'), entry('ios.idfa', 'last', 'mobile_id')] }),
      errors: [
        {
          message: 'The list\'s External ID Type is "Email" (connectionSettings.externalIdType), which Google Ads Remarketing Lists matches on "email", "phone": "mobile_id" (ios.idfa) is not sent to it. Set it to "Mobile ID", or remove this entry.',
          range: at(6, 'ios.idfa', 'last', 'mobile_id').mapTo,
        },
      ],
      output: config({ slug: GOOGLE, extra: settings('Mobile ID'), entries: [entry('email', 'last', 'email'), entry('ios.idfa', 'last', 'mobile_id')] }),
    },
    {
      name: 'Mobile ID list sent a phone',
      text: config({ slug: GOOGLE, extra: settings('Mobile ID'), entries: [entry('email', 'last', 'email'), entry('phone', 'last', 'phone')] }),
      space: PHONE_SPACE,
      errors: [{ message: /^The list's External ID Type is "Mobile ID" .* matches on "email", "mobile_id": "phone" \(phone\) is not sent to it\. Set it to "Email", or remove this entry\.$/, range: at(6, 'phone', 'last', 'phone').mapTo }],
      output: config({ slug: GOOGLE, extra: settings('Email'), entries: [entry('email', 'last', 'email'), entry('phone', 'last', 'phone')] }),
    },
    {
      name: 'a value Google does not offer: fixed to its spelling',
      text: config({ slug: GOOGLE, extra: settings('mobile_id'), entries: [entry('email', 'last', 'email')] }),
      errors: [{ message: 'connectionSettings.externalIdType is "mobile_id", which Google Ads Remarketing Lists does not offer: use one of "Email", "Mobile ID".', range: typeRange('mobile_id') }],
      output: config({ slug: GOOGLE, extra: settings('Mobile ID'), entries: [entry('email', 'last', 'email')] }),
    },
    {
      name: 'customized setup without email: the fix adds it',
      text: config({ slug: GOOGLE, extra: settings('Mobile ID'), entries: [entry('ios.idfa', 'last', 'mobile_id')] }),
      errors: [
        {
          message: 'Google Ads Remarketing Lists sends email in every payload and matches on it, but no entry maps "email": with Customized Setup, add an entry for email.',
          range: [4, 25, 6, 3],
        },
      ],
      output: config({ slug: GOOGLE, extra: settings('Mobile ID'), entries: [entry('ios.idfa', 'last', 'mobile_id'), entry('email', 'last', 'email')] }),
    },
    {
      name: 'email missing, and no fix where email is mapped elsewhere',
      text: config({ slug: GOOGLE, entries: [entry('email', 'last', 'phone')] }),
      errors: [{ message: /^Google Ads Remarketing Lists sends email in every payload and matches on it, but no entry maps "email"/, range: [3, 25, 5, 3] }],
      output: null,
    },
  ],
});
