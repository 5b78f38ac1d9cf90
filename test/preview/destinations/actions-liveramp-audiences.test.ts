/**
 * LiveRamp Audiences (Audience Entered S3/SFTP, Hashable Identifier Data): what the file holds, computed
 * by an independent implementation of action-destinations
 * packages/destination-actions/src/destinations/liveramp-audiences/operations.ts (generateFile, normalize)
 * and packages/destination-actions/src/lib/hashing-utils.ts (processHashing: the already-hashed test on
 * the raw value, then the cleaning function, then the digest).
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { previewOverlay, rows, expectRow, MIXED, BY_AGE, overlay } from './_ad-platforms-helpers';
import { normalize } from '../../../server/src/engine/preview/normalize';

const SLUG = 'actions-liveramp-audiences';

function processHashing(raw: string, algorithm: 'sha256' | 'sha1', clean: (v: string) => string): string | null {
  if (raw.trim() === '') return null; // processHashing returns '': an empty cell
  const hexLength = algorithm === 'sha256' ? 64 : 40;
  if (raw.length === hexLength && /^[0-9a-f]+$/i.test(raw)) return raw;
  return createHash(algorithm).update(clean(raw)).digest('hex');
}

/** normalize, case email: lower-case, then drop every run of whitespace. */
const cleanEmail = (v: string): string => v.toLowerCase().split(/\s/).join('');

/** normalize, case phone_number: the first match of the code's pattern, its three captures joined; no match: unchanged. */
function cleanPhone(v: string): string {
  const m = /(?:\+1)?\s*\(?\s*(\d+)\s*-?\)?\s*(\d+)\s*-?\s*(\d+)/.exec(v);
  return m ? m[1] + m[2] + m[3] : v;
}

const email = (v: string) => processHashing(v, 'sha256', cleanEmail);
const phone = (v: string) => processHashing(v, 'sha1', cleanPhone);
const sha1 = (v: string) => createHash('sha1').update(v).digest('hex');

describe(`preview: ${SLUG}`, () => {
  it('email: lower-cased, all whitespace removed, SHA-256; phone_number: first three digit runs, SHA-1; raw digests pass through', () => {
    const extra = [
      { type: 'email', id: ' A B@Example.com\t', created_at: '2025-01-01T00:00:00Z' },
      { type: 'phone', id: '+1 (555) 123-4567', created_at: '2025-01-01T00:00:00Z' },
      { type: 'phone', id: '+12023095976', created_at: '2025-01-02T00:00:00Z' },
      { type: 'phone', id: 'no digits', created_at: '2025-01-03T00:00:00Z' },
      { type: 'phone', id: 'A94A8FE5CCB19BA61C4C0873D391E987982FBBD3', created_at: '2025-01-04T00:00:00Z' },
      { type: 'phone', id: '   ', created_at: '2025-01-05T00:00:00Z' },
    ];
    const p = previewOverlay(
      SLUG,
      {
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'all', mapTo: 'email' },
          { externalId: 'phone', strategy: 'all', mapTo: 'phone_number' },
          { externalId: 'phone', strategy: 'first', mapTo: 'phone_number' },
        ],
      },
      [...MIXED, ...extra],
    );
    const phones = [...BY_AGE.phone, '+1 (555) 123-4567', '+12023095976', 'no digits', 'A94A8FE5CCB19BA61C4C0873D391E987982FBBD3', '   '];
    assert.deepEqual(rows(p), [
      expectRow('email', 'email', [...BY_AGE.email, ' A B@Example.com\t'], email),
      expectRow('phone', 'phone_number', phones, phone),
      expectRow('phone', 'phone_number', ['1-202-309-5976'], phone),
    ]);
    // The values the code's pattern keeps, written out by hand.
    assert.deepEqual(
      p.identifiers[1].values.map((v) => v.normalized ?? null),
      ['1202309', '0044', '44207946', '202309', '02079460958', '885', '5551234567', '2023095976', 'no digits', null, null],
    );
    assert.equal(p.identifiers[0].values[5].normalized, 'jane.doe+ads@gmail.com');
    assert.equal(p.identifiers[0].values[6].normalized, 'ab@example.com');
    assert.equal(p.identifiers[0].values[3].sent, '8C87B489CE35CF2E2F39F80E282CB2E804932A56A213983EEEB428407D43B52D');
    assert.equal(p.identifiers[1].values[6].sent, sha1('5551234567'));
    assert.equal(p.identifiers[1].values[9].sent, 'A94A8FE5CCB19BA61C4C0873D391E987982FBBD3');
    assert.equal(p.identifiers[1].values[10].sent, null);
  });

  it('a key outside email and phone_number has no catalog entry: the preview shows it as provided', () => {
    const p = previewOverlay(SLUG, { idSyncConfiguration: [{ externalId: 'user_id', strategy: 'last', mapTo: 'customer_id' }] }, MIXED);
    assert.deepEqual(rows(p), [{ externalId: 'user_id', key: 'customer_id', values: [' U-1001 '], sent: [' U-1001 '], skipped: null }]);
  });

  it("the overlay's anchored phone pattern equals the code's first-match exec on 20,000 generated strings", () => {
    const steps = overlay(SLUG).keys.phone_number.normalize;
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const alphabet = '0123456789 +-().1x\n';
    const mismatches: string[] = [];
    for (let i = 0; i < 20000; i++) {
      let v = '';
      for (let n = next() % 16; n > 0; n--) v += alphabet[next() % alphabet.length];
      const expected = v.trim() === '' ? null : cleanPhone(v);
      const got = normalize(v, steps).value;
      if (got !== expected) mismatches.push(JSON.stringify(v));
    }
    assert.deepEqual(mismatches.slice(0, 5), []);
  });
});
