import { ruleTable } from '../helpers/rule-tester';
import { duplicateIdentifier } from '../../server/src/engine/lint/rules/duplicate-identifier';
import { config, entry, GOOGLE } from '../helpers/config';

const MSG = (id: string, i: number) => `"${id}" is already mapped by idSyncConfiguration[${i}]: keep one entry per identifier (remove this one, or merge its strategy and mapTo into the first).`;

ruleTable(duplicateIdentifier, {
  valid: [
    { name: 'different identifiers', text: config({ entries: [entry('email', 'last', 'EMAIL'), entry('ios.idfa', 'last', 'MADID'), entry('android.idfa', 'last', 'MADID')] }) },
    { name: 'case differs (unknown-identifier\'s)', text: config({ entries: [entry('email', 'last', 'EMAIL'), entry('Email', 'first', 'EMAIL')] }) },
  ],
  invalid: [
    {
      name: 'Google Ads: removing the first duplicate would make its twin the second key besides email (destination-limit on another entry): no fix there (found by the fuzz run)',
      text: config({ slug: GOOGLE, entries: [entry('email', 'first', 'mobile_id'), entry('email', 'first', 'phone'), entry('email', 'first', 'phone')] }),
      errors: [
        { message: MSG('email', 0), range: [5, 20, 5, 27] },
        { message: MSG('email', 0), range: [6, 20, 6, 27] },
      ],
      output: null,
    },
    {
      name: 'the last entry repeats the first: removed with its separator',
      text: config({ entries: [entry('email', 'last', 'EMAIL'), entry('user_id', 'last', 'EXTERN_ID'), entry('email', 'first', 'EMAIL')] }),
      errors: [{ message: MSG('email', 0), range: [6, 20, 6, 27] }],
      output: config({ entries: [entry('email', 'last', 'EMAIL'), entry('user_id', 'last', 'EXTERN_ID')] }),
    },
    {
      name: 'a middle entry: comments of the other entries stay',
      text: '{\n  "audience": { "key": "vip" },\n  "destination": { "slug": "personas-facebook-custom-audiences" },\n  "idSyncConfiguration": [\n    { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" }, // newest email\n    { "externalId": "email", "strategy": "all", "mapTo": "EMAIL" }, // duplicate\n    { "externalId": "user_id", "strategy": "last", "mapTo": "EXTERN_ID" } // crm\n  ]\n}',
      errors: [{ message: MSG('email', 0), range: [5, 20, 5, 27] }],
      output: '{\n  "audience": { "key": "vip" },\n  "destination": { "slug": "personas-facebook-custom-audiences" },\n  "idSyncConfiguration": [\n    { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" }, // newest email\n    { "externalId": "user_id", "strategy": "last", "mapTo": "EXTERN_ID" } // crm\n  ]\n}',
    },
    {
      name: 'the last entry after a commented one: that comment stays',
      text: '{ "audience": { "key": "a" }, "destination": { "slug": "x" }, "idSyncConfiguration": [\n  { "externalId": "email", "strategy": "last" }, // keep me\n  { "externalId": "email", "strategy": "first" } // drop me\n] }',
      errors: [{ message: MSG('email', 0), range: [2, 18, 2, 25] }],
      output: '{ "audience": { "key": "a" }, "destination": { "slug": "x" }, "idSyncConfiguration": [\n  { "externalId": "email", "strategy": "last" } // keep me\n] }',
    },
    {
      name: 'the idsync-disable-next-line directive above the removed entry goes with it (left behind, it was unused; found by the fuzz run)',
      text: '{\n  "audience": { "key": "vip" },\n  "destination": { "slug": "personas-facebook-custom-audiences" },\n  "idSyncConfiguration": [\n    { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" },\n    // idsync-disable-next-line invalid-strategy -- copied from the UI\n    { "externalId": "email", "strategy": "Last Added", "mapTo": "EMAIL" },\n    { "externalId": "user_id", "strategy": "last", "mapTo": "EXTERN_ID" }\n  ]\n}',
      errors: [{ message: MSG('email', 0), range: [6, 20, 6, 27] }],
      output: '{\n  "audience": { "key": "vip" },\n  "destination": { "slug": "personas-facebook-custom-audiences" },\n  "idSyncConfiguration": [\n    { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" },\n    { "externalId": "user_id", "strategy": "last", "mapTo": "EXTERN_ID" }\n  ]\n}',
    },
    {
      name: 'the last entry with a directive above it: the directive, the entry and the comma before them go',
      text: '{\n  "audience": { "key": "vip" },\n  "destination": { "slug": "personas-facebook-custom-audiences" },\n  "idSyncConfiguration": [\n    { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" }, // newest\n    // idsync-disable-next-line invalid-strategy\n    { "externalId": "email", "strategy": "Last Added", "mapTo": "EMAIL" }\n  ]\n}',
      errors: [{ message: MSG('email', 0), range: [6, 20, 6, 27] }],
      output: '{\n  "audience": { "key": "vip" },\n  "destination": { "slug": "personas-facebook-custom-audiences" },\n  "idSyncConfiguration": [\n    { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" } // newest\n  ]\n}',
    },
    {
      name: 'on one line',
      text: '{ "audience": { "key": "a" }, "destination": { "slug": "x" }, "idSyncConfiguration": [{ "externalId": "email", "strategy": "last" }, { "externalId": "email", "strategy": "all" }] }',
      errors: [{ message: MSG('email', 0), range: [0, 149, 0, 156] }],
      output: '{ "audience": { "key": "a" }, "destination": { "slug": "x" }, "idSyncConfiguration": [{ "externalId": "email", "strategy": "last" }] }',
    },
    {
      name: 'three times: both later ones, each pointing at the first',
      text: config({ entries: [entry('user_id', 'last', 'EXTERN_ID'), entry('user_id', 'first', 'EXTERN_ID'), entry('user_id', 'all', 'EXTERN_ID')] }),
      errors: [
        { message: MSG('user_id', 0), range: [5, 20, 5, 29] },
        { message: MSG('user_id', 0), range: [6, 20, 6, 29] },
      ],
      output: config({ entries: [entry('user_id', 'last', 'EXTERN_ID'), entry('user_id', 'all', 'EXTERN_ID')] }),
    },
  ],
});
