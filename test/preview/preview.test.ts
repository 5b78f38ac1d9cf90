import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { preview, fixture, config, row, SHA, FB, GADS, SNAP } from './helpers';

const JANE: [string, string] = ['jane.json', fixture('jane.profile-api.json')];
const SAM: [string, string] = ['sam.jsonc', fixture('sam.external-ids.jsonc')];

/** SHA-256 hex, computed here (not by idsync's normaliser). */
const sha256 = (v: string) => createHash('sha256').update(v, 'utf8').digest('hex');

function rows(p: ReturnType<typeof preview>, i = 0) {
  assert.equal(p.profiles[i].error, null, `profile ${i} previews`);
  return p.profiles[i].identifiers.map(row);
}

describe('preview: strategies and ordering', () => {
  // jane's emails in file order: "Jane.Doe@Example.com " (2023), jane@example.com (2021, oldest), j.doe@work.example (2022).
  it('first sends the oldest value by created_at, not the first in the file', () => {
    const p = preview(config(FB, [{ externalId: 'email', strategy: 'first', mapTo: 'EMAIL' }]), [JANE]);
    assert.deepEqual(rows(p), [
      { externalId: 'email', mapTo: 'EMAIL', strategy: 'first', values: ['jane@example.com'], sent: [SHA['jane@example.com']], skipped: null },
    ]);
    assert.equal(p.profiles[0].events, 1);
  });

  it('last sends the newest value (trimmed, lower-cased, then hashed for Facebook EMAIL)', () => {
    const p = preview(config(FB, [{ externalId: 'email', strategy: 'last', mapTo: 'EMAIL' }]), [JANE]);
    assert.deepEqual(rows(p), [
      { externalId: 'email', mapTo: 'EMAIL', strategy: 'last', values: ['Jane.Doe@Example.com '], sent: [SHA['jane.doe@example.com']], skipped: null },
    ]);
    assert.equal(p.profiles[0].identifiers[0].values[0].normalized, 'jane.doe@example.com');
  });

  it('all sends every value, oldest first, one event each', () => {
    const p = preview(config(FB, [{ externalId: 'email', strategy: 'all', mapTo: 'EMAIL' }]), [JANE]);
    assert.deepEqual(rows(p), [
      {
        externalId: 'email',
        mapTo: 'EMAIL',
        strategy: 'all',
        values: ['jane@example.com', 'j.doe@work.example', 'Jane.Doe@Example.com '],
        sent: [SHA['jane@example.com'], SHA['j.doe@work.example'], SHA['jane.doe@example.com']],
        skipped: null,
      },
    ]);
    assert.equal(p.profiles[0].identifiers[0].events, 3);
    assert.equal(p.profiles[0].events, 3);
  });

  it('events add up over entries', () => {
    const p = preview(
      config(FB, [
        { externalId: 'email', strategy: 'all', mapTo: 'EMAIL' },
        { externalId: 'user_id', strategy: 'last', mapTo: 'EXTERN_ID' },
      ]),
      [JANE],
    );
    assert.equal(p.profiles[0].events, 4);
    assert.deepEqual(rows(p)[1], { externalId: 'user_id', mapTo: 'EXTERN_ID', strategy: 'last', values: ['u-1001'], sent: ['u-1001'], skipped: null });
  });

  it('ties on created_at go by file position; undated values come after dated ones, in file order', () => {
    const p = preview(config(SNAP, [{ externalId: 'email', strategy: 'all', mapTo: 'email' }]), [['ties.json', fixture('ties.json')]]);
    const e = p.profiles[0].identifiers[0];
    // old@example.com is 2019-12-31T22:00Z (+02:00 offset), b and a tie at 2022-01-01 (b first in the file).
    assert.deepEqual(
      e.values.map((v) => v.raw),
      ['old@example.com', 'b@example.com', 'a@example.com', 'undated-1@example.com', 'undated-2@example.com'],
    );
    assert.deepEqual(e.notes, ['some email values have no created_at: they count as newer than the dated ones, in file order', "from Segment's code, not its docs"]);
    const first = preview(config(SNAP, [{ externalId: 'email', strategy: 'first', mapTo: 'email' }]), [['ties.json', fixture('ties.json')]]);
    assert.deepEqual(first.profiles[0].identifiers[0].values.map((v) => v.raw), ['old@example.com']);
  });

  it('sub-millisecond digits of created_at decide the order', () => {
    const text = JSON.stringify([
      { type: 'email', id: 'later@example.com', created_at: '2021-03-04T08:00:00.123451Z' },
      { type: 'email', id: 'earlier@example.com', created_at: '2021-03-04T08:00:00.12345Z' },
    ]);
    const p = preview(config(SNAP, [{ externalId: 'email', strategy: 'last', mapTo: 'email' }]), [['p', text]]);
    assert.deepEqual(p.profiles[0].identifiers[0].values.map((v) => v.raw), ['later@example.com']);
  });

  it('without any created_at, the file order is the age order', () => {
    const text = JSON.stringify([
      { type: 'email', id: 'a@example.com' },
      { type: 'email', id: 'b@example.com' },
    ]);
    const p = preview(config(SNAP, [{ externalId: 'email', strategy: 'last', mapTo: 'email' }]), [['p', text]]);
    assert.deepEqual(rows(p)[0].values, ['b@example.com']);
    assert.deepEqual(rows(p)[0].sent, [SHA['b@example.com']]);
    assert.deepEqual(p.profiles[0].identifiers[0].notes, ['no created_at on the email values: ordered by their position in the profile', "from Segment's code, not its docs"]);
  });
});

