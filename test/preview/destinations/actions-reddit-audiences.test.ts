/**
 * Reddit Audiences (Actions), syncAudience: what Reddit receives, computed by an independent
 * implementation of action-destinations
 * packages/destination-actions/src/destinations/reddit-audiences/syncAudience/functions.ts
 * (cleanPayloads: ensureHashed on the raw value, else hashEmail / SHA-256 of the raw IDFA;
 * ensureHashed; hashEmail; canonicalizeEmail).
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { rows, expectRow, MIXED, BY_AGE } from './_ad-platforms-helpers';
import { previewBuiltin, sha256, later } from './_builtin-helpers';

const SLUG = 'actions-reddit-audiences';

/** ensureHashed: /^[a-f0-9]{64}$/i on the raw value. */
const ensureHashed = (v: string): boolean => /^[a-f0-9]{64}$/i.test(v);

/**
 * canonicalizeEmail: split on '@'; the first part loses its dots, then everything from its first '+',
 * and is lower-cased; the second part is lower-cased; parts after a second '@' are lost. Without an
 * '@' the second part is undefined and the code throws (null: not sent).
 */
function canonicalizeEmail(v: string): string | null {
  const parts = v.split('@');
  if (parts[1] === undefined) return null;
  const local = parts[0].replace(/\./g, '').split('+')[0];
  return `${local.toLowerCase()}@${parts[1].toLowerCase()}`;
}
function email(raw: string): string | null {
  if (ensureHashed(raw)) return raw;
  const c = canonicalizeEmail(raw);
  return c === null ? null : createHash('sha256').update(c).digest('hex');
}
const idfa = (raw: string): string => (ensureHashed(raw) ? raw : createHash('sha256').update(raw).digest('hex'));

const EXTRA = [
  { type: 'email', id: 'A.B+x@c@D.com', created_at: later(0) },
  { type: 'email', id: 'x+y.z@Example.COM', created_at: later(1) },
];

describe(`preview: ${SLUG} (built-in catalog)`, () => {
  it('all: email canonicalised (local dots, +tag, lower-case; no trim) then SHA-256; no @ is dropped; IDFAs SHA-256 as provided', () => {
    const p = previewBuiltin(
      SLUG,
      {
        connectionSettings: { sendMobileIds: true },
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'all', mapTo: 'email' },
          { externalId: 'ios.idfa', strategy: 'all', mapTo: 'ios_idfa' },
          { externalId: 'android.idfa', strategy: 'last', mapTo: 'android_idfa' },
        ],
      },
      [...MIXED, ...EXTRA],
    );
    assert.deepEqual(rows(p), [
      expectRow('email', 'email', [...BY_AGE.email, 'A.B+x@c@D.com', 'x+y.z@Example.COM'], email),
      expectRow('ios.idfa', 'ios_idfa', BY_AGE['ios.idfa'], idfa),
      expectRow('android.idfa', 'android_idfa', BY_AGE['android.idfa'], idfa),
    ]);
    // Written out by hand.
    assert.equal(p.identifiers[0].values[0].sent, null, 'no @: canonicalizeEmail throws');
    assert.equal(p.identifiers[0].values[1].sent, sha256('joe@googlemail.com'));
    assert.equal(p.identifiers[0].values[2].sent, sha256('samsmith@example.org'));
    assert.equal(p.identifiers[0].values[3].sent, '8C87B489CE35CF2E2F39F80E282CB2E804932A56A213983EEEB428407D43B52D');
    assert.equal(p.identifiers[0].values[5].sent, sha256('  janedoe@gmail.com '));
    assert.equal(p.identifiers[0].values[6].sent, sha256('ab@c'));
    assert.equal(p.identifiers[0].values[7].sent, sha256('x@example.com'));
    assert.equal(p.identifiers[1].values[0].sent, sha256('AEBE52E7-03EE-455A-B3C4-E57283966239'));
    assert.equal(p.events, 7 + 1 + 1);
  });

  it('first and last; Default Setup sends every email', () => {
    const p = previewBuiltin(
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
      { externalId: 'email', key: 'email', values: ['not-an-email'], sent: [null], skipped: "no email value survives the destination's normalisation" },
      expectRow('email', 'email', ['  Jane.Doe+Ads@GMail.com '], email),
    ]);
    assert.equal(p.events, 1);
    const d = previewBuiltin(SLUG, { setup: 'default' }, MIXED);
    assert.deepEqual(rows(d)[0], expectRow('email', 'email', BY_AGE.email, email));
    assert.equal(d.events, 5);
  });
});
