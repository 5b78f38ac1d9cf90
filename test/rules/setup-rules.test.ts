import { ruleTable } from '../helpers/rule-tester';
import { defaultSetupIgnoresIdentifiers } from '../../server/src/engine/lint/rules/default-setup-ignores-identifiers';
import { emptyCustomizedSetup } from '../../server/src/engine/lint/rules/empty-customized-setup';
import { existingAudience } from '../../server/src/engine/lint/rules/existing-audience';
import { config, entry } from '../helpers/config';

const e1 = [entry('email', 'last', 'EMAIL')];
const e2 = [entry('email', 'last', 'EMAIL'), entry('user_id', 'last', 'EXTERN_ID')];

ruleTable(defaultSetupIgnoresIdentifiers, {
  valid: [
    { name: 'default without entries', text: config({ extra: ['"setup": "default",'] }) },
    { name: 'customized with entries', text: config({ extra: ['"setup": "customized",'], entries: e1 }) },
    { name: 'no setup: customized implied by the entries', text: config({ entries: e1 }) },
  ],
  invalid: [
    {
      name: 'one entry',
      text: config({ extra: ['"setup": "default", // was customized'], entries: e1 }),
      errors: [{ message: 'With "setup": "default" Segment ignores the idSyncConfiguration entry (ID Sync needs the Customized Setup): set "setup" to "customized", or remove the entries.', range: [3, 11, 3, 20] }],
      output: config({ extra: ['"setup": "customized", // was customized'], entries: e1 }),
    },
    {
      name: 'two entries',
      text: config({ extra: ['"setup": "default",'], entries: e2 }),
      errors: [{ message: 'With "setup": "default" Segment ignores the 2 idSyncConfiguration entries (ID Sync needs the Customized Setup): set "setup" to "customized", or remove the entries.', range: [3, 11, 3, 20] }],
      output: config({ extra: ['"setup": "customized",'], entries: e2 }),
    },
  ],
});

ruleTable(emptyCustomizedSetup, {
  valid: [
    { name: 'customized with entries', text: config({ extra: ['"setup": "customized",'], entries: e1 }) },
    { name: 'default without entries', text: config({ extra: ['"setup": "default",'] }) },
    { name: 'no setup and no entries: default implied', text: config({}) },
  ],
  invalid: [
    {
      name: 'a known destination lists what its default setup sends',
      text: config({ extra: ['"setup": "customized",'] }),
      errors: [
        {
          message: '"setup" is "customized" but no identifier is configured: Segment syncs the default identifiers (for Facebook Custom Audiences: email, ios.idfa, android.idfa). Add idSyncConfiguration entries, or set "setup" to "default".',
          range: [3, 11, 3, 23],
        },
      ],
    },
    {
      name: 'an unknown destination',
      text: '{ "audience": { "key": "a" }, "destination": { "slug": "x" }, "setup": "customized" }',
      errors: [{ message: '"setup" is "customized" but no identifier is configured: Segment syncs the default identifiers. Add idSyncConfiguration entries, or set "setup" to "default".', range: [0, 71, 0, 83] }],
    },
  ],
});

const audience = (existing: string, rest: string) => `{\n  "audience": { "key": "vip", "existing": ${existing} },\n  "destination": { "slug": "personas-facebook-custom-audiences" }${rest}\n}`;
const ENTRIES = ',\n  "idSyncConfiguration": [{ "externalId": "email", "strategy": "last", "mapTo": "EMAIL" }]';

ruleTable(existingAudience, {
  valid: [
    { name: 'a new audience', text: audience('false', ENTRIES) },
    { name: 'an existing audience with the default setup', text: audience('true', '') },
    { name: 'an existing audience, explicit default setup', text: audience('true', ',\n  "setup": "default"') },
  ],
  invalid: [
    {
      name: 'customized through its entries',
      text: audience('true', ENTRIES),
      errors: [
        {
          message: 'This audience already syncs to the destination: the ID Sync configuration applies only to new data after about 5 minutes (the audience is not resynced), and Segment keeps no history to undo it. Segment recommends ID Sync on new audiences.',
          range: [1, 42, 1, 46],
          severity: 'info',
        },
      ],
    },
    {
      name: 'customized explicitly, once only',
      text: audience('true', ',\n  "setup": "customized"'),
      errors: [{ message: /^This audience already syncs/, range: [1, 42, 1, 46] }],
    },
  ],
});
