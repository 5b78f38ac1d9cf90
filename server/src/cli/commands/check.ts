/**
 * `idsync check [paths...]`: lints config files (and the space files that govern them) and
 * reports in one of the formats. Exit code 0: no errors; 1: errors, or more warnings than
 * --max-warnings; 2: a usage error or a path that could not be checked.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_CODES, Workspace, SEVERITY_SETTINGS, closest, fixAll, MAX_FIX_PASSES } from '../../engine';
import type { SpaceFile, Diagnostic, SeveritySetting } from '../../engine';
import { fromEnginePath, toEnginePath } from '../../node/host';
import { MAX_FILE_SIZE_HELP, parseCommandArgs, parseMaxFileSize } from '../args';
import { CliIO, Command, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, printable, useColor } from '../io';
import { collectTargets, CliFileHost, errnoReason, ReadError, Target, writeReason } from '../files';
import { FORMATS, FileReport, CheckReport } from '../formats';
import { count } from '../formats/report';
import { FixWriteError, unifiedDiff, writeFixed } from '../fix';

const USAGE = `Usage: idsync check [options] [paths...]

Lints *.idsync.json files. Each path is a file or a directory; directories are searched
recursively (node_modules and .git are skipped). Default: the current directory.
Each file is linted with the nearest idsync.space.json in its directory or above
(up to the directory holding .git), whatever the current directory.

Options:
  -f, --format <name>      stylish (default), json, sarif or github
  -o, --output <file>      write the report to a file instead of stdout ('-': stdout)
      --max-warnings <n>   exit with 1 when there are more than n warnings
${MAX_FILE_SIZE_HELP}
  -q, --quiet              report errors only
      --category <name>    sarif: the analysis category (automationDetails.id
                           "<name>/"; default idsync)
      --rule <code=sev>    set a rule's severity (off, hint, info, warning, error);
                           repeatable; wins over idsync.space.json
      --no-color           no colors (also NO_COLOR=1; FORCE_COLOR=1 forces them)
      --fix                apply the preferred fixes (those of the editor's "Fix
                           all") to the config files, then report what remains
      --fix-dry-run        write nothing: print the fixes as a unified diff on
                           stdout; the report goes to stderr (or --output)
      --no-error-on-unmatched-pattern
                           a directory without any *.idsync.json is a note on
                           stderr and exit 0, not an error (exit 2)
  -h, --help               show this help

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage or I/O error,
or a directory without any *.idsync.json (nothing was checked).
`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'max-warnings': { type: 'string' },
  'max-file-size': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  category: { type: 'string' },
  rule: { type: 'string', multiple: true },
  'no-color': { type: 'boolean' },
  'no-error-on-unmatched-pattern': { type: 'boolean' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface CheckOptions {
  format: string;
  output?: string;
  maxWarnings: number;
  maxFileSize?: number;
  quiet: boolean;
  rules: Map<string, SeveritySetting>;
  noColor: boolean;
  errorOnUnmatched: boolean;
  category?: string;
  /** --fix writes the fixes, --fix-dry-run prints them as a diff. */
  fix?: 'write' | 'dry-run';
  paths: string[];
}

function parseOptions(argv: string[]): CheckOptions {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  const format = (values.format as string | undefined) ?? 'stylish';
  if (!Object.prototype.hasOwnProperty.call(FORMATS, format)) {
    throw new UsageError(`unknown format '${format}': use one of ${Object.keys(FORMATS).join(', ')}`);
  }
  let maxWarnings = -1;
  const mw = values['max-warnings'] as string | undefined;
  if (mw !== undefined) {
    if (!/^\d+$/.test(mw)) throw new UsageError(`--max-warnings needs a whole number, not '${mw}'`);
    maxWarnings = Number(mw);
  }
  const maxFileSize = parseMaxFileSize(values['max-file-size'] as string | undefined);
  const rules = new Map<string, SeveritySetting>();
  for (const spec of (values.rule as string[] | undefined) ?? []) {
    const m = /^([^=]+)=(.*)$/.exec(spec);
    if (!m) throw new UsageError(`--rule needs code=severity, not '${spec}'`);
    const code = m[1].trim();
    const severity = m[2].trim();
    if (!RULE_CODES.includes(code)) {
      const near = closest(code, RULE_CODES);
      throw new UsageError(`unknown rule '${code}' in --rule${near ? ` (did you mean '${near}'?)` : ''}; run 'idsync rules' for the list`);
    }
    if (!SEVERITY_SETTINGS.includes(severity as SeveritySetting)) {
      const near = closest(severity, SEVERITY_SETTINGS);
      throw new UsageError(`unknown severity '${severity}' in --rule ${code}${near ? ` (did you mean '${near}'?)` : ''}: use off, hint, info, warning or error`);
    }
    rules.set(code, severity as SeveritySetting);
  }
  let output = values.output as string | undefined;
  if (output === '') throw new UsageError("--output needs a file name (or '-' for standard output)");
  if (output === '-') output = undefined;
  if (values.fix === true && values['fix-dry-run'] === true) throw new UsageError('--fix and --fix-dry-run cannot be used together: --fix-dry-run shows what --fix would write');
  return {
    format,
    output,
    maxWarnings,
    maxFileSize,
    quiet: values.quiet === true,
    rules,
    noColor: values['no-color'] === true,
    errorOnUnmatched: values['no-error-on-unmatched-pattern'] !== true,
    category: parseCategory(values.category as string | undefined),
    fix: values.fix === true ? 'write' : values['fix-dry-run'] === true ? 'dry-run' : undefined,
    paths: positionals.length ? positionals : ['.'],
  };
}

