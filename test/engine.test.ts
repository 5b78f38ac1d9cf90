import * as assert from 'node:assert/strict';
import { lintText, RULE_CODES, ALL_RULES, EMPTY_SPACE } from '../server/src/engine';
import type { Diagnostic, SpaceConfig, SeveritySetting } from '../server/src/engine';
import { space, CRM_SPACE } from './helpers/config';

import { loadSampleProfiles, resolveSampleProfiles } from '../server/src/engine/preview/samples';

/** Lints as if the file were /w/x.idsync.json in a workspace /w holding no sample profile. */
const lint = (text: string, s: Partial<SpaceConfig> = {}) =>
  lintText(text, {
    space: { ...EMPTY_SPACE, ...s },
    samples: (model) => loadSampleProfiles({ readFile: () => undefined }, resolveSampleProfiles('/w/x.idsync.json', model, undefined, '/w').filter((r) => r.origin === 'config')),
  });
const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.severity}`);

/** Two unknown identifiers (lines 5 and 6) to suppress in various ways. */
const withUnknown = (before5 = '', on5 = '', before6 = '', head = '') =>
  `${head}{
  "audience": { "key": "vip" },
  "destination": { "slug": "actions-snap-audiences" },
  "idSyncConfiguration": [
    { "externalId": "email", "strategy": "last", "mapTo": "email" },
${before5}    { "externalId": "shopify_id", "strategy": "last" },${on5}
${before6}    { "externalId": "crm_id", "strategy": "last" }
  ]
}`;

describe('engine', () => {
  describe('suppression directives', () => {
    it('reports both unknown identifiers without directives', () => {
      assert.deepEqual(brief(lint(withUnknown()).diagnostics), ['5:20 unknown-identifier warning', '6:20 unknown-identifier warning']);
    });

    it('next-line suppresses the next line only, keeping the justification', () => {
      const r = lint(withUnknown('    // idsync-disable-next-line unknown-identifier -- declared in the next release\n'));
      assert.deepEqual(brief(r.diagnostics), ['7:20 unknown-identifier warning']);
      assert.deepEqual(brief(r.suppressed), ['6:20 unknown-identifier warning']);
      assert.deepEqual(r.suppressed[0].suppressed, { justification: 'declared in the next release' });
    });

    it('line suppresses its own line', () => {
      const r = lint(withUnknown('', ' // idsync-disable-line unknown-identifier'));
      assert.deepEqual(brief(r.diagnostics), ['6:20 unknown-identifier warning']);
      assert.deepEqual(brief(r.suppressed), ['5:20 unknown-identifier warning']);
      assert.deepEqual(r.suppressed[0].suppressed, { justification: undefined });
    });

    it('file suppresses every line', () => {
      const r = lint(withUnknown('', '', '', '// idsync-disable-file unknown-identifier -- legacy ids\n'));
      assert.deepEqual(r.diagnostics, []);
      assert.deepEqual(brief(r.suppressed), ['6:20 unknown-identifier warning', '7:20 unknown-identifier warning']);
      assert.ok(r.suppressed.every((d) => d.suppressed?.justification === 'legacy ids'));
    });

    it('a directive for another rule suppresses nothing and is reported unused', () => {
      const r = lint(withUnknown('    // idsync-disable-next-line too-many-all\n'));
      assert.deepEqual(brief(r.diagnostics), ['5:32 unused-disable-directive warning', '6:20 unknown-identifier warning', '7:20 unknown-identifier warning']);
      assert.deepEqual(r.suppressed, []);
    });

    it('an unknown rule id is reported with did-you-mean, and suppresses nothing', () => {
      const r = lint(withUnknown('    // idsync-disable-next-line unknown-identifiers\n'));
      assert.equal(r.diagnostics[0].message, 'Unknown rule "unknown-identifiers" in idsync-disable-next-line. Did you mean "unknown-identifier"?');
      assert.deepEqual(brief(r.diagnostics), ['5:32 unused-disable-directive warning', '6:20 unknown-identifier warning', '7:20 unknown-identifier warning']);
    });

    it('syntax errors cannot be suppressed', () => {
      const r = lint('// idsync-disable-file\n{ "audience": { "key": "a" } "destination": { "slug": "actions-snap-audiences" } }');
      assert.deepEqual(brief(r.diagnostics), ['0:0 unused-disable-directive warning', '1:29 syntax error']);
    });

    it('unused-disable-directive itself can be turned off in the space', () => {
      const r = lint(withUnknown('    // idsync-disable-next-line too-many-all\n'), { rules: new Map([['unused-disable-directive', 'off']]) });
      assert.deepEqual(brief(r.diagnostics), ['6:20 unknown-identifier warning', '7:20 unknown-identifier warning']);
    });
  });

  describe('severities from the space', () => {
    const text = withUnknown();
    it('"off" removes the rule\'s diagnostics', () => {
      assert.deepEqual(lint(text, { rules: new Map<string, SeveritySetting>([['unknown-identifier', 'off']]) }).diagnostics, []);
    });
    it('"info" changes their severity', () => {
      assert.deepEqual(brief(lint(text, { rules: new Map<string, SeveritySetting>([['unknown-identifier', 'info']]) }).diagnostics), ['5:20 unknown-identifier info', '6:20 unknown-identifier info']);
    });
    it('a parsed space file applies the same way', () => {
      const s = space('{ "customIdentifiers": ["shopify_id"], "rules": { "unknown-identifier": "error" } }');
      assert.deepEqual(brief(lint(text, s).diagnostics), ['6:20 unknown-identifier error']);
    });
  });

  it('sorts diagnostics by position, whatever order the rules run in', () => {
    const text = `{
  "audience": { "key": "vip", "existing": true },
  "destination": { "slug": "personas-facebook-custom-audiences" },
  "idSyncConfiguration": [
    { "externalId": "ios.idfa", "strategy": "all", "mapTo": "FN" },
    { "externalId": "Email", "strategy": "Last Added" }
  ]
}`;
    const ds = lint(text).diagnostics;
    const order = ds.map((d) => d.offset);
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
    assert.deepEqual(brief(ds), [
      '1:42 existing-audience info',
      '4:20 mobile-ids-disabled error',
      '4:60 unknown-destination-identifier error',
      '5:4 missing-map-to error',
      '5:20 unknown-identifier warning',
      '5:41 invalid-strategy error',
    ]);
  });

  describe('every rule, each triggered once', () => {
    const files: Array<{ name: string; text: string; space?: SpaceConfig; codes: string[] }> = [
      {
        name: 'a Facebook connection with most problems',
        text: `// idsync-disable-next-line key-convention
{
  "audience": { "key": "vip" },
  "journey": { "name": "Onboarding" },
  "destination": { "slug": "personas-facebook-custom-audiences", "type": "warehous" },
  "connectionSettings": { "sendMobileId": true },
  "setup": "customized", "setup": "customized",
  "idSyncConfiguration": [
    { "externalId": "ios.idfa", "strategy": "all", "mapTo": "MADID" },
    { "externalId": "user_id", "strategy": "all", "mapTo": "FN" },
    { "externalId": "ios.push_token", "strategy": "all", "mapTo": "EXTERN_ID" },
    { "externalId": "traits.plan", "strategy": "all", "mapTo": "PHONE" },
    { "externalId": "user_id", "strategy": "Last Added", "mapTo": "EMAIL" },
    { "externalId": "Shop_ID" }
  ]
}`,
        codes: [
          'conflicting-properties',
          'invalid-type',
          'unknown-property',
          'duplicate-property',
          'too-many-all',
          'mobile-ids-disabled',
          'all-on-single-value',
          'unknown-destination-identifier',
          'unmatchable-identifier',
          'identifier-kind-mismatch',
          'property-mapping',
          'invalid-strategy',
          'missing-property',
          'duplicate-identifier',
          'too-many-identifiers',
          'missing-map-to',
          'unknown-identifier',
          'unused-disable-directive',
        ].sort(),
      },
      {
        name: 'an existing audience to Google Ads',
        text: `{
  "audience": { "key": "vip", "existing": true },
  "destination": { "slug": "adwords-remarketing-lists" },
  "connectionSettings": { "sendMobileIds": true, "externalIdType": "Email" },
  "idSyncConfiguration": [
    { "externalId": "email", "strategy": "last", "mapTo": "email" },
    { "externalId": "phone", "strategy": "last", "mapTo": "phone" },
    { "externalId": "ios.idfa", "strategy": "last", "mapTo": "mobile_id" },
    { "externalId": "work_phone", "strategy": "last", "mapTo": "phone" }
  ]
}`,
        space: space('{ "customIdentifiers": ["phone", "work_phone"] }'),
        codes: ['existing-audience', 'duplicate-map-to', 'destination-limit', 'list-key-type-mismatch'].sort(),
      },
      {
        name: 'Snap with a dotted key, default setup',
        text: `{
  "journey": { "name": "Onboarding", "step": "Send to Snap" },
  "destination": { "slug": "actions-snap-audiences" },
  "connectionSettings": { "sendMobileIds": true },
  "setup": "default",
  "idSyncConfiguration": [{ "externalId": "ios.idfa", "strategy": "last", "mapTo": "ios.idfa" }]
}`,
        codes: ['default-setup-ignores-identifiers', 'key-convention'],
      },
      {
        name: 'Dynamic Yield whose Identifier Type names no entry',
        text: `{
  "audience": { "key": "vip" },
  "destination": { "slug": "actions-dynamic-yield-audiences" },
  "connectionSettings": { "audience_name": "VIP", "identifier_type": "loyalty_id" },
  "idSyncConfiguration": [{ "externalId": "email", "strategy": "last", "mapTo": "email" }]
}`,
        codes: ['identifier-type-key'],
      },
      {
        name: 'Reddit by its public catalog slug',
        text: '{ "audience": { "key": "vip" }, "destination": { "slug": "reddit-audiences" } }',
        codes: ['destination-alias'],
      },
      {
        name: 'an unknown destination, customized without entries',
        text: '{ "audience": { "key": "vip" }, "destination": { "slug": "my-crm" }, "setup": "customized", "samples": ["gone.json"] ',
        codes: ['empty-customized-setup', 'sample-profile', 'syntax', 'unknown-destination'],
      },
    ];

    for (const f of files) {
      it(`${f.name}: exactly the expected codes, once each`, () => {
        const got = lint(f.text, f.space ?? space(CRM_SPACE)).diagnostics.map((d) => d.code).sort();
        assert.deepEqual(got, f.codes);
      });
    }

    it('the files together trigger every registered rule exactly once', () => {
      const all = files.flatMap((f) => f.codes).sort();
      assert.deepEqual(all, [...RULE_CODES].sort());
      assert.equal(new Set(all).size, ALL_RULES.length);
    });
  });
});
