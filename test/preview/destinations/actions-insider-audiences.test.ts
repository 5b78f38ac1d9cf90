/**
 * Insider Audiences: the identifiers of the upsert request.
 * Independent implementation of action-destinations
 * packages/destination-actions/src/destinations/insider-audiences/insider-helpers.ts (getIdentifiers):
 * identifiers.email = data.email and identifiers.phone_number = data.phone, as given.
 */
import * as assert from 'node:assert/strict';
import { PROFILE, byAge, previewWith, sent } from './marketing-helpers';

const SLUG = 'actions-insider-audiences';
const insiderIdentifier = (v: string): string => v;

describe('preview: Insider Audiences overlay', () => {
  it('emails and phones are sent as given: no trimming, no formatting, no hashing', () => {
    const p = previewWith(
      SLUG,
      [
        { externalId: 'email', strategy: 'all', mapTo: 'email' },
        { externalId: 'phone', strategy: 'all', mapTo: 'phone' },
      ],
      PROFILE,
    );
    const [email, phone] = p.identifiers;
    assert.deepEqual(sent(email), byAge('email').map((v) => [v, insiderIdentifier(v)]));
    assert.deepEqual(sent(phone), byAge('phone').map((v) => [v, insiderIdentifier(v)]));
    assert.deepEqual(phone.values.map((v) => v.sent), ['+44 20 7946 0958', '0044 (20) 7946-0958', '020 7946 0958', '(202) 309.5976', '+12023095976']);
    assert.equal(p.events, 10);
  });

  it('last picks the newest phone by created_at', () => {
    const p = previewWith(SLUG, [{ externalId: 'phone', strategy: 'last', mapTo: 'phone' }], PROFILE);
    assert.deepEqual(sent(p.identifiers[0]), [['+12023095976', '+12023095976']]);
  });
});
