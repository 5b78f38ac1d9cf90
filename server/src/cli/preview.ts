/**
 * `idsync preview <config> [--profile p]... [--format text|json] [--mask | --show-values]`: what
 * each sample profile would send to the destination. A thin front door over the engine's preview.
 * Raw profile values are masked when --mask is given, and by default when the environment
 * variable CI is set (anything but "", "0" or "false"): sample profiles hold personal data and
 * CI logs are widely readable. --show-values shows them anyway.
 *
 * `argv` is what follows the command name. Exit codes (docs/preview.md):
 * 0 every profile previewed and the config has no errors;
 * 1 the preview was printed, but the config has errors or a profile is missing, refused or broken;
 * 2 usage error, the config cannot be read (missing, outside the working tree, not UTF-8),
 *   or there is no sample profile at all.
 */
import * as nodePath from 'node:path';
import { fromEnginePath, toEnginePath } from '../node/host';
import { parseCommandArgs, parseMaxFileSize, shellQuote } from './args';
import { CliFileHost, ReadError } from './files';
import { printable, UsageError, usageErrorText } from './io';
import { Workspace, EMPTY_SPACE, previewAll, previewToJson, renderPreviewText, resolveSampleProfiles, loadSampleProfiles } from '../engine';

export interface PreviewIO {
  stdout(s: string): void;
  stderr(s: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
}

export const PREVIEW_USAGE = `Usage: idsync preview <config> [--profile <path>]... [--format text|json] [--mask | --show-values]

Shows which identifier values each sample profile would send to the destination of <config>,
and what the destination receives (normalised, hashed).

Options:
  -p, --profile <path>  a sample profile (repeatable); replaces the config's "samples"
  -f, --format <fmt>    text (default) or json
      --mask            hide raw profile values: show only what the destination receives
                        (the default when the environment variable CI is set)
      --show-values     show raw profile values even when CI is set
      --max-file-size <n>  a file longer than n characters (about bytes) gets one
                        file-too-large error instead of being previewed (default 4194304)
  -h, --help            show this help

Profiles come from --profile, else the config's "samples" (relative to the config), else
samples/profiles/*.json beside the config. Paths outside the working directory are refused.
Exit codes: 0 ok, 1 config errors or a broken/missing profile, 2 usage or I/O error.
`;

const OPTIONS = {
  profile: { type: 'string', short: 'p', multiple: true },
  format: { type: 'string', short: 'f' },
  mask: { type: 'boolean' },
  'show-values': { type: 'boolean' },
  'max-file-size': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runPreview(argv: string[], io: PreviewIO): Promise<number> {
  try {
    return await preview(argv, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(usageErrorText('preview', PREVIEW_USAGE, e.message));
    return 2;
  }
}

async function preview(argv: string[], io: PreviewIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  if (values.help === true) {
    io.stdout(PREVIEW_USAGE);
    return 0;
  }
  if (values.mask === true && values['show-values'] === true) throw new UsageError('--mask and --show-values cannot be used together');
  const format = (values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format '${format}': use text or json`);
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'missing <config>' : `expected one config, got ${positionals.length}`);
  const maxFileSize = parseMaxFileSize(values['max-file-size'] as string | undefined);

  const root = toEnginePath(io.cwd);
  const configArg = positionals[0];
  const configAbs = nodePath.resolve(io.cwd, configArg);
  const configPath = toEnginePath(configAbs);
  const display = displayArg(io.cwd, configAbs, configArg);
  const host = new CliFileHost(io.cwd);
  let text: string | undefined;
  try {
    text = host.readFile(configPath);
  } catch (e) {
    if (!(e instanceof ReadError)) throw e;
    return fail(io, `${display}: ${e.reason}`);
  }
  if (text === undefined) return fail(io, `${display}: no such file or directory`);

  const workspace = new Workspace(host, root, undefined, { limits: maxFileSize !== undefined ? { maxFileSize } : {} });
  let linted;
  try {
    linted = workspace.lint(configPath, text);
  } catch (e) {
    if (!(e instanceof ReadError)) throw e;
    return fail(io, `${displayArg(io.cwd, fromEnginePath(e.enginePath), e.enginePath)}: ${e.reason}`);
  }
  const { result, space } = linted;
  const tooLarge = result.diagnostics.find((d) => d.code === 'file-too-large');
  if (tooLarge) {
    io.stderr(`idsync preview: ${display}: ${printable(tooLarge.message)} (--max-file-size)\n`);
    return 1;
  }
  const configErrors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const refs = resolveSampleProfiles(configPath, result.model, undefined, root, {
    profiles: values.profile as string[] | undefined,
    cwd: root,
    listDir: (p) => host.listDir(p),
  });
  const loaded = loadSampleProfiles(host, refs);
  const previewed = previewAll({ model: result.model, catalogs: workspace.catalogs, space: space?.config ?? EMPTY_SPACE }, loaded);

  const ci = isCI(io.env);
  const mask = values.mask === true || (ci && values['show-values'] !== true);
  if (format === 'json') io.stdout(JSON.stringify(previewToJson(previewed, { mask, configErrors }), null, 2) + '\n');
  else io.stdout(renderPreviewText(previewed, { mask }));
  if (mask && ci && values.mask !== true) io.stderr('idsync preview: CI is set, so raw profile values are masked; pass --show-values to show them.\n');

  if (space && space.diagnostics.some((d) => d.severity === 'error')) {
    const spaceDisplay = displayArg(io.cwd, fromEnginePath(space.path), space.path);
    io.stderr(`idsync preview: ${spaceDisplay} has errors: run \`idsync check ${printable(shellQuote(spaceDisplay))}\` for details.\n`);
  }
  if (configErrors > 0) {
    io.stderr(`idsync preview: ${display} has ${configErrors} error${configErrors === 1 ? '' : 's'}: run \`idsync check ${printable(shellQuote(configArg))}\` for details.\n`);
  }
  if (loaded.length === 0) {
    io.stderr('idsync preview: no sample profile: pass --profile, list "samples" in the config, or add samples/profiles/*.json beside it.\n');
    return 2;
  }
  const broken = loaded.filter((l) => !l.profile).length;
  return configErrors > 0 || broken > 0 ? 1 : 0;
}

/** A path for messages: relative to the working directory when inside it, else as given; control characters escaped. */
function displayArg(cwd: string, abs: string, given: string): string {
  const rel = nodePath.relative(cwd, abs);
  const inside = rel === '' || (!rel.startsWith('..') && !nodePath.isAbsolute(rel));
  return printable((inside ? rel || '.' : given).split(nodePath.sep).join('/'));
}

/** Whether the environment says this is a CI run (GitHub Actions, GitLab, most CI services set CI). */
export function isCI(env: Record<string, string | undefined>): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

function fail(io: PreviewIO, message: string): number {
  io.stderr(`idsync preview: ${message}\n`);
  return 2;
}
