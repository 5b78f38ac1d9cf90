/**
 * TikTok Audiences (Actions), addToAudience (the action of Engage audiences): what TikTok receives,
 * computed by an independent implementation of action-destinations
 * packages/destination-actions/src/destinations/tiktok-audiences/functions.ts
 * (extractUsers: email's +tag and local dots removed, lower-cased, then isHashedInformation or hash;
 * phone: isHashedInformation or hash; advertising_id: hash; isHashedInformation; hash = processHashing)
 * and packages/destination-actions/src/lib/hashing-utils.ts (processHashing).
 * The syncAudience action (syncAudience/functions.ts, extractUsers, normalizeEmail) tests digests
 * with processHashing's anchored test instead: the catalog follows addToAudience.
 */
import * as assert from 'node:assert/strict';
import { rows, expectRow, MIXED, BY_AGE } from './_ad-platforms-helpers';
import { previewBuiltin, processHashing, sha256, later } from './_builtin-helpers';

const SLUG = 'actions-tiktok-audiences';

/** isHashedInformation: 64 hex characters anywhere in the value. */
const isHashedInformation = (v: string): boolean => /[0-9abcdef]{64}/i.test(v);

/** hash = processHashing(value, 'sha256', 'hex'); its '' (a blank value) sends nothing. */
const hash = (v: string): string | null => processHashing(v) || null;

/** extractUsers, email: replace(/\+.*@/, '@'), then dots followed by an @ removed, then lower-cased; no trim. */
function email(raw: string): string | null {
  const e = raw
    .replace(/\+.*@/, '@')
    .replace(/\.(?=.*@)/g, '')
    .toLowerCase();
  return isHashedInformation(e) ? e : hash(e);
}
const phone = (raw: string): string | null => (isHashedInformation(raw) ? raw : hash(raw));
const advertisingId = (raw: string): string | null => hash(raw);

const HEX = '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d';
const EXTRA = [
  { type: 'email', id: `${HEX.toUpperCase()}@Example.com`, created_at: later(0) },
  { type: 'email', id: 'A.B+x+y@Sub.Example.com', created_at: later(1) },
  { type: 'phone', id: `tel:${HEX}`, created_at: later(2) },
  { type: 'email', id: '   ', created_at: later(3) },
  { type: 'phone', id: ' ', created_at: later(4) },
];

describe(`preview: ${SLUG} (built-in catalog)`, () => {
  it('all: email loses +tag and local dots, lower-cased, SHA-256 unless it holds 64 hex digits; phone as provided; IDFAs SHA-256 in their case', () => {
    const p = previewBuiltin(
      SLUG,
      {
        connectionSettings: { sendMobileIds: true },
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'all', mapTo: 'email' },
          { externalId: 'phone', strategy: 'all', mapTo: 'phone' },
          { externalId: 'ios.idfa', strategy: 'all', mapTo: 'advertising_id' },
          { externalId: 'android.idfa', strategy: 'all', mapTo: 'advertising_id' },
        ],
      },
      [...MIXED, ...EXTRA],
    );
    assert.deepEqual(rows(p), [
      expectRow('email', 'email', [...BY_AGE.email, `${HEX.toUpperCase()}@Example.com`, 'A.B+x+y@Sub.Example.com', '   '], email),
      expectRow('phone', 'phone', [...BY_AGE.phone, `tel:${HEX}`, ' '], phone),
      expectRow('ios.idfa', 'advertising_id', BY_AGE['ios.idfa'], advertisingId),
      expectRow('android.idfa', 'advertising_id', BY_AGE['android.idfa'], advertisingId),
    ]);
    // Written out by hand.
    assert.equal(p.identifiers[0].values[1].sent, sha256('joe@googlemail.com'));
    assert.equal(p.identifiers[0].values[2].sent, sha256('samsmith@example.org'));
    assert.equal(p.identifiers[0].values[3].sent, '8c87b489ce35cf2e2f39f80e282cb2e804932a56a213983eeeb428407d43b52d');
    assert.equal(p.identifiers[0].values[5].sent, sha256('  janedoe@gmail.com '));
    assert.equal(p.identifiers[0].values[6].sent, `${HEX}@example.com`, 'holds 64 hex digits: sent as it is');
    assert.equal(p.identifiers[0].values[7].sent, sha256('ab@sub.example.com'));
    assert.equal(p.identifiers[1].values[1].sent, sha256('0044 (20) 7946-0958'));
    assert.equal(p.identifiers[1].values[6].sent, `tel:${HEX}`);
    assert.equal(p.identifiers[0].values[8].sent, null, 'a blank email: hash (processHashing) returns "", an empty id');
    assert.equal(p.identifiers[1].values[7].sent, null, 'a blank phone: hash (processHashing) returns "", an empty id');
    assert.equal(p.identifiers[2].values[0].sent, sha256('AEBE52E7-03EE-455A-B3C4-E57283966239'));
    assert.equal(p.events, 8 + 7 + 1 + 1);
  });

  it('first and last; Default Setup sends every email', () => {
    const p = previewBuiltin(
      SLUG,
      {
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'first', mapTo: 'email' },
          { externalId: 'email', strategy: 'last', mapTo: 'email' },
          { externalId: 'phone', strategy: 'first', mapTo: 'phone' },
          { externalId: 'phone', strategy: 'last', mapTo: 'phone' },
        ],
      },
      MIXED,
    );
    assert.deepEqual(rows(p), [
      expectRow('email', 'email', ['not-an-email'], email),
      expectRow('email', 'email', ['  Jane.Doe+Ads@GMail.com '], email),
      expectRow('phone', 'phone', ['1-202-309-5976'], phone),
      expectRow('phone', 'phone', ['ab2e885e8213b2fbb894c6da2936ada8ef712c1c31762cc937dcb81172278932'], phone),
    ]);
    assert.equal(p.identifiers[0].values[0].sent, sha256('not-an-email'));
    assert.equal(p.events, 4);

    // Default Setup: every email. (The IDFA rows are left out: the advertising_id key is only inferred, so the
    // preview falls back to the identifier's name as the key; TikTok's field reads context.device.advertisingId.)
    const d = previewBuiltin(SLUG, { setup: 'default', connectionSettings: { sendMobileIds: true } }, MIXED);
    assert.deepEqual(rows(d)[0], expectRow('email', 'email', BY_AGE.email, email));
    assert.equal(d.identifiers[0].events, 6);
  });
});
