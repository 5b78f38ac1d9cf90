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
import { parseArgs } from 'node:util';
import { NodeFileHost, toEnginePath } from '../node/host';
import { Workspace } from '../engine/workspace';
import { EMPTY_SPACE } from '../engine/space';
import { previewAll, previewToJson, renderPreviewText } from '../engine/preview';
import { resolveSampleProfiles, loadSampleProfiles } from '../engine/samples';

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
  -h, --help            show this help

Profiles come from --profile, else the config's "samples" (relative to the config), else
samples/profiles/*.json beside the config. Paths outside the working directory are refused.
Exit codes: 0 ok, 1 config errors or a broken/missing profile, 2 usage or I/O error.
`;

export async function runPreview(argv: string[], io: PreviewIO): Promise<number> {
  let values: { profile?: string[]; format?: string; mask?: boolean; 'show-values'?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        profile: { type: 'string', short: 'p', multiple: true },
        format: { type: 'string', short: 'f' },
        mask: { type: 'boolean' },
        'show-values': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (e) {
    return usage(io, (e as Error).message);
  }
  if (values.help) {
    io.stdout(PREVIEW_USAGE);
    return 0;
  }
  if (values.mask && values['show-values']) return usage(io, '--mask and --show-values cannot be used together');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') return usage(io, `unknown format "${format}": use text or json`);
  if (positionals.length !== 1) return usage(io, positionals.length === 0 ? 'missing <config>' : `expected one config, got ${positionals.length}`);

  const root = toEnginePath(io.cwd);
  const configArg = positionals[0];
  const configPath = toEnginePath(nodePath.resolve(io.cwd, configArg));
  const host = new NodeFileHost(io.cwd);
  let text: string | undefined;
  try {
    text = host.readFile(configPath);
  } catch (e) {
    return fail(io, `cannot read ${configArg}: ${(e as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a directory' : (e as Error).message}`);
  }
  if (text === undefined) return fail(io, `cannot read ${configArg}: no such file`);

  const workspace = new Workspace(host, root);
  const { result, space } = workspace.lint(configPath, text);
  const configErrors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const refs = resolveSampleProfiles(configPath, result.model, undefined, root, {
    profiles: values.profile,
    cwd: root,
    listDir: (p) => host.listDir(p),
  });
  const loaded = loadSampleProfiles(host, refs);
  const preview = previewAll({ model: result.model, catalogs: workspace.catalogs, space: space?.config ?? EMPTY_SPACE }, loaded);

  const ci = isCI(io.env);
  const mask = values.mask === true || (ci && !values['show-values']);
  if (format === 'json') io.stdout(JSON.stringify(previewToJson(preview, { mask, configErrors }), null, 2) + '\n');
  else io.stdout(renderPreviewText(preview, { mask }));
  if (mask && ci && !values.mask) io.stderr('idsync preview: CI is set, so raw profile values are masked; pass --show-values to show them.\n');

  if (space && space.diagnostics.some((d) => d.severity === 'error')) {
    io.stderr(`idsync preview: ${space.path} has errors: run \`idsync check\` for details.\n`);
  }
  if (configErrors > 0) {
    io.stderr(`idsync preview: ${configArg} has ${configErrors} error${configErrors === 1 ? '' : 's'}: run \`idsync check ${configArg}\` for details.\n`);
  }
  if (loaded.length === 0) {
    io.stderr('idsync preview: no sample profile: pass --profile, list "samples" in the config, or add samples/profiles/*.json beside it.\n');
    return 2;
  }
  const broken = loaded.filter((l) => !l.profile).length;
  return configErrors > 0 || broken > 0 ? 1 : 0;
}

/** Whether the environment says this is a CI run (GitHub Actions, GitLab, most CI services set CI). */
export function isCI(env: Record<string, string | undefined>): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

function usage(io: PreviewIO, message: string): number {
  io.stderr(`idsync preview: ${message}\n\n${PREVIEW_USAGE}`);
  return 2;
}

function fail(io: PreviewIO, message: string): number {
  io.stderr(`idsync preview: ${message}\n`);
  return 2;
}
