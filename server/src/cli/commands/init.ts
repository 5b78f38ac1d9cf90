/**
 * `idsync init <destination>`: writes a new, commented `.idsync.json` for a destination with the
 * catalog's suggested mapping (what Default Setup sends, made explicit, each identifier mapped
 * to the key the catalog suggests for it) and the space's custom identifiers as commented
 * suggestions. The text is linted with the same engine before it is written: an entry the engine
 * would report is written commented out, with the reason, so the file always lints clean.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  Workspace,
  builtinAudienceDestinations,
  builtinCatalogs,
  canonicalSlug,
  closest,
  destinationSummaries,
  fixAll,
  suggestedKey,
  SPACE_FILE_NAME,
} from '../../engine';
import type { DestinationCatalog, LintResult, SpaceFile, Strategy } from '../../engine';
import { fromEnginePath, toEnginePath } from '../../node/host';
import { parseCommandArgs } from '../args';
import { Command, EXIT_OK, EXIT_USAGE, UsageError, printable } from '../io';
import { CliFileHost, CONFIG_SUFFIX, ReadError, writeReason } from '../files';

const USAGE = `Usage: idsync init [options] <destination>

Writes a new config for a destination: the identifiers its Default Setup sends (or, without
one, those the catalog maps), each mapped to the key the catalog suggests, and the custom
identifiers of the nearest idsync.space.json as commented suggestions. The file lints clean.

Options:
  -o, --output <file>    the file to write (default: <destination>.idsync.json in the
                         current directory; '-': print it on stdout)
      --audience <key>   the audience key (audience.key; default: my_audience)
      --force            overwrite an existing file
      --list             list the destinations (slug, name, how mapTo is chosen)
  -h, --help             show this help

Exit codes: 0 written, 2 usage error (an unknown destination), an existing file without
--force, or a file that could not be written.
`;

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  audience: { type: 'string' },
  force: { type: 'boolean' },
  list: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const DEFAULT_AUDIENCE = 'my_audience';

interface Line {
  /** The entry's JSON (`{ "externalId": ... }`). */
  json: string;
  /** Why the entry is written commented out (undefined: an active entry). */
  commentedOut?: string;
  /** A trailing comment for the reader. */
  note?: string;
  externalId: string;
}

