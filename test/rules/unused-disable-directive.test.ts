import { ruleTable } from '../helpers/rule-tester';
import { unusedDisableDirective } from '../../server/src/engine/lint/rules/unused-disable-directive';

const base = (comment: string, id = 'shopify_id') =>
  `{\n  "audience": { "key": "vip" },\n  "destination": { "slug": "actions-snap-audiences" },\n  "idSyncConfiguration": [\n${comment}    { "externalId": "${id}", "strategy": "last", "mapTo": "email" }\n  ]\n}`;

ruleTable(unusedDisableDirective, {
  valid: [
    { name: 'a used next-line directive', text: base('    // idsync-disable-next-line unknown-identifier -- declared later\n') },
    { name: 'a used directive for all rules', text: base('    // idsync-disable-next-line\n') },
    { name: 'a used file directive', text: base('  // idsync-disable-file unknown-identifier\n') },
  ],
  invalid: [
    {
      name: 'nothing to suppress on the next line: the comment line goes',
      text: base('    // idsync-disable-next-line unknown-identifier -- old\n', 'email'),
      errors: [{ message: 'Unused suppression: "unknown-identifier" reports nothing on that line. Remove it.', range: [4, 32, 4, 50] }],
      output: base('', 'email'),
    },
    {
      name: 'a directive for all rules that suppresses nothing',
      text: base('    /* idsync-disable-next-line */\n', 'email'),
      errors: [{ message: 'Unused idsync-disable-next-line directive: no problem is reported on that line. Remove it.', range: [4, 4, 4, 34] }],
      output: base('', 'email'),
    },
    {
      name: 'a block directive between two tokens: removed, a blank keeps them apart (joined, "t" and "rue" became "true", one more syntax error; found by the fuzz run)',
      text: '{\n  "audience": { "key": "vip" },\n  "destination": { "slug": "actions-snap-audiences" },\n  "connectionSettings": { "sendMobileIds": "destination"t/* idsync-disable-next-line */rue },\n  "idSyncConfiguration": []\n}',
      errors: [{ message: 'Unused idsync-disable-next-line directive: no problem is reported on that line. Remove it.', range: [3, 57, 3, 87] }],
      output: '{\n  "audience": { "key": "vip" },\n  "destination": { "slug": "actions-snap-audiences" },\n  "connectionSettings": { "sendMobileIds": "destination"t rue },\n  "idSyncConfiguration": []\n}',
    },
    {
      name: 'a block directive at the start of a line, before the entry: the indentation stays',
      text: base('    /* idsync-disable-line too-many-all */ ', 'email'),
      errors: [{ message: 'Unused suppression: "too-many-all" reports nothing on that line. Remove it.', range: [4, 27, 4, 39] }],
      output: base('', 'email'),
    },
    {
      name: 'a directive above the removed one goes too (it would apply to the entry, which moves up into its line)',
      text: base('    // idsync-disable-next-line\n    // idsync-disable-next-line too-many-all\n', 'email'),
      errors: [
        { message: 'Unused idsync-disable-next-line directive: no problem is reported on that line. Remove it.', range: [4, 4, 4, 31] },
        { message: 'Unused suppression: "too-many-all" reports nothing on that line. Remove it.', range: [5, 32, 5, 44] },
      ],
      output: base('    // idsync-disable-next-line too-many-all\n', 'email'),
    },
    {
      name: 'an unknown rule id, with did-you-mean',
      text: base('    // idsync-disable-next-line unknown-identifer\n'),
      errors: [{ message: 'Unknown rule "unknown-identifer" in idsync-disable-next-line. Did you mean "unknown-identifier"?', range: [4, 32, 4, 49] }],
      output: base('    // idsync-disable-next-line unknown-identifier\n'),
    },
    {
      name: 'one of two ids unused: reported, no removal',
      text: base('    // idsync-disable-next-line unknown-identifier, too-many-all\n'),
      errors: [{ message: 'Unused suppression: "too-many-all" reports nothing on that line. Remove it.', range: [4, 52, 4, 64] }],
      output: null,
    },
  ],
});
