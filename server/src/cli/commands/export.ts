/**
 * `idsync export <config> [--update] [--connection-settings] [--template] [--print-request]
 * [--space-id <id>]`: the JSON body of the Segment Public API call that applies a config: "Add
 * Destination to Audience" (`POST /spaces/{spaceId}/audiences/{audienceId}/destination-connections`)
 * or, with --update, "Update Destination for Audience" (`PATCH .../destination-connections/{destinationId}`).
 *
 * The export never prints a body whose effect would differ from what the file says: where the
 * API cannot express the file, it refuses (exit 1) and says why and what to do instead. The
 * API semantics come from segmentio/public-api-sdk-typescript (3780bc6):
 * - model/addDestinationToAudienceAlphaInput.ts: `destination` {id, type} is required; an omitted
 *   `idSyncConfiguration` means the destination's default identifiers.
 * - model/updateDestinationForAudienceAlphaInput.ts: the supplied `idSyncConfiguration` replaces
 *   the stored one, an empty array is the same as omitting it (stored configuration unchanged);
 *   `connectionSettings` replaces the stored settings outright (omitted settings are removed), an
 *   empty object is the same as omitting it; with neither field the call is a 400.
 * - api/activationsApi.ts: the two paths, each id URI-encoded.
 * The decision table is in docs/cli.md ("idsync export"). Exit codes: 0 exported; 1 refused
 * (error diagnostics, a journey, or a file the call cannot express); 2 usage or I/O error.
 */
import * as path from 'node:path';
import type { Node } from 'jsonc-parser';
import { getNodeValue } from 'jsonc-parser';
import { Workspace, SPACE_FILE_NAME, SPACE_ID_PATTERN, SpaceFile, propertyValue, stringValue } from '../../engine';
import type { ConfigModel } from '../../engine';
import { fromEnginePath, toEnginePath } from '../../node/host';
import { parseCommandArgs, parseMaxFileSize } from '../args';
import { CliFileHost, ReadError } from '../files';
import { Command, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, printable } from '../io';

const USAGE = `Usage: idsync export [options] <config>

Prints the JSON request body of the Segment Public API call that applies <config>:
"Add Destination to Audience", or with --update "Update Destination for Audience".
The method and path go to stderr (or to stdout before the body with --print-request).
A config the call cannot express as written is refused (exit 1) with the reason.

Options:
      --update               the body of "Update Destination for Audience" (PATCH)
      --connection-settings  also send the file's connectionSettings; with --update they
                             replace every stored setting of the connection
      --space-id <id>        the space id of the path (default: "spaceId" of idsync.space.json)
      --template             allow missing ids: print {spaceId}, {audienceId} and
                             {destinationId} placeholders instead of refusing
      --print-request        print "METHOD path", a blank line, then the body, all on stdout
      --max-file-size <n>    a file longer than n characters (about bytes) gets one
                             file-too-large error (and is not exported) (default 4194304)
  -h, --help                 show this help

Exit codes: 0 exported, 1 refused (the config has errors, is a journey, or cannot be
expressed by the call: the message says why), 2 usage or I/O error.
`;

/** An `idSyncConfiguration` item of the Public API (model/iDSyncConfigurationInput.ts). */
export interface ApiIdSyncItem {
  externalId: string;
  strategy: string;
  mapTo?: string;
}

export interface ApiRequest {
  method: 'POST' | 'PATCH';
  path: string;
  body: Record<string, unknown>;
}

export interface ExportOptions {
  update: boolean;
  /** Send the file's connectionSettings (--connection-settings). */
  connectionSettings: boolean;
  /** Placeholders instead of refusals for missing ids (--template). */
  template: boolean;
  /** --space-id, else the space file's spaceId. */
  spaceId?: string;
  /** Where a missing space id can be added (the governing space file, for the message). */
  spaceFile?: string;
  /** Errors of the space file's invalid "spaceId": the refusals when no space id is given. */
  spaceIdErrors?: string[];
}

