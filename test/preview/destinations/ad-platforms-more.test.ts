/**
 * Preview assertions for the ad-platform overlays without a table test of their own (MNTN, Rokt
 * Audiences, Rokt CAPI, Vibe, Youappi, Delivr AI, and the keyless Snapchat (classic), LiveIntent and
 * Google Data Manager). Each expected value comes from an independent implementation, written here,
 * of the destination's code (file and function cited per block), with node:crypto.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { previewOverlay, rows, expectRow, MIXED, BY_AGE, overlay } from './_ad-platforms-helpers';

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');
const isHex = (v: string, n: number) => v.length === n && /^[0-9a-f]+$/i.test(v);

/** ajv-formats' full email format (action-destinations packages/core/src/schema-validation.ts adds it), applied to the field as mapped. */
const AJV_EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

describe('preview: actions-mntn-audiences', () => {
  // mntn-audiences/syncAudience/functions.ts (buildIdentity): email lower-cased and trimmed, phone digits
  // only, each sent raw and as processHashing(normalised, 'sha256', 'hex'); maid trimmed.
  it('email (valid as provided) and phone are normalised and hashed; the normalised value is also sent; MAID trimmed', () => {
    const p = previewOverlay(
      'actions-mntn-audiences',
      {
        connectionSettings: { sendMobileIds: true },
        idSyncConfiguration: [
          { externalId: 'email', strategy: 'all', mapTo: 'email' },
          { externalId: 'phone', strategy: 'all', mapTo: 'phone' },
          { externalId: 'ios.idfa', strategy: 'last', mapTo: 'advertisingId' },
        ],
      },
      [...MIXED, { type: 'phone', id: '+ - ()', created_at: '2025-01-01T00:00:00Z' }],
    );
    const email = (v: string) => (AJV_EMAIL.test(v) ? sha256(v.toLowerCase().trim()) : null);
    const phone = (v: string) => {
      const digits = [...v].filter((c) => c >= '0' && c <= '9').join('');
      return digits === '' ? null : isHex(digits, 64) ? digits : sha256(digits);
    };
    assert.deepEqual(rows(p), [
      expectRow('email', 'email', BY_AGE.email, email),
      expectRow('phone', 'phone', [...BY_AGE.phone, '+ - ()'], phone),
      expectRow('ios.idfa', 'advertisingId', BY_AGE['ios.idfa'], (v) => v.trim()),
    ]);
    // Only the two plain addresses without surrounding spaces pass the email format.
    assert.deepEqual(p.identifiers[0].values.map((v) => v.sent === null), [true, false, false, true, true, true]);
    assert.equal(p.identifiers[0].values[2].normalized, 'sam.smith@example.org');
    assert.deepEqual(p.identifiers[1].values[2].notes, ['also sent unhashed (normalised)']);
    assert.equal(p.identifiers[1].values[2].normalized, '442079460958');
  });
});

describe('preview: actions-rokt-audiences', () => {
  // rokt-audiences/upsertCustomAudiences/custom-audience-operations.ts (getCustomAudienceOperations): p.email
  // pushed as it is; the field's format email refuses invalid values.
  it('email is sent as provided, only when valid as provided', () => {
    const p = previewOverlay('actions-rokt-audiences', { idSyncConfiguration: [{ externalId: 'email', strategy: 'all', mapTo: 'email' }] }, MIXED);
    assert.deepEqual(rows(p), [expectRow('email', 'email', BY_AGE.email, (v) => (AJV_EMAIL.test(v) ? v : null))]);
    assert.equal(p.identifiers[0].values[2].sent, 'Sam.Smith@Example.ORG');
  });
});

describe('preview: actions-rokt-capi', () => {
  // rokt-capi/send/functions.ts (buildJSONItem, trimmed, maybeHash): trimmed; a 64-hex value is sent as it
  // is; otherwise cleaned (email: toLocaleLowerCase().trim(); mobile: trim()) and hashed only when the
  // Hash Email / Hash Mobile Number field is true.
  const maybeHash = (v: string, hash: boolean, clean: (s: string) => string): string | null => {
    const t = v.trim();
    if (t === '') return null;
    if (isHex(t, 64)) return t;
    return hash ? sha256(clean(t)) : clean(t);
  };
  const lower = (s: string) => s.toLowerCase().trim();
  const trim = (s: string) => s.trim();
  const extra = [
    { type: 'email', id: ' 8C87B489CE35CF2E2F39F80E282CB2E804932A56A213983EEEB428407D43B52D ', created_at: '2025-01-01T00:00:00Z' },
    { type: 'phone', id: ' +1 (202) 309-5976 ', created_at: '2025-01-01T00:00:00Z' },
  ];
  const config = (settings: Record<string, boolean>) => ({
    connectionSettings: settings,
    idSyncConfiguration: [
      { externalId: 'email', strategy: 'all', mapTo: 'email' },
      { externalId: 'phone', strategy: 'all', mapTo: 'phone' },
    ],
  });

  it('defaults (Hash Email and Hash Mobile Number off): email lower-cased and trimmed, phone trimmed, digests unchanged', () => {
    const p = previewOverlay('actions-rokt-capi', config({}), [...MIXED, ...extra]);
    assert.deepEqual(rows(p), [
      expectRow('email', 'email', [...BY_AGE.email, extra[0].id], (v) => maybeHash(v, false, lower)),
      expectRow('phone', 'phone', [...BY_AGE.phone, extra[1].id], (v) => maybeHash(v, false, trim)),
    ]);
    assert.equal(p.identifiers[0].values[6].sent, '8C87B489CE35CF2E2F39F80E282CB2E804932A56A213983EEEB428407D43B52D');
  });

  it('hashEmail and hashMobile on: SHA-256 of the cleaned value; a trimmed 64-hex value is still sent as it is', () => {
    const p = previewOverlay('actions-rokt-capi', config({ hashEmail: true, hashMobile: true }), [...MIXED, ...extra]);
    assert.deepEqual(rows(p), [
      expectRow('email', 'email', [...BY_AGE.email, extra[0].id], (v) => maybeHash(v, true, lower)),
      expectRow('phone', 'phone', [...BY_AGE.phone, extra[1].id], (v) => maybeHash(v, true, trim)),
    ]);
    assert.equal(p.identifiers[0].values[5].sent, sha256('jane.doe+ads@gmail.com'));
    assert.equal(p.identifiers[1].values[6].sent, sha256('+1 (202) 309-5976'));
  });
});