export const init: Command = {
  name: 'init',
  summary: 'Write a new config for a destination with its suggested mapping',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    const output = values.output as string | undefined;
    if (output === '') throw new UsageError("--output needs a file name (or '-' for standard output)");
    const audience = (values.audience as string | undefined) ?? DEFAULT_AUDIENCE;
    if (!audience.trim() || /[\u0000-\u001f\u007f]/.test(audience)) throw new UsageError(`--audience needs an audience key, not '${printable(audience)}'`);

    // The space that governs the new file: the same nearest-ancestor lookup as every command.
    const target = output === undefined || output === '-' ? undefined : path.resolve(io.cwd, output);
    const where = target ?? path.join(io.cwd, 'x' + CONFIG_SUFFIX);
    const rel = path.relative(io.cwd, path.dirname(where));
    const root = rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel)) ? io.cwd : path.dirname(where);
    const host = new CliFileHost(root);
    const ws = new Workspace(host, toEnginePath(root));
    let space: SpaceFile | undefined;
    try {
      const spacePath = ws.findSpacePath(toEnginePath(where));
      space = spacePath ? ws.space(spacePath) : undefined;
    } catch (e) {
      if (!(e instanceof ReadError)) throw e;
      io.stderr.write(`idsync init: ${printable(displayPath(io.cwd, fromEnginePath(e.enginePath)))}: ${e.reason}\n`);
      return EXIT_USAGE;
    }
    const spaceDestinations = space?.config.destinations ?? new Map<string, DestinationCatalog>();

    if (values.list === true) {
      if (positionals.length) throw new UsageError('--list takes no destination');
      io.stdout.write(listing(spaceDestinations, space ? displayPath(io.cwd, fromEnginePath(space.path)) : undefined));
      return EXIT_OK;
    }
    if (positionals.length === 0) throw new UsageError("missing <destination> (run 'idsync init --list' for the slugs)");
    if (positionals.length > 1) throw new UsageError(`expected one destination, got ${positionals.length}`);
    const slug = positionals[0];
    const catalogs = builtinCatalogs();
    const builtin = canonicalSlug(catalogs, slug);
    const dest = spaceDestinations.get(slug) ?? (builtin === undefined ? undefined : catalogs.destinations.get(builtin));
    if (!dest) {
      const known = new Map<string, string>();
      for (const d of destinationSummaries(catalogs)) for (const name of [d.slug, ...d.aliases]) known.set(name, d.slug);
      for (const s of spaceDestinations.keys()) known.set(s, s);
      const near = didYouMean(slug, known);
      io.stderr.write(`idsync init: unknown destination '${printable(slug)}'${near.length ? ` (did you mean ${near.map((n) => `'${n}'`).join(' or ')}?)` : ''}; run 'idsync init --list' for the destinations\n`);
      return EXIT_USAGE;
    }

    const file = target ?? path.join(io.cwd, `${dest.slug}${CONFIG_SUFFIX}`);
    const shownFile = printable(output ?? `${dest.slug}${CONFIG_SUFFIX}`);
    const text = generate(dest, audience, space, (t) => ws.lint(toEnginePath(file), t, { space: space ?? null }).result);

    if (output === '-') {
      io.stdout.write(text.text);
      return EXIT_OK;
    }
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // 'wx' refuses an existing file atomically (no check-then-write race).
      fs.writeFileSync(file, text.text, { flag: values.force === true ? 'w' : 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException)?.code === 'EEXIST' && values.force !== true && exists(file)) {
        io.stderr.write(`idsync init: ${shownFile} already exists; not overwritten (use --force to replace it)\n`);
      } else {
        io.stderr.write(`idsync init: cannot write ${shownFile}: ${writeReason(e)}\n`);
      }
      return EXIT_USAGE;
    }
    const custom = text.custom ? `, ${text.custom} custom identifier${text.custom === 1 ? '' : 's'} of ${text.spaceName} suggested in comments` : '';
    io.stdout.write(`Wrote ${shownFile} for ${dest.displayName} (${dest.slug}): ${text.active} identifier${text.active === 1 ? '' : 's'}${custom}.\n`);
    if (!file.endsWith(CONFIG_SUFFIX)) io.stderr.write(`idsync init: note: ${shownFile} is not named *${CONFIG_SUFFIX}: 'idsync check <folder>' and the editor only find configs by that name\n`);
    return EXIT_OK;
  },
};

/**
 * The slugs a mistyped one may stand for: the closest slug or alias by edit distance, else the
 * destinations one of whose names contains it (`facebook-custom-audience` is in
 * `personas-facebook-custom-audiences` and `actions-facebook-custom-audiences`), by canonical
 * slug, at most three. `known`: every name (slug or alias) to its canonical slug.
 */
function didYouMean(slug: string, known: ReadonlyMap<string, string>): string[] {
  const near = closest(slug, known.keys());
  if (near) return [near];
  const lower = slug.toLowerCase();
  if (lower.length < 3) return [];
  return [...new Set([...known].filter(([name]) => name.includes(lower)).map(([, canonical]) => canonical))].sort().slice(0, 3);
}

/** True when something (a broken symbolic link too) is at `p`. */
function exists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function displayPath(cwd: string, abs: string): string {
  return path.relative(cwd, abs).split(path.sep).join('/') || '.';
}

