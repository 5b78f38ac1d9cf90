/**
 * First Party DV360 (Customer Info List): what Google receives, computed by an independent
 * implementation of action-destinations
 * packages/destination-actions/src/destinations/first-party-dv360/functions.ts (normalizeAndHash)
 * and packages/destination-actions/src/lib/hashing-utils.ts (processHashing).
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { previewOverlay, rows, expectRow, MIXED, BY_AGE } from './_ad-platforms-helpers';

const SLUG = 'actions-first-party-dv360';

/** normalizeAndHash: lower-case and trim first; processHashing then sees the normalised value. */
function normalizeAndHash(raw: string): string | null {
  const v = raw.toLowerCase().trim();
  if (v.trim() === '') return null;
  if (v.length === 64 && /^[a-f0-9]{64}$/i.test(v)) return v;
  return createHash('sha256').update(v).digest('hex');
}

describe(`preview: ${SLUG}`, () => {
  it('email and phone are lower-cased, trimmed and hashed; digests are passed through lower-cased', () => {
    const p = previewOverlay(
      SLUG,
      {
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'all', mapTo: 'email' },
          { externalId: 'phone', strategy: 'all', mapTo: 'phone' },
        ],
      },
      MIXED,
    );
    assert.deepEqual(rows(p), [expectRow('email', 'email', BY_AGE.email, normalizeAndHash), expectRow('phone', 'phone', BY_AGE.phone, normalizeAndHash)]);
    // The upper-case digest is sent lower-cased; no gmail rule, no E.164 (the phone keeps its spaces).
    assert.equal(p.identifiers[0].values[3].sent, '8c87b489ce35cf2e2f39f80e282cb2e804932a56a213983eeeb428407d43b52d');
    assert.equal(p.identifiers[0].values[5].normalized, 'jane.doe+ads@gmail.com');
    assert.equal(p.identifiers[1].values[2].normalized, '+44 20 7946 0958');
  });

  it('a padded upper-case digest is trimmed, lower-cased and passed through; a blank value sends nothing', () => {
    const hex = '8C87B489CE35CF2E2F39F80E282CB2E804932A56A213983EEEB428407D43B52D';
    const ids = [
      { type: 'email', id: `  ${hex} `, created_at: '2020-01-01T00:00:00Z' },
      { type: 'email', id: ' \t ', created_at: '2020-01-02T00:00:00Z' },
    ];
    const p = previewOverlay(SLUG, { idSyncConfiguration: [{ externalId: 'email', strategy: 'all', mapTo: 'email' }] }, ids);
    assert.deepEqual(rows(p), [expectRow('email', 'email', [`  ${hex} `, ' \t '], normalizeAndHash)]);
    assert.equal(p.identifiers[0].values[0].transform, 'passed-through');
    assert.deepEqual(p.identifiers[0].values[0].notes, ['already SHA-256 once normalised: passed through']);
  });
});
