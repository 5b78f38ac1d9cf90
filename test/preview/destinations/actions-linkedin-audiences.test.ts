/**
 * LinkedIn Audiences (Actions), updateAudience: what LinkedIn receives, computed by an independent
 * implementation of action-destinations
 * packages/destination-actions/src/destinations/linkedin-audiences/updateAudience/functions.ts
 * (getUserIds: SHA256_EMAIL = processHashing(payload.email, 'sha256', 'hex'), no clean-up) and
 * packages/destination-actions/src/lib/hashing-utils.ts (processHashing).
 */
import * as assert from 'node:assert/strict';
import { rows, expectRow, MIXED, BY_AGE } from './_ad-platforms-helpers';
import { previewBuiltin, processHashing, sha256, later } from './_builtin-helpers';

const SLUG = 'actions-linkedin-audiences';

/** getUserIds: the raw email to processHashing; its '' (a blank value) sends no usable id. */
const email = (raw: string): string | null => processHashing(raw) || null;

describe(`preview: ${SLUG} (built-in catalog)`, () => {
  it('all: every email SHA-256 as provided (no trim, no lower-case), digests of either case pass through', () => {
    const p = previewBuiltin(SLUG, { idSyncConfiguration: [{ externalId: 'email', strategy: 'all', mapTo: 'email' }] }, [
      ...MIXED,
      { type: 'email', id: '   ', created_at: later(0) },
    ]);
    assert.deepEqual(rows(p), [expectRow('email', 'email', [...BY_AGE.email, '   '], email)]);
    assert.equal(p.identifiers[0].values[2].sent, sha256('Sam.Smith@Example.ORG'));
    assert.equal(p.identifiers[0].values[3].sent, '8C87B489CE35CF2E2F39F80E282CB2E804932A56A213983EEEB428407D43B52D');
    assert.equal(p.identifiers[0].values[5].sent, sha256('  Jane.Doe+Ads@GMail.com '));
    assert.equal(p.identifiers[0].values[6].sent, null, 'a blank email: processHashing returns "", no usable id');
    assert.equal(p.events, 6);
  });

  it('first and last; a key LinkedIn does not read is shown as provided with a warning note', () => {
    const p = previewBuiltin(
      SLUG,
      {
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'first', mapTo: 'email' },
          { externalId: 'email', strategy: 'last', mapTo: 'email' },
          { externalId: 'phone', strategy: 'last', mapTo: 'phone' },
        ],
      },
      MIXED,
    );
    assert.deepEqual(rows(p), [
      expectRow('email', 'email', ['not-an-email'], email),
      expectRow('email', 'email', ['  Jane.Doe+Ads@GMail.com '], email),
      { externalId: 'phone', key: 'phone', values: [BY_AGE.phone[5]], sent: [BY_AGE.phone[5]], skipped: null },
    ]);
    assert.deepEqual(p.identifiers[2].notes, [
      '"phone" is not a documented key of LinkedIn Audiences: sent as provided; if the destination does not have it, events may not be delivered',
    ]);
    assert.equal(p.events, 3);
  });
});