function listing(spaceDestinations: ReadonlyMap<string, DestinationCatalog>, spaceName: string | undefined): string {
  const rows = builtinAudienceDestinations()
    .map((d) => [d.slug, d.displayName, d.input === 'dropdown' ? 'dropdown' : 'free text'])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const own = [...spaceDestinations.values()].map((d) => [d.slug, d.displayName, d.input === 'dropdown' ? 'dropdown' : 'free text']);
  const all = [...rows, ...own];
  const w0 = Math.max(...all.map((r) => r[0].length));
  const w1 = Math.max(...all.map((r) => r[1].length));
  const line = (r: string[]) => `${printable(r[0]).padEnd(w0)}  ${printable(r[1]).padEnd(w1)}  ${r[2]}\n`;
  const events = destinationSummaries(builtinCatalogs()).filter((d) => d.tier === 4).length;
  let out = `Audience destinations (slug, name, how mapTo is chosen in Segment):\n\n${rows.map(line).join('')}`;
  out += `\nand ${events} event destinations, free text without catalog keys (docs/catalogs.md): 'idsync init <slug>' takes them too.\n`;
  if (own.length) out += `\nDeclared in ${printable(spaceName ?? SPACE_FILE_NAME)}:\n\n${own.map(line).join('')}`;
  return out;
}

const q = (s: string) => JSON.stringify(s);

function entryJson(externalId: string, strategy: Strategy, mapTo: string | undefined): string {
  return `{ "externalId": ${q(externalId)}, "strategy": ${q(strategy)}${mapTo !== undefined ? `, "mapTo": ${q(mapTo)}` : ''} }`;
}

/**
 * The identifiers init maps: Default Setup's (in its order, with its strategy), else every
 * default Segment identifier the catalog suggests a key for (strategy "last": one value each).
 */
function suggestedIdentifiers(dest: DestinationCatalog): { ids: string[]; strategy: Strategy; fromDefaultSetup: boolean } {
  if (dest.defaultSetup && dest.defaultSetup.identifiers.length) return { ids: [...dest.defaultSetup.identifiers], strategy: dest.defaultSetup.strategy, fromDefaultSetup: true };
  const identifiers = builtinCatalogs().identifiers.identifiers;
  const ids = Object.keys(identifiers).filter((id) => suggestedKey(dest, id) !== undefined);
  return { ids, strategy: 'last', fromDefaultSetup: false };
}

interface Generated {
  text: string;
  active: number;
  custom: number;
  spaceName: string;
}

function generate(dest: DestinationCatalog, audience: string, space: SpaceFile | undefined, lint: (text: string) => LintResult): Generated {
  const identifiers = builtinCatalogs().identifiers.identifiers;
  const { ids, strategy, fromDefaultSetup } = suggestedIdentifiers(dest);
  const lines: Line[] = [];
  for (const id of ids) {
    const key = suggestedKey(dest, id);
    const label = key !== undefined ? dest.keys[key]?.label : undefined;
    if (key === undefined && dest.input === 'dropdown') {
      lines.push({ externalId: id, json: entryJson(id, strategy, undefined), commentedOut: 'the catalog suggests no dropdown key for it: add "mapTo"' });
    } else {
      lines.push({ externalId: id, json: entryJson(id, strategy, key), note: label });
    }
  }
  // The space's custom identifiers: an entry when the catalog suggests a key for it (a space's
  // own destination, a reliable catalog fact), else a commented suggestion.
  const customIds = [...(space?.config.customIdentifiers ?? [])].filter((id) => !ids.includes(id)).sort();
  const custom: Line[] = [];
  for (const id of customIds) {
    const key = suggestedKey(dest, id);
    if (key !== undefined) {
      lines.push({ externalId: id, json: entryJson(id, 'last', key), note: `${dest.keys[key]?.label ?? key}; a custom identifier of the space` });
      continue;
    }
    const loose = Object.entries(dest.keys).find(([, spec]) => spec.suggestedFor?.includes(id));
    if (loose) {
      custom.push({ externalId: id, json: entryJson(id, 'last', loose[0]), commentedOut: `the catalog's key ${q(loose[0])} for it is ${loose[1].confidence ?? 'unsourced'}: check it, then uncomment` });
    } else if (dest.input === 'dropdown') {
      custom.push({ externalId: id, json: entryJson(id, 'last', undefined), commentedOut: `add "mapTo", one of ${Object.keys(dest.keys).map(q).join(', ')}, then uncomment` });
    } else {
      custom.push({ externalId: id, json: entryJson(id, 'last', undefined), commentedOut: 'the catalog suggests no key for it: add "mapTo" if the mapping needs one, then uncomment' });
    }
  }

  const mobile = () => lines.some((l) => !l.commentedOut && identifiers[l.externalId]?.mobileAdId === true);
  const needsSendMobileIds = () => mobile() && !dest.ignoresSendMobileIds;

  // Lint the text; comment out each active entry the engine reports (a destination limit, a
  // kind the destination does not take...), until nothing is reported. Bounded by the entries.
  let text = '';
  for (let round = 0; round <= lines.length; round++) {
    text = render(dest, audience, lines, custom, fromDefaultSetup, needsSendMobileIds(), space);
    const fx = fixAll(text, lint);
    text = fx.text;
    const reported = fx.result.diagnostics;
    let changed = false;
    const active = lines.filter((l) => !l.commentedOut);
    for (const d of reported) {
      const m = /^\/idSyncConfiguration\/(\d+)(?:\/|$)/.exec(d.pointer);
      const line = m ? active[Number(m[1])] : undefined;
      if (line && !line.commentedOut) {
        line.commentedOut = `${d.code}: ${d.message}`;
        changed = true;
      }
    }
    if (!changed) break;
  }
  const spaceName = space ? SPACE_FILE_NAME : '';
  return { text, active: lines.filter((l) => !l.commentedOut).length, custom: custom.length, spaceName };
}

