/**
 * Dynamic Yield by Mastercard Audiences: what the membership-change request carries.
 * Independent implementation of action-destinations
 * packages/destination-actions/src/destinations/dynamic-yield-audiences/syncAudience/index.ts (perform) and
 * helpers.ts (hashAndEncode = processHashing(value, 'sha256', 'hex') of src/lib/hashing-utils.ts):
 * identifier_type "email": a value of 64 hex digits (any case) is sent as is, otherwise SHA-256 hex
 * of the untouched value; any other identifier_type: the value of that key, raw.
 */
import * as assert from 'node:assert/strict';
import { PROFILE, byAge, overlay, previewWith, sent, sha256 } from './marketing-helpers';

const SLUG = 'actions-dynamic-yield-audiences';

function dyEmail(v: string): string {
  if (v.trim() === '') return '';
  if (v.length === 64 && /^[a-f0-9]{64}$/i.test(v)) return v;
  return sha256(v);
}
const dyRaw = (v: string): string => v;

describe('preview: Dynamic Yield by Mastercard Audiences overlay', () => {
  it('email (identifier_type "email"): SHA-256 of the untouched value; digests of either case pass through', () => {
    const p = previewWith(SLUG, [{ externalId: 'email', strategy: 'all', mapTo: 'email' }], PROFILE, {
      connectionSettings: { identifier_type: 'email', audience_name: 'VIP' },
    });
    const row = p.identifiers[0];
    assert.deepEqual(sent(row), byAge('email').map((v) => [v, dyEmail(v)]));
    // The padded, mixed-case address is hashed as it is: not the digest of its cleaned form.
    const padded = row.values.find((v) => v.raw === ' Jane.Doe+News@GMail.com ')!;
    assert.equal(padded.sent, sha256(' Jane.Doe+News@GMail.com '));
    assert.notEqual(padded.sent, sha256('jane.doe+news@gmail.com'));
    assert.deepEqual(
      row.values.map((v) => v.transform),
      ['sha256', 'passed-through', 'sha256', 'passed-through', 'sha256'],
    );
    assert.equal(row.values[3].sent, sha256('jane@example.com').toUpperCase());
  });

  it('a custom identifier is sent raw under the key named by identifier_type', () => {
    const p = previewWith(SLUG, [{ externalId: 'braze_device_id', strategy: 'last', mapTo: 'dy_device' }], PROFILE, {
      connectionSettings: { identifier_type: 'dy_device' },
    });
    assert.deepEqual(sent(p.identifiers[0]), [[' DEV-42 ', dyRaw(' DEV-42 ')]]);
  });

  it('identifier_type is matched as the code matches it (case and underscores ignored): "E_mail" selects email', () => {
    // perform: identifier_type.toLowerCase().replace(/_/g, '') === 'email' picks the email branch, so
    // the key named by a custom identifier type is not the primary identifier then.
    for (const written of ['email', 'E_mail', 'EMAIL']) {
      const p = previewWith(SLUG, [
        { externalId: 'email', strategy: 'last', mapTo: 'email' },
        { externalId: 'braze_device_id', strategy: 'last', mapTo: 'dy_device' },
      ], PROFILE, { connectionSettings: { identifier_type: written } });
      assert.deepEqual(sent(p.identifiers[0]), byAge('email').slice(-1).map((v) => [v, dyEmail(v)]), written);
      assert.equal(
        p.identifiers[1].skipped,
        `the list's External ID Type is "${written}" (connectionSettings.identifier_type): Dynamic Yield By Mastercard Audiences matches it on email, so dy_device is not sent`,
      );
    }
  });

  it('records the identifier_type rule as data', () => {
    const o = overlay(SLUG);
    assert.deepEqual(o.listKeyTypeSetting?.values, { email: ['email'], userId: [], anonymousId: [] });
    assert.equal(o.listKeyTypeSetting?.setting, 'identifier_type');
    assert.ok(o.connectionSettings?.identifier_type);
  });
});