describe('preview: actions-vibe-audience', () => {
  // vibe-audience/functions.ts (syncAudience): email and personal_information sent as they are; the email
  // field is required with format email.
  it('email is sent as provided when valid as provided; phone as provided', () => {
    const p = previewOverlay(
      'actions-vibe-audience',
      { idSyncConfiguration: [{ externalId: 'email', strategy: 'all', mapTo: 'email' }, { externalId: 'phone', strategy: 'last', mapTo: 'phone' }] },
      MIXED,
    );
    assert.deepEqual(rows(p), [
      expectRow('email', 'email', BY_AGE.email, (v) => (AJV_EMAIL.test(v) ? v : null)),
      expectRow('phone', 'phone', ['ab2e885e8213b2fbb894c6da2936ada8ef712c1c31762cc937dcb81172278932'], (v) => v),
    ]);
  });
});

describe('preview: actions-youappi-audience', () => {
  // youappi-audiences/sync/functions.ts (getIds): idfa and gaid sent as they are.
  it('IDFA and GAID are sent unchanged', () => {
    const p = previewOverlay(
      'actions-youappi-audience',
      { connectionSettings: { sendMobileIds: true }, idSyncConfiguration: [{ externalId: 'ios.idfa', strategy: 'last', mapTo: 'idfa' }, { externalId: 'android.idfa', strategy: 'last', mapTo: 'gaid' }] },
      MIXED,
    );
    assert.deepEqual(rows(p), [
      expectRow('ios.idfa', 'idfa', ['AEBE52E7-03EE-455A-B3C4-E57283966239'], (v) => v),
      expectRow('android.idfa', 'gaid', ['cdda802e-fb9c-47ad-9866-0794d394c912'], (v) => v),
    ]);
  });
});

describe('preview: actions-delivrai-audiences', () => {
  // delivrai-activate/utils-rt.ts (gen_update_segment_payload: processHashing(email.toLowerCase(), 'sha256',
  // 'hex'); validate_phone: digits only, 1 to 15 of them, '+' prepended, unhashed).
  it('email lower-cased (not trimmed) and hashed, lower-cased digests pass; phone digits with + when 1-15 digits', () => {
    const p = previewOverlay(
      'actions-delivrai-audiences',
      { idSyncConfiguration: [{ externalId: 'email', strategy: 'all', mapTo: 'email' }, { externalId: 'phone', strategy: 'all', mapTo: 'phone' }] },
      [...MIXED, { type: 'phone', id: '+1 234 567 890 123 456', created_at: '2025-01-01T00:00:00Z' }],
    );
    const email = (v: string) => {
      if (v.trim() === '') return null;
      const l = v.toLowerCase();
      return isHex(l, 64) ? l : sha256(l);
    };
    const phone = (v: string) => {
      const d = v.split('').filter((c) => '0123456789'.includes(c)).join('');
      return d.length >= 1 && d.length <= 15 ? `+${d}` : null;
    };
    assert.deepEqual(rows(p), [
      expectRow('email', 'email', BY_AGE.email, email),
      expectRow('phone', 'phone', [...BY_AGE.phone, '+1 234 567 890 123 456'], phone),
    ]);
    assert.equal(p.identifiers[0].values[3].sent, '8c87b489ce35cf2e2f39f80e282cb2e804932a56a213983eeeb428407d43b52d');
    assert.equal(p.identifiers[0].values[5].sent, sha256('  jane.doe+ads@gmail.com '));
    assert.deepEqual(p.identifiers[1].values.map((v) => v.sent).slice(0, 3), ['+12023095976', '+00442079460958', '+442079460958']);
    assert.equal(p.identifiers[1].values[6].sent, null);
  });
});

describe('keyless ad-platform overlays', () => {
  it('snapchat-audiences, liveintent-audiences and actions-google-data-manager list no keys, each with a sourced note', () => {
    for (const slug of ['snapchat-audiences', 'liveintent-audiences', 'actions-google-data-manager']) {
      const o = overlay(slug);
      assert.deepEqual(o.keys, {}, slug);
      assert.ok((o.note ?? '').length > 40, `${slug}: note`);
      assert.ok((o.notes ?? []).length >= 2, `${slug}: notes`);
    }
    assert.equal(overlay('snapchat-audiences').kind, 'list');
    assert.match(overlay('actions-google-data-manager').notes?.[0].source ?? '', /google-data-manager\/ingest\/index\.ts/);
  });

  it('a keyless overlay previews values as provided', () => {
    const p = previewOverlay('snapchat-audiences', { idSyncConfiguration: [{ externalId: 'email', strategy: 'last', mapTo: 'email' }] }, MIXED);
    assert.deepEqual(rows(p), [{ externalId: 'email', key: 'email', values: ['  Jane.Doe+Ads@GMail.com '], sent: ['  Jane.Doe+Ads@GMail.com '], skipped: null }]);
  });
});
