/**
 * Microsoft Bing Ads Audiences (identifier type Email): computed by an independent implementation of
 * action-destinations packages/destination-actions/src/destinations/ms-bing-ads-audiences/utils.ts (hashEmail)
 * and packages/destination-actions/src/lib/hashing-utils.ts (processHashing).
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { previewOverlay, rows, expectRow, MIXED, BY_AGE } from './_ad-platforms-helpers';

const SLUG = 'actions-ms-bing-ads-audiences';

function hashEmail(raw: string): string | null {
  if (raw.trim() === '') return null;
  if (raw.length === 64 && /^[0-9a-f]+$/i.test(raw)) return raw;
  return createHash('sha256').update(raw.trim().toLowerCase()).digest('hex');
}

describe(`preview: ${SLUG}`, () => {
  it('emails are trimmed, lower-cased and hashed; digests of either case pass through unchanged', () => {
    const p = previewOverlay(SLUG, { idSyncConfiguration: [{ externalId: 'email', strategy: 'all', mapTo: 'email' }, { externalId: 'email', strategy: 'last', mapTo: 'email' }] }, MIXED);
    assert.deepEqual(rows(p), [expectRow('email', 'email', BY_AGE.email, hashEmail), expectRow('email', 'email', ['  Jane.Doe+Ads@GMail.com '], hashEmail)]);
    assert.equal(p.identifiers[0].values[5].normalized, 'jane.doe+ads@gmail.com');
    assert.equal(p.identifiers[0].values[3].sent, '8C87B489CE35CF2E2F39F80E282CB2E804932A56A213983EEEB428407D43B52D');
  });
});
