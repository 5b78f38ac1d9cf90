/**
 * Which sample profiles a config previews, reading them, and the `sample-profile` diagnostics
 * for the ones that are missing, refused or broken. Pure: the directory listing and the file
 * reads come in through callbacks / the `FileHost`.
 *
 * Order of precedence (docs/preview.md):
 * 1. `--profile` flags (CLI), relative to the working directory;
 * 2. the config's `samples` (paths relative to the config), when the property is present;
 * 3. the `idsync.sampleProfiles` setting: globs relative to the workspace root;
 * 4. `samples/profiles/*.json` beside the config.
 * Every path must stay inside the root (the workspace, or the CLI's working tree); a path
 * outside is refused before anything is read.
 */
import type { Node } from 'jsonc-parser';
import type { ConfigModel } from '../lint/model';
import type { Diagnostic, FileHost, Severity } from '../types';
import type { SampleProfile, ProfileProblem } from './profiles';
import { parseProfile, formatPosition } from './profiles';
import { dirname, isInside, join, normalize, relative, resolve, toSlash } from '../paths';
import { jsonPointer, propertyNode } from '../json';

/** A profile as the loader hands it over: parsed, or with the reason it could not be. */
export interface LoadedProfile {
  /** Absolute '/'-path (undefined when refused before resolution). */
  path?: string;
  /** As shown to users. */
  display: string;
  profile?: SampleProfile;
  error?: string;
  problem?: ProfileProblem;
  /** Where the profile was named (for the `sample-profile` diagnostics). */
  ref?: SampleRef;
}

export type SampleOrigin = 'flag' | 'config' | 'setting' | 'default';

export interface SampleRef {
  /** Absolute '/'-path; undefined when the reference was refused. */
  path?: string;
  /** As shown to users: relative to the root when inside it, else as written. */
  display: string;
  origin: SampleOrigin;
  /** The `samples` item this came from (origin "config"). */
  node?: Node;
  /** Why the reference was refused (outside the root, not a string...). Nothing was read. */
  error?: string;
}

/**
 * Lists a directory: entry names, directories with a trailing "/"; undefined when the
 * directory does not exist or cannot be listed.
 */
export type ListDir = (path: string) => readonly string[] | undefined;

export interface ResolveOptions {
  /** `--profile` flags: they replace every other source. */
  profiles?: readonly string[];
  /** Base of relative `profiles` (default: the root). */
  cwd?: string;
  listDir?: ListDir;
}

export const DEFAULT_SAMPLE_GLOB = 'samples/profiles/*.json';
const SKIP_DIRS = new Set(['node_modules', '.git']);
const MAX_GLOB_RESULTS = 1000;

