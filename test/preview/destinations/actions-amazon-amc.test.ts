/**
 * Amazon Ads DSP and AMC (syncAudiencesToDSP): what Amazon receives, computed by an independent
 * implementation of action-destinations packages/destination-actions/src/destinations/amazon-amc/function.ts
 * (normalizeEmail, normalizePhone, hashedPayload) and packages/destination-actions/src/lib/hashing-utils.ts (processHashing).
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { previewOverlay, rows, expectRow, MIXED, BY_AGE } from './_ad-platforms-helpers';

const SLUG = 'actions-amazon-amc';

function processHashing(raw: string, clean: (v: string) => string): string | null {
  if (raw.trim() === '') return null;
  if (raw.length === 64 && /^[a-f0-9]+$/i.test(raw)) return raw;
  const v = clean(raw);
  if (v.trim() === '') return null; // SmartHashing.hash throws on an empty string: nothing is sent
  return createHash('sha256').update(v).digest('hex');
}
const keepChars = (allowed: string) => (v: string) =>
  [...v.toLowerCase()].filter((c) => allowed.includes(c)).join('').trim();
const EMAIL_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789.@-';
const DIGITS = '0123456789';

describe(`preview: ${SLUG}`, () => {
  it('email keeps only a-z0-9.@- (a plus tag loses its +), phone keeps digits; digests pass through', () => {
    const p = previewOverlay(
      SLUG,
      {
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'all', mapTo: 'email' },
          { externalId: 'phone', strategy: 'all', mapTo: 'phone' },
        ],
      },
      [...MIXED, { type: 'email', id: '+++', created_at: '2025-01-01T00:00:00Z' }],
    );
    assert.deepEqual(rows(p), [
      expectRow('email', 'email', [...BY_AGE.email, '+++'], (v) => processHashing(v, keepChars(EMAIL_CHARS))),
      expectRow('phone', 'phone', BY_AGE.phone, (v) => processHashing(v, keepChars(DIGITS))),
    ]);
    assert.equal(p.identifiers[0].values[5].normalized, 'jane.doeads@gmail.com');
    assert.equal(p.identifiers[0].values[3].sent, BY_AGE.email[3]);
    assert.deepEqual(p.identifiers[1].values.map((v) => v.normalized).slice(0, 5), ['12023095976', '00442079460958', '442079460958', '2023095976', '02079460958']);
  });
});
