/**
 * Facebook Custom Audiences (Actions), Sync: what Facebook receives, computed by an independent
 * implementation of action-destinations
 * packages/destination-actions/src/destinations/facebook-custom-audiences/sync/functions.ts
 * (getData: EMAIL = processHashing(email.trim().toLowerCase()), PHONE = getHashedPhone, EXTERN_ID and
 * MADID as provided; normalizePhone; hashPhone) and packages/destination-actions/src/lib/hashing-utils.ts
 * (processHashing).
 */
import * as assert from 'node:assert/strict';
import { rows, expectRow, MIXED, BY_AGE } from './_ad-platforms-helpers';
import { previewBuiltin, processHashing, isSha256Hex, sha256, later } from './_builtin-helpers';

const SLUG = 'actions-facebook-custom-audiences';

/** getData, email: trimmed and lower-cased first, so the digest test sees the cleaned value; '' sends nothing. */
const email = (raw: string): string | null => processHashing(raw.trim().toLowerCase()) || null;

/** normalizePhone: every non-digit removed, then the leading zeros. */
const normalizePhone = (v: string): string => v.replace(/\D/g, '').replace(/^0+/, '');

/** hashPhone (and getHashedPhone without the flag, which throws instead): a raw digest passes, a phone that normalises to nothing is not sent. */
function phone(raw: string): string | null {
  if (isSha256Hex(raw)) return raw;
  const n = normalizePhone(raw);
  return n ? sha256(n) : null;
}

const EXTRA = [
  { type: 'email', id: ' 86E0B9E56C17CC4D12387E1949B85053FBE73BC3CE5A1188713A9D300CC6133D ', created_at: later(0) },
  { type: 'email', id: '   ', created_at: later(1) },
  { type: 'phone', id: '+0000000000', created_at: later(2) },
  { type: 'phone', id: '+1 (202) 309.5976', created_at: later(3) },
];

describe(`preview: ${SLUG} (built-in catalog)`, () => {
  it('all: email trimmed and lower-cased then SHA-256 (a digest passes once cleaned); phone digits without leading zeros; ids as provided', () => {
    const p = previewBuiltin(
      SLUG,
      {
        connectionSettings: { sendMobileIds: true },
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'all', mapTo: 'email' },
          { externalId: 'phone', strategy: 'all', mapTo: 'phone' },
          { externalId: 'user_id', strategy: 'all', mapTo: 'external_id' },
          { externalId: 'ios.idfa', strategy: 'all', mapTo: 'ios_idfa' },
          { externalId: 'android.idfa', strategy: 'all', mapTo: 'android_idfa' },
        ],
      },
      [...MIXED, ...EXTRA],
    );
    assert.deepEqual(rows(p), [
      expectRow('email', 'email', [...BY_AGE.email, EXTRA[0].id, '   '], email),
      expectRow('phone', 'phone', [...BY_AGE.phone, '+0000000000', '+1 (202) 309.5976'], phone),
      expectRow('user_id', 'external_id', [' U-1001 '], (v) => v),
      expectRow('ios.idfa', 'ios_idfa', BY_AGE['ios.idfa'], (v) => v),
      expectRow('android.idfa', 'android_idfa', BY_AGE['android.idfa'], (v) => v),
    ]);
    // Written out by hand.
    assert.equal(p.identifiers[0].values[3].sent, '8c87b489ce35cf2e2f39f80e282cb2e804932a56a213983eeeb428407d43b52d');
    assert.equal(p.identifiers[0].values[5].sent, sha256('jane.doe+ads@gmail.com'));
    assert.equal(p.identifiers[0].values[6].sent, '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d');
    assert.equal(p.identifiers[0].values[7].sent, null);
    assert.deepEqual(
      p.identifiers[1].values.map((v) => v.normalized ?? null),
      ['12023095976', '442079460958', '442079460958', '2023095976', '2079460958', null, null, '12023095976'],
    );
    assert.equal(p.identifiers[1].values[6].sent, null, '+0000000000 normalises to nothing');
    assert.equal(p.events, 7 + 7 + 1 + 1 + 1);
  });

  it('first and last; without Send Mobile IDs the IDFA rows send nothing', () => {
    const p = previewBuiltin(
      SLUG,
      {
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'first', mapTo: 'email' },
          { externalId: 'email', strategy: 'last', mapTo: 'email' },
          { externalId: 'phone', strategy: 'first', mapTo: 'phone' },
          { externalId: 'phone', strategy: 'last', mapTo: 'phone' },
          { externalId: 'ios.idfa', strategy: 'last', mapTo: 'ios_idfa' },
        ],
      },
      MIXED,
    );
    const r = rows(p);
    assert.deepEqual(r.slice(0, 4), [
      expectRow('email', 'email', ['not-an-email'], email),
      expectRow('email', 'email', ['  Jane.Doe+Ads@GMail.com '], email),
      expectRow('phone', 'phone', ['1-202-309-5976'], phone),
      expectRow('phone', 'phone', ['ab2e885e8213b2fbb894c6da2936ada8ef712c1c31762cc937dcb81172278932'], phone),
    ]);
    assert.equal(r[4].skipped, 'ios.idfa is a mobile advertising id: Segment sends it only when Send Mobile IDs is on (connectionSettings.sendMobileIds: true)');
    assert.equal(p.events, 4);
  });
});
