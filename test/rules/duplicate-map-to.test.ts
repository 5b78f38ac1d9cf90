import { ruleTable } from '../helpers/rule-tester';
import { duplicateMapTo } from '../../server/src/engine/lint/rules/duplicate-map-to';
import { config, entry, at, GOOGLE } from '../helpers/config';

const MSG = (i: number, id: string, key: string) =>
  `idSyncConfiguration[${i}] ("${id}") already sends to "${key}": two identifiers in one destination key mix their values. Map this entry to another key, or remove one of them.`;

ruleTable(duplicateMapTo, {
  valid: [
    { name: 'distinct keys', text: config({ entries: [entry('email', 'last', 'EMAIL'), entry('user_id', 'last', 'EXTERN_ID')] }) },
    { name: 'both mobile ad ids into MADID', text: config({ entries: [entry('ios.idfa', 'last', 'MADID'), entry('android.idfa', 'last', 'MADID')] }) },
    { name: 'both mobile ad ids into mobile_id', text: config({ slug: GOOGLE, entries: [entry('ios.idfa', 'last', 'mobile_id'), entry('android.idfa', 'all', 'mobile_id')] }) },
    { name: 'a repeated externalId is duplicate-identifier\'s', text: config({ entries: [entry('email', 'last', 'EMAIL'), entry('email', 'first', 'EMAIL')] }) },
  ],
  invalid: [
    {
      name: 'two identifiers into EMAIL',
      text: config({ entries: [entry('email', 'last', 'EMAIL'), entry('user_id', 'last', 'EMAIL')] }),
      errors: [{ message: MSG(0, 'email', 'EMAIL'), range: at(5, 'user_id', 'last', 'EMAIL').mapTo }],
    },
    {
      name: 'a non-mobile id into the mobile key',
      text: config({ entries: [entry('ios.idfa', 'last', 'MADID'), entry('android.idfa', 'last', 'MADID'), entry('ios.id', 'last', 'MADID')] }),
      errors: [{ message: MSG(0, 'ios.idfa', 'MADID'), range: at(6, 'ios.id', 'last', 'MADID').mapTo }],
    },
    {
      name: 'three into one key: both later ones',
      text: config({ entries: [entry('email', 'last', 'EMAIL'), entry('user_id', 'last', 'EMAIL'), entry('phone', 'last', 'EMAIL')] }),
      errors: [
        { message: MSG(0, 'email', 'EMAIL'), range: at(5, 'user_id', 'last', 'EMAIL').mapTo },
        { message: MSG(0, 'email', 'EMAIL'), range: at(6, 'phone', 'last', 'EMAIL').mapTo },
      ],
    },
  ],
});

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { lintText } from '../../server/src/engine';

describe('duplicate-map-to: one pass gives what comparing with every earlier entry gives', () => {
  // The rule as first written (quadratic): each entry against the list of earlier ones.
  function reference(entries: { externalId?: string; mapTo: string }[], mobile: Set<string>): string[] {
    const out: string[] = [];
    const seen = new Map<string, { index: number; externalId?: string }[]>();
    entries.forEach((e, index) => {
      const before = seen.get(e.mapTo) ?? [];
      seen.set(e.mapTo, [...before, { index, externalId: e.externalId }]);
      const both = (a?: string, b?: string) => a !== undefined && b !== undefined && mobile.has(a) && mobile.has(b);
      const clash = before.find((b) => b.externalId !== e.externalId && !both(b.externalId, e.externalId));
      if (!clash || before.some((b) => b.externalId === e.externalId)) return;
      out.push(`${index}<-${clash.index}`);
    });
    return out;
  }

  it('agrees with the reference on random entries', () => {
    const ids = ['email', 'user_id', 'ios.idfa', 'android.idfa', 'phone', undefined];
    const entryArb = fc.record({ externalId: fc.constantFrom(...ids), mapTo: fc.constantFrom('EMAIL', 'MADID', 'PHONE') });
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 12 }), (entries) => {
        const text = config({
          entries: entries.map((e) => (e.externalId === undefined ? `{ "strategy": "last", "mapTo": "${e.mapTo}" }` : entry(e.externalId, 'last', e.mapTo))),
        });
        const got = lintText(text, { rules: [duplicateMapTo] }).diagnostics.map((d) => {
          const m = /^idSyncConfiguration\[(\d+)\]/.exec(d.message)!;
          const index = Number(/\/idSyncConfiguration\/(\d+)\//.exec(d.pointer)![1]);
          return `${index}<-${m[1]}`;
        });
        assert.deepEqual(got, reference(entries, new Set(['ios.idfa', 'android.idfa'])));
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
