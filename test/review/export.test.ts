/**
 * `idsync export` through the built bundle: the full request body of "Add Destination to
 * Audience" and "Update Destination for Audience", method and path, journeys, configs with
 * errors, Default Setup, placeholders, I/O errors; and the round trip (the body holds exactly
 * the API fields of the file).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { FB, run, tempDir, write } from './helpers';

const VIP = `// VIP customers to Facebook Custom Audiences.
{
  "$schema": "../schemas/idsync.schema.json",
  "name": "VIP customers to Facebook",
  "description": "Sent hourly",
  "audience": { "key": "vip_customers", "id": "aud_2AbC", "name": "VIP", "existing": false },
  "destination": { "slug": "${FB}", "id": "dst_9xYz", "name": "Facebook (Engage)" },
  /* MADID needs Send Mobile IDs. */
  "connectionSettings": { "sendMobileIds": true },
  "setup": "customized",
  "idSyncConfiguration": [
    // newest address only
    { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" },
    { "externalId": "ios.idfa", "strategy": "all", "mapTo": "MADID" },
  ],
  "samples": ["profiles/jane.json"],
}
`;

const VIP_BODY = `{
  "destination": {
    "id": "dst_9xYz",
    "type": "destination"
  },
  "idSyncConfiguration": [
    {
      "externalId": "email",
      "strategy": "last",
      "mapTo": "EMAIL"
    },
    {
      "externalId": "ios.idfa",
      "strategy": "all",
      "mapTo": "MADID"
    }
  ],
  "connectionSettings": {
    "sendMobileIds": true
  }
}
`;

const UPDATE_BODY = `{
  "idSyncConfiguration": [
    {
      "externalId": "email",
      "strategy": "last",
      "mapTo": "EMAIL"
    },
    {
      "externalId": "ios.idfa",
      "strategy": "all",
      "mapTo": "MADID"
    }
  ],
  "connectionSettings": {
    "sendMobileIds": true
  }
}
`;

describe('idsync export (built CLI)', () => {
  let dir: string;
  before(() => {
    dir = tempDir('idsync-export-');
    write(dir, 'vip.idsync.json', VIP);
    write(dir, 'profiles/jane.json', '[{"type": "email", "id": "jane@example.com"}]');
    write(
      dir,
      'journey.idsync.json',
      `{ "journey": { "name": "Onboarding", "step": "Send to Snap" }, "destination": { "slug": "actions-snap-audiences" }, "idSyncConfiguration": [{ "externalId": "email", "strategy": "last", "mapTo": "email" }] }\n`,
    );
    write(
      dir,
      'errors.idsync.json',
      `{
  "audience": { "key": "broken" },
  "destination": { "slug": "${FB}" },
  "idSyncConfiguration": [
    { "externalId": "email", "strategy": "Last Added", "mapTo": "EMAIL" },
    { "externalId": "user_id", "strategy": "last" }
  ]
}
`,
    );
    write(dir, 'default.idsync.json', `{ "audience": { "key": "all_buyers", "id": "aud_1" }, "destination": { "slug": "${FB}", "id": "dst_1" }, "setup": "default" }\n`);
    write(
      dir,
      'noids.idsync.json',
      `{ "audience": { "key": "k" }, "destination": { "slug": "actions-snap-audiences" }, "idSyncConfiguration": [{ "externalId": "email", "strategy": "first" }] }\n`,
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const exp = (...args: string[]) => run(['export', ...args], { cwd: dir });

  it('Add Destination to Audience: the body on stdout, method and path on stderr', () => {
    const r = exp('vip.idsync.json');
    assert.equal(r.stdout, VIP_BODY);
    assert.equal(r.stderr, 'POST /spaces/{spaceId}/audiences/aud_2AbC/destination-connections\nnote: {spaceId} is a placeholder: pass --space-id or replace it.\n');
    assert.equal(r.status, 0, r.stderr);
  });

  it('round trip: the body is exactly the API fields of the file (no comments, name, samples, setup, audience.key...)', () => {
    const file = parse(VIP);
    const body = JSON.parse(exp('vip.idsync.json').stdout);
    assert.deepEqual(Object.keys(body), ['destination', 'idSyncConfiguration', 'connectionSettings']);
    assert.deepEqual(body.idSyncConfiguration, file.idSyncConfiguration);
    assert.deepEqual(body.connectionSettings, file.connectionSettings);
    assert.deepEqual(body.destination, { id: file.destination.id, type: 'destination' });
  });

  it('--update: the Update Destination for Audience body; --print-request and --space-id', () => {
    const r = exp('--update', 'vip.idsync.json');
    assert.equal(r.stdout, UPDATE_BODY);
    assert.equal(r.stderr, 'PATCH /spaces/{spaceId}/audiences/aud_2AbC/destination-connections/dst_9xYz\nnote: {spaceId} is a placeholder: pass --space-id or replace it.\n');
    assert.equal(r.status, 0, r.stderr);
    const p = exp('--update', '--print-request', '--space-id', 'spa_42', 'vip.idsync.json');
    assert.equal(p.stdout, `PATCH /spaces/spa_42/audiences/aud_2AbC/destination-connections/dst_9xYz\n\n${UPDATE_BODY}`);
    assert.equal(p.stderr, '');
    assert.equal(p.status, 0, p.stderr);
    const add = exp('--print-request', '--space-id', 'spa_42', 'vip.idsync.json');
    assert.equal(add.stdout, `POST /spaces/spa_42/audiences/aud_2AbC/destination-connections\n\n${VIP_BODY}`);
  });

  it('Default Setup: no idSyncConfiguration for Add, [] for Update', () => {
    const add = exp('default.idsync.json', '--space-id', 'spa_1');
    assert.equal(add.stdout, '{\n  "destination": {\n    "id": "dst_1",\n    "type": "destination"\n  }\n}\n');
    assert.equal(
      add.stderr,
      "POST /spaces/spa_1/audiences/aud_1/destination-connections\nnote: Default Setup: idSyncConfiguration is left out (the API then syncs the destination's default identifiers).\n",
    );
    assert.equal(add.status, 0, add.stderr);
    const upd = exp('--update', 'default.idsync.json', '--space-id', 'spa_1');
    assert.equal(upd.stdout, '{\n  "idSyncConfiguration": []\n}\n');
    assert.equal(
      upd.stderr,
      "PATCH /spaces/spa_1/audiences/aud_1/destination-connections/dst_1\nnote: Default Setup: idSyncConfiguration is [] (no rows: Segment syncs the destination's default identifiers).\n",
    );
  });

  it('ids missing from the config: placeholders, each named on stderr; an entry without mapTo has none', () => {
    const r = exp('noids.idsync.json');
    assert.equal(
      r.stdout,
      '{\n  "destination": {\n    "id": "{destinationId}",\n    "type": "destination"\n  },\n  "idSyncConfiguration": [\n    {\n      "externalId": "email",\n      "strategy": "first"\n    }\n  ]\n}\n',
    );
    assert.equal(
      r.stderr,
      [
        'POST /spaces/{spaceId}/audiences/{audienceId}/destination-connections',
        'note: {spaceId} is a placeholder: pass --space-id or replace it.',
        'note: {audienceId} is a placeholder: add "audience.id" (aud_...) to the config or replace it.',
        'note: {destinationId} is a placeholder: add "destination.id" to the config or replace it.',
        '',
      ].join('\n'),
    );
    assert.equal(r.status, 0, r.stderr);
  });

  it('a journey: a clear error, exit 1', () => {
    const r = exp('journey.idsync.json');
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'idsync export: journey.idsync.json configures a journey step; the Public API calls "Add Destination to Audience" and "Update Destination for Audience" cover audiences only. Apply a journey\'s ID Sync settings in the journey step\'s Connection Settings in Segment.\n',
    );
    assert.equal(r.status, 1, r.stderr);
  });

  it('a config with errors: the list (file:line:col code message), exit 1, nothing on stdout', () => {
    const r = exp('errors.idsync.json');
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      [
        'idsync export: errors.idsync.json has 2 errors; fix them before exporting:',
        '  errors.idsync.json:5:42  invalid-strategy  Strategy "Last Added" is the UI label, not the API value: use "last" (sends only the most recently added value of the identifier).',
        '  errors.idsync.json:6:5  missing-map-to  idSyncConfiguration[1] has no "mapTo", but Facebook Custom Audiences picks the destination identifier from a dropdown: add "mapTo": "EXTERN_ID".',
        '',
      ].join('\n'),
    );
    assert.equal(r.status, 1, r.stderr);
  });

  it('usage and I/O errors: exit 2', () => {
    const cases: Array<[string[], string]> = [
      [[], "idsync export: missing <config>\nUsage: idsync export [options] <config>\nRun 'idsync export --help' for the options.\n"],
      [['a.idsync.json', 'b.idsync.json'], "idsync export: expected one config, got 2\nUsage: idsync export [options] <config>\nRun 'idsync export --help' for the options.\n"],
      [['--space-id', 'a/b', 'vip.idsync.json'], "idsync export: --space-id needs an id such as spa_..., not 'a/b'\nUsage: idsync export [options] <config>\nRun 'idsync export --help' for the options.\n"],
      [['missing.idsync.json'], 'idsync export: missing.idsync.json: no such file or directory\n'],
      [['profiles'], 'idsync export: profiles: is a directory, not a file\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = exp(...args);
      assert.equal(r.stderr, stderr, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(r.status, 2, `${args.join(' ')}; stderr: ${r.stderr}`);
    }
  });

  it('the export of every clean audience sample lints back to the same entries', () => {
    const samples = path.resolve(__dirname, '../../../samples');
    for (const name of fs.readdirSync(samples).filter((n) => n.endsWith('.idsync.json'))) {
      const r = run(['export', name], { cwd: samples });
      const file = parse(fs.readFileSync(path.join(samples, name), 'utf8'));
      if (file.journey) {
        assert.equal(r.status, 1, `${name}; stderr: ${r.stderr}`);
        continue;
      }
      assert.equal(r.status, 0, `${name}: ${r.stderr}`);
      const body = JSON.parse(r.stdout);
      const setup = file.setup ?? (file.idSyncConfiguration?.length ? 'customized' : 'default');
      if (setup === 'default') assert.equal(body.idSyncConfiguration, undefined, name);
      else assert.deepEqual(body.idSyncConfiguration, file.idSyncConfiguration, name);
    }
  });
});