/** --category: what upload-sarif's `category` input would be; printable, not blank. */
function parseCategory(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!value.trim() || /[\u0000-\u001f\u007f]/.test(value)) throw new UsageError(`--category needs a name without control characters, not '${printable(value)}'`);
  return value;
}

/** '/'-separated path relative to the working directory ("." for the directory itself). */
function displayPath(cwd: string, abs: string): string {
  // The usual case, a file below the working directory, without path.relative's normalising.
  const prefix = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  if (abs.startsWith(prefix) && !abs.includes(`${path.sep}.`, prefix.length - 1) && !abs.includes(path.sep + path.sep)) {
    const rel = abs.slice(prefix.length);
    return path.sep === '/' ? rel : rel.split(path.sep).join('/');
  }
  return path.relative(cwd, abs).split(path.sep).join('/') || '.';
}

const notHint = (d: Diagnostic) => d.severity !== 'hint';

export const check: Command = {
  name: 'check',
  summary: 'Lint *.idsync.json files (default: the current directory)',
  usage: USAGE,
  async run(argv, io) {
    const opts = parseOptions(argv);
    const cwd = io.cwd;
    const { targets, problems: found, unmatched } = collectTargets(opts.paths, cwd);
    const problems = new Map<string, string>();
    const addProblem = (abs: string, reason: string) => {
      const key = displayPath(cwd, abs);
      if (!problems.has(key)) problems.set(key, reason);
    };
    for (const p of found) addProblem(p.abs, p.reason);
    // No silent green run: a directory without a config is an error (exit 2), as ESLint's
    // "No files matching the pattern"; --no-error-on-unmatched-pattern makes it a note.
    for (const u of unmatched) {
      const shown = u.nearMisses.slice(0, 5).map(printable).join(', ') + (u.nearMisses.length > 5 ? ` and ${u.nearMisses.length - 5} more` : '');
      const near = u.nearMisses.length ? `; named almost like one: ${shown} (configs must be named *.idsync.json, in lower case)` : '';
      const reason = `no *.idsync.json file found, nothing was checked${near}`;
      if (opts.errorOnUnmatched) addProblem(u.abs, reason);
      else io.stderr.write(`idsync: note: ${printable(displayPath(cwd, u.abs))}: ${reason}\n`);
    }

    const sorted = targets
      .map((t) => ({ t, rel: displayPath(cwd, t.abs) }))
      .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));

    const files = new Map<string, FileReport>();
    const workspaces = new Map<string, { host: CliFileHost; ws: Workspace }>();
    /** Space files by path, read once per run (not once per config below them). */
    const spaces = new Map<string, SpaceFile | undefined>();
    const workspaceOf = (t: Target) => {
      let w = workspaces.get(t.root);
      if (!w) {
        const host = new CliFileHost(t.root);
        w = { host, ws: new Workspace(host, toEnginePath(t.root), undefined, { limits: opts.maxFileSize !== undefined ? { maxFileSize: opts.maxFileSize } : {} }) };
        workspaces.set(t.root, w);
      }
      return w;
    };
    const added = new Set<SpaceFile>();
    /** --fix, --fix-dry-run: the diffs (in path order) and the lines saying what was fixed. */
    const diffs: string[] = [];
    const fixNotes: string[] = [];
    const addSpace = (space: SpaceFile) => {
      if (added.has(space)) return;
      added.add(space);
      const rel = displayPath(cwd, fromEnginePath(space.path));
      if (files.has(rel)) return;
      files.set(rel, { path: rel, kind: 'space', diagnostics: [...space.diagnostics], suppressed: [] });
    };

    for (const { t, rel } of sorted) {
      const { host, ws } = workspaceOf(t);
      const enginePath = toEnginePath(t.abs);
      try {
        if (t.kind === 'space') {
          const space = ws.space(enginePath);
          if (space) addSpace(space);
          else addProblem(t.abs, 'no such file or directory');
          continue;
        }
        const content = host.readFile(enginePath);
        if (content === undefined) {
          addProblem(t.abs, 'no such file or directory');
          continue;
        }
        let spaceFile: SpaceFile | undefined;
        try {
          const spacePath = ws.findSpacePath(enginePath);
          if (spacePath && !spaces.has(spacePath)) spaces.set(spacePath, ws.space(spacePath));
          spaceFile = spacePath ? spaces.get(spacePath) : undefined;
        } catch (e) {
          if (e instanceof ReadError && e.enginePath !== enginePath) {
            const spaceAbs = fromEnginePath(e.enginePath);
            addProblem(spaceAbs, e.reason);
            addProblem(t.abs, `not checked: its space file ${displayPath(cwd, spaceAbs)} could not be read`);
            continue;
          }
          throw e;
        }
        if (spaceFile) addSpace(spaceFile);
        const lint = (text: string) => ws.lint(enginePath, text, { space: spaceFile ?? null, rules: opts.rules }).result;
        let result = lint(content);
        let fixed: number | undefined;
        if (opts.fix) {
          // The editor's "Fix all", to a fixed point: the same engine function, the same fixes.
          const fx = fixAll(content, lint);
          fixed = 0;
          if (fx.blocked === 'syntax') fixNotes.push(`idsync: ${printable(rel)}: not fixed: the file has a syntax error, which no fix addresses; correct it first\n`);
          if (fx.stopped === 'max-passes') fixNotes.push(`idsync: ${printable(rel)}: note: fixes were still offered after ${MAX_FIX_PASSES} passes; run again to apply them\n`);
          if (fx.stopped === 'cycle') fixNotes.push(`idsync: ${printable(rel)}: note: the fixes undo each other; stopped after ${plural(fx.passes, 'pass', 'passes')}\n`);
          if (fx.stopped === 'broke-syntax') fixNotes.push(`idsync: ${printable(rel)}: note: a fix would have made a syntax error; it was not applied (please report this)\n`);
          if (fx.text !== content) {
            if (opts.fix === 'dry-run') {
              diffs.push(unifiedDiff(printable(rel), content, fx.text));
              ({ fixed, result } = fx);
              fixNotes.push(`idsync: ${printable(rel)}: would apply ${plural(fixed, 'fix', 'fixes')}\n`);
            } else {
              try {
                writeFixed(t.abs, content, fx.text);
                ({ fixed, result } = fx);
                fixNotes.push(`idsync: ${printable(rel)}: applied ${plural(fixed, 'fix', 'fixes')}\n`);
              } catch (e) {
                if (!(e instanceof FixWriteError)) throw e;
                addProblem(t.abs, `the fixes could not be written (${e.message}); the file is unchanged`);
              }
            }
          }
        }
        // Hints are editor-only (faint suggestions such as all-on-single-value): CI never reports them.
        files.set(rel, { path: rel, kind: 'config', fixed, diagnostics: result.diagnostics.filter(notHint), suppressed: result.suppressed.filter(notHint) });
      } catch (e) {
        if (e instanceof ReadError) addProblem(fromEnginePath(e.enginePath), e.reason);
        else addProblem(t.abs, errnoReason(e));
      }
    }

    const keep = (d: Diagnostic) => !opts.quiet || d.severity === 'error';
    const all = [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const counts = count(all);
    const report: CheckReport = {
      files: all.map((f) => ({ ...f, diagnostics: f.diagnostics.filter(keep), suppressed: f.suppressed.filter(keep) })),
      problems: [...problems.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, reason]) => ({ path: p, reason })),
    };

    for (const p of report.problems) io.stderr.write(`idsync: ${printable(p.path)}: ${p.reason}\n`);
    for (const n of fixNotes) io.stderr.write(n);

    // --fix-dry-run: stdout is the patch alone (so `> fixes.patch` works); the report goes to stderr.
    const reportStream = opts.fix === 'dry-run' ? io.stderr : io.stdout;
    if (opts.fix === 'dry-run') io.stdout.write(diffs.join(''));
    const color = opts.output === undefined && useColor({ ...io, stdout: reportStream }, opts.noColor);
    const text = FORMATS[opts.format](report, { color, category: opts.category, env: io.env });
    let writeFailed = false;
    if (opts.output !== undefined) {
      const out = path.resolve(cwd, opts.output);
      try {
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, text);
      } catch (e) {
        io.stderr.write(`idsync: cannot write ${printable(opts.output)}: ${writeReason(e)}\n`);
        writeFailed = true;
      }
    } else {
      reportStream.write(text);
    }

    const tooManyWarnings = opts.maxWarnings >= 0 && counts.warning > opts.maxWarnings;
    if (tooManyWarnings) {
      io.stderr.write(`idsync: too many warnings: ${counts.warning} (the maximum is ${opts.maxWarnings})\n`);
    }
    if (report.problems.length || writeFailed) return EXIT_USAGE;
    if (counts.error > 0 || tooManyWarnings) return EXIT_PROBLEMS;
    return EXIT_OK;
  },
};

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