describe('preview: skipped entries', () => {
  it('mobile ids are not sent without Send Mobile IDs, with the reason', () => {
    const entries = [
      { externalId: 'ios.idfa', strategy: 'last', mapTo: 'MADID' },
      { externalId: 'android.idfa', strategy: 'last', mapTo: 'MADID' },
    ];
    const off = preview(config(FB, entries), [JANE]);
    assert.deepEqual(rows(off), [
      {
        externalId: 'ios.idfa',
        mapTo: 'MADID',
        strategy: 'last',
        values: [],
        sent: [],
        skipped: 'ios.idfa is a mobile advertising id: Segment sends it only when Send Mobile IDs is on (connectionSettings.sendMobileIds: true)',
      },
      {
        externalId: 'android.idfa',
        mapTo: 'MADID',
        strategy: 'last',
        values: [],
        sent: [],
        skipped: 'android.idfa is a mobile advertising id: Segment sends it only when Send Mobile IDs is on (connectionSettings.sendMobileIds: true)',
      },
    ]);
    assert.equal(off.profiles[0].events, 0);
    // With the setting on: Facebook MADID is lower-cased and not hashed.
    const on = preview(config(FB, entries, { connectionSettings: { sendMobileIds: true } }), [JANE]);
    assert.deepEqual(rows(on), [
      { externalId: 'ios.idfa', mapTo: 'MADID', strategy: 'last', values: ['6D92078A-8246-4BA4-AE5B-76104861E7DC'], sent: ['6d92078a-8246-4ba4-ae5b-76104861e7dc'], skipped: null },
      { externalId: 'android.idfa', mapTo: 'MADID', strategy: 'last', values: ['38400000-8cf0-11bd-b23e-10b96e40000d'], sent: ['38400000-8cf0-11bd-b23e-10b96e40000d'], skipped: null },
    ]);
  });

  it('a destination that ignores Send Mobile IDs (Snap) sends them anyway, hashed, and says so', () => {
    const p = preview(config(SNAP, [{ externalId: 'ios.idfa', strategy: 'last', mapTo: 'ios_idfa' }]), [JANE]);
    assert.deepEqual(rows(p), [
      {
        externalId: 'ios.idfa',
        mapTo: 'ios_idfa',
        strategy: 'last',
        values: ['6D92078A-8246-4BA4-AE5B-76104861E7DC'],
        sent: [SHA['6d92078a-8246-4ba4-ae5b-76104861e7dc']],
        skipped: null,
      },
    ]);
    assert.deepEqual(p.profiles[0].identifiers[0].notes, [
      "Send Mobile IDs is off: ios.idfa is shown as sent, as Snap Audiences (Actions)'s page says the setting can be ignored, but Segment's pages disagree (Snap's page: the Send Mobile IDs setting can be ignored; the ID Sync page: enable it to send ios.idfa); turning it on is safe either way",
      "normalisation, hashing, pass-through of hashed values: from Segment's code, not its docs",
    ]);
  });

  it('an identifier the profile lacks sends nothing', () => {
    const p = preview(config(FB, [{ externalId: 'phone', strategy: 'last', mapTo: 'PHONE' }]), [['p', '[{"type":"email","id":"a@example.com"}]']]);
    assert.deepEqual(rows(p), [{ externalId: 'phone', mapTo: 'PHONE', strategy: 'last', values: [], sent: [], skipped: 'the profile has no phone' }]);
  });

  it('meaningless entries are skipped with a reason; the others still preview', () => {
    const text = `{
      "audience": { "key": "vip" },
      "destination": { "slug": "${FB}" },
      "idSyncConfiguration": [
        { "strategy": "last", "mapTo": "EMAIL" },
        { "externalId": "email", "strategy": "Last Added", "mapTo": "EMAIL" },
        { "externalId": "email", "mapTo": "EMAIL" },
        { "externalId": "email", "strategy": "last" },
        { "externalId": "email", "strategy": "first", "mapTo": "EMAIL" }
      ]
    }`;
    const p = preview(text, [JANE]);
    assert.deepEqual(
      p.profiles[0].identifiers.map((e) => e.skipped),
      [
        'no externalId: the entry names no identifier',
        'strategy "Last Added" is not "first", "last" or "all" (did you mean "last"?): Segment would reject the entry',
        'no strategy: Segment needs "first", "last" or "all"',
        'no mapTo: Facebook Custom Audiences needs a destination key from its dropdown (e.g. "EMAIL")',
        null,
      ],
    );
    assert.deepEqual(p.profiles[0].identifiers.map((e) => e.index), [0, 1, 2, 3, 4]);
    assert.deepEqual(rows(p)[4].sent, [SHA['jane@example.com']]);
  });

  it('a free-text destination takes externalId as the key when mapTo is absent', () => {
    const p = preview(config(SNAP, [{ externalId: 'email', strategy: 'first' }]), [JANE]);
    const e = p.profiles[0].identifiers[0];
    assert.equal(e.mapTo, null);
    assert.equal(e.key, 'email');
    assert.deepEqual(e.values.map((v) => v.sent), [SHA['jane@example.com']]);
  });

  it('a key the destination does not document is sent as provided, with a note', () => {
    const p = preview(config(SNAP, [{ externalId: 'user_id', strategy: 'last', mapTo: 'external_id' }]), [JANE]);
    const e = p.profiles[0].identifiers[0];
    assert.deepEqual(e.values.map((v) => [v.raw, v.sent, v.transform]), [['u-1001', 'u-1001', 'as-is']]);
    assert.deepEqual(e.notes, [
      '"external_id" is not a documented key of Snap Audiences (Actions): sent as provided; if the destination does not have it, events may not be delivered',
    ]);
  });

  it('an unknown destination shows values as provided and says why', () => {
    const p = preview(config('my-crm-function', [{ externalId: 'email', strategy: 'last', mapTo: 'Email_Address_c' }]), [JANE]);
    assert.deepEqual(p.notes, ['Destination "my-crm-function" is in no catalog: values are shown as provided (normalisation and hashing unknown).']);
    assert.deepEqual(rows(p)[0].sent, ['Jane.Doe@Example.com ']);
  });

  it('a space destination uses its keys\' hashing', () => {
    const dest = {
      slug: 'my-crm-function',
      displayName: 'CRM',
      kind: 'function' as const,
      input: 'freeText' as const,
      source: 'test',
      keys: { email_sha: { label: 'e', description: 'e', hashing: 'sha256' as const, source: 'test' } },
    };
    const p = preview(config('my-crm-function', [{ externalId: 'email', strategy: 'first', mapTo: 'email_sha' }]), [JANE], {
      destinations: new Map([['my-crm-function', dest]]),
    });
    assert.equal(p.destination.displayName, 'CRM');
    assert.deepEqual(rows(p)[0].sent, [SHA['jane@example.com']]);
  });
});

