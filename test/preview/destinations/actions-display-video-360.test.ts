/**
 * Display and Video 360 (Actions): no field reads traits or properties
 * (action-destinations packages/destination-actions/src/destinations/display-video-360/properties.ts),
 * so an ID Sync row reaches no identifier: the preview shows it as an undocumented key, sent as provided.
 */
import * as assert from 'node:assert/strict';
import { previewOverlay, rows, MIXED } from './_ad-platforms-helpers';
import { overlay } from './_ad-platforms-helpers';

const SLUG = 'actions-display-video-360';

describe(`preview: ${SLUG}`, () => {
  it('has no ID Sync keys; a row is flagged as not a documented key and shown unchanged', () => {
    assert.deepEqual(overlay(SLUG).keys, {});
    const p = previewOverlay(SLUG, { idSyncConfiguration: [{ externalId: 'email', strategy: 'last', mapTo: 'email' }] }, MIXED);
    assert.deepEqual(rows(p), [{ externalId: 'email', key: 'email', values: ['  Jane.Doe+Ads@GMail.com '], sent: ['  Jane.Doe+Ads@GMail.com '], skipped: null }]);
    assert.deepEqual(p.identifiers[0].notes, [
      '"email" is not a documented key of Display and Video 360 (Actions): sent as provided; if the destination does not have it, events may not be delivered',
    ]);
  });
});
