/**
 * `idsync export <config> [--update] [--print-request] [--space-id <id>]`: the JSON body of the
 * Segment Public API call that applies a config: "Add Destination to Audience"
 * (`POST /spaces/{spaceId}/audiences/{audienceId}/destination-connections`) or, with --update,
 * "Update Destination for Audience" (`PATCH .../destination-connections/{destinationId}`).
 *
 * Only the API's fields are exported; comments and the file's own keys (name, samples, setup,
 * audience.key...) are not part of the body. Exit codes: 0 exported; 1 the config cannot be
 * exported as it is (error diagnostics, or a journey: the API covers audiences only);
 * 2 usage or I/O error. Documented in docs/cli.md.
 */
import * as path from 'node:path';
import type { Node } from 'jsonc-parser';
import { getNodeValue } from 'jsonc-parser';
import { Workspace } from '../../engine/workspace';
import type { ConfigModel } from '../../engine/model';
import { propertyValue, stringValue } from '../../engine/json';
import { toEnginePath } from '../../node/host';
import { parseCommandArgs, parseMaxFileSize } from '../args';
import { CliFileHost, ReadError } from '../files';
import { Command, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, printable } from '../io';

const USAGE = `Usage: idsync export [options] <config>

Prints the JSON request body of the Segment Public API call that applies <config>:
"Add Destination to Audience", or with --update "Update Destination for Audience".
The method and path go to stderr (or to stdout before the body with --print-request).

Options:
      --update          the body of "Update Destination for Audience" (PATCH)
      --print-request   print "METHOD path", a blank line, then the body, all on stdout
      --space-id <id>   the space id to put in the path (default: the placeholder {spaceId})
      --max-file-size <n>  a file longer than n characters (about bytes) gets one
                        file-too-large error (and is not exported) (default 4194304)
  -h, --help            show this help

Exit codes: 0 exported, 1 the config has errors or is a journey (the API covers
audiences only), 2 usage or I/O error.
`;

/** An `idSyncConfiguration` item of the Public API (IDSyncConfigurationInput). */
export interface ApiIdSyncItem {
  externalId: string;
  strategy: string;
  mapTo?: string;
}

export interface ApiRequest {
  method: 'POST' | 'PATCH';
  path: string;
  body: Record<string, unknown>;
  /** Placeholders left in the path or body, and other remarks for stderr. */
  notes: string[];
}

function stringProp(obj: Node | undefined, key: string): string | undefined {
  return stringValue(propertyValue(obj, key));
}

/**
 * Builds the request from a config without error diagnostics. `setup: "default"`: the Add body
 * leaves `idSyncConfiguration` out (the API then uses the destination's default identifiers);
 * the Update body sends `[]` (no identifier rows = the default identifiers, as in the app),
 * because leaving it out of a PATCH would keep the current customized rows.
 */
export function buildRequest(model: ConfigModel, options: { update: boolean; spaceId?: string }): ApiRequest {
  const notes: string[] = [];
  const audienceId = stringProp(model.audience, 'id');
  const destinationId = stringProp(model.destination, 'id');
  const destinationType = stringProp(model.destination, 'type') ?? 'destination';
  const space = options.spaceId ?? '{spaceId}';
  if (options.spaceId === undefined) notes.push('{spaceId} is a placeholder: pass --space-id or replace it.');
  if (audienceId === undefined) notes.push('{audienceId} is a placeholder: add "audience.id" (aud_...) to the config or replace it.');
  if (destinationId === undefined) {
    notes.push('{destinationId} is a placeholder: add "destination.id" to the config or replace it.');
  }
  const base = `/spaces/${space}/audiences/${audienceId === undefined ? '{audienceId}' : encodeURIComponent(audienceId)}/destination-connections`;

  const items: ApiIdSyncItem[] = model.entries.map((e) => {
    const item: ApiIdSyncItem = { externalId: e.externalId!.value as string, strategy: e.strategy!.value as string };
    if (e.mapTo?.type === 'string') item.mapTo = e.mapTo.value as string;
    return item;
  });
  const body: Record<string, unknown> = {};
  if (!options.update) body.destination = { id: destinationId ?? '{destinationId}', type: destinationType };
  if (model.setup === 'customized') body.idSyncConfiguration = items;
  else if (options.update) body.idSyncConfiguration = [];
  if (model.setup === 'default') {
    notes.push(
      options.update
        ? 'Default Setup: idSyncConfiguration is [] (no rows: Segment syncs the destination\'s default identifiers).'
        : 'Default Setup: idSyncConfiguration is left out (the API then syncs the destination\'s default identifiers).',
    );
  }
  if (model.connectionSettings) body.connectionSettings = getNodeValue(model.connectionSettings);
  if (options.update) {
    const id = destinationId === undefined ? '{destinationId}' : encodeURIComponent(destinationId);
    return { method: 'PATCH', path: `${base}/${id}`, body, notes };
  }
  return { method: 'POST', path: base, body, notes };
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Print the Segment Public API request body that applies a config',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      update: { type: 'boolean' },
      'print-request': { type: 'boolean' },
      'space-id': { type: 'string' },
      'max-file-size': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    const maxFileSize = parseMaxFileSize(values['max-file-size'] as string | undefined);
    if (positionals.length === 0) throw new UsageError('missing <config>');
    if (positionals.length > 1) throw new UsageError(`expected one config, got ${positionals.length}`);
    const spaceId = values['space-id'] as string | undefined;
    if (spaceId !== undefined && !/^[\w-]+$/.test(spaceId)) throw new UsageError(`--space-id needs an id such as spa_..., not '${spaceId}'`);
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
    const request = buildRequest(result.model, { update: values.update === true, spaceId });
    const body = JSON.stringify(request.body, null, 2) + '\n';
    const line = `${request.method} ${request.path}`;
    if (values['print-request'] === true) io.stdout.write(`${line}\n\n${body}`);
    else {
      io.stdout.write(body);
      io.stderr.write(`${line}\n`);
    }
    for (const n of request.notes) io.stderr.write(`note: ${n}\n`);
    return EXIT_OK;
  },
};