describe('preview: what the destination receives', () => {
  it('an already hashed email passes through where the destination does smart hashing (Snap)', () => {
    const p = preview(config(SNAP, [{ externalId: 'email', strategy: 'all', mapTo: 'email' }]), [SAM]);
    const e = p.profiles[0].identifiers[0];
    assert.deepEqual(
      e.values.map((v) => [v.raw, v.sent, v.transform, v.notes]),
      [
        ['sam@example.org', SHA['sam@example.org'], 'sha256', []],
        [SHA['jane@example.com'], SHA['jane@example.com'], 'passed-through', ['already SHA-256: passed through']],
      ],
    );
  });

  it('Facebook EMAIL hashes an already hashed email again (double hash), and says so', () => {
    const p = preview(config(FB, [{ externalId: 'email', strategy: 'last', mapTo: 'EMAIL' }]), [SAM]);
    const v = p.profiles[0].identifiers[0].values[0];
    assert.equal(v.raw, SHA['jane@example.com']);
    assert.equal(v.sent, SHA['sha(jane@example.com)']);
    assert.deepEqual(v.notes, ['already SHA-256, but Facebook Custom Audiences hashes EMAIL again: the platform receives a double hash that cannot match']);
  });

  it('phones: Facebook digits only without leading zeros; Google Ads E.164; Snap like Facebook', () => {
    const fb = preview(config(FB, [{ externalId: 'phone', strategy: 'last', mapTo: 'PHONE' }]), [JANE, SAM]);
    assert.deepEqual(fb.profiles.map((p) => p.identifiers[0].values.map((v) => [v.normalized, v.sent])), [
      [['12023095976', SHA['12023095976']]],
      [['442079460958', SHA['442079460958']]],
    ]);
    const gads = preview(config(GADS, [{ externalId: 'phone', strategy: 'last', mapTo: 'phone' }]), [JANE, SAM]);
    assert.deepEqual(gads.profiles.map((p) => p.identifiers[0].values.map((v) => [v.normalized, v.sent])), [
      [['+12023095976', SHA['+12023095976']]],
      [['+442079460958', SHA['+442079460958']]],
    ]);
    const snap = preview(config(SNAP, [{ externalId: 'phone', strategy: 'last', mapTo: 'phone' }]), [SAM]);
    assert.deepEqual(snap.profiles[0].identifiers[0].values.map((v) => v.sent), [SHA['442079460958']]);
  });

  it('a value that normalises to nothing is not sent', () => {
    const p = preview(config(FB, [{ externalId: 'phone', strategy: 'all', mapTo: 'PHONE' }]), [['p', '[{"type":"phone","id":"n/a"},{"type":"phone","id":"+1 202 309 5976"}]']]);
    const e = p.profiles[0].identifiers[0];
    assert.deepEqual(e.values.map((v) => [v.raw, v.sent, v.notes]), [
      ['n/a', null, ['empty after normalisation: not sent']],
      ['+1 202 309 5976', SHA['12023095976'], []],
    ]);
    assert.equal(e.events, 1);
    assert.equal(e.skipped, null);
  });
});

