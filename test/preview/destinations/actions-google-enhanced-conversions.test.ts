/**
 * Google Ads Conversions, Customer Match User List (userList): what the list receives, computed by
 * an independent implementation of action-destinations
 * packages/destination-actions/src/destinations/google-enhanced-conversions/functions.ts
 * (createIdentifierExtractors, commonEmailValidation, formatPhone, formatToE164) and
 * packages/destination-actions/src/lib/hashing-utils.ts (processHashing).
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { previewOverlay, rows, expectRow, MIXED, BY_AGE } from './_ad-platforms-helpers';

const SLUG = 'actions-google-enhanced-conversions';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const HEX64 = /^[a-f0-9]{64}$/i;
// ajv-formats fullFormats.email, the validator commonEmailValidation uses.
const AJV_EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/** processHashing: blank -> nothing; a raw SHA-256 hex digest -> as it is; else clean then hash. */
function processHashing(raw: string, clean: (v: string) => string | null): string | null {
  if (raw.trim() === '') return null;
  if (raw.length === 64 && HEX64.test(raw)) return raw;
  const cleaned = clean(raw);
  return cleaned === null ? null : sha256(cleaned);
}

/** commonEmailValidation; null where it throws (the payload is refused). */
function email(raw: string): string | null {
  let e = raw.toLowerCase().trim();
  const parts = e.split('@');
  if (parts.length > 1 && /^(gmail|googlemail).s*/.test(parts[1])) {
    const i = parts[0].indexOf('.');
    const local = i < 0 ? parts[0] : parts[0].slice(0, i) + parts[0].slice(i + 1);
    e = `${local}@${parts[1]}`;
  }
  return AJV_EMAIL.test(e) ? e : null;
}

/** formatPhone with phone_country_code unset ('+1') and the libphonenumber flag off. */
function phone(raw: string): string {
  if (/[0-9abcdef]{64}/i.test(raw)) return raw;
  const digits = raw.replace(/\D/g, '');
  const withCode = digits.startsWith('1') ? digits : '1' + digits;
  return withCode.startsWith('+') ? withCode : '+' + withCode;
}

describe(`preview: ${SLUG} (Customer Match User List)`, () => {
  it('email, phone and CRM ID rows receive what the userList code sends', () => {
    const p = previewOverlay(
      SLUG,
      {
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'all', mapTo: 'email' },
          { externalId: 'phone', strategy: 'all', mapTo: 'phone' },
          { externalId: 'user_id', strategy: 'last', mapTo: 'crm_id' },
        ],
      },
      MIXED,
    );
    assert.deepEqual(rows(p), [
      expectRow('email', 'email', BY_AGE.email, (v) => processHashing(v, email)),
      expectRow('phone', 'phone', BY_AGE.phone, (v) => processHashing(v, phone)),
      expectRow('user_id', 'crm_id', BY_AGE.user_id, (v) => v.trim()),
    ]);
    // Spot checks written out: the gmail rule drops only the first dot; +1 lands in front of a UK number.
    const sent = p.identifiers[0].values.map((v) => v.normalized);
    assert.deepEqual(sent, [undefined, 'jo.e@googlemail.com', 'sam.smith@example.org', undefined, undefined, 'janedoe+ads@gmail.com']);
    assert.deepEqual(
      p.identifiers[1].values.map((v) => v.normalized),
      ['+12023095976', '+100442079460958', '+1442079460958', '+12023095976', '+102079460958', undefined],
    );
    assert.equal(p.events, 6 + 5 + 1 - 1 + 1);
  });

  it('first and last pick the oldest and newest email by created_at', () => {
    const p = previewOverlay(
      SLUG,
      {
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'first', mapTo: 'email' },
          { externalId: 'email', strategy: 'last', mapTo: 'email' },
        ],
      },
      MIXED,
    );
    assert.deepEqual(rows(p), [
      expectRow('email', 'email', ['not-an-email'], (v) => processHashing(v, email)),
      expectRow('email', 'email', ['  Jane.Doe+Ads@GMail.com '], (v) => processHashing(v, email)),
    ]);
    assert.equal(rows(p)[0].skipped, "no email value survives the destination's normalisation");
  });

  it('a phone containing 64 hex digits is hashed as it is; a blank phone sends nothing', () => {
    const hex = 'AB2E885E8213B2FBB894C6DA2936ADA8EF712C1C31762CC937DCB81172278932';
    const ids = [
      { type: 'phone', id: ` ${hex}`, created_at: '2020-01-01T00:00:00Z' },
      { type: 'phone', id: '   ', created_at: '2020-01-02T00:00:00Z' },
      { type: 'phone', id: '+1 (415) 555-0100', created_at: '2020-01-03T00:00:00Z' },
    ];
    const p = previewOverlay(SLUG, { idSyncConfiguration: [{ externalId: 'phone', strategy: 'all', mapTo: 'phone' }] }, ids);
    assert.deepEqual(rows(p), [expectRow('phone', 'phone', [` ${hex}`, '   ', '+1 (415) 555-0100'], (v) => processHashing(v, phone))]);
    assert.equal(p.identifiers[0].values[0].sent, sha256(` ${hex}`));
    assert.equal(p.identifiers[0].values[1].sent, null);
  });
});
