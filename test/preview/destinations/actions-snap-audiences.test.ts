/**
 * Snap Audiences (Actions), syncAudience: what Snap receives, computed by an independent
 * implementation of action-destinations
 * packages/destination-actions/src/destinations/snap-audiences/syncAudience/functions.ts
 * (buildJSON: processHashing(email | advertising_id, normalize), processHashing(phone, normalizePhone);
 * normalize; normalizePhone) and packages/destination-actions/src/lib/hashing-utils.ts (processHashing:
 * the digest test on the raw value, before cleaning).
 */
import * as assert from 'node:assert/strict';
import { rows, expectRow, MIXED, BY_AGE } from './_ad-platforms-helpers';
import { previewBuiltin, processHashing, sha256, later } from './_builtin-helpers';

const SLUG = 'actions-snap-audiences';

/** normalize: trim, then lower-case. */
const normalize = (v: string): string => v.trim().toLowerCase();

/** normalizePhone: drop whitespace, brackets, + and -; then a leading 00; then one leading 0 (dots stay). */
function normalizePhone(v: string): string {
  let p = v.replace(/[\s()+-]/g, '');
  if (p.startsWith('00')) p = p.substring(2);
  if (p.startsWith('0')) p = p.substring(1);
  return p;
}

/** What buildJSON puts in `data` for one value; a blank result ('' or a throw) is not sent. */
const send = (clean: (v: string) => string) => (raw: string): string | null => processHashing(raw, clean) || null;
const email = send(normalize);
const phone = send(normalizePhone);
const maid = send(normalize);

const EXTRA = [
  { type: 'email', id: '   ', created_at: later(0) },
  { type: 'phone', id: '+1 (202) 309-5976', created_at: later(1) },
  { type: 'phone', id: '()+-', created_at: later(2) },
  { type: 'ios.idfa', id: ' 6D92078A-8246-4BA4-AE5B-76104861E7DC ', created_at: later(3) },
];
const PROFILE = [...MIXED, ...EXTRA];

describe(`preview: ${SLUG} (built-in catalog)`, () => {
  it('all: email trimmed and lower-cased, phone cleaned (dots kept), IDFAs lower-cased, all SHA-256; raw digests pass through in their case', () => {
    const p = previewBuiltin(
      SLUG,
      {
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'all', mapTo: 'email' },
          { externalId: 'phone', strategy: 'all', mapTo: 'phone' },
          { externalId: 'ios.idfa', strategy: 'all', mapTo: 'ios_idfa' },
          { externalId: 'android.idfa', strategy: 'all', mapTo: 'android_idfa' },
        ],
      },
      PROFILE,
    );
    const emails = [...BY_AGE.email, '   '];
    const phones = [...BY_AGE.phone, '+1 (202) 309-5976', '()+-'];
    const idfas = [...BY_AGE['ios.idfa'], ' 6D92078A-8246-4BA4-AE5B-76104861E7DC '];
    assert.deepEqual(rows(p), [
      expectRow('email', 'email', emails, email),
      expectRow('phone', 'phone', phones, phone),
      expectRow('ios.idfa', 'ios_idfa', idfas, maid),
      expectRow('android.idfa', 'android_idfa', BY_AGE['android.idfa'], maid),
    ]);
    // Written out by hand from normalizePhone.
    assert.deepEqual(
      p.identifiers[1].values.map((v) => v.normalized ?? null),
      ['12023095976', '442079460958', '442079460958', '202309.5976', '2079460958', null, '12023095976', null],
    );
    assert.equal(p.identifiers[0].values[3].sent, '8C87B489CE35CF2E2F39F80E282CB2E804932A56A213983EEEB428407D43B52D');
    assert.equal(p.identifiers[0].values[5].sent, sha256('jane.doe+ads@gmail.com'));
    assert.equal(p.identifiers[0].values[6].sent, null, 'a blank email is not sent (processHashing returns "")');
    assert.equal(p.identifiers[1].values[7].sent, null, 'a phone that cleans to nothing is not sent');
    assert.equal(p.identifiers[2].values[1].sent, sha256('6d92078a-8246-4ba4-ae5b-76104861e7dc'));
    assert.equal(p.events, 6 + 7 + 2 + 1);
  });

  it('first and last pick the oldest and newest value; Send Mobile IDs off still sends IDFAs (Snap ignores it)', () => {
    const p = previewBuiltin(
      SLUG,
      {
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'first', mapTo: 'email' },
          { externalId: 'email', strategy: 'last', mapTo: 'email' },
          { externalId: 'phone', strategy: 'first', mapTo: 'phone' },
          { externalId: 'phone', strategy: 'last', mapTo: 'phone' },
          { externalId: 'ios.idfa', strategy: 'first', mapTo: 'ios_idfa' },
        ],
      },
      MIXED,
    );
    assert.deepEqual(rows(p), [
      expectRow('email', 'email', ['not-an-email'], email),
      expectRow('email', 'email', ['  Jane.Doe+Ads@GMail.com '], email),
      expectRow('phone', 'phone', ['1-202-309-5976'], phone),
      expectRow('phone', 'phone', ['ab2e885e8213b2fbb894c6da2936ada8ef712c1c31762cc937dcb81172278932'], phone),
      expectRow('ios.idfa', 'ios_idfa', ['AEBE52E7-03EE-455A-B3C4-E57283966239'], maid),
    ]);
    assert.equal(p.identifiers[1].values[0].sent, sha256('jane.doe+ads@gmail.com'));
    assert.equal(p.identifiers[3].values[0].transform, 'passed-through');
    assert.match(p.identifiers[4].notes.join('\n'), /Send Mobile IDs is off: ios\.idfa is shown as sent, as Snap Audiences \(Actions\)'s page says the setting can be ignored, but Segment's pages disagree/);
    assert.equal(p.events, 5);
  });

  it('Default Setup: every email, as the email key', () => {
    const p = previewBuiltin(SLUG, { setup: 'default' }, MIXED);
    assert.deepEqual(rows(p)[0], expectRow('email', 'email', BY_AGE.email, email));
    assert.equal(p.events, 6);
  });
});
