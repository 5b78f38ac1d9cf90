import * as assert from 'node:assert/strict';
import { diagnosticsOf, ruleTable } from '../helpers/rule-tester';
import { unknownDestinationIdentifier } from '../../server/src/engine/lint/rules/unknown-destination-identifier';
import { config, entry, at, space, CRM_SPACE, GOOGLE, SNAP } from '../helpers/config';

const FB_KEYS = '"EMAIL", "PHONE", "MADID", "EXTERN_ID"';
const SNAP_KEYS = '"email", "phone", "ios_idfa", "android_idfa"';

ruleTable(unknownDestinationIdentifier, {
  valid: [
    { name: 'Facebook keys', text: config({ entries: [entry('email', 'last', 'EMAIL'), entry('user_id', 'last', 'EXTERN_ID'), entry('ios.idfa', 'last', 'MADID')] }) },
    { name: 'Snap keys', text: config({ slug: SNAP, entries: [entry('email', 'last', 'email'), entry('ios.idfa', 'last', 'ios_idfa')] }) },
    { name: 'a key-convention breach is key-convention\'s', text: config({ slug: SNAP, entries: [entry('ios.idfa', 'last', 'ios.idfa')] }) },
    { name: 'no mapTo', text: config({ slug: SNAP, entries: [entry('email')] }) },
    { name: 'a space destination', text: config({ slug: 'crm-function', entries: [entry('crm_id', 'last', 'crm_id')] }), space: space(CRM_SPACE) },
    { name: 'an unknown destination', text: config({ slug: 'nowhere', entries: [entry('email', 'last', 'anything')] }) },
  ],
  invalid: [
    {
      name: 'Google Ads: the key suggested for the identifier ("phone") would be a second key besides email (destination-limit), so only "email" is offered (found by the fuzz run)',
      text: config({ slug: GOOGLE, entries: [entry('phone', 'last', 'EMAIL'), '{ "externalId": "user_id", "strategy": "last" }'] }),
      errors: [{ message: 'Google Ads Remarketing Lists offers no "EMAIL" in its identifier dropdown: use one of "email", "phone", "mobile_id". Did you mean "email"?', range: [4, 58, 4, 65] }],
      output: config({ slug: GOOGLE, entries: [entry('phone', 'last', 'email'), '{ "externalId": "user_id", "strategy": "last" }'] }),
    },
    {
      name: 'dropdown: wrong case, error, fix to the key',
      text: config({ entries: [entry('email', 'last', 'Email')] }),
      errors: [{ message: `Facebook Custom Audiences offers no "Email" in its identifier dropdown: use one of ${FB_KEYS}. Did you mean "EMAIL"?`, range: at(4, 'email', 'last', 'Email').mapTo, severity: 'error' }],
      output: config({ entries: [entry('email', 'last', 'EMAIL')] }),
    },
    {
      name: 'dropdown: nothing close, fix to the key suggested for the identifier',
      text: config({ entries: [entry('email', 'last', 'mail_address')] }),
      errors: [{ message: `Facebook Custom Audiences offers no "mail_address" in its identifier dropdown: use one of ${FB_KEYS}.`, range: at(4, 'email', 'last', 'mail_address').mapTo, severity: 'error' }],
      output: config({ entries: [entry('email', 'last', 'EMAIL')] }),
    },
    {
      name: 'dropdown: no fix to a key whose place in the dropdown is not documented (Facebook PHONE is inferred)',
      text: config({ entries: [entry('phone', 'last', 'telephone')] }),
      errors: [{ message: `Facebook Custom Audiences offers no "telephone" in its identifier dropdown: use one of ${FB_KEYS}.`, range: at(4, 'phone', 'last', 'telephone').mapTo, severity: 'error' }],
      output: null,
    },
    {
      name: 'dropdown: a Segment identifier\'s name instead of the key ("IDFA", the end of ios.idfa, which MADID is suggested for)',
      text: config({ entries: [entry('user_id', 'last', 'IDFA')] }),
      errors: [{ message: `Facebook Custom Audiences offers no "IDFA" in its identifier dropdown: use one of ${FB_KEYS}. Did you mean "MADID"?`, range: at(4, 'user_id', 'last', 'IDFA').mapTo, severity: 'error' }],
      output: config({ entries: [entry('user_id', 'last', 'MADID')] }),
    },
    {
      name: 'a Facebook Trait Enrichment key',
      text: config({ entries: [entry('user_id', 'last', 'FN')] }),
      errors: [
        {
          message: `"FN" (First name) is a Trait Enrichment key of Facebook Custom Audiences, not an ID Sync identifier: map that trait under Trait Enrichment, and use one of ${FB_KEYS} here.`,
          range: at(4, 'user_id', 'last', 'FN').mapTo,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'Google Ads: upper case',
      text: config({ slug: GOOGLE, entries: [entry('email', 'last', 'EMAIL')] }),
      errors: [{ message: 'Google Ads Remarketing Lists offers no "EMAIL" in its identifier dropdown: use one of "email", "phone", "mobile_id". Did you mean "email"?', range: at(4, 'email', 'last', 'EMAIL').mapTo }],
      output: config({ slug: GOOGLE, entries: [entry('email', 'last', 'email')] }),
    },
    {
      name: 'free text: a warning, no fix when nothing fits',
      text: config({ slug: SNAP, entries: [entry('ios.id', 'last', 'device_id')] }),
      errors: [
        {
          message: `Snap Audiences (Actions) has no known identifier "device_id"; if the destination does not contain it, events may not be delivered. Known: ${SNAP_KEYS}.`,
          range: at(4, 'ios.id', 'last', 'device_id').mapTo,
          severity: 'warning',
        },
      ],
      output: null,
    },
    {
      name: 'free text: a space destination, did you mean',
      text: config({ slug: 'crm-function', entries: [entry('crm_id', 'last', 'crmid')] }),
      space: space(CRM_SPACE),
      errors: [
        {
          message: 'CRM sync has no known identifier "crmid"; if the destination does not contain it, events may not be delivered. Known: "email", "crm_id". Did you mean "crm_id"?',
          range: at(4, 'crm_id', 'last', 'crmid').mapTo,
          severity: 'warning',
        },
      ],
      output: config({ slug: 'crm-function', entries: [entry('crm_id', 'last', 'crm_id')] }),
    },
  ],
});

describe('rule unknown-destination-identifier: fixes within the destination limit', () => {
  it('offers only the keys that keep the file within destination-limit', () => {
    const text = config({ slug: GOOGLE, entries: [entry('phone', 'last', 'EMAIL'), '{ "externalId": "user_id", "strategy": "last" }'] });
    const [d] = diagnosticsOf(unknownDestinationIdentifier, text);
    assert.deepEqual(d.fixes?.map((f) => f.title), ['Change to "email"']);
  });
  it('still offers the suggested key when it makes no new destination-limit error', () => {
    const text = config({ slug: GOOGLE, entries: [entry('ios.idfa', 'last', 'nope'), entry('email', 'last', 'email'), '{ "externalId": "user_id", "strategy": "last" }'] });
    const [d] = diagnosticsOf(unknownDestinationIdentifier, text);
    assert.deepEqual(d.fixes?.map((f) => f.title), ['Change to "mobile_id" (suggested for ios.idfa)']);
  });
  it('never suggests a key whose existence is only inferred (Google Ads phone)', () => {
    const text = config({ slug: GOOGLE, entries: [entry('phone', 'last', 'nope'), entry('email', 'last', 'email')] });
    const [d] = diagnosticsOf(unknownDestinationIdentifier, text);
    assert.ok(!d.fixes?.some((f) => f.title.includes('suggested')), JSON.stringify(d.fixes?.map((f) => f.title)));
  });
});
