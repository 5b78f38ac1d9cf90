/**
 * Klaviyo (Actions): what the Add Profile To List action receives for each ID Sync value.
 * Independent implementation of action-destinations
 * packages/destination-actions/src/destinations/klaviyo/functions.ts:
 * - validateEmail: EMAIL_REGEX /^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$/, the value itself is sent;
 * - validateAndConvertPhoneNumber without a country code: only /^\+[1-9]\d{1,14}$/ passes, unchanged;
 * - validateExternalId: at most 255 characters (MAX_EXTERNAL_ID_LENGTH, config.ts).
 */
import * as assert from 'node:assert/strict';
import { PROFILE, byAge, previewWith, sent } from './marketing-helpers';

const SLUG = 'actions-klaviyo';

function klaviyoEmail(v: string): string | null {
  return /^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$/.test(v) ? v : null;
}
function klaviyoPhone(v: string): string | null {
  return /^\+[1-9]\d{1,14}$/.test(v) ? v : null;
}
function klaviyoExternalId(v: string): string | null {
  return v.length <= 255 ? v : null;
}

describe('preview: Klaviyo (Actions) overlay', () => {
  it('emails: sent unchanged when they pass Klaviyo\'s email check, dropped otherwise', () => {
    const p = previewWith(SLUG, [{ externalId: 'email', strategy: 'all', mapTo: 'email' }], PROFILE);
    const row = p.identifiers[0];
    const expected = byAge('email').map((v) => [v, klaviyoEmail(v)] as [string, string | null]);
    assert.deepEqual(sent(row), expected);
    // Only the plain gmail address survives: the padded one, the digests and bob@example fail the check.
    assert.deepEqual(expected.filter(([, s]) => s !== null), [['j.o.h.n.smith@gmail.com', 'j.o.h.n.smith@gmail.com']]);
    assert.equal(row.events, 1);
    assert.equal(p.events, 1);
    assert.deepEqual(row.values[0].notes, []);
    assert.deepEqual(row.values[1].notes, ["fails Klaviyo's email check (EMAIL_REGEX), the event is rejected: not sent"]);
  });

  it('phones: only E.164 values are accepted without a Country Code', () => {
    const p = previewWith(SLUG, [{ externalId: 'phone', strategy: 'all', mapTo: 'phone' }], PROFILE);
    const expected = byAge('phone').map((v) => [v, klaviyoPhone(v)] as [string, string | null]);
    assert.deepEqual(sent(p.identifiers[0]), expected);
    assert.deepEqual(expected.filter(([, s]) => s !== null).map(([r]) => r), ['+12023095976']);
    assert.equal(p.identifiers[0].events, 1);
  });

  it('last/first pick by created_at; a rejected newest email sends nothing', () => {
    const p = previewWith(
      SLUG,
      [
        { externalId: 'email', strategy: 'last', mapTo: 'email' },
        { externalId: 'phone', strategy: 'first', mapTo: 'phone' },
        { externalId: 'user_id', strategy: 'last', mapTo: 'external_id' },
      ],
      PROFILE,
    );
    const [email, phone, user] = p.identifiers;
    assert.deepEqual(sent(email), [[' Jane.Doe+News@GMail.com ', klaviyoEmail(' Jane.Doe+News@GMail.com ')]]);
    assert.equal(email.skipped, 'no email value survives the destination\'s normalisation');
    assert.deepEqual(sent(phone), [['+44 20 7946 0958', null]]);
    assert.deepEqual(sent(user), [['u-1001', klaviyoExternalId('u-1001')]]);
    assert.equal(p.events, 1);
  });

  it('an external id over 255 characters is rejected', () => {
    const long = 'x'.repeat(256);
    const p = previewWith(SLUG, [{ externalId: 'user_id', strategy: 'all', mapTo: 'external_id' }], [
      { type: 'user_id', id: long },
      { type: 'user_id', id: 'y'.repeat(255) },
    ]);
    assert.deepEqual(sent(p.identifiers[0]), [
      [long, klaviyoExternalId(long)],
      ['y'.repeat(255), 'y'.repeat(255)],
    ]);
  });
});