function render(dest: DestinationCatalog, audience: string, lines: Line[], custom: Line[], fromDefaultSetup: boolean, sendMobileIds: boolean, space: SpaceFile | undefined): string {
  const keys = Object.keys(dest.keys);
  const out: string[] = [];
  const active = lines.filter((l) => !l.commentedOut);
  out.push(`// ${oneLine(dest.displayName)} (${dest.slug}), written by \`idsync init\`.`);
  if (active.length) {
    out.push(
      fromDefaultSetup
        ? `// The entries are what Segment's Default Setup sends to this destination, made explicit.`
        : `// The entries are the identifiers the catalog maps to this destination's keys.`,
    );
    out.push(`// Review them before applying: on an audience that already syncs, a customized setup cannot be undone.`);
  }
  if (dest.input === 'dropdown') out.push(`// mapTo is picked from a dropdown in Segment: ${keys.map(q).join(', ')}.`);
  else if (keys.length) out.push(`// mapTo is free text in Segment; the keys this destination's mappings read: ${keys.map(q).join(', ')}.`);
  out.push('{');
  out.push(`  "name": ${q(`${audience} to ${dest.displayName}`)},`);
  out.push(`  "audience": { "key": ${q(audience)} }, // add "id": "aud_..." for idsync export`);
  out.push(`  "destination": { "slug": ${q(dest.slug)} },`);
  if (sendMobileIds) out.push(`  "connectionSettings": { "sendMobileIds": true }, // Send Mobile IDs: needed to send the mobile advertising ids below`);
  const off = [...lines.filter((l) => l.commentedOut), ...custom];
  if (active.length === 0) {
    // Nothing to customize: Default Setup (a customized setup without entries syncs the same, and empty-customized-setup says so).
    out.push(`  "setup": "default", // the catalog suggests no identifier mapping for this destination: Segment's Default Setup`);
    if (off.length === 0) {
      out.push('}');
      return out.join('\n') + '\n';
    }
    out.push(`  // To customize: set "setup" to "customized" and uncomment entries.`);
  } else {
    out.push(`  "setup": "customized",`);
  }
  out.push(`  "idSyncConfiguration": [`);
  for (const l of active) out.push(`    ${l.json},${l.note ? ` // ${oneLine(l.note)}` : ''}`);
  const customNames = new Set(custom.map((c) => c.externalId));
  let customHeader = false;
  for (const l of off) {
    if (customNames.has(l.externalId) && !customHeader && space) {
      out.push(`    // Custom identifiers of the space (${SPACE_FILE_NAME}), not sent until uncommented:`);
      customHeader = true;
    }
    out.push(`    // ${l.json}, // ${oneLine(l.commentedOut!)}`);
  }
  out.push(`  ]`);
  out.push('}');
  return out.join('\n') + '\n';
}

/** A catalog or lint text on one comment line (no line break can end the comment early). */
function oneLine(s: string): string {
  return s.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, ' ');
}