describe('preview: destination limits (Google Ads: email plus one other)', () => {
  it('drops the identifiers beyond the limit in file order, and says why', () => {
    const p = preview(
      config(
        GADS,
        [
          { externalId: 'phone', strategy: 'last', mapTo: 'phone' },
          { externalId: 'email', strategy: 'all', mapTo: 'email' },
          { externalId: 'ios.idfa', strategy: 'last', mapTo: 'mobile_id' },
        ],
        { connectionSettings: { sendMobileIds: true } },
      ),
      [JANE],
    );
    assert.deepEqual(rows(p), [
      { externalId: 'phone', mapTo: 'phone', strategy: 'last', values: ['+1 (202) 309-5976'], sent: [SHA['+12023095976']], skipped: null },
      {
        externalId: 'email',
        mapTo: 'email',
        strategy: 'all',
        values: ['jane@example.com', 'j.doe@work.example', 'Jane.Doe@Example.com '],
        sent: [SHA['jane@example.com'], SHA['j.doe@work.example'], SHA['jane.doe@example.com']],
        skipped: null,
      },
      {
        externalId: 'ios.idfa',
        mapTo: 'mobile_id',
        strategy: 'last',
        values: [],
        sent: [],
        skipped: 'Google Ads Remarketing Lists sends email plus at most 1 other identifier: phone (phone) already takes that place',
      },
    ]);
    assert.equal(p.profiles[0].events, 4);
  });

  it('an identifier the profile lacks does not take the place', () => {
    const p = preview(
      config(
        GADS,
        [
          { externalId: 'phone', strategy: 'last', mapTo: 'phone' },
          { externalId: 'ios.idfa', strategy: 'last', mapTo: 'mobile_id' },
        ],
        { connectionSettings: { sendMobileIds: true } },
      ),
      [['p', '[{"type":"ios.idfa","id":"6D92078A-8246-4BA4-AE5B-76104861E7DC"}]']],
    );
    assert.deepEqual(
      p.profiles[0].identifiers.map((e) => [e.skipped, e.values.map((v) => v.sent)]),
      [
        ['the profile has no phone', []],
        [null, ['6D92078A-8246-4BA4-AE5B-76104861E7DC']],
      ],
    );
  });
});

