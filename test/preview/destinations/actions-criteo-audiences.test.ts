/**
 * Criteo Audiences: the email is sent raw, or SHA-256 of the raw value with Hash Emails on. Independent
 * implementation of action-destinations packages/destination-actions/src/destinations/criteo-audiences/addUserToAudience/index.ts
 * (hash_emails ? hash(email) : email) and criteo-audiences.ts (hash).
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { previewOverlay, rows, expectRow, MIXED, BY_AGE } from './_ad-platforms-helpers';

const SLUG = 'actions-criteo-audiences';
const entries = [{ externalId: 'email', strategy: 'all', mapTo: 'email' }];

describe(`preview: ${SLUG}`, () => {
  it('Hash Emails off (the default): every email is sent exactly as provided', () => {
    const p = previewOverlay(SLUG, { idSyncConfiguration: entries }, MIXED);
    assert.deepEqual(rows(p), [expectRow('email', 'email', BY_AGE.email, (v) => v)]);
    assert.deepEqual(p.identifiers[0].values[0].notes, ['not hashed: connectionSettings.hash_emails is unset (default false)']);
  });

  it('Hash Emails on: SHA-256 of the raw value, no trimming, digests hashed again', () => {
    const p = previewOverlay(SLUG, { connectionSettings: { hash_emails: true }, idSyncConfiguration: entries }, MIXED);
    assert.deepEqual(rows(p), [expectRow('email', 'email', BY_AGE.email, (v) => createHash('sha256').update(v).digest('hex'))]);
    assert.match(p.identifiers[0].values[3].notes.join('\n'), /already SHA-256, but Criteo Audiences hashes email again/);
  });
});
