/**
 * Facebook Custom Audiences (classic list destination): closed source, so the expected values follow
 * what the catalog documents, fact by fact with its confidence (server/catalogs/destinations/
 * personas-facebook-custom-audiences.json): EMAIL and PHONE SHA-256 hashed, pre-hashed values hashed
 * again (documented: segment-docs src/connections/destinations/catalog/personas-facebook-custom-audiences/index.md,
 * Additional Traits Matching); trimming, lower-casing and phone cleaning are Facebook's guidance to
 * senders, assumed applied (uncertain); MADID unhashed (documented), lower-cased (uncertain); EXTERN_ID
 * as provided (uncertain). The preview must say which facts are not documented: the notes are asserted.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { rows, expectRow, MIXED, BY_AGE } from './_ad-platforms-helpers';
import { previewBuiltin, sha256 } from './_builtin-helpers';

const SLUG = 'personas-facebook-custom-audiences';

const digest = (v: string): string => createHash('sha256').update(v).digest('hex');
/** EMAIL: FB Guidelines trim and lower-case, then SHA-256, whatever the value (no pass-through). */
const email = (raw: string): string => digest(raw.trim().toLowerCase());
/** PHONE: FB Guidelines remove symbols, letters and leading zeros, then SHA-256 (no pass-through). */
const phone = (raw: string): string | null => {
  const n = raw.replace(/[^0-9]/g, '').replace(/^0+/, '');
  return n === '' ? null : digest(n);
};
/** MADID: FB Guidelines lower-case, hyphens kept; unhashed. */
const madid = (raw: string): string => raw.toLowerCase();

const EMAIL_NOTES = ["uncertain: normalisation (Facebook's guidance to senders, assumed applied by Segment)"];
const PHONE_NOTES = [
  'inferred: key, hashing (PHONE appears only under Additional Traits Matching (Trait Enrichment); its place in the ID Sync dropdown is inferred)',
  "uncertain: normalisation, double hashing (Facebook's guidance to senders, assumed applied by Segment. Not documented for phone)",
];

describe(`preview: ${SLUG} (built-in catalog, documented facts)`, () => {
  it('all: EMAIL and PHONE cleaned per the FB Guidelines and SHA-256 hashed, pre-hashed values hashed again; MADID lower-cased; EXTERN_ID as provided', () => {
    const p = previewBuiltin(
      SLUG,
      {
        connectionSettings: { sendMobileIds: true },
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'all', mapTo: 'EMAIL' },
          { externalId: 'phone', strategy: 'all', mapTo: 'PHONE' },
          { externalId: 'ios.idfa', strategy: 'all', mapTo: 'MADID' },
          { externalId: 'android.idfa', strategy: 'all', mapTo: 'MADID' },
          { externalId: 'user_id', strategy: 'all', mapTo: 'EXTERN_ID' },
        ],
      },
      MIXED,
    );
    assert.deepEqual(rows(p), [
      expectRow('email', 'EMAIL', BY_AGE.email, email),
      expectRow('phone', 'PHONE', BY_AGE.phone, phone),
      expectRow('ios.idfa', 'MADID', BY_AGE['ios.idfa'], madid),
      expectRow('android.idfa', 'MADID', BY_AGE['android.idfa'], madid),
      expectRow('user_id', 'EXTERN_ID', [' U-1001 '], (v) => v),
    ]);
    // Written out by hand: the upper-case digest is lower-cased and hashed again; the hex phone keeps its digits.
    assert.equal(p.identifiers[0].values[3].sent, sha256('8c87b489ce35cf2e2f39f80e282cb2e804932a56a213983eeeb428407d43b52d'));
    assert.equal(p.identifiers[1].values[5].normalized, '28858213289462936871213176293781172278932');
    assert.equal(p.identifiers[2].values[0].sent, 'aebe52e7-03ee-455a-b3c4-e57283966239');
    assert.deepEqual(p.identifiers[0].notes, EMAIL_NOTES);
    assert.deepEqual(p.identifiers[1].notes, PHONE_NOTES);
    assert.deepEqual(p.identifiers[2].notes, ["uncertain: normalisation (Facebook's guidance to senders, assumed applied by Segment)"]);
    assert.deepEqual(p.identifiers[4].notes, ["uncertain: key (Not named by Segment's docs: Facebook's multi-key schema field for advertiser ids)"]);
    assert.match(p.identifiers[0].values[3].notes.join('\n'), /already SHA-256, but Facebook Custom Audiences hashes EMAIL again: the platform receives a double hash that cannot match/);
    assert.equal(p.events, 6 + 6 + 1 + 1 + 1);
  });

  it('first and last pick by timestamp; Default Setup sends every email and, without Send Mobile IDs, no IDFA', () => {
    const p = previewBuiltin(
      SLUG,
      {
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'first', mapTo: 'EMAIL' },
          { externalId: 'email', strategy: 'last', mapTo: 'EMAIL' },
          { externalId: 'phone', strategy: 'first', mapTo: 'PHONE' },
          { externalId: 'phone', strategy: 'last', mapTo: 'PHONE' },
        ],
      },
      MIXED,
    );
    assert.deepEqual(rows(p), [
      expectRow('email', 'EMAIL', ['not-an-email'], email),
      expectRow('email', 'EMAIL', ['  Jane.Doe+Ads@GMail.com '], email),
      expectRow('phone', 'PHONE', ['1-202-309-5976'], phone),
      expectRow('phone', 'PHONE', ['ab2e885e8213b2fbb894c6da2936ada8ef712c1c31762cc937dcb81172278932'], phone),
    ]);
    assert.equal(p.identifiers[1].values[0].sent, sha256('jane.doe+ads@gmail.com'));
    assert.equal(p.events, 4);

    const d = previewBuiltin(SLUG, { setup: 'default' }, MIXED);
    const r = rows(d);
    assert.deepEqual(r[0], expectRow('email', 'EMAIL', BY_AGE.email, email));
    assert.deepEqual(
      r.slice(1, 3).map((x) => x.skipped),
      [
        'ios.idfa is a mobile advertising id: Segment sends it only when Send Mobile IDs is on (connectionSettings.sendMobileIds: true)',
        'android.idfa is a mobile advertising id: Segment sends it only when Send Mobile IDs is on (connectionSettings.sendMobileIds: true)',
      ],
    );
    assert.equal(d.events, 6);
  });
});
