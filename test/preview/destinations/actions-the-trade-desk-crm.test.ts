/**
 * The Trade Desk CRM, PII Type Hashed Email: what The Trade Desk receives, computed by an independent
 * implementation of action-destinations packages/destination-actions/src/destinations/the-trade-desk-crm/functions.ts
 * (extractUsers, validateEmail, normalizeEmail, hash).
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { previewOverlay, rows, expectRow, MIXED, BY_AGE } from './_ad-platforms-helpers';

const SLUG = 'actions-the-trade-desk-crm';
const HEX = /^[a-f0-9]{64}$/i;
const B64 = /^[A-Za-z0-9+/]*={1,2}$/i;

function ttd(raw: string): string | null {
  if (!(HEX.test(raw) || B64.test(raw) || /^\S+@\S+\.\S+$/i.test(raw))) return null; // validateEmail
  if (HEX.test(raw)) return Buffer.from(raw, 'hex').toString('base64');
  if (B64.test(raw)) return raw;
  let e = raw.trim().toLowerCase();
  if (e.endsWith('@gmail.com')) {
    let user = e.substring(0, e.indexOf('@'));
    if (user.includes('+')) user = user.substring(0, user.indexOf('+'));
    e = user.split('.').join('') + '@gmail.com';
  }
  return createHash('sha256').update(e).digest('base64');
}

describe(`preview: ${SLUG} (Hashed Email)`, () => {
  it('plain emails are normalised (gmail: +tag and dots) and hashed to base64; hex digests are re-encoded', () => {
    const extra = [
      { type: 'email', id: 'Mary.Ann+x@gmail.com', created_at: '2025-01-01T00:00:00Z' },
      { type: 'email', id: 'jIe0ic41zy4vOfgOKCyy6ASTKlaiE5g+7rQoQH1DtS0=', created_at: '2025-01-02T00:00:00Z' },
      { type: 'email', id: 'a.b@c@gmail.com', created_at: '2025-01-03T00:00:00Z' },
    ];
    const p = previewOverlay(SLUG, { idSyncConfiguration: [{ externalId: 'email', strategy: 'all', mapTo: 'email' }] }, [...MIXED, ...extra]);
    const all = [...BY_AGE.email, ...extra.map((e) => e.id)];
    assert.deepEqual(rows(p), [expectRow('email', 'email', all, ttd)]);
    // Written out: the padded MIXED value fails the untrimmed check; the hex digest of jane@example.com becomes its base64.
    assert.equal(p.identifiers[0].values[5].sent, null);
    assert.equal(p.identifiers[0].values[3].sent, 'jIe0ic41zy4vOfgOKCyy6ASTKlaiE5g+7rQoQH1DtS0=');
    assert.equal(p.identifiers[0].values[6].normalized, 'maryann@gmail.com');
    assert.equal(p.identifiers[0].values[8].normalized, 'ab@gmail.com');
    assert.equal(p.identifiers[0].values[2].normalized, 'sam.smith@example.org');
  });
});