describe('preview: default setup and Audience Exit', () => {
  it('Default Setup sends the catalog defaults; custom identifiers never; other defaults not', () => {
    const p = preview(config(FB, undefined), [JANE]);
    assert.equal(p.setup, 'default');
    assert.deepEqual(rows(p), [
      {
        externalId: 'email',
        mapTo: 'EMAIL',
        strategy: 'all',
        values: ['jane@example.com', 'j.doe@work.example', 'Jane.Doe@Example.com '],
        sent: [SHA['jane@example.com'], SHA['j.doe@work.example'], SHA['jane.doe@example.com']],
        skipped: null,
      },
      {
        externalId: 'ios.idfa',
        mapTo: 'MADID',
        strategy: 'all',
        values: [],
        sent: [],
        skipped: 'ios.idfa is a mobile advertising id: Segment sends it only when Send Mobile IDs is on (connectionSettings.sendMobileIds: true)',
      },
      {
        externalId: 'android.idfa',
        mapTo: 'MADID',
        strategy: 'all',
        values: [],
        sent: [],
        skipped: 'android.idfa is a mobile advertising id: Segment sends it only when Send Mobile IDs is on (connectionSettings.sendMobileIds: true)',
      },
      {
        externalId: 'user_id',
        mapTo: null,
        strategy: null,
        values: [],
        sent: [],
        skipped: 'not a default identifier of Facebook Custom Audiences: map it with Customized Setup to send it',
      },
      { externalId: 'phone', mapTo: null, strategy: null, values: [], sent: [], skipped: 'custom identifier: sent only through ID Sync (Customized Setup)' },
      {
        externalId: 'anonymous_id',
        mapTo: null,
        strategy: null,
        values: [],
        sent: [],
        skipped: 'not a default identifier of Facebook Custom Audiences: map it with Customized Setup to send it',
      },
    ]);
    assert.equal(p.profiles[0].events, 3);
  });

  it('Default Setup follows the catalog strategy (Google Ads: the most recent) and ignores entries', () => {
    const text = JSON.stringify(config(GADS, [{ externalId: 'phone', strategy: 'all', mapTo: 'phone' }], { setup: 'default' }));
    const p = preview(text, [JANE]);
    assert.equal(p.setup, 'default');
    assert.deepEqual(p.notes, [
      'connectionSettings.externalIdType is not set: Google Ads Remarketing Lists matches each list on one External ID Type ("Email" or "Mobile ID"), chosen when the audience is connected; the preview sends every key.',
      'Default Setup: the idSyncConfiguration entries are ignored (ID Sync needs Customized Setup).',
    ]);
    assert.deepEqual(rows(p)[0], { externalId: 'email', mapTo: 'email', strategy: 'last', values: ['Jane.Doe@Example.com '], sent: [SHA['jane.doe@example.com']], skipped: null });
    assert.equal(rows(p).find((r) => r.externalId === 'phone')!.skipped, 'custom identifier: sent only through ID Sync (Customized Setup)');
  });

  it('without a documented default, email and user_id with every value are assumed', () => {
    const p = preview(config('my-crm-function', undefined), [JANE]);
    assert.deepEqual(p.notes, [
      'Destination "my-crm-function" is in no catalog: values are shown as provided (normalisation and hashing unknown).',
      'my-crm-function has no documented default setup: assumed every value of email and user_id (Public API description of the default).',
    ]);
    assert.deepEqual(
      p.profiles[0].identifiers.filter((e) => e.events > 0).map((e) => [e.externalId, e.events]),
      [
        ['email', 3],
        ['user_id', 1],
      ],
    );
  });

  // segment-docs src/engage/audiences/index.md: "ID Sync configuration and space-level ID Strategy aren't applied for
  // Audience Exit events. Segment sends all ID combinations for Audience Exit events downstream to remove a user".
  it('Audience Exit ignores ID Sync strategies: every value of the defaults and of the mapped identifiers, under their keys', () => {
    const p = preview(
      config(GADS, [{ externalId: 'phone', strategy: 'last', mapTo: 'phone' }], { connectionSettings: { sendMobileIds: true } }),
      [JANE],
    );
    const exit = p.profiles[0].exit;
    assert.deepEqual(
      exit.identifiers.map((e) => [e.externalId, e.key, e.strategy, e.values.map((v) => v.sent), e.skipped]),
      [
        ['email', 'email', 'all', [SHA['jane@example.com'], SHA['j.doe@work.example'], SHA['jane.doe@example.com']], null],
        ['ios.idfa', 'mobile_id', 'all', ['6D92078A-8246-4BA4-AE5B-76104861E7DC'], null],
        ['android.idfa', 'mobile_id', 'all', ['38400000-8cf0-11bd-b23e-10b96e40000d'], null],
        // the entry maps phone (last): on exit every phone value, E.164 then SHA-256 (Google Customer Match hashed_phone_number)
        ['phone', 'phone', 'all', [sha256('+' + '+1 (202) 309-5976'.replace(/\D/g, ''))], null],
        ['user_id', null, null, [], 'Google Ads Remarketing Lists has no key for user_id'],
        ['anonymous_id', null, null, [], 'Google Ads Remarketing Lists has no key for anonymous_id'],
      ],
    );
    assert.equal(exit.events, 6);
    assert.equal(p.profiles[0].events, 1);
  });
});

