/**
 * StackAdapt Audiences: email and phone are sent as provided (action-destinations
 * packages/destination-actions/src/destinations/stackadapt-audiences/forwardAudienceEvent/functions.ts:
 * the profile carries email and standard traits unchanged); the independent implementation is the identity.
 */
import * as assert from 'node:assert/strict';
import { previewOverlay, rows, expectRow, MIXED, BY_AGE } from './_ad-platforms-helpers';

const SLUG = 'actions-stackadapt-audiences';

describe(`preview: ${SLUG}`, () => {
  it('email and phone values reach StackAdapt unchanged, oldest first', () => {
    const p = previewOverlay(
      SLUG,
      { idSyncConfiguration: [{ externalId: 'email', strategy: 'all', mapTo: 'email' }, { externalId: 'phone', strategy: 'first', mapTo: 'phone' }] },
      MIXED,
    );
    assert.deepEqual(rows(p), [expectRow('email', 'email', BY_AGE.email, (v) => v), expectRow('phone', 'phone', ['1-202-309-5976'], (v) => v)]);
    assert.equal(p.events, 7);
  });
});
