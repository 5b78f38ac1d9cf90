/**
 * A workspace of configs: finds the `idsync.space.json` that governs each config and lints
 * configs with it. The lookup does not depend on the workspace root or the working directory:
 * from the config's own directory upward, the nearest space file applies; the search stops at
 * a space file (the nearest one is the whole configuration; `"root": true` says so explicitly),
 * at the directory holding `.git` (searched, then the search ends), or at the file-system root. Files are read through the
 * host; results are cached by text so repeated lints cost nothing extra.
 */
import type { FileHost, SeveritySetting } from '../types';
import type { Catalogs } from '../catalogs/catalog';
import { builtinCatalogs } from '../catalogs/builtin';
import { lintText, LintLimits, LintResult, RULE_CODES, DEFAULT_ENGINE_MAX_FILE_SIZE } from '../lint/lint';
import { parseSpaceFile, SpaceConfig, SpaceFile, SPACE_FILE_NAME, EMPTY_SPACE } from './space';
import { dirname, join, normalize, toSlash } from '../paths';
import type { ConfigModel } from '../lint/model';
import type { ParsedDocument } from '../lint/parse';
import type { LoadedProfile } from '../preview/samples';
import { loadSampleProfiles, resolveSampleProfiles } from '../preview/samples';
import type { SampleRef } from '../preview/samples';

export interface FileResult {
  path: string;
  result: LintResult;
  /** The space file that applies, if any (its own diagnostics are in `space.diagnostics`). */
  space?: SpaceFile;
}

export interface WorkspaceOptions {
  /** Reads sample profiles (the language server passes its cached loader). */
  loadProfiles?: (host: FileHost, refs: readonly SampleRef[]) => LoadedProfile[];
  /** maxFileSize / maxDiagnostics, from CLI flags or LSP settings. */
  limits?: LintLimits;
}

/** What a front door may change about one lint (everything else comes from the workspace). */
export interface LintOverrides {
  /** Rule severities on top of the space file's (the CLI's `--rule`: space file < command line). */
  rules?: ReadonlyMap<string, SeveritySetting>;
  /**
   * The space file to lint with instead of looking it up: the CLI passes the one it already read
   * (and reports); `null` lints without any (the language server, when the space file cannot be read).
   */
  space?: SpaceFile | null;
  /** `text` already parsed (the language server's per-version cache), so it is not parsed again. */
  parsed?: ParsedDocument;
}

export class Workspace {
  private readonly loadProfiles: (host: FileHost, refs: readonly SampleRef[]) => LoadedProfile[];
  /** maxFileSize / maxDiagnostics, from CLI flags or LSP settings (may be changed later). */
  limits: LintLimits;
  private readonly spaceAt = new Map<string, string | null>();
  private readonly spaces = new Map<string, { text: string; file: SpaceFile }>();
  readonly root: string;

  /**
   * `loadProfiles`: how the sample profiles of the `sample-profile` rule are read (default
   * `loadSampleProfiles`); the language server passes one that caches them by file stamp.
   */
  constructor(
    private readonly host: FileHost,
    root: string,
    readonly catalogs: Catalogs = builtinCatalogs(),
    options: WorkspaceOptions = {},
  ) {
    this.root = normalize(toSlash(root));
    this.loadProfiles = options.loadProfiles ?? loadSampleProfiles;
    this.limits = options.limits ?? {};
  }

  /**
   * The space file that governs a config: the nearest one from the config's directory upward,
   * stopping at the directory holding `.git` or at the file-system root (not at the workspace
   * root: the same config gets the same space from any working directory or folder).
   */
  findSpacePath(configPath: string): string | undefined {
    let dir = dirname(normalize(toSlash(configPath)));
    const visited: string[] = [];
    let found: string | undefined;
    for (;;) {
      const cached = this.spaceAt.get(dir);
      if (cached !== undefined) {
        found = cached ?? undefined;
        break;
      }
      visited.push(dir);
      const candidate = join(dir, SPACE_FILE_NAME);
      if (this.readSpace(candidate)) {
        found = candidate;
        break;
      }
      if (this.host.hasGit?.(dir)) break;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    for (const v of visited) this.spaceAt.set(v, found ?? null);
    return found;
  }

  /** The parsed space file at a path, or undefined when there is none. */
  space(path: string): SpaceFile | undefined {
    return this.readSpace(normalize(toSlash(path)));
  }

  private readSpace(path: string): SpaceFile | undefined {
    const text = this.host.readSpaceFile ? this.host.readSpaceFile(path) : this.host.readFile(path);
    if (text === undefined) {
      this.spaces.delete(path);
      return undefined;
    }
    const cached = this.spaces.get(path);
    if (cached && cached.text === text) return cached.file;
    const max = this.limits.maxFileSize ?? DEFAULT_ENGINE_MAX_FILE_SIZE;
    const file =
      text.length > max
        ? { path, config: { ...EMPTY_SPACE, path }, diagnostics: lintText(text, { maxFileSize: max }).diagnostics }
        : parseSpaceFile(path, text, RULE_CODES);
    this.spaces.set(path, { text, file });
    return file;
  }

  /**
   * Lints a config's text with the space that governs its path, its sample profiles and the
   * workspace's limits: the one lint entry point of the CLI and the language server.
   */
  lint(path: string, text: string, overrides: LintOverrides = {}): FileResult {
    const p = normalize(toSlash(path));
    let space: SpaceFile | undefined;
    if (overrides.space !== undefined) space = overrides.space ?? undefined;
    else {
      const spacePath = this.findSpacePath(p);
      space = spacePath ? this.space(spacePath) : undefined;
    }
    const config = withRuleOverrides(space?.config ?? EMPTY_SPACE, overrides.rules);
    const result = lintText(text, { catalogs: this.catalogs, space: config, samples: this.sampleLoader(p), ...this.limits, parsed: overrides.parsed });
    return { path: p, result, space };
  }

  /** Reads the sample profiles a config lists in `samples` (for the `sample-profile` rule). */
  sampleLoader(configPath: string): (model: ConfigModel) => readonly LoadedProfile[] {
    return (model) => {
      const refs = resolveSampleProfiles(normalize(toSlash(configPath)), model, undefined, this.root).filter((r) => r.origin === 'config');
      return this.loadProfiles(this.host, refs);
    };
  }

  /** Forgets what is known of a path (a file changed, appeared or went away). */
  invalidate(path?: string): void {
    if (path === undefined) {
      this.spaceAt.clear();
      this.spaces.clear();
      return;
    }
    const p = normalize(toSlash(path));
    this.spaces.delete(p);
    if (p.endsWith('/' + SPACE_FILE_NAME)) this.spaceAt.clear();
  }
}

/** Space configs with rule overrides on top, built once per (space config, overrides) pair. */
const OVERRIDDEN = new WeakMap<SpaceConfig, WeakMap<ReadonlyMap<string, SeveritySetting>, SpaceConfig>>();

function withRuleOverrides(base: SpaceConfig, rules: ReadonlyMap<string, SeveritySetting> | undefined): SpaceConfig {
  if (!rules || rules.size === 0) return base;
  let byRules = OVERRIDDEN.get(base);
  if (!byRules) OVERRIDDEN.set(base, (byRules = new WeakMap()));
  let config = byRules.get(rules);
  if (!config) byRules.set(rules, (config = { ...base, rules: new Map([...base.rules, ...rules]) }));
  return config;
}
