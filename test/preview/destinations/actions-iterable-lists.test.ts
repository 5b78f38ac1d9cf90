/**
 * Iterable Lists and Iterable Lists (Actions): what the list subscribe API receives as email.
 * Independent implementation of action-destinations
 * packages/destination-actions/src/destinations/iterable-lists/syncAudience/iterable-client.ts (processPayload)
 * and packages/destination-actions/src/destinations/iterable-audiences/syncAudience/functions.ts (send):
 * the email field is copied into the subscriber as given.
 */
import * as assert from 'node:assert/strict';
import { PROFILE, byAge, previewWith, sent } from './marketing-helpers';

const iterableEmail = (v: string): string => v;

for (const slug of ['actions-iterable-lists', 'actions-iterable-audiences']) {
  describe(`preview: ${slug} overlay`, () => {
    it('emails are sent unchanged: case, spaces, dots, plus tags and digests kept', () => {
      const p = previewWith(slug, [{ externalId: 'email', strategy: 'all', mapTo: 'email' }], PROFILE);
      const row = p.identifiers[0];
      assert.deepEqual(sent(row), byAge('email').map((v) => [v, iterableEmail(v)]));
      assert.equal(row.values.length, 5);
      assert.equal(row.values[4].sent, ' Jane.Doe+News@GMail.com ');
      assert.ok(row.values.every((v) => v.transform === 'as-is' && v.notes.length === 0));
      assert.equal(p.events, 5);
    });

    it('last sends the newest email by created_at (offsets and fractions count)', () => {
      const p = previewWith(slug, [{ externalId: 'email', strategy: 'last', mapTo: 'email' }], PROFILE);
      assert.deepEqual(sent(p.identifiers[0]), [[' Jane.Doe+News@GMail.com ', ' Jane.Doe+News@GMail.com ']]);
      const first = previewWith(slug, [{ externalId: 'email', strategy: 'first', mapTo: 'email' }], PROFILE);
      assert.deepEqual(sent(first.identifiers[0]), [['j.o.h.n.smith@gmail.com', 'j.o.h.n.smith@gmail.com']]);
    });
  });
}

describe('preview: Iterable Lists default setup', () => {
  it('sends every email value (documented default identifier)', () => {
    const p = previewWith('actions-iterable-lists', undefined, PROFILE, { setup: 'default' });
    assert.equal(p.identifiers[0].externalId, 'email');
    assert.deepEqual(sent(p.identifiers[0]), byAge('email').map((v) => [v, iterableEmail(v)]));
  });
});