export function resolveSampleProfiles(
  configPath: string,
  model: ConfigModel,
  settingsGlobs: readonly string[] | undefined,
  root: string,
  options: ResolveOptions = {},
): SampleRef[] {
  const rootN = normalize(toSlash(root));
  const listDir: ListDir | undefined = options.listDir
    ? (p) => {
        try {
          return options.listDir!(p);
        } catch {
          return undefined; // unreadable or refused by the host: nothing to list
        }
      }
    : undefined;
  const configDir = dirname(normalize(toSlash(configPath)));
  const display = (p: string) => (isInside(rootN, p) ? relative(rootN, p) : p);
  const confine = (written: string, base: string, origin: SampleOrigin, node?: Node): SampleRef => {
    const path = resolve(base, toSlash(written));
    if (written.trim() === '') return { display: written, origin, node, error: 'an empty path names no profile' };
    if (!isInside(rootN, path)) {
      return { display: written, origin, node, error: `"${written}" is outside ${rootN}: sample profiles must stay inside the workspace; not read` };
    }
    return { path, display: display(path), origin, node };
  };

  if (options.profiles && options.profiles.length > 0) {
    const cwd = normalize(toSlash(options.cwd ?? rootN));
    return options.profiles.map((p) => confine(p, cwd, 'flag'));
  }

  const samples = model.samples;
  if (samples && samples.type === 'array') {
    return (samples.children ?? []).map((item, i) => {
      if (item.type !== 'string') return { display: `samples[${i}]`, origin: 'config', node: item, error: `samples[${i}] must be a path (a string)` };
      return confine(item.value as string, configDir, 'config', item);
    });
  }

  const globs = settingsGlobs?.filter((g) => g.trim() !== '') ?? [];
  if (globs.length > 0) {
    const out: SampleRef[] = [];
    const seen = new Set<string>();
    for (const g of globs) {
      const pattern = resolve(rootN, toSlash(g));
      if (!isInside(rootN, pattern.replace(/\/[^/]*[*?[].*$/, '') || '/')) {
        out.push({ display: g, origin: 'setting', error: `the setting's pattern "${g}" is outside ${rootN}: not read` });
        continue;
      }
      if (!hasMagic(pattern)) {
        if (!seen.has(pattern)) out.push(confine(g, rootN, 'setting'));
        seen.add(pattern);
        continue;
      }
      for (const p of expandGlob(pattern, listDir)) {
        if (seen.has(p) || !isInside(rootN, p)) continue;
        seen.add(p);
        out.push({ path: p, display: display(p), origin: 'setting' });
      }
    }
    return out;
  }

  const dir = join(configDir, 'samples/profiles');
  if (!isInside(rootN, dir)) return [];
  const names = listDir?.(dir) ?? [];
  return names
    .filter((n) => !n.endsWith('/') && n.toLowerCase().endsWith('.json'))
    .sort(compareNames)
    .map((n) => {
      const p = join(dir, n);
      return { path: p, display: display(p), origin: 'default' as const };
    });
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function hasMagic(p: string): boolean {
  return /[*?[]/.test(p);
}

/** Segment glob: `*` and `?` within a name, `[...]` classes, `**` for any depth. */
function segmentRegex(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        const body = seg.slice(i + 1, end).replace(/\\/g, '\\\\');
        re += `[${body.startsWith('!') ? '^' + body.slice(1) : body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Expands an absolute '/'-pattern with the directory lister; sorted, at most MAX_GLOB_RESULTS. */
export function expandGlob(pattern: string, listDir: ListDir | undefined): string[] {
  if (!listDir) return [];
  const segs = pattern.split('/');
  let i = 0;
  const fixed: string[] = [];
  while (i < segs.length && !hasMagic(segs[i])) fixed.push(segs[i++]);
  const base = fixed.join('/') || '/';
  const rest = segs.slice(i);
  const results = new Set<string>();
  const walk = (dir: string, k: number): void => {
    if (results.size >= MAX_GLOB_RESULTS) return;
    if (k >= rest.length) return;
    const seg = rest[k];
    const entries = listDir(dir);
    if (!entries) return;
    const last = k === rest.length - 1;
    if (seg === '**') {
      walk(dir, k + 1); // zero directories
      for (const e of entries) {
        if (!e.endsWith('/')) continue;
        const name = e.slice(0, -1);
        if (SKIP_DIRS.has(name)) continue;
        walk(join(dir, name), k);
      }
      return;
    }
    const re = segmentRegex(seg);
    for (const e of [...entries].sort(compareNames)) {
      const isDir = e.endsWith('/');
      const name = isDir ? e.slice(0, -1) : e;
      if (!re.test(name)) continue;
      if (last) {
        if (!isDir) results.add(join(dir, name));
      } else if (isDir && !SKIP_DIRS.has(name)) walk(join(dir, name), k + 1);
    }
  };
  walk(base, 0);
  return [...results].sort(compareNames);
}

/** Reads and parses each reference. Never throws: every failure is a LoadedProfile with `error`. */
export function loadSampleProfiles(host: FileHost, refs: readonly SampleRef[]): LoadedProfile[] {
  return refs.map((ref) => {
    const base: LoadedProfile = { path: ref.path, display: ref.display, ref };
    if (ref.error !== undefined || ref.path === undefined) return { ...base, error: `Sample profile refused: ${ref.error ?? 'no path'}.` };
    let text: string | undefined;
    try {
      text = host.readFile(ref.path);
    } catch (e) {
      return { ...base, error: `Sample profile cannot be read: ${(e as Error)?.message ?? String(e)}.` };
    }
    if (text === undefined) return { ...base, error: `Sample profile not found: ${ref.path}.` };
    const parsed = parseProfile(text);
    if (!parsed.ok && parsed.limit) return { ...base, problem: parsed.error, error: `Sample profile is too large: ${parsed.error.message.charAt(0).toLowerCase()}${parsed.error.message.slice(1)}` };
    if (!parsed.ok) return { ...base, problem: parsed.error, error: `Sample profile is broken: ${withPosition(parsed.error)}` };
    return { ...base, profile: parsed.profile };
  });
}

function withPosition(p: { message: string; line: number; character: number }): string {
  return p.message.includes(' at line ') ? p.message : `${p.message.replace(/\.$/, '')} (${formatPosition(p)}).`;
}

export const SAMPLE_PROFILE_CODE = 'sample-profile';

/**
 * `sample-profile` diagnostics for a config: a missing, refused or broken profile is a warning,
 * and so is a partial Profile API page (`cursor.has_more: true`); items left out of a good profile are an info. Placed on the `samples` item the profile comes
 * from; for profiles from the setting or the default folder, on the `samples`/`idSyncConfiguration`
 * key, else at the start of the file.
 */
export function checkSamples(model: ConfigModel, loaded: readonly LoadedProfile[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const fallback = propertyNode(model.root, 'samples')?.children?.[0] ?? propertyNode(model.root, 'idSyncConfiguration')?.children?.[0];
  const push = (l: LoadedProfile, severity: Severity, message: string) => {
    const node = l.ref?.node ?? fallback;
    const offset = node?.offset ?? 0;
    const length = node?.length ?? 0;
    out.push({
      code: SAMPLE_PROFILE_CODE,
      severity,
      message,
      range: model.doc.lines.range(offset, length),
      offset,
      length,
      pointer: node ? jsonPointer(node) : '',
    });
  };
  for (const l of loaded) {
    const name = JSON.stringify(l.display);
    if (!l.profile) {
      push(l, 'warning', `${name}: ${l.error ?? 'cannot be previewed'} Fix the profile or the path; the other profiles still preview.`);
      continue;
    }
    if (l.profile.partial) {
      push(l, 'warning', `${name}: a partial Profile API page (cursor.has_more is true): the profile has more external ids than the file holds, so "first", "last" and "all" may pick other values. Save every page (follow cursor.next) into one file.`);
    }
    const w = l.profile.warnings;
    if (w.length > 0) push(l, 'info', `${name}: ${w.length} item${w.length === 1 ? '' : 's'} left out of the preview. ${w[0].message}${w.length > 1 ? ` (and ${w.length - 1} more)` : ''}`);
  }
  return out.sort((a, b) => a.offset - b.offset);
}
