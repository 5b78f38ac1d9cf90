/**
 * Pinterest Audiences (classic, closed source): the docs
 * (segment-docs src/connections/destinations/catalog/pinterest-audiences/index.md) name the
 * identifiers, not the key names or the hashing, so the preview must not invent a transformation:
 * values are shown as provided, with the note that the key is undocumented; mobile ids still need
 * Send Mobile IDs (segment-docs src/engage/trait-activation/id-sync.md).
 */
import * as assert from 'node:assert/strict';
import { previewOverlay, rows, MIXED, BY_AGE } from './_ad-platforms-helpers';

const SLUG = 'pinterest-audiences';
const undocumented = (key: string) => `"${key}" is not a documented key of Pinterest Audiences: sent as provided; if the destination does not have it, events may not be delivered`;

describe(`preview: ${SLUG}`, () => {
  const entries = [
    { externalId: 'email', strategy: 'all', mapTo: 'email' },
    { externalId: 'ios.idfa', strategy: 'last', mapTo: 'ios_idfa' },
  ];

  it('values are shown as provided (no invented hashing); ios.idfa needs Send Mobile IDs', () => {
    const p = previewOverlay(SLUG, { idSyncConfiguration: entries }, MIXED);
    assert.deepEqual(rows(p), [
      { externalId: 'email', key: 'email', values: BY_AGE.email, sent: BY_AGE.email, skipped: null },
      {
        externalId: 'ios.idfa',
        key: 'ios_idfa',
        values: [],
        sent: [],
        skipped: 'ios.idfa is a mobile advertising id: Segment sends it only when Send Mobile IDs is on (connectionSettings.sendMobileIds: true)',
      },
    ]);
    assert.deepEqual(p.identifiers[0].notes, [undocumented('email')]);
  });

  it('with Send Mobile IDs on, the IDFA is shown as provided', () => {
    const p = previewOverlay(SLUG, { connectionSettings: { sendMobileIds: true }, idSyncConfiguration: entries }, MIXED);
    assert.deepEqual(rows(p)[1], { externalId: 'ios.idfa', key: 'ios_idfa', values: BY_AGE['ios.idfa'], sent: BY_AGE['ios.idfa'], skipped: null });
    assert.deepEqual(p.identifiers[1].notes, [undocumented('ios_idfa')]);
  });
});
