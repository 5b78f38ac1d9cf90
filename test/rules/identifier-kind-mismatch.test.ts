import { ruleTable } from '../helpers/rule-tester';
import { identifierKindMismatch } from '../../server/src/engine/lint/rules/identifier-kind-mismatch';
import { config, entry, at, space, GOOGLE, SNAP } from '../helpers/config';

const MOBILE = ['"connectionSettings": { "sendMobileIds": true },'];
const PHONE_SPACE = space('{ "customIdentifiers": ["phone", "crm_id"] }');

ruleTable(identifierKindMismatch, {
  valid: [
    { name: 'kinds agree', text: config({ entries: [entry('email', 'last', 'EMAIL'), entry('ios.idfa', 'last', 'MADID'), entry('user_id', 'last', 'EXTERN_ID')] }) },
    { name: 'a custom identifier has no known kind', text: config({ entries: [entry('crm_id', 'last', 'EMAIL')] }), space: PHONE_SPACE },
    { name: 'a custom phone to a phone key', text: config({ slug: GOOGLE, entries: [entry('email', 'last', 'email'), entry('phone', 'last', 'phone')] }), space: PHONE_SPACE },
    { name: 'an unknown key is another rule\'s business', text: config({ slug: SNAP, entries: [entry('ios.id', 'last', 'device_id')] }) },
    { name: 'unmatchable identifiers on an ad list are left to unmatchable-identifier', text: config({ entries: [entry('anonymous_id', 'last', 'EMAIL')] }) },
    { name: 'a user-id key takes any advertiser id', text: config({ entries: [entry('android.id', 'last', 'EXTERN_ID')] }) },
  ],
  invalid: [
    {
      name: 'ios.id (context.device.id) to Facebook MADID',
      text: config({ extra: MOBILE, entries: [entry('ios.id', 'all', 'MADID')] }),
      errors: [
        {
          message: '"ios.id" is a device id (context.device.id), not an advertising id: Facebook Custom Audiences matches "MADID" against mobile advertising ids (IDFA/AAID), so it will match no one. Map "ios.idfa" instead.',
          range: at(5, 'ios.id', 'all', 'MADID').externalId,
        },
      ],
      output: config({ extra: MOBILE, entries: [entry('ios.idfa', 'all', 'MADID')] }),
    },
    {
      name: 'android.id to Google mobile_id: no fix while Send Mobile IDs is off and ios.idfa would be an error',
      text: config({ slug: GOOGLE, entries: [entry('email', 'last', 'email'), entry('ios.id', 'last', 'mobile_id')] }),
      errors: [{ message: /^"ios.id" is a device id \(context.device.id\), not an advertising id: Google Ads Remarketing Lists matches "mobile_id"/, range: at(5, 'ios.id', 'last', 'mobile_id').externalId }],
      output: null,
    },
    {
      name: 'android.id to Snap android_idfa (Snap ignores Send Mobile IDs, so the fix is offered)',
      text: config({ slug: SNAP, entries: [entry('android.id', 'last', 'android_idfa')] }),
      errors: [{ message: /^"android.id" is a device id .* Snap Audiences \(Actions\) matches "android_idfa" .* Map "android.idfa" instead\.$/, range: at(4, 'android.id', 'last', 'android_idfa').externalId }],
      output: config({ slug: SNAP, entries: [entry('android.idfa', 'last', 'android_idfa')] }),
    },
    {
      name: 'user_id to an email key',
      text: config({ entries: [entry('user_id', 'last', 'EMAIL')] }),
      errors: [
        {
          message: '"user_id" is your own user id, not an email address: Facebook Custom Audiences normalises and matches "EMAIL" as an email, so it matches no one unless your user ids are email addresses. Map "email" instead.',
          range: at(4, 'user_id', 'last', 'EMAIL').externalId,
        },
      ],
      output: config({ entries: [entry('email', 'last', 'EMAIL')] }),
    },
    {
      name: 'user_id to an email key while email is already mapped: no fix (it would duplicate email)',
      text: config({ slug: SNAP, entries: [entry('email', 'last', 'phone'), entry('user_id', 'last', 'email')] }),
      errors: [
        { message: /^"email" is an email address, but Snap Audiences \(Actions\)'s "phone" expects a phone number: the value will match no one\.$/, range: at(4, 'email', 'last', 'phone').externalId },
        { message: /^"user_id" is your own user id, not an email address/, range: at(5, 'user_id', 'last', 'email').externalId },
      ],
      output: null,
    },
  ],
});
