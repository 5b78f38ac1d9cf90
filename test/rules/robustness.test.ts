/**
 * Property tests over generated configurations: linting never throws, every range lies in the
 * text, and every fix offered applies cleanly (non-overlapping edits, valid JSONC after).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits } from 'jsonc-parser';
import { lintText, parseDocument } from '../../server/src/engine';
import { space, CRM_SPACE } from '../helpers/config';

const str = (...xs: string[]) => fc.constantFrom(...xs);
const anyValue = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}));
const id = fc.oneof(str('email', 'user_id', 'ios.idfa', 'android.idfa', 'anonymous_id', 'phone', 'crm_id', 'Email', 'traits.email', 'properties.x', 'emial'), anyValue);
const strategy = fc.oneof(str('first', 'last', 'all', 'Last Added', 'newest-first'), anyValue);
const mapTo = fc.oneof(str('EMAIL', 'MADID', 'FN', 'email', 'ios_idfa', 'ios.idfa', 'mobile_id', 'phone', 'crmid'), anyValue);
const entry = fc.oneof(
  fc.record({ externalId: id, strategy, mapTo }, { requiredKeys: [] }),
  anyValue,
);
const configArb = fc.record(
  {
    audience: fc.oneof(fc.record({ key: str('vip'), existing: fc.boolean() }, { requiredKeys: [] }), anyValue),
    journey: fc.record({ name: str('j') }),
    destination: fc.oneof(
      fc.record({ slug: fc.oneof(str('personas-facebook-custom-audiences', 'adwords-remarketing-lists', 'actions-snap-audiences', 'crm-function', 'nowhere'), anyValue), type: str('destination', 'warehous') }, { requiredKeys: [] }),
      anyValue,
    ),
    connectionSettings: fc.oneof(fc.record({ sendMobileIds: fc.oneof(fc.boolean(), str('true')), other: anyValue }, { requiredKeys: [] }), anyValue),
    setup: fc.oneof(str('default', 'customized', 'Customized'), anyValue),
    idSyncConfiguration: fc.oneof(fc.array(entry, { maxLength: 7 }), anyValue),
    setpu: anyValue,
  },
  { requiredKeys: [] },
);

describe('rules on generated configurations', () => {
  it('never throw, report inside the text, and offer fixes that apply cleanly', () => {
    const s = space(CRM_SPACE);
    fc.assert(
      fc.property(configArb, fc.constantFrom(0, 2, 4, '\t'), fc.boolean(), (cfg, indent, comments) => {
        let text = JSON.stringify(cfg, null, indent);
        if (comments) text = text.replace(/,\n/g, ', // note\n');
        const result = lintText(text, { space: s });
        for (const d of result.diagnostics) {
          assert.ok(d.offset >= 0 && d.offset + d.length <= text.length, `range of ${d.code} inside the text`);
          for (const fix of d.fixes ?? []) {
            const sorted = [...fix.edits].sort((a, b) => a.offset - b.offset);
            sorted.forEach((e, i) => i > 0 && assert.ok(e.offset >= sorted[i - 1].offset + sorted[i - 1].length, `edits of "${fix.title}" overlap`));
            const out = applyEdits(text, fix.edits);
            assert.notEqual(out, text, `"${fix.title}" changes the text`);
            assert.deepEqual(parseDocument(out).errors.map((e) => e.message), [], `"${fix.title}" (${d.code}) keeps the file valid:\n${out}`);
          }
        }
      }),
      { numRuns: 400, seed: 20240501 },
    );
  });
});
