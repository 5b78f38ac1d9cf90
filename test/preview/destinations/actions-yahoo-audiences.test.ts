/**
 * Yahoo Audiences (Actions), updateSegment: what Yahoo receives, computed by an independent
 * implementation of action-destinations
 * packages/destination-actions/src/destinations/yahoo-audiences/utils-rt.ts
 * (gen_update_segment_payload: create_hash(email.toLowerCase()), validate_phone then create_hash,
 * advertising_id as provided; validate_phone; create_hash = processHashing(input, 'sha256', 'hex', toLowerCase))
 * and packages/destination-actions/src/lib/hashing-utils.ts (processHashing).
 */
import * as assert from 'node:assert/strict';
import { rows, expectRow, MIXED, BY_AGE } from './_ad-platforms-helpers';
import { previewBuiltin, processHashing, sha256, later } from './_builtin-helpers';

const SLUG = 'actions-yahoo-audiences';

/** create_hash: processHashing with a lower-casing clean-up; '' (a blank value) is not sent. */
const createHash = (v: string): string | null => processHashing(v, (x) => x.toLowerCase()) || null;

/** gen_update_segment_payload, email: lower-cased (not trimmed) before create_hash, so the digest test sees the lower-cased value. */
const email = (raw: string): string | null => createHash(raw.toLowerCase());

/** validate_phone: every non-digit removed; 1 to 15 digits get a '+', anything else is dropped (''). */
function validatePhone(v: string): string {
  const digits = v.replace(/\D/g, '');
  return digits.length >= 1 && digits.length <= 15 ? '+' + digits : '';
}
const phone = (raw: string): string | null => {
  const p = validatePhone(raw);
  return p === '' ? null : createHash(p);
};

const EXTRA = [
  { type: 'email', id: '   ', created_at: later(0) },
  { type: 'phone', id: '+49 (0)30 1234-5678', created_at: later(1) },
  { type: 'phone', id: '0049 30.1234.5678 ext. 1234567', created_at: later(2) },
  { type: 'phone', id: 'n/a', created_at: later(3) },
];

describe(`preview: ${SLUG} (built-in catalog)`, () => {
  it('all: email lower-cased (whitespace kept) then SHA-256, hex digests pass through lower-cased; phone +digits (at most 15) SHA-256; IDFA as provided', () => {
    const p = previewBuiltin(
      SLUG,
      {
        connectionSettings: { sendMobileIds: true },
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'all', mapTo: 'email' },
          { externalId: 'phone', strategy: 'all', mapTo: 'phone' },
          { externalId: 'ios.idfa', strategy: 'all', mapTo: 'advertising_id' },
        ],
      },
      [...MIXED, ...EXTRA],
    );
    const phones = [...BY_AGE.phone, '+49 (0)30 1234-5678', '0049 30.1234.5678 ext. 1234567', 'n/a'];
    assert.deepEqual(rows(p), [
      expectRow('email', 'email', [...BY_AGE.email, '   '], email),
      expectRow('phone', 'phone', phones, phone),
      expectRow('ios.idfa', 'advertising_id', BY_AGE['ios.idfa'], (v) => v),
    ]);
    // Written out by hand.
    assert.equal(p.identifiers[0].values[3].sent, '8c87b489ce35cf2e2f39f80e282cb2e804932a56a213983eeeb428407d43b52d');
    assert.equal(p.identifiers[0].values[5].sent, sha256('  jane.doe+ads@gmail.com '));
    assert.equal(p.identifiers[0].values[6].sent, null, 'a blank email: processHashing returns "", nothing is sent');
    assert.equal(p.identifiers[1].values[1].sent, sha256('+00442079460958'));
    assert.equal(p.identifiers[1].values[4].sent, sha256('+02079460958'));
    assert.equal(p.identifiers[1].values[5].sent, null, 'the digits of a hex digest are more than 15');
    assert.equal(p.identifiers[1].values[6].sent, sha256('+4903012345678'));
    assert.equal(p.identifiers[1].values[7].sent, null, '21 digits');
    assert.equal(p.identifiers[1].values[8].sent, null, 'no digit');
    assert.equal(p.identifiers[2].values[0].sent, 'AEBE52E7-03EE-455A-B3C4-E57283966239');
    assert.equal(p.events, 6 + 6 + 1);
  });

  it('first and last; Send Mobile IDs off drops the IDFA row', () => {
    const p = previewBuiltin(
      SLUG,
      {
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'first', mapTo: 'email' },
          { externalId: 'email', strategy: 'last', mapTo: 'email' },
          { externalId: 'phone', strategy: 'last', mapTo: 'phone' },
          { externalId: 'ios.idfa', strategy: 'last', mapTo: 'advertising_id' },
        ],
      },
      MIXED,
    );
    assert.deepEqual(rows(p), [
      expectRow('email', 'email', ['not-an-email'], email),
      expectRow('email', 'email', ['  Jane.Doe+Ads@GMail.com '], email),
      {
        externalId: 'phone',
        key: 'phone',
        values: ['ab2e885e8213b2fbb894c6da2936ada8ef712c1c31762cc937dcb81172278932'],
        sent: [null],
        skipped: "no phone value survives the destination's normalisation",
      },
      {
        externalId: 'ios.idfa',
        key: 'advertising_id',
        values: [],
        sent: [],
        skipped: 'ios.idfa is a mobile advertising id: Segment sends it only when Send Mobile IDs is on (connectionSettings.sendMobileIds: true)',
      },
    ]);
    assert.equal(p.identifiers[0].values[0].sent, sha256('not-an-email'));
    assert.equal(p.events, 2);
  });
});
