/**
 * Google Ads Remarketing Lists (classic list destination): closed source, so the expected values
 * follow what the catalog documents, fact by fact with its confidence (server/catalogs/destinations/
 * adwords-remarketing-lists.json): email always sent, plus at most one other identifier (documented:
 * segment-docs src/connections/destinations/catalog/adwords-remarketing-lists/index.md, ID Sync);
 * the list's External ID Type decides which keys it matches (documented); the most recent email or
 * IDFA by default (documented); SHA-256 hashing of PII (documented); trimming and lower-casing of
 * email, E.164 for phones and the pass-through of pre-hashed values are assumed (uncertain); mobile
 * ids unhashed (uncertain). The preview's confidence notes are asserted.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { rows, expectRow, MIXED, BY_AGE } from './_ad-platforms-helpers';
import { previewBuiltin, sha256 } from './_builtin-helpers';

const SLUG = 'adwords-remarketing-lists';

const HEX64 = /^[a-f0-9]{64}$/i;
const digest = (v: string): string => createHash('sha256').update(v).digest('hex');
/** email: a raw SHA-256 digest passes (assumed); else trimmed, lower-cased, SHA-256. */
const email = (raw: string): string => (HEX64.test(raw) ? raw : digest(raw.trim().toLowerCase()));
/** phone: a raw digest passes (assumed); else E.164: digits, a leading + kept, a leading 00 read as +, else leading zeros dropped (no country code added). */
function phone(raw: string): string | null {
  if (HEX64.test(raw)) return raw;
  const t = raw.trim();
  const digits = t.replace(/\D/g, '');
  if (digits === '') return null;
  if (t.startsWith('+')) return digest('+' + digits);
  if (digits.startsWith('00')) return digest('+' + digits.slice(2));
  return digest('+' + digits.replace(/^0+/, ''));
}

const EMAIL_NOTES = [
  "uncertain: normalisation, pass-through of hashed values (Google's Customer Match asks for trimmed, lower-cased emails; Segment documents only that it hashes PII. Assumed from Segment's Customer Match code in another integration (google-enhanced-conversions); this list destination's code is not public)",
];

describe(`preview: ${SLUG} (built-in catalog, documented facts)`, () => {
  it('Email list: every email, one more identifier (phone); a second extra row and mobile ids are not sent', () => {
    const p = previewBuiltin(
      SLUG,
      {
        connectionSettings: { externalIdType: 'Email', sendMobileIds: true },
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'all', mapTo: 'email' },
          { externalId: 'phone', strategy: 'all', mapTo: 'phone' },
          { externalId: 'phone', strategy: 'first', mapTo: 'phone' },
          { externalId: 'ios.idfa', strategy: 'last', mapTo: 'mobile_id' },
        ],
      },
      MIXED,
    );
    const r = rows(p);
    assert.deepEqual(r.slice(0, 2), [expectRow('email', 'email', BY_AGE.email, email), expectRow('phone', 'phone', BY_AGE.phone, phone)]);
    assert.deepEqual(r[2], {
      externalId: 'phone',
      key: 'phone',
      values: [],
      sent: [],
      skipped: 'Google Ads Remarketing Lists sends email plus at most 1 other identifier: phone (phone) already takes that place',
    });
    assert.deepEqual(r[3], {
      externalId: 'ios.idfa',
      key: 'mobile_id',
      values: [],
      sent: [],
      skipped: 'the list\'s External ID Type is "Email" (connectionSettings.externalIdType): Google Ads Remarketing Lists matches it on email, phone, so mobile_id is not sent',
    });
    // Written out by hand.
    assert.equal(p.identifiers[0].values[3].sent, '8C87B489CE35CF2E2F39F80E282CB2E804932A56A213983EEEB428407D43B52D');
    assert.equal(p.identifiers[0].values[5].sent, sha256('jane.doe+ads@gmail.com'));
    assert.deepEqual(
      p.identifiers[1].values.map((v) => v.normalized ?? null),
      ['+12023095976', '+442079460958', '+442079460958', '+2023095976', '+2079460958', null],
    );
    assert.deepEqual(p.identifiers[0].notes, EMAIL_NOTES);
    assert.equal(p.events, 6 + 6);
  });

  it('Default Setup on a Mobile ID list: the newest email and the newest IDFA and AAID, unhashed', () => {
    const p = previewBuiltin(SLUG, { setup: 'default', connectionSettings: { externalIdType: 'Mobile ID', sendMobileIds: true } }, MIXED);
    const r = rows(p);
    assert.deepEqual(r.slice(0, 3), [
      expectRow('email', 'email', ['  Jane.Doe+Ads@GMail.com '], email),
      expectRow('ios.idfa', 'mobile_id', BY_AGE['ios.idfa'], (v) => v),
      expectRow('android.idfa', 'mobile_id', BY_AGE['android.idfa'], (v) => v),
    ]);
    assert.deepEqual(p.identifiers[1].notes, ['uncertain: no hashing (The page says Segment hashes email and mobile device ids alike; Google\'s Customer Match takes mobile ids unhashed)']);
    assert.equal(p.events, 3);
  });
});
