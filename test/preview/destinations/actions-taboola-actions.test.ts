/**
 * Taboola (Actions), syncAudience: what Taboola receives, computed by an independent implementation
 * of action-destinations packages/destination-actions/src/destinations/taboola-actions/syncAudience/client.ts
 * (createCluster: EMAIL_ID = hashEmail(user_email), DEVICE_ID = device_id as provided; hashEmail:
 * /^[a-f0-9]{64}$/i on the raw value, else SHA-256 of the raw value).
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { rows, expectRow, MIXED, BY_AGE } from './_ad-platforms-helpers';
import { previewBuiltin, sha256, later } from './_builtin-helpers';

const SLUG = 'actions-taboola-actions';

function hashEmail(raw: string): string {
  return /^[a-f0-9]{64}$/i.test(raw) ? raw : createHash('sha256').update(raw).digest('hex');
}

const EXTRA = [
  { type: 'email', id: '   ', created_at: later(0) },
  { type: 'ios.id', id: ' 1F0E3C2A-9B7D-4E11-8C5A-6A2B9D3E4F50', created_at: later(1) },
  { type: 'ios.id', id: '0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9', created_at: later(2) },
  { type: 'android.id', id: 'f3a9c1d27b4e8a60', created_at: later(3) },
];

describe(`preview: ${SLUG} (built-in catalog)`, () => {
  it('all: email SHA-256 exactly as provided (no trim, no lower-case), digests pass through; device ids as provided', () => {
    const p = previewBuiltin(
      SLUG,
      {
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'all', mapTo: 'email' },
          { externalId: 'ios.id', strategy: 'all', mapTo: 'ios_id' },
          { externalId: 'android.id', strategy: 'all', mapTo: 'android_id' },
        ],
      },
      [...MIXED, ...EXTRA],
    );
    assert.deepEqual(rows(p), [
      expectRow('email', 'email', [...BY_AGE.email, '   '], hashEmail),
      expectRow('ios.id', 'ios_id', [' 1F0E3C2A-9B7D-4E11-8C5A-6A2B9D3E4F50', '0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9'], (v) => v),
      expectRow('android.id', 'android_id', ['f3a9c1d27b4e8a60'], (v) => v),
    ]);
    assert.equal(p.identifiers[0].values[5].sent, sha256('  Jane.Doe+Ads@GMail.com '));
    assert.equal(p.identifiers[0].values[6].sent, sha256('   '), 'createCluster hashes any non-empty string');
    assert.equal(p.identifiers[0].values[4].sent, '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d');
    assert.equal(p.events, 7 + 2 + 1);
  });

  it('first and last pick by timestamp', () => {
    const p = previewBuiltin(
      SLUG,
      {
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'first', mapTo: 'email' },
          { externalId: 'email', strategy: 'last', mapTo: 'email' },
          { externalId: 'ios.id', strategy: 'first', mapTo: 'ios_id' },
        ],
      },
      [...MIXED, ...EXTRA],
    );
    assert.deepEqual(rows(p), [
      expectRow('email', 'email', ['not-an-email'], hashEmail),
      expectRow('email', 'email', ['   '], hashEmail),
      expectRow('ios.id', 'ios_id', [' 1F0E3C2A-9B7D-4E11-8C5A-6A2B9D3E4F50'], (v) => v),
    ]);
    assert.equal(p.events, 3);
  });
});