export interface ExportPlan {
  /** Undefined when refused. */
  request?: ApiRequest;
  /** Why the call cannot express the file; any refusal means exit 1 and no body. */
  refusals: string[];
  /** Effects the reader must know about (stderr `warning:`). */
  warnings: string[];
  /** Remarks (stderr `note:`). */
  notes: string[];
}

const SDK_UPDATE = 'public-api-sdk-typescript model/updateDestinationForAudienceAlphaInput.ts';

function stringProp(obj: Node | undefined, key: string): string | undefined {
  const v = stringValue(propertyValue(obj, key));
  return v === undefined || v.trim() === '' ? undefined : v;
}

/**
 * Decides the request for a config without error diagnostics (and not a journey), or refuses.
 * Every case is a row of the table in docs/cli.md.
 */
export function planRequest(model: ConfigModel, options: ExportOptions): ExportPlan {
  const refusals: string[] = [];
  const warnings: string[] = [];
  const notes: string[] = [];
  const { update } = options;

  // Ids: the path needs the space and audience ids (and the destination id for an Update); the
  // Add body needs destination.id (model/destinationInput.ts: id and type are required).
  const audienceId = stringProp(model.audience, 'id');
  const destinationId = stringProp(model.destination, 'id');
  const placeholders: string[] = [];
  const missing = (placeholder: string, refusal: string) => {
    if (options.template) placeholders.push(placeholder);
    else refusals.push(refusal);
  };
  const templateHint = '(or pass --template to print a template with placeholders)';
  if (options.spaceId === undefined && options.spaceIdErrors?.length) {
    for (const e of options.spaceIdErrors) refusals.push(`${e} Fix it, or pass --space-id.`);
  } else if (options.spaceId === undefined) {
    const where = options.spaceFile ? `add "spaceId": "spa_..." to ${options.spaceFile}` : `add "spaceId": "spa_..." to an ${SPACE_FILE_NAME} in the config's directory or above`;
    missing('{spaceId}', `no space id for the request path: pass --space-id spa_... or ${where} ${templateHint}.`);
  }
  if (audienceId === undefined) missing('{audienceId}', `no "audience.id": add the audience id (aud_...) to the config, the request path needs it ${templateHint}.`);
  if (destinationId === undefined) {
    missing(
      '{destinationId}',
      `no "destination.id": add the destination instance id to the config, ${update ? 'the request path' : 'the body\'s destination.id'} needs it ${templateHint}.`,
    );
  }
  if (placeholders.length > 0) {
    notes.push(`template: ${placeholders.join(', ')} ${placeholders.length === 1 ? 'is a placeholder' : 'are placeholders'}; replace ${placeholders.length === 1 ? 'it' : 'them'} before sending.`);
  }

  // Add creates a connection, Update changes one: audience.existing says which the file means.
  const existing = propertyValue(model.audience, 'existing');
  if (!update && existing?.value === true) {
    refusals.push(
      '"audience.existing" is true: the audience already syncs to this destination, so the connection exists and "Add Destination to Audience" (which creates one) is the wrong call. Use --update ("Update Destination for Audience").',
    );
  }
  if (update && existing?.value === false) {
    refusals.push(
      '"audience.existing" is false: the file says the audience does not sync to this destination yet, but --update changes an existing connection. Export without --update to add the destination, or set "existing": true if the connection already exists.',
    );
  }

  // Identifiers.
  const items: ApiIdSyncItem[] = model.entries.map((e) => {
    const item: ApiIdSyncItem = { externalId: e.externalId!.value as string, strategy: e.strategy!.value as string };
    if (e.mapTo?.type === 'string') item.mapTo = e.mapTo.value as string;
    return item;
  });
  const customized = model.setup === 'customized' && items.length > 0;
  const defaultWhy = model.setup === 'default' ? 'setup is "default" (Default Setup)' : 'setup is "customized" with no idSyncConfiguration entries (Segment then syncs the default identifiers)';
  const body: Record<string, unknown> = {};
  if (!update) body.destination = { id: destinationId ?? '{destinationId}', type: stringProp(model.destination, 'type') ?? 'destination' };
  if (customized) body.idSyncConfiguration = items;
  else if (update) {
    refusals.push(
      `${defaultWhy}, which "Update Destination for Audience" cannot express: an empty or omitted idSyncConfiguration leaves the stored identifiers unchanged (${SDK_UPDATE}), so a customized connection would stay customized. Switch the connection to Default Setup in Segment (the connection's ID Sync settings), or remove the destination from the audience and add it again (idsync export without --update).`,
    );
  } else notes.push(`${defaultWhy}: idSyncConfiguration is left out, so Segment uses the destination's default identifiers (model/addDestinationToAudienceAlphaInput.ts).`);

  // Connection settings: only with --connection-settings.
  const settings = model.connectionSettings;
  const sendMobileIds = propertyValue(settings, 'sendMobileIds');
  const mobileIdsUnnamed = 'no Segment source (the Public API SDK, segment-docs, action-destinations) names the API key behind Segment\'s "Send Mobile IDs" setting; "sendMobileIds" is idsync\'s own name for it';
  if (!settings) {
    if (options.connectionSettings) {
      notes.push(`--connection-settings: the file has no connectionSettings, so none are sent${update ? ' and the stored settings stay as they are' : ''}.`);
    }
  } else if (!options.connectionSettings) {
    notes.push(
      `connectionSettings are not sent${update ? ' (the stored settings stay as they are)' : ''}: pass --connection-settings to send them${update ? '; they then replace every stored setting' : ''}.`,
    );
    if (sendMobileIds) {
      notes.push(
        `${mobileIdsUnnamed}, so no export sets it: check that Send Mobile IDs is ${sendMobileIds.value === true ? 'on' : 'off'} in the connection's settings in Segment.`,
      );
    }
  } else if (sendMobileIds) {
    refusals.push(
      `--connection-settings: connectionSettings has "sendMobileIds", but ${mobileIdsUnnamed}, so the request could not be known to set it${update ? ', and the settings sent replace every stored setting, which could remove the real Send Mobile IDs setting' : ''}. Set Send Mobile IDs in the connection's settings in Segment and export without --connection-settings.`,
    );
  } else if (update && settings.type === 'object' && (settings.children ?? []).length === 0) {
    refusals.push(
      `--connection-settings: connectionSettings is {}, and an empty object leaves the stored settings unchanged (${SDK_UPDATE}), so they would not be cleared as the file says. Clear them in Segment, or export without --connection-settings.`,
    );
  } else {
    body.connectionSettings = getNodeValue(settings);
    if (update) warnings.push(`connectionSettings replace every stored setting of the connection: a setting the file does not list is removed (${SDK_UPDATE}).`);
  }

  if (update && body.idSyncConfiguration === undefined && body.connectionSettings === undefined && refusals.length === 0) {
    // Not reachable with the refusals above (every Update that passes carries identifiers); kept
    // so a future change cannot print a body the API answers with a 400.
    refusals.push(`the body would have neither idSyncConfiguration nor connectionSettings, which the API answers with a 400 (${SDK_UPDATE}).`);
  }
  if (refusals.length > 0) return { refusals, warnings: [], notes: [] };

  const enc = (id: string | undefined, placeholder: string) => (id === undefined ? placeholder : encodeURIComponent(id));
  const base = `/spaces/${enc(options.spaceId, '{spaceId}')}/audiences/${enc(audienceId, '{audienceId}')}/destination-connections`;
  const request: ApiRequest = update ? { method: 'PATCH', path: `${base}/${enc(destinationId, '{destinationId}')}`, body } : { method: 'POST', path: base, body };
  return { request, refusals, warnings, notes };
}

