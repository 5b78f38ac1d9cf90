/**
 * Braze Cohorts: what the Sync Audience action receives for a Device ID sent through ID Sync.
 * Independent implementation of action-destinations
 * packages/destination-actions/src/destinations/braze-cohorts/syncAudiences/index.ts (extractUsers):
 * device_id is added to the cohort change as given (no trimming, no case change, no hashing).
 */
import * as assert from 'node:assert/strict';
import { PROFILE, byAge, previewWith, sent } from './marketing-helpers';

const SLUG = 'actions-braze-cohorts';
const brazeDeviceId = (v: string): string => v;

describe('preview: Braze Cohorts overlay', () => {
  it('device ids are sent exactly as on the profile, oldest first', () => {
    const p = previewWith(SLUG, [{ externalId: 'braze_device_id', strategy: 'all', mapTo: 'device_id' }], PROFILE);
    const row = p.identifiers[0];
    assert.deepEqual(sent(row), byAge('braze_device_id').map((v) => [v, brazeDeviceId(v)]));
    assert.deepEqual(sent(row), [
      ['dev-41', 'dev-41'],
      [' DEV-42 ', ' DEV-42 '],
    ]);
    // the only note is the key's confidence: its name is whatever the Device ID mapping reads
    assert.deepEqual(row.notes, [
      'inferred: key (The key name is whatever the Device ID mapping reads; device_id is a suggestion. Placement as traits.<key> / properties.<key> is inferred (destination-coverage.md section 2))',
    ]);
    assert.equal(p.events, 2);
  });

  it('pre-hashed values are not special: sent as given', () => {
    const p = previewWith(SLUG, [{ externalId: 'email', strategy: 'all', mapTo: 'device_id' }], PROFILE);
    assert.deepEqual(sent(p.identifiers[0]), byAge('email').map((v) => [v, brazeDeviceId(v)]));
    assert.ok(p.identifiers[0].values.every((v) => v.transform === 'as-is'));
  });

  it('a key that is not in the overlay is shown as provided, with a note', () => {
    const p = previewWith(SLUG, [{ externalId: 'user_id', strategy: 'last', mapTo: 'external_id' }], PROFILE);
    assert.deepEqual(sent(p.identifiers[0]), [['u-1001', 'u-1001']]);
    assert.deepEqual(p.identifiers[0].notes, [
      '"external_id" is not a documented key of Braze Cohorts: sent as provided; if the destination does not have it, events may not be delivered',
    ]);
  });
});