describe('preview: broken profiles', () => {
  it('a broken profile is an error with a position; the others still preview', () => {
    const p = preview(config(FB, [{ externalId: 'email', strategy: 'first', mapTo: 'EMAIL' }]), [['broken.json', fixture('broken.json')], JANE]);
    assert.equal(p.profiles[0].error, 'Sample profile is broken: Not valid JSON: Comma expected at line 4, column 5.');
    assert.deepEqual(p.profiles[0].errorPosition, { line: 3, character: 4 });
    assert.deepEqual(p.profiles[0].identifiers, []);
    assert.deepEqual(rows(p, 1)[0].sent, [SHA['jane@example.com']]);
  });
});

describe('preview: Google Ads External ID Type, Audience Exit, partial profiles', () => {
  // segment-docs src/connections/destinations/catalog/adwords-remarketing-lists/index.md: each list uses email or
  // mobile ID as its custom matcher; segment-docs src/engage/trait-activation/trait-enrichment.md: every payload sends email.
  const mobile = (type: string) => ({ connectionSettings: { sendMobileIds: true, externalIdType: type } });

  it('Default Setup with an "Email" list sends no mobile_id', () => {
    const p = preview(config(GADS, undefined, mobile('Email')), [JANE]);
    const byId = (id: string) => p.profiles[0].identifiers.find((e) => e.externalId === id)!;
    assert.deepEqual(byId('email').values.map((v) => v.sent), [sha256('jane.doe@example.com')]);
    for (const id of ['ios.idfa', 'android.idfa']) {
      assert.equal(byId(id).skipped, 'the list\'s External ID Type is "Email" (connectionSettings.externalIdType): Google Ads Remarketing Lists matches it on email, phone, so mobile_id is not sent');
      assert.equal(byId(id).events, 0);
    }
    assert.equal(p.profiles[0].events, 1);
    assert.deepEqual(p.notes, []);
    // exit events follow the list's type too (a connection setting, not ID Sync)
    assert.deepEqual(p.profiles[0].exit.identifiers.filter((e) => e.events > 0).map((e) => e.key), ['email']);
  });

  it('Default Setup with a "Mobile ID" list sends email and the newest mobile ids', () => {
    const p = preview(config(GADS, undefined, mobile('Mobile ID')), [JANE]);
    assert.deepEqual(
      p.profiles[0].identifiers.filter((e) => e.events > 0).map((e) => [e.externalId, e.values.map((v) => v.sent)]),
      [
        ['email', [sha256('jane.doe@example.com')]],
        ['ios.idfa', ['6D92078A-8246-4BA4-AE5B-76104861E7DC']],
        ['android.idfa', ['38400000-8cf0-11bd-b23e-10b96e40000d']],
      ],
    );
  });

  it('a customized phone entry on a "Mobile ID" list is skipped; email still sent', () => {
    const p = preview(
      config(GADS, [{ externalId: 'email', strategy: 'last', mapTo: 'email' }, { externalId: 'phone', strategy: 'last', mapTo: 'phone' }], mobile('Mobile ID')),
      [JANE],
    );
    assert.deepEqual(rows(p).map((r) => [r.externalId, r.sent, r.skipped]), [
      ['email', [sha256('jane.doe@example.com')], null],
      ['phone', [], 'the list\'s External ID Type is "Mobile ID" (connectionSettings.externalIdType): Google Ads Remarketing Lists matches it on email, mobile_id, so phone is not sent'],
    ]);
  });

  it('Audience Exit removes someone added through a custom id: the mapped key gets every value', () => {
    const p = preview(
      config('actions-snap-audiences', [{ externalId: 'crm_id', strategy: 'last', mapTo: 'email' }]),
      [['crm.json', JSON.stringify({ external_ids: [{ type: 'crm_id', id: 'A@X.COM', created_at: '2020-01-01T00:00:00Z' }, { type: 'crm_id', id: 'b@x.com', created_at: '2021-01-01T00:00:00Z' }] })]],
    );
    // Snap email: trim, lower-case, SHA-256 (action-destinations snap-audiences/syncAudience/functions.ts)
    assert.deepEqual(rows(p)[0].sent, [sha256('b@x.com')]);
    const exit = p.profiles[0].exit.identifiers.find((e) => e.externalId === 'crm_id')!;
    assert.deepEqual([exit.key, exit.strategy, exit.values.map((v) => v.sent)], ['email', 'all', [sha256('a@x.com'), sha256('b@x.com')]]);
    assert.equal(p.profiles[0].exit.events, 2);
  });

  it('a Profile API page with cursor.has_more is previewed as partial', () => {
    // segment-docs src/unify/profile-api.md (Pagination): has_more "Whether or not there are more elements available after this set"
    const page = JSON.stringify({ data: [{ type: 'email', id: 'jane@example.com', created_at: '2021-01-01T00:00:00Z' }], cursor: { url: '/v1/x', has_more: true, next: 'abc' } });
    const p = preview(config(FB, [{ externalId: 'email', strategy: 'last', mapTo: 'EMAIL' }]), [['page.json', page]]);
    assert.equal(p.profiles[0].partial, true);
    assert.equal(p.profiles[0].notes[0], 'Partial profile: a Profile API page with cursor.has_more true, so the profile has more external ids than this file; "first", "last" and "all" are computed over this page only.');
    const done = preview(config(FB, [{ externalId: 'email', strategy: 'last', mapTo: 'EMAIL' }]), [['page.json', page.replace('"has_more":true', '"has_more":false')]]);
    assert.equal(done.profiles[0].partial, undefined);
    assert.deepEqual(done.profiles[0].notes, []);
  });
});