/** The error diagnostics of the space file's "spaceId", as `file:line:col: message` (for a refusal). */
function spaceIdErrors(space: SpaceFile | undefined, display: string): string[] {
  if (!space) return [];
  return space.diagnostics
    .filter((d) => d.severity === 'error' && d.pointer === '/spaceId')
    .map((d) => `${display}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${printable(d.message)}`);
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Print the Segment Public API request body that applies a config',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      update: { type: 'boolean' },
      'connection-settings': { type: 'boolean' },
      template: { type: 'boolean' },
      'print-request': { type: 'boolean' },
      'space-id': { type: 'string' },
      'max-file-size': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    const maxFileSize = parseMaxFileSize(values['max-file-size'] as string | undefined);
    if (positionals.length === 0) throw new UsageError('missing <config>');
    if (positionals.length > 1) throw new UsageError(`expected one config, got ${positionals.length}`);
    const spaceId = values['space-id'] as string | undefined;
    if (spaceId !== undefined && !SPACE_ID_PATTERN.test(spaceId)) throw new UsageError(`--space-id needs an id such as spa_..., not '${printable(spaceId)}'`);
    const arg = positionals[0];
    const abs = path.resolve(io.cwd, arg);
    const rel = path.relative(io.cwd, abs);
    const inside = rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
    const root = inside ? io.cwd : path.dirname(abs);
    const display = printable((inside ? rel : arg).split(path.sep).join('/'));
    const host = new CliFileHost(root);
    let text: string | undefined;
    try {
      text = host.readFile(toEnginePath(abs));
    } catch (e) {
      if (!(e instanceof ReadError)) throw e;
      io.stderr.write(`idsync export: ${display}: ${e.reason}\n`);
      return EXIT_USAGE;
    }
    if (text === undefined) {
      io.stderr.write(`idsync export: ${display}: no such file or directory\n`);
      return EXIT_USAGE;
    }
    const ws = new Workspace(host, toEnginePath(root), undefined, { limits: maxFileSize !== undefined ? { maxFileSize } : {} });
    let lint;
    try {
      lint = ws.lint(toEnginePath(abs), text);
    } catch (e) {
      if (!(e instanceof ReadError)) throw e;
      io.stderr.write(`idsync export: ${printable(path.relative(io.cwd, e.enginePath) || e.enginePath)}: ${e.reason}\n`);
      return EXIT_USAGE;
    }
    const { result } = lint;
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      const lines = errors.map((d) => `  ${display}:${d.range.start.line + 1}:${d.range.start.character + 1}  ${d.code}  ${printable(d.message)}`);
      io.stderr.write(
        `idsync export: ${display} has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix ${errors.length === 1 ? 'it' : 'them'} before exporting:\n${lines.join('\n')}\n`,
      );
      return EXIT_PROBLEMS;
    }
    if (result.model.journey && !result.model.audience) {
      io.stderr.write(
        `idsync export: ${display} configures a journey step; the Public API calls "Add Destination to Audience" and "Update Destination for Audience" cover audiences only. Apply a journey's ID Sync settings in the journey step's Connection Settings in Segment.\n`,
      );
      return EXIT_PROBLEMS;
    }
    const space = lint.space;
    const spaceDisplay = space ? printable(path.relative(io.cwd, fromEnginePath(space.path)).split(path.sep).join('/') || SPACE_FILE_NAME) : undefined;
    const fromSpace = space?.config.spaceId;
    const badSpaceId = spaceId === undefined && fromSpace === undefined ? spaceIdErrors(space, spaceDisplay!) : [];
    const plan = planRequest(result.model, {
      update: values.update === true,
      connectionSettings: values['connection-settings'] === true,
      template: values.template === true,
      spaceId: spaceId ?? fromSpace,
      spaceFile: spaceDisplay,
      spaceIdErrors: badSpaceId,
    });
    if (!plan.request) {
      for (const r of plan.refusals) io.stderr.write(`idsync export: ${display}: ${r}\n`);
      return EXIT_PROBLEMS;
    }
    const request = plan.request;
    const body = JSON.stringify(request.body, null, 2) + '\n';
    const line = `${request.method} ${request.path}`;
    if (values['print-request'] === true) io.stdout.write(`${line}\n\n${body}`);
    else {
      io.stdout.write(body);
      io.stderr.write(`${line}\n`);
    }
    for (const w of plan.warnings) io.stderr.write(`warning: ${w}\n`);
    for (const n of plan.notes) io.stderr.write(`note: ${n}\n`);
    return EXIT_OK;
  },
};
