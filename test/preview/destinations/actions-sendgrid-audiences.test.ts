/**
 * SendGrid Lists (Actions), syncAudience: what SendGrid receives, computed by an independent
 * implementation of action-destinations
 * packages/destination-actions/src/destinations/sendgrid-audiences/syncAudience/utils.ts
 * (upsertJSON: identifiers sent as provided; validatePayload: a phone_number_id failing validatePhone
 * fails the payload; validatePhone) and packages/destination-actions/src/destinations/sendgrid-audiences/constants.ts (E164_REGEX).
 */
import * as assert from 'node:assert/strict';
import { rows, expectRow, MIXED, BY_AGE } from './_ad-platforms-helpers';
import { previewBuiltin, later } from './_builtin-helpers';

const SLUG = 'actions-sendgrid-audiences';

/** validatePhone: E164_REGEX = /^\+[1-9]\d{1,14}$/ on the value as provided. */
const phone = (raw: string): string | null => (/^\+[1-9]\d{1,14}$/.test(raw) ? raw : null);
const asProvided = (raw: string): string => raw;
/** ajv-formats (full mode) email format, tested on the value as provided (no trimming). */
const AJV_FULL_EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const email = (raw: string): string | null => (AJV_FULL_EMAIL.test(raw) ? raw : null);
const MORE_EMAILS = [
  { type: 'email', id: "O'Brien@Mail.Example.co.uk", created_at: later(4) },
  { type: 'email', id: 'ops@localhost', created_at: later(5) },
  { type: 'email', id: 'a..b@example.com', created_at: later(6) },
];

const EXTRA = [
  { type: 'phone', id: '+442079460958', created_at: later(0) },
  { type: 'phone', id: '+12023095976', created_at: later(1) },
  { type: 'phone', id: '+0442079460958', created_at: later(2) },
  { type: 'anonymous_id', id: 'Anon-7F3A ', created_at: later(3) },
];

describe(`preview: ${SLUG} (built-in catalog)`, () => {
  it('all: valid emails, external id and anonymous id as provided (no hashing); only E.164 phones as provided', () => {
    const p = previewBuiltin(
      SLUG,
      {
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'all', mapTo: 'email' },
          { externalId: 'phone', strategy: 'all', mapTo: 'phone' },
          { externalId: 'user_id', strategy: 'all', mapTo: 'external_id' },
          { externalId: 'anonymous_id', strategy: 'all', mapTo: 'anonymous_id' },
        ],
      },
      [...MIXED, ...EXTRA, ...MORE_EMAILS],
    );
    assert.deepEqual(rows(p), [
      expectRow('email', 'email', [...BY_AGE.email, "O'Brien@Mail.Example.co.uk", 'ops@localhost', 'a..b@example.com'], email),
      expectRow('phone', 'phone', [...BY_AGE.phone, '+442079460958', '+12023095976', '+0442079460958'], phone),
      expectRow('user_id', 'external_id', [' U-1001 '], asProvided),
      expectRow('anonymous_id', 'anonymous_id', ['Anon-7F3A '], asProvided),
    ]);
    assert.deepEqual(p.identifiers[0].values.map((v) => v.sent), [null, 'j.o.e@googlemail.com', 'Sam.Smith@Example.ORG', null, null, null, "O'Brien@Mail.Example.co.uk", null, null]);
    assert.deepEqual(p.identifiers[1].values.map((v) => v.sent), [null, null, null, null, null, null, '+442079460958', '+12023095976', null]);
    assert.equal(p.events, 3 + 2 + 1 + 1);
  });

  it('first and last; Default Setup sends every valid email', () => {
    const p = previewBuiltin(
      SLUG,
      {
        idSyncConfiguration: [
          { externalId: 'phone', strategy: 'first', mapTo: 'phone' },
          { externalId: 'phone', strategy: 'last', mapTo: 'phone' },
          { externalId: 'email', strategy: 'last', mapTo: 'email' },
        ],
      },
      [...MIXED, ...EXTRA],
    );
    assert.deepEqual(rows(p), [
      { externalId: 'phone', key: 'phone', values: ['1-202-309-5976'], sent: [null], skipped: "no phone value survives the destination's normalisation" },
      expectRow('phone', 'phone', ['+0442079460958'], phone),
      expectRow('email', 'email', ['  Jane.Doe+Ads@GMail.com '], email),
    ]);
    assert.equal(rows(p)[2].skipped, "no email value survives the destination's normalisation");
    assert.equal(p.events, 0);
    const d = previewBuiltin(SLUG, { setup: 'default' }, MIXED);
    assert.deepEqual(rows(d)[0], expectRow('email', 'email', BY_AGE.email, email));
    assert.deepEqual(d.identifiers[0].values.map((v) => v.sent), [null, 'j.o.e@googlemail.com', 'Sam.Smith@Example.ORG', null, null, null]);
    assert.equal(d.identifiers[0].events, 2);
  });
});
