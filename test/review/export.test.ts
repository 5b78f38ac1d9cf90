/**
 * `idsync export` through the built bundle: the exact body, method/path, notes, refusals and exit
 * code of every row of the decision table in docs/cli.md.
 *
 * The API semantics the expectations rest on (segmentio/public-api-sdk-typescript at 3780bc6):
 * - model/addDestinationToAudienceAlphaInput.ts: "destination" is required; an omitted
 *   idSyncConfiguration means the destination's default identifiers.
 * - model/updateDestinationForAudienceAlphaInput.ts: an empty idSyncConfiguration array is the same
 *   as omitting it and leaves the stored configuration unchanged; connectionSettings replace the
 *   stored settings outright (omitted ones are removed), an empty object leaves them unchanged;
 *   with neither field the call is a 400.
 * - api/activationsApi.ts: POST .../destination-connections and PATCH .../destination-connections/{destinationId}.
 * And the "Send Mobile IDs" setting: no file of public-api-sdk-typescript, segment-docs or
 * action-destinations names its API key (segment-docs names the UI label only, e.g.
 * src/engage/trait-activation/id-sync.md).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { parseSpaceFile } from '../../server/src/engine/workspace/space';
import { RULE_CODES } from '../../server/src/engine/lint/lint';
import { FB, run, tempDir, write } from './helpers';
import type { RunResult } from '../cli/harness';

const GOOGLE = 'adwords-remarketing-lists';

/** A customized config; `audience`, `destination` and `settings` are JSON fragments. */
function config(audience: string, destination: string, settings?: string, entries = MADID_ENTRIES): string {
  return `// Comments and trailing commas are not part of any body.
{
  "$schema": "../schemas/idsync.schema.json",
  "name": "VIP customers",
  "description": "Sent hourly",
  "audience": ${audience},
  "destination": ${destination},
${settings === undefined ? '' : `  "connectionSettings": ${settings},\n`}  "setup": "customized",
  "idSyncConfiguration": ${entries},
  "samples": ["profiles/jane.json"],
}
`;
}

const MADID_ENTRIES = `[
    // newest address only
    { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" },
    { "externalId": "ios.idfa", "strategy": "all", "mapTo": "MADID" },
  ]`;
const EMAIL_ENTRY = `[{ "externalId": "email", "strategy": "last", "mapTo": "email" }]`;

const ITEMS = `[
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
  ]`;
const ADD_BODY = `{
  "destination": {
    "id": "dst_9xYz",
    "type": "destination"
  },
  "idSyncConfiguration": ${ITEMS}
}
`;
const UPDATE_BODY = `{
  "idSyncConfiguration": ${ITEMS}
}
`;

const MOBILE_UNNAMED =
  'no Segment source (the Public API SDK, segment-docs, action-destinations) names the API key behind Segment\'s "Send Mobile IDs" setting; "sendMobileIds" is idsync\'s own name for it';
const NOT_SENT_ADD = 'note: connectionSettings are not sent: pass --connection-settings to send them.\n';
const NOT_SENT_UPDATE = 'note: connectionSettings are not sent (the stored settings stay as they are): pass --connection-settings to send them; they then replace every stored setting.\n';
const MOBILE_NOTE = `note: ${MOBILE_UNNAMED}, so no export sets it: check that Send Mobile IDs is on in the connection's settings in Segment.\n`;
const TEMPLATE_HINT = '(or pass --template to print a template with placeholders)';
const DEFAULT_UPDATE_TAIL =
  ', which "Update Destination for Audience" cannot express: an empty or omitted idSyncConfiguration leaves the stored identifiers unchanged (public-api-sdk-typescript model/updateDestinationForAudienceAlphaInput.ts), so a customized connection would stay customized. Switch the connection to Default Setup in Segment (the connection\'s ID Sync settings), or remove the destination from the audience and add it again (idsync export without --update).';

function expectRun(r: RunResult, expected: { status: number; stdout: string; stderr: string }): void {
  const label = `idsync ${r.args.join(' ')}`;
  assert.equal(r.stderr, expected.stderr, `${label}: stderr`);
  assert.equal(r.stdout, expected.stdout, `${label}: stdout (stderr: ${r.stderr})`);
  assert.equal(r.status, expected.status, `${label}: exit code (stderr: ${r.stderr})`);
}

