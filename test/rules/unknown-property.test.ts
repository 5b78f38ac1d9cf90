import { ruleTable } from '../helpers/rule-tester';
import { unknownProperty } from '../../server/src/engine/lint/rules/unknown-property';
import { config, entry, space, CRM_SPACE, GOOGLE } from '../helpers/config';

const ROOT_KEYS = '"$schema", "name", "description", "audience", "journey", "destination", "connectionSettings", "setup", "idSyncConfiguration", "samples"';

ruleTable(unknownProperty, {
  valid: [
    { name: 'every known property', text: config({ extra: ['"$schema": "x", "name": "n", "description": "d", "setup": "customized",', '"connectionSettings": { "sendMobileIds": true },', '"samples": ["a.json"],'], entries: [entry('email', 'last', 'EMAIL')] }) },
    { name: 'a connection setting the catalog lists', text: config({ slug: GOOGLE, extra: ['"connectionSettings": { "externalIdType": "Email" },'], entries: [entry('email', 'last', 'email')] }) },
    {
      name: 'connectionSettings is open when the catalog lists no settings',
      text: config({ slug: 'crm-function', extra: ['"connectionSettings": { "anything": 1 },'], entries: [entry('email', 'last', 'email')] }),
      space: space(CRM_SPACE),
    },
    { name: 'unknown destination: connection settings not checked', text: config({ slug: 'nowhere', extra: ['"connectionSettings": { "whatever": 1 },'] }) },
  ],
  invalid: [
    {
      name: '" strategy": "all" with three "all" already: no rename (a fourth "all", too-many-all; found by the fuzz run)',
      text: config({ extra: ['"connectionSettings": { "sendMobileIds": true },'], entries: ['{ "externalId": "email", " strategy": "all", "mapTo": "EMAIL" }', entry('phone', 'all', 'PHONE'), entry('user_id', 'all', 'EXTERN_ID'), entry('ios.idfa', 'all', 'MADID')] }),
      errors: [{ message: '" strategy" is not a property of an idSyncConfiguration entry. Did you mean "strategy"?', range: [5, 29, 5, 40] }],
      output: null,
    },
    {
      name: '" strategy": "all" with two "all" elsewhere: renamed',
      text: config({ entries: ['{ "externalId": "email", " strategy": "all", "mapTo": "EMAIL" }', entry('phone', 'all', 'PHONE'), entry('user_id', 'all', 'EXTERN_ID')] }),
      errors: [{ message: '" strategy" is not a property of an idSyncConfiguration entry. Did you mean "strategy"?', range: [4, 29, 4, 40] }],
      output: config({ entries: [entry('email', 'all', 'EMAIL'), entry('phone', 'all', 'PHONE'), entry('user_id', 'all', 'EXTERN_ID')] }),
    },
    {
      name: 'Google Ads: "mpTo": "mobile_id" renamed would be a second key besides email (destination-limit on the entry): no rename (found by the fuzz run)',
      text: config({ slug: GOOGLE, entries: [entry('phone', 'last', 'phone'), '{ "externalId": "email", "strategy": "last", "mpTo": "mobile_id" }'] }),
      errors: [{ message: '"mpTo" is not a property of an idSyncConfiguration entry. Did you mean "mapTo"?', range: [5, 49, 5, 55] }],
      output: null,
    },
    {
      name: 'Google Ads: "externalid": "android.idfa" renamed would count mobile_id as a second key: no rename',
      text: config({ slug: GOOGLE, entries: [entry('phone', 'last', 'phone'), '{ "externalid": "android.idfa", "strategy": "last" }'] }),
      errors: [{ message: '"externalid" is not a property of an idSyncConfiguration entry. Did you mean "externalId"?', range: [5, 6, 5, 18] }],
      output: null,
    },
    {
      name: '"externalid": "ios.idfa" while Send Mobile IDs is off: no rename (mobile-ids-disabled)',
      text: config({ entries: ['{ "externalid": "ios.idfa", "strategy": "last", "mapTo": "MADID" }'] }),
      errors: [{ message: '"externalid" is not a property of an idSyncConfiguration entry. Did you mean "externalId"?', range: [4, 6, 4, 18] }],
      output: null,
    },
    {
      name: '"journy" next to "audience": no rename (audience and journey together are a conflicting-properties error; found by the fuzz run)',
      text: config({ extra: ['"journy": { "name": "j" },'], entries: [entry('email', 'last', 'EMAIL')] }),
      errors: [{ message: '"journy" is not a property of the configuration. Did you mean "journey"?', range: [3, 2, 3, 10] }],
      output: null,
    },
    {
      name: 'top-level typo, renamed by the fix',
      text: config({ extra: ['"setpu": "customized", // keep'], entries: [entry('email', 'last', 'EMAIL')] }),
      errors: [{ message: '"setpu" is not a property of the configuration. Did you mean "setup"?', range: [3, 2, 3, 9] }],
      output: config({ extra: ['"setup": "customized", // keep'], entries: [entry('email', 'last', 'EMAIL')] }),
    },
    {
      name: 'entry typo (case)',
      text: config({ entries: ['{ "externalId": "email", "strategy": "last", "mapto": "EMAIL" }'] }),
      errors: [{ message: '"mapto" is not a property of an idSyncConfiguration entry. Did you mean "mapTo"?', range: [4, 49, 4, 56] }],
      output: config({ entries: [entry('email', 'last', 'EMAIL')] }),
    },
    {
      name: 'audience typo',
      text: '{\n  "audience": { "key": "vip", "nmae": "VIP" },\n  "destination": { "slug": "personas-facebook-custom-audiences" }\n}',
      errors: [{ message: '"nmae" is not a property of "audience". Did you mean "name"?', range: [1, 30, 1, 36] }],
      output: '{\n  "audience": { "key": "vip", "name": "VIP" },\n  "destination": { "slug": "personas-facebook-custom-audiences" }\n}',
    },
    {
      name: 'nothing close: lists the known properties, no fix',
      text: config({ extra: ['"owner": "growth-team",'] }),
      errors: [{ message: `"owner" is not a property of the configuration: remove it, or use one of ${ROOT_KEYS}.`, range: [3, 2, 3, 9] }],
      output: null,
    },
    {
      name: 'the suggested property already exists: no rename',
      text: config({ extra: ['"setup": "customized",', '"Setup": "default",'], entries: [entry('email', 'last', 'EMAIL')] }),
      errors: [{ message: '"Setup" is not a property of the configuration. Did you mean "setup"?', range: [4, 2, 4, 9] }],
      output: null,
    },
    {
      name: 'a connection setting the destination does not have',
      text: config({ extra: ['"connectionSettings": { "sendMobileId": true },'], entries: [entry('email', 'last', 'EMAIL')] }),
      errors: [{ message: '"sendMobileId" is not a connection setting of Facebook Custom Audiences. Did you mean "sendMobileIds"?', range: [3, 26, 3, 40] }],
      output: config({ extra: ['"connectionSettings": { "sendMobileIds": true },'], entries: [entry('email', 'last', 'EMAIL')] }),
    },
    {
      name: 'a connection setting of another destination',
      text: config({ extra: ['"connectionSettings": { "externalIdType": "Email" },'], entries: [entry('email', 'last', 'EMAIL')] }),
      errors: [{ message: '"externalIdType" is not a connection setting of Facebook Custom Audiences: remove it, or use one of "sendMobileIds".', range: [3, 26, 3, 42] }],
      output: null,
    },
    {
      name: 'each unknown key is reported',
      text: '{ "audience": { "key": "a" }, "destination": { "slug": "x", "nme": "y" }, "colour": 1 }',
      errors: [
        { message: '"nme" is not a property of "destination". Did you mean "name"?', range: [0, 60, 0, 65] },
        { message: /^"colour" is not a property of the configuration: remove it/, range: [0, 74, 0, 82] },
      ],
      output: '{ "audience": { "key": "a" }, "destination": { "slug": "x", "name": "y" }, "colour": 1 }',
    },
  ],
});
