/**
 * The per-file work of `idsync check`: read a config, find the space file that governs it, lint
 * it (and, with --fix or --fix-dry-run, fix it), and say what came of it as plain data (an
 * `Outcome`), so that the same work runs on the main thread or in a worker (`parallel.ts`) and
 * the command merges the outcomes in path order either way.
 */
import * as path from 'node:path';
import { Workspace, fixAll, MAX_FIX_PASSES } from '../engine';
import type { Diagnostic, LintResult, SeveritySetting, SpaceFile } from '../engine';
import { fromEnginePath, toEnginePath } from '../node/host';
import { printable } from './io';
import { CliFileHost, errnoReason, ReadError, Target } from './files';
import type { FileReport } from './formats';
import { FixWriteError, unifiedDiff, writeFixed } from './fix';

/** What the per-file work needs of the command line (it crosses to workers: plain data). */
export interface CheckFilesOptions {
  cwd: string;
  maxFileSize?: number;
  rules: Map<string, SeveritySetting>;
  /** --fix writes the fixes, --fix-dry-run prints them as a diff. */
  fix?: 'write' | 'dry-run';
}

/** One target and the path it is shown as. */
export interface CheckItem {
  t: Target;
  rel: string;
}

/** What checking one target gave: reports (the config's, the space files' first seen), problems, notes, a diff. */
export interface Outcome {
  reports: FileReport[];
  /** [absolute path, reason]: a path that could not be checked. */
  problems: Array<[string, string]>;
  /** --fix: lines for stderr saying what was fixed or why not. */
  notes: string[];
  /** --fix-dry-run: the unified diff of the config. */
  diff?: string;
}

const notHint = (d: Diagnostic) => d.severity !== 'hint';

/** '/'-separated path relative to the working directory ("." for the directory itself). */
export function displayPath(cwd: string, abs: string): string {
  // The usual case, a file below the working directory, without path.relative's normalising.
  const prefix = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  if (abs.startsWith(prefix) && !abs.includes(`${path.sep}.`, prefix.length - 1) && !abs.includes(path.sep + path.sep)) {
    const rel = abs.slice(prefix.length);
    return path.sep === '/' ? rel : rel.split(path.sep).join('/');
  }
  return path.relative(cwd, abs).split(path.sep).join('/') || '.';
}

/** Checks targets one by one, reading each space file once (per thread). */
export class FileChecker {
  private readonly workspaces = new Map<string, { host: CliFileHost; ws: Workspace }>();
  /** Space files by path, read once (not once per config below them). */
  private readonly spaces = new Map<string, SpaceFile | undefined>();
  private readonly reported = new Set<SpaceFile>();

  constructor(private readonly opts: CheckFilesOptions) {}

  check({ t, rel }: CheckItem): Outcome {
    const out: Outcome = { reports: [], problems: [], notes: [] };
    const { host, ws } = this.workspaceOf(t);
    const enginePath = toEnginePath(t.abs);
    try {
      if (t.kind === 'space') {
        const space = ws.space(enginePath);
        if (space) this.reportSpace(space, out);
        else out.problems.push([t.abs, 'no such file or directory']);
        return out;
      }
      const content = host.readFile(enginePath);
      if (content === undefined) {
        out.problems.push([t.abs, 'no such file or directory']);
        return out;
      }
      let spaceFile: SpaceFile | undefined;
      try {
        const spacePath = ws.findSpacePath(enginePath);
        if (spacePath && !this.spaces.has(spacePath)) this.spaces.set(spacePath, ws.space(spacePath));
        spaceFile = spacePath ? this.spaces.get(spacePath) : undefined;
      } catch (e) {
        if (e instanceof ReadError && e.enginePath !== enginePath) {
          const spaceAbs = fromEnginePath(e.enginePath);
          out.problems.push([spaceAbs, e.reason]);
          out.problems.push([t.abs, `not checked: its space file ${displayPath(this.opts.cwd, spaceAbs)} could not be read`]);
          return out;
        }
        throw e;
      }
      if (spaceFile) this.reportSpace(spaceFile, out);
      const lintText = (text: string) => ws.lint(enginePath, text, { space: spaceFile ?? null, rules: this.opts.rules }).result;
      // The file's own text is linted once, whether --fix's first pass or the report asks.
      let original: LintResult | undefined;
      const lint = (text: string) => (text === content ? (original ??= lintText(text)) : lintText(text));
      const { result, fixed } = this.opts.fix ? this.fix(t, rel, content, lint, out) : { result: lint(content), fixed: undefined };
      // Hints are editor-only (faint suggestions such as all-on-single-value): CI never reports them.
      out.reports.push({ path: rel, kind: 'config', fixed, diagnostics: result.diagnostics.filter(notHint), suppressed: result.suppressed.filter(notHint) });
    } catch (e) {
      if (e instanceof ReadError) out.problems.push([fromEnginePath(e.enginePath), e.reason]);
      else out.problems.push([t.abs, errnoReason(e)]);
    }
    return out;
  }

  /** The editor's "Fix all", to a fixed point: the same engine function, the same fixes. */
  private fix(t: Target, rel: string, content: string, lint: (text: string) => LintResult, out: Outcome): { result: LintResult; fixed: number } {
    const fx = fixAll(content, lint);
    const unchanged = { result: lint(content), fixed: 0 };
    const shown = printable(rel);
    if (fx.blocked === 'syntax') out.notes.push(`idsync: ${shown}: not fixed: the file has a syntax error, which no fix addresses; correct it first\n`);
    if (fx.stopped === 'max-passes') out.notes.push(`idsync: ${shown}: note: fixes were still offered after ${MAX_FIX_PASSES} passes; run again to apply them\n`);
    if (fx.stopped === 'cycle') out.notes.push(`idsync: ${shown}: note: the fixes undo each other; stopped after ${plural(fx.passes, 'pass', 'passes')}\n`);
    if (fx.stopped === 'broke-syntax') out.notes.push(`idsync: ${shown}: note: a fix would have made a syntax error; it was not applied (please report this)\n`);
    if (fx.text === content) return unchanged;
    if (this.opts.fix === 'dry-run') {
      out.diff = unifiedDiff(shown, content, fx.text);
      out.notes.push(`idsync: ${shown}: would apply ${plural(fx.fixed, 'fix', 'fixes')}\n`);
      return { result: fx.result, fixed: fx.fixed };
    }
    try {
      writeFixed(t.abs, content, fx.text);
      out.notes.push(`idsync: ${shown}: applied ${plural(fx.fixed, 'fix', 'fixes')}\n`);
      return { result: fx.result, fixed: fx.fixed };
    } catch (e) {
      if (!(e instanceof FixWriteError)) throw e;
      out.problems.push([t.abs, `the fixes could not be written (${e.message}); the file is unchanged`]);
      return unchanged;
    }
  }

  private workspaceOf(t: Target) {
    let w = this.workspaces.get(t.root);
    if (!w) {
      const host = new CliFileHost(t.root);
      const limits = this.opts.maxFileSize !== undefined ? { maxFileSize: this.opts.maxFileSize } : {};
      w = { host, ws: new Workspace(host, toEnginePath(t.root), undefined, { limits }) };
      this.workspaces.set(t.root, w);
    }
    return w;
  }

  /** A space file's own report, the first time this checker meets it. */
  private reportSpace(space: SpaceFile, out: Outcome): void {
    if (this.reported.has(space)) return;
    this.reported.add(space);
    out.reports.push({ path: displayPath(this.opts.cwd, fromEnginePath(space.path)), kind: 'space', diagnostics: [...space.diagnostics], suppressed: [] });
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