describe('idsync export (built CLI)', () => {
  let dir: string;
  const AUD_NEW = '{ "key": "vip_customers", "id": "aud_2AbC", "name": "VIP", "existing": false }';
  const AUD_EXISTING = '{ "key": "vip_customers", "id": "aud_2AbC", "existing": true }';
  const DST = `{ "slug": "${FB}", "id": "dst_9xYz", "name": "Facebook (Engage)" }`;
  before(() => {
    dir = tempDir('idsync-export-');
    write(dir, 'profiles/jane.json', '[{"type": "email", "id": "jane@example.com"}]');
    write(dir, 'vip.idsync.json', config(AUD_NEW, DST, '{ "sendMobileIds": true }'));
    write(dir, 'vip-existing.idsync.json', config(AUD_EXISTING, DST, '{ "sendMobileIds": true }'));
    write(dir, 'vip-unknown.idsync.json', config('{ "key": "vip_customers", "id": "aud_2AbC" }', DST, '{ "sendMobileIds": true }'));
    write(dir, 'google.idsync.json', config(AUD_EXISTING, `{ "slug": "${GOOGLE}", "id": "dst_g1" }`, '{ "externalIdType": "Email" }', EMAIL_ENTRY));
    write(dir, 'google-new.idsync.json', config(AUD_NEW, `{ "slug": "${GOOGLE}", "id": "dst_g1" }`, '{ "externalIdType": "Email" }', EMAIL_ENTRY));
    write(dir, 'google-empty.idsync.json', config(AUD_EXISTING, `{ "slug": "${GOOGLE}", "id": "dst_g1" }`, '{}', EMAIL_ENTRY));
    write(dir, 'google-empty-new.idsync.json', config(AUD_NEW, `{ "slug": "${GOOGLE}", "id": "dst_g1" }`, '{}', EMAIL_ENTRY));
    write(dir, 'google-none.idsync.json', config(AUD_EXISTING, `{ "slug": "${GOOGLE}", "id": "dst_g1" }`, undefined, EMAIL_ENTRY));
    write(dir, 'default.idsync.json', `{ "audience": { "key": "all_buyers", "id": "aud_1", "existing": true }, "destination": { "slug": "${FB}", "id": "dst_1" }, "setup": "default" }\n`);
    write(dir, 'default-new.idsync.json', `{ "audience": { "key": "all_buyers", "id": "aud_1" }, "destination": { "slug": "${FB}", "id": "dst_1" } }\n`);
    write(dir, 'empty-customized.idsync.json', `{ "audience": { "key": "all_buyers", "id": "aud_1" }, "destination": { "slug": "${FB}", "id": "dst_1" }, "setup": "customized", "idSyncConfiguration": [] }\n`);
    write(dir, 'noids.idsync.json', `{ "audience": { "key": "k" }, "destination": { "slug": "actions-snap-audiences" }, "idSyncConfiguration": [{ "externalId": "email", "strategy": "first" }] }\n`);
    write(dir, 'blank-ids.idsync.json', `{ "audience": { "key": "k", "id": " " }, "destination": { "slug": "actions-snap-audiences", "id": "" }, "idSyncConfiguration": [{ "externalId": "email", "strategy": "first" }] }\n`);
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
    // A space whose idsync.space.json carries the space id.
    write(dir, 'space/idsync.space.json', '{\n  // the space of this directory\n  "spaceId": "spa_fromFile",\n}\n');
    write(dir, 'space/vip.idsync.json', `{ "audience": { "key": "vip", "id": "aud_2AbC" }, "destination": { "slug": "${FB}", "id": "dst_9xYz" }, "idSyncConfiguration": [{ "externalId": "email", "strategy": "last", "mapTo": "EMAIL" }] }\n`);
    write(dir, 'badspace/idsync.space.json', '{\n  "spaceId": "spa 1"\n}\n');
    write(dir, 'badspace/vip.idsync.json', `{ "audience": { "key": "vip", "id": "aud_2AbC" }, "destination": { "slug": "${FB}", "id": "dst_9xYz" }, "idSyncConfiguration": [{ "externalId": "email", "strategy": "last", "mapTo": "EMAIL" }] }\n`);
    write(dir, 'nospaceid/idsync.space.json', '{ "customIdentifiers": ["phone"] }\n');
    write(dir, 'nospaceid/vip.idsync.json', `{ "audience": { "key": "vip", "id": "aud_2AbC" }, "destination": { "slug": "${FB}", "id": "dst_9xYz" }, "idSyncConfiguration": [{ "externalId": "email", "strategy": "last", "mapTo": "EMAIL" }] }\n`);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const exp = (...args: string[]) => run(['export', ...args], { cwd: dir });

  describe('Add Destination to Audience (POST)', () => {
    it('the body on stdout, method and path on stderr; connectionSettings not sent without the flag, and Send Mobile IDs named as unexported', () => {
      expectRun(exp('vip.idsync.json', '--space-id', 'spa_42'), {
        status: 0,
        stdout: ADD_BODY,
        stderr: `POST /spaces/spa_42/audiences/aud_2AbC/destination-connections\n${NOT_SENT_ADD}${MOBILE_NOTE}`,
      });
    });

    it('--print-request: method, path, blank line and body on stdout; the notes stay on stderr', () => {
      expectRun(exp('--print-request', '--space-id', 'spa_42', 'vip.idsync.json'), {
        status: 0,
        stdout: `POST /spaces/spa_42/audiences/aud_2AbC/destination-connections\n\n${ADD_BODY}`,
        stderr: `${NOT_SENT_ADD}${MOBILE_NOTE}`,
      });
    });

    it('round trip: the identifiers are exactly those of the file (no comments, name, samples, setup, audience.key...)', () => {
      const file = parse(config(AUD_NEW, DST, '{ "sendMobileIds": true }'));
      const body = JSON.parse(exp('vip.idsync.json', '--space-id', 'spa_42').stdout);
      assert.deepEqual(Object.keys(body), ['destination', 'idSyncConfiguration']);
      assert.deepEqual(body.idSyncConfiguration, file.idSyncConfiguration);
      assert.deepEqual(body.destination, { id: file.destination.id, type: 'destination' });
    });

    it('Default Setup (explicit, or no entries): idSyncConfiguration left out, which the Add model documents as the default identifiers', () => {
      const stdout = '{\n  "destination": {\n    "id": "dst_1",\n    "type": "destination"\n  }\n}\n';
      expectRun(exp('default-new.idsync.json', '--space-id', 'spa_1'), {
        status: 0,
        stdout,
        stderr:
          'POST /spaces/spa_1/audiences/aud_1/destination-connections\nnote: setup is "default" (Default Setup): idSyncConfiguration is left out, so Segment uses the destination\'s default identifiers (model/addDestinationToAudienceAlphaInput.ts).\n',
      });
      expectRun(exp('empty-customized.idsync.json', '--space-id', 'spa_1'), {
        status: 0,
        stdout,
        stderr:
          'POST /spaces/spa_1/audiences/aud_1/destination-connections\nnote: setup is "customized" with no idSyncConfiguration entries (Segment then syncs the default identifiers): idSyncConfiguration is left out, so Segment uses the destination\'s default identifiers (model/addDestinationToAudienceAlphaInput.ts).\n',
      });
    });

    it('--connection-settings: the settings as written, no replacement warning (a new connection has none stored)', () => {
      expectRun(exp('google-new.idsync.json', '--space-id', 'spa_1', '--connection-settings'), {
        status: 0,
        stdout:
          '{\n  "destination": {\n    "id": "dst_g1",\n    "type": "destination"\n  },\n  "idSyncConfiguration": [\n    {\n      "externalId": "email",\n      "strategy": "last",\n      "mapTo": "email"\n    }\n  ],\n  "connectionSettings": {\n    "externalIdType": "Email"\n  }\n}\n',
        stderr: 'POST /spaces/spa_1/audiences/aud_2AbC/destination-connections\n',
      });
    });

    it('--connection-settings with {}: sent as {} (a new connection has no settings to keep)', () => {
      const r = exp('google-empty-new.idsync.json', '--space-id', 'spa_1', '--connection-settings');
      expectRun(r, { status: 0, stdout: r.stdout, stderr: 'POST /spaces/spa_1/audiences/aud_2AbC/destination-connections\n' });
      assert.deepEqual(JSON.parse(r.stdout).connectionSettings, {});
    });

    it('--connection-settings with sendMobileIds in the file: refused (no source names the API key)', () => {
      expectRun(exp('vip.idsync.json', '--space-id', 'spa_1', '--connection-settings'), {
        status: 1,
        stdout: '',
        stderr: `idsync export: vip.idsync.json: --connection-settings: connectionSettings has "sendMobileIds", but ${MOBILE_UNNAMED}, so the request could not be known to set it. Set Send Mobile IDs in the connection's settings in Segment and export without --connection-settings.\n`,
      });
    });

    it('"existing": true: refused, pointing to --update (Add creates a connection)', () => {
      expectRun(exp('vip-existing.idsync.json', '--space-id', 'spa_1'), {
        status: 1,
        stdout: '',
        stderr:
          'idsync export: vip-existing.idsync.json: "audience.existing" is true: the audience already syncs to this destination, so the connection exists and "Add Destination to Audience" (which creates one) is the wrong call. Use --update ("Update Destination for Audience").\n',
      });
    });
  });

  describe('Update Destination for Audience (PATCH)', () => {
    it('an existing audience: the identifiers only, PATCH path with the destination id', () => {
      expectRun(exp('--update', '--space-id', 'spa_42', 'vip-existing.idsync.json'), {
        status: 0,
        stdout: UPDATE_BODY,
        stderr: `PATCH /spaces/spa_42/audiences/aud_2AbC/destination-connections/dst_9xYz\n${NOT_SENT_UPDATE}${MOBILE_NOTE}`,
      });
      expectRun(exp('--update', '--print-request', '--space-id', 'spa_42', 'vip-existing.idsync.json'), {
        status: 0,
        stdout: `PATCH /spaces/spa_42/audiences/aud_2AbC/destination-connections/dst_9xYz\n\n${UPDATE_BODY}`,
        stderr: `${NOT_SENT_UPDATE}${MOBILE_NOTE}`,
      });
    });

    it('"existing" absent: allowed both ways', () => {
      assert.equal(exp('--update', '--space-id', 'spa_42', 'vip-unknown.idsync.json').stdout, UPDATE_BODY);
      assert.equal(exp('--space-id', 'spa_42', 'vip-unknown.idsync.json').stdout, ADD_BODY);
    });

    it('"existing": false: refused (the file says the connection does not exist yet)', () => {
      expectRun(exp('--update', '--space-id', 'spa_42', 'vip.idsync.json'), {
        status: 1,
        stdout: '',
        stderr:
          'idsync export: vip.idsync.json: "audience.existing" is false: the file says the audience does not sync to this destination yet, but --update changes an existing connection. Export without --update to add the destination, or set "existing": true if the connection already exists.\n',
      });
    });

    it('Default Setup: refused, since an empty or omitted idSyncConfiguration leaves a customized setup in place', () => {
      expectRun(exp('--update', '--space-id', 'spa_1', 'default.idsync.json'), {
        status: 1,
        stdout: '',
        stderr: `idsync export: default.idsync.json: setup is "default" (Default Setup)${DEFAULT_UPDATE_TAIL}\n`,
      });
      expectRun(exp('--update', '--space-id', 'spa_1', 'empty-customized.idsync.json'), {
        status: 1,
        stdout: '',
        stderr: `idsync export: empty-customized.idsync.json: setup is "customized" with no idSyncConfiguration entries (Segment then syncs the default identifiers)${DEFAULT_UPDATE_TAIL}\n`,
      });
      // --connection-settings does not make it expressible: the identifiers would still stay.
      (() => { const r = exp('--update', '--connection-settings', '--space-id', 'spa_1', 'default.idsync.json'); assert.equal(r.status, 1, r.stderr); })();
    });

    it('--connection-settings: sent, with a warning that they replace every stored setting', () => {
      expectRun(exp('--update', '--connection-settings', '--space-id', 'spa_1', 'google.idsync.json'), {
        status: 0,
        stdout:
          '{\n  "idSyncConfiguration": [\n    {\n      "externalId": "email",\n      "strategy": "last",\n      "mapTo": "email"\n    }\n  ],\n  "connectionSettings": {\n    "externalIdType": "Email"\n  }\n}\n',
        stderr:
          'PATCH /spaces/spa_1/audiences/aud_2AbC/destination-connections/dst_g1\nwarning: connectionSettings replace every stored setting of the connection: a setting the file does not list is removed (public-api-sdk-typescript model/updateDestinationForAudienceAlphaInput.ts).\n',
      });
    });

    it('without --connection-settings: not sent, and stderr says so', () => {
      expectRun(exp('--update', '--space-id', 'spa_1', 'google.idsync.json'), {
        status: 0,
        stdout: '{\n  "idSyncConfiguration": [\n    {\n      "externalId": "email",\n      "strategy": "last",\n      "mapTo": "email"\n    }\n  ]\n}\n',
        stderr: `PATCH /spaces/spa_1/audiences/aud_2AbC/destination-connections/dst_g1\n${NOT_SENT_UPDATE}`,
      });
    });

    it('--connection-settings with sendMobileIds: refused, naming the risk of removing the stored setting', () => {
      expectRun(exp('--update', '--connection-settings', '--space-id', 'spa_1', 'vip-existing.idsync.json'), {
        status: 1,
        stdout: '',
        stderr: `idsync export: vip-existing.idsync.json: --connection-settings: connectionSettings has "sendMobileIds", but ${MOBILE_UNNAMED}, so the request could not be known to set it, and the settings sent replace every stored setting, which could remove the real Send Mobile IDs setting. Set Send Mobile IDs in the connection's settings in Segment and export without --connection-settings.\n`,
      });
    });

    it('--connection-settings with {}: refused (an empty object leaves the stored settings unchanged)', () => {
      expectRun(exp('--update', '--connection-settings', '--space-id', 'spa_1', 'google-empty.idsync.json'), {
        status: 1,
        stdout: '',
        stderr:
          'idsync export: google-empty.idsync.json: --connection-settings: connectionSettings is {}, and an empty object leaves the stored settings unchanged (public-api-sdk-typescript model/updateDestinationForAudienceAlphaInput.ts), so they would not be cleared as the file says. Clear them in Segment, or export without --connection-settings.\n',
      });
    });

    it('--connection-settings with no connectionSettings in the file: a note, the identifiers only', () => {
      expectRun(exp('--update', '--connection-settings', '--space-id', 'spa_1', 'google-none.idsync.json'), {
        status: 0,
        stdout: '{\n  "idSyncConfiguration": [\n    {\n      "externalId": "email",\n      "strategy": "last",\n      "mapTo": "email"\n    }\n  ]\n}\n',
        stderr:
          'PATCH /spaces/spa_1/audiences/aud_2AbC/destination-connections/dst_g1\nnote: --connection-settings: the file has no connectionSettings, so none are sent and the stored settings stay as they are.\n',
      });
    });
  });

  describe('ids: space, audience and destination', () => {
    it('missing ids: refused, one line each, nothing on stdout (Add and Update)', () => {
      const noSpace = `idsync export: noids.idsync.json: no space id for the request path: pass --space-id spa_... or add "spaceId": "spa_..." to an idsync.space.json in the config's directory or above ${TEMPLATE_HINT}.\n`;
      const noAudience = `idsync export: noids.idsync.json: no "audience.id": add the audience id (aud_...) to the config, the request path needs it ${TEMPLATE_HINT}.\n`;
      expectRun(exp('noids.idsync.json'), {
        status: 1,
        stdout: '',
        stderr: `${noSpace}${noAudience}idsync export: noids.idsync.json: no "destination.id": add the destination instance id to the config, the body's destination.id needs it ${TEMPLATE_HINT}.\n`,
      });
      expectRun(exp('--update', 'noids.idsync.json'), {
        status: 1,
        stdout: '',
        stderr: `${noSpace}${noAudience}idsync export: noids.idsync.json: no "destination.id": add the destination instance id to the config, the request path needs it ${TEMPLATE_HINT}.\n`,
      });
    });

    it('blank ids count as missing (an empty path segment is never printed)', () => {
      const r = exp('--space-id', 'spa_1', 'blank-ids.idsync.json');
      expectRun(r, {
        status: 1,
        stdout: '',
        stderr: `idsync export: blank-ids.idsync.json: no "audience.id": add the audience id (aud_...) to the config, the request path needs it ${TEMPLATE_HINT}.\nidsync export: blank-ids.idsync.json: no "destination.id": add the destination instance id to the config, the body's destination.id needs it ${TEMPLATE_HINT}.\n`,
      });
    });

    it('--template: placeholders, named on stderr, exit 0; an entry without mapTo has none', () => {
      expectRun(exp('--template', 'noids.idsync.json'), {
        status: 0,
        stdout: '{\n  "destination": {\n    "id": "{destinationId}",\n    "type": "destination"\n  },\n  "idSyncConfiguration": [\n    {\n      "externalId": "email",\n      "strategy": "first"\n    }\n  ]\n}\n',
        stderr: 'POST /spaces/{spaceId}/audiences/{audienceId}/destination-connections\nnote: template: {spaceId}, {audienceId}, {destinationId} are placeholders; replace them before sending.\n',
      });
      expectRun(exp('--template', '--update', '--print-request', '--space-id', 'spa_1', 'noids.idsync.json'), {
        status: 0,
        stdout: 'PATCH /spaces/spa_1/audiences/{audienceId}/destination-connections/{destinationId}\n\n{\n  "idSyncConfiguration": [\n    {\n      "externalId": "email",\n      "strategy": "first"\n    }\n  ]\n}\n',
        stderr: 'note: template: {audienceId}, {destinationId} are placeholders; replace them before sending.\n',
      });
      // --template only fills ids: a Default Setup update is still refused.
      (() => { const r = exp('--template', '--update', 'default.idsync.json'); assert.equal(r.status, 1, r.stderr); })();
    });

    it('the space id from idsync.space.json; --space-id overrides it', () => {
      const body = '{\n  "destination": {\n    "id": "dst_9xYz",\n    "type": "destination"\n  },\n  "idSyncConfiguration": [\n    {\n      "externalId": "email",\n      "strategy": "last",\n      "mapTo": "EMAIL"\n    }\n  ]\n}\n';
      expectRun(exp('space/vip.idsync.json'), { status: 0, stdout: body, stderr: 'POST /spaces/spa_fromFile/audiences/aud_2AbC/destination-connections\n' });
      expectRun(exp('--space-id', 'spa_cli', 'space/vip.idsync.json'), { status: 0, stdout: body, stderr: 'POST /spaces/spa_cli/audiences/aud_2AbC/destination-connections\n' });
      // Run from inside the space directory too (the file is found from the config's directory).
      const inner = run(['export', 'vip.idsync.json'], { cwd: path.join(dir, 'space') });
      expectRun(inner, { status: 0, stdout: body, stderr: 'POST /spaces/spa_fromFile/audiences/aud_2AbC/destination-connections\n' });
    });

    it('a space file without spaceId is named in the refusal', () => {
      expectRun(exp('nospaceid/vip.idsync.json'), {
        status: 1,
        stdout: '',
        stderr: `idsync export: nospaceid/vip.idsync.json: no space id for the request path: pass --space-id spa_... or add "spaceId": "spa_..." to nospaceid/idsync.space.json ${TEMPLATE_HINT}.\n`,
      });
    });

    it('an invalid spaceId in idsync.space.json: refused with its position, unless --space-id is given', () => {
      expectRun(exp('badspace/vip.idsync.json'), {
        status: 1,
        stdout: '',
        stderr:
          'idsync export: badspace/vip.idsync.json: badspace/idsync.space.json:2:14: "spaceId" must be a Segment space id such as "spa_..." (letters, digits, "_" and "-" only). Fix it, or pass --space-id.\n',
      });
      (() => { const r = exp('--space-id', 'spa_1', 'badspace/vip.idsync.json'); assert.equal(r.status, 0, r.stderr); })();
    });
  });

  it('a journey: a clear error, exit 1', () => {
    expectRun(exp('journey.idsync.json'), {
      status: 1,
      stdout: '',
      stderr:
        'idsync export: journey.idsync.json configures a journey step; the Public API calls "Add Destination to Audience" and "Update Destination for Audience" cover audiences only. Apply a journey\'s ID Sync settings in the journey step\'s Connection Settings in Segment.\n',
    });
  });

  it('a config with errors: the list (file:line:col code message), exit 1, nothing on stdout', () => {
    expectRun(exp('errors.idsync.json'), {
      status: 1,
      stdout: '',
      stderr: [
        'idsync export: errors.idsync.json has 2 errors; fix them before exporting:',
        '  errors.idsync.json:5:42  invalid-strategy  Strategy "Last Added" is the UI label, not the API value: use "last" (sends only the most recently added value of the identifier).',
        '  errors.idsync.json:6:5  missing-map-to  idSyncConfiguration[1] has no "mapTo", but Facebook Custom Audiences picks the destination identifier from a dropdown: add "mapTo" with one of "EMAIL", "PHONE", "MADID", "EXTERN_ID".',
        '',
      ].join('\n'),
    });
  });

  it('usage and I/O errors: exit 2', () => {
    const cases: Array<[string[], string]> = [
      [[], "idsync export: missing <config>\nUsage: idsync export [options] <config>\nRun 'idsync export --help' for the options.\n"],
      [['a.idsync.json', 'b.idsync.json'], "idsync export: expected one config, got 2\nUsage: idsync export [options] <config>\nRun 'idsync export --help' for the options.\n"],
      [['--space-id', 'a/b', 'vip.idsync.json'], "idsync export: --space-id needs an id such as spa_..., not 'a/b'\nUsage: idsync export [options] <config>\nRun 'idsync export --help' for the options.\n"],
      [['--space-id', 'a\u001b[31m', 'vip.idsync.json'], "idsync export: --space-id needs an id such as spa_..., not 'a\\x1b[31m'\nUsage: idsync export [options] <config>\nRun 'idsync export --help' for the options.\n"],
      [['--connection-settings=yes', 'vip.idsync.json'], "idsync export: option '--connection-settings' takes no value\nUsage: idsync export [options] <config>\nRun 'idsync export --help' for the options.\n"],
      [['missing.idsync.json'], 'idsync export: missing.idsync.json: no such file or directory\n'],
      [['profiles'], 'idsync export: profiles: is a directory, not a file\n'],
    ];
    for (const [args, stderr] of cases) expectRun(exp(...args), { status: 2, stdout: '', stderr });
  });

  it('every clean audience sample exports as a template whose identifiers are the file\'s', () => {
    const samples = path.resolve(__dirname, '../../../samples');
    let audiences = 0;
    for (const name of fs.readdirSync(samples).filter((n) => n.endsWith('.idsync.json'))) {
      const r = run(['export', '--template', name], { cwd: samples });
      const file = parse(fs.readFileSync(path.join(samples, name), 'utf8'));
      if (file.journey) {
        assert.equal(r.status, 1, `${name}: ${r.stderr}`);
        continue;
      }
      audiences++;
      assert.equal(r.status, 0, `${name}: ${r.stderr}`);
      const body = JSON.parse(r.stdout);
      assert.equal(body.connectionSettings, undefined, name);
      const setup = file.setup ?? (file.idSyncConfiguration?.length ? 'customized' : 'default');
      if (setup === 'default') assert.equal(body.idSyncConfiguration, undefined, name);
      else assert.deepEqual(body.idSyncConfiguration, file.idSyncConfiguration, name);
    }
    assert.ok(audiences >= 5, `only ${audiences} audience samples`);
  });
});

describe('idsync.space.json "spaceId"', () => {
  const spaceIdOf = (text: string) => {
    const f = parseSpaceFile('/w/idsync.space.json', text, RULE_CODES);
    return { spaceId: f.config.spaceId, diagnostics: f.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.code} ${d.pointer} ${d.message}`) };
  };
  it('a valid id is read, with no diagnostic', () => {
    assert.deepEqual(spaceIdOf('{ "spaceId": "spa_9aQ1-x" }'), { spaceId: 'spa_9aQ1-x', diagnostics: [] });
  });
  it('a non-string or an id with other characters is an invalid-type error at the value, and is not used', () => {
    assert.deepEqual(spaceIdOf('{ "spaceId": 42 }'), {
      spaceId: undefined,
      diagnostics: ['0:13 error invalid-type /spaceId "spaceId" must be a string (the Segment space id, spa_...), not number.'],
    });
    assert.deepEqual(spaceIdOf('{ "spaceId": "spa/1" }'), {
      spaceId: undefined,
      diagnostics: ['0:13 error invalid-type /spaceId "spaceId" must be a Segment space id such as "spa_..." (letters, digits, "_" and "-" only).'],
    });
    assert.deepEqual(spaceIdOf('{ "spaceId": "" }').spaceId, undefined);
  });
  it('a misspelt key gets a did-you-mean', () => {
    assert.deepEqual(spaceIdOf('{ "spaceID": "spa_1" }').diagnostics, [
      '0:2 warning unknown-property  Unknown property "spaceID" in idsync.space.json. Did you mean "spaceId"? Known: $schema, root, spaceId, customIdentifiers, destinations, rules.',
    ]);
  });
});
