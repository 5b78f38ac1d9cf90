import { ruleTable } from '../helpers/rule-tester';
import { mobileIdsDisabled } from '../../server/src/engine/lint/rules/mobile-ids-disabled';
import { config, entry, at, SNAP, GOOGLE } from '../helpers/config';

const ios = entry('ios.idfa', 'last', 'MADID');
const android = entry('android.idfa', 'last', 'MADID');
const msg = (id: string, state: string) => `"${id}" is only sent when the Send Mobile IDs setting is on, and connectionSettings.sendMobileIds ${state}: set it to true.`;

ruleTable(mobileIdsDisabled, {
  valid: [
    { name: 'setting on', text: config({ extra: ['"connectionSettings": { "sendMobileIds": true },'], entries: [ios, android] }) },
    { name: 'no mobile ids', text: config({ entries: [entry('email', 'last', 'EMAIL'), entry('ios.id', 'last', 'EXTERN_ID')] }) },
    { name: 'Snap with the setting on', text: config({ slug: SNAP, extra: ['"connectionSettings": { "sendMobileIds": true },'], entries: [entry('ios.idfa', 'last', 'ios_idfa')] }) },
  ],
  invalid: [
    {
      name: 'sendMobileIds: 0x1F (read as 0, then a syntax error touching it): no fix, "true" would run into "x1F" (found by the fuzz run)',
      text: config({ extra: ['"connectionSettings": { "sendMobileIds": 0x1F },'], entries: [ios] }),
      errors: [{ message: '"ios.idfa" is only sent when the Send Mobile IDs setting is on, and connectionSettings.sendMobileIds is 0: set it to true.', range: [5, 20, 5, 30] }],
      output: null,
    },
    {
      name: 'sendMobileIds: "destination"true (a string followed by a stray token): no fix',
      text: config({ extra: ['"connectionSettings": { "sendMobileIds": "destination"true },'], entries: [ios] }),
      errors: [{ message: '"ios.idfa" is only sent when the Send Mobile IDs setting is on, and connectionSettings.sendMobileIds is "destination": set it to true.', range: [5, 20, 5, 30] }],
      output: null,
    },
    {
      // segment-docs src/connections/destinations/catalog/actions-snap-audiences/index.md says the setting can be
      // ignored; src/engage/trait-activation/id-sync.md says to enable it for ios.idfa: a warning that cites both.
      name: 'Snap, whose pages disagree on the setting: a warning citing both, fix adds the setting',
      text: config({ slug: SNAP, entries: [entry('ios.idfa', 'last', 'ios_idfa')] }),
      errors: [
        {
          message:
            '"ios.idfa" with connectionSettings.sendMobileIds is not set: Segment\'s pages disagree on whether Snap Audiences (Actions) needs Send Mobile IDs (Snap\'s page: the Send Mobile IDs setting can be ignored; the ID Sync page: enable it to send ios.idfa). Set it to true: that is safe either way.',
          range: at(4, 'ios.idfa', 'last', 'ios_idfa').externalId,
          severity: 'warning',
        },
      ],
      output: config({ slug: SNAP, entries: [entry('ios.idfa', 'last', 'ios_idfa')] }).replace(/\n}$/, ',\n  "connectionSettings": {\n    "sendMobileIds": true\n  }\n}'),
    },
    {
      name: 'ios.idfa without connectionSettings: error, fix adds the setting',
      text: config({ entries: [entry('email', 'last', 'EMAIL'), ios] }),
      errors: [{ message: msg('ios.idfa', 'is not set'), range: at(5, 'ios.idfa').externalId, severity: 'error' }],
      output: config({ entries: [entry('email', 'last', 'EMAIL'), ios] }).replace(/\n}$/, ',\n  "connectionSettings": {\n    "sendMobileIds": true\n  }\n}'),
    },
    {
      name: 'android.idfa with the setting off: warning, fix flips it, comment kept',
      text: config({ slug: GOOGLE, extra: ['"connectionSettings": { "sendMobileIds": false }, // needs App ID'], entries: [entry('email', 'last', 'email'), entry('android.idfa', 'last', 'mobile_id')] }),
      errors: [{ message: msg('android.idfa', 'is false'), range: at(6, 'android.idfa').externalId, severity: 'warning' }],
      output: config({ slug: GOOGLE, extra: ['"connectionSettings": { "sendMobileIds": true }, // needs App ID'], entries: [entry('email', 'last', 'email'), entry('android.idfa', 'last', 'mobile_id')] }),
    },
    {
      name: 'both, each with its own severity; the setting inserted inline',
      text: config({ extra: ['"connectionSettings": { "other": 1 },'], entries: [ios, android] }),
      errors: [
        { message: msg('ios.idfa', 'is not set'), range: at(5, 'ios.idfa').externalId, severity: 'error' },
        { message: msg('android.idfa', 'is not set'), range: at(6, 'android.idfa').externalId, severity: 'warning' },
      ],
      output: config({ extra: ['"connectionSettings": { "other": 1, "sendMobileIds": true },'], entries: [ios, android] }),
    },
    {
      name: 'a string "true" is not on',
      text: config({ extra: ['"connectionSettings": { "sendMobileIds": "true" },'], entries: [ios] }),
      errors: [{ message: msg('ios.idfa', 'is "true"'), range: at(5, 'ios.idfa').externalId }],
      output: config({ extra: ['"connectionSettings": { "sendMobileIds": true },'], entries: [ios] }),
    },
    {
      name: 'connectionSettings not an object: no fix',
      text: config({ extra: ['"connectionSettings": "mobile",'], entries: [ios] }),
      errors: [{ message: msg('ios.idfa', 'is not set'), range: at(5, 'ios.idfa').externalId }],
      output: null,
    },
    {
      name: 'a severity set in the space applies to every report',
      text: config({ extra: ['"name": "override",'], entries: [ios, android] }),
      space: { rules: new Map([['mobile-ids-disabled', 'info']]) },
      errors: [
        { message: msg('ios.idfa', 'is not set'), range: at(5, 'ios.idfa').externalId, severity: 'info' },
        { message: msg('android.idfa', 'is not set'), range: at(6, 'android.idfa').externalId, severity: 'info' },
      ],
      output: config({ extra: ['"name": "override",'], entries: [ios, android] }).replace(/\n}$/, ',\n  "connectionSettings": {\n    "sendMobileIds": true\n  }\n}'),
    },
    {
      name: 'a truncated file (syntax errors) without connectionSettings: no fix (jsonc-parser modify edited past the end of the text)',
      text: config({ entries: [ios, entry('email', 'last', 'EMAIL')] }).replace(/\n  \]\n}$/, ' /*'),
      errors: [{ message: msg('ios.idfa', 'is not set'), range: at(4, 'ios.idfa').externalId }],
      output: null,
    },
  ],
});
