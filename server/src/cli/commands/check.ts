/**
 * `idsync check [paths...]`: lints config files (and the space files that govern them) and
 * reports in one of the formats. Exit code 0: no errors; 1: errors, or more warnings than
 * --max-warnings; 2: a usage error or a path that could not be checked.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_CODES, SEVERITY_SETTINGS, closest } from '../../engine';
import type { Diagnostic, SeveritySetting } from '../../engine';
import { MAX_FILE_SIZE_HELP, parseCommandArgs, parseMaxFileSize } from '../args';
import { Command, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, printable, useColor } from '../io';
import { collectTargets, writeReason } from '../files';
import { FORMATS, FileReport, CheckReport } from '../formats';
import { count } from '../formats/report';
import { displayPath } from '../check-files';
import { autoJobs, checkFiles, MAX_JOBS } from '../parallel';

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
      --jobs <n|auto>      threads to check with (default auto: every core when
                           there are many files, one for a few hundred)
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
  jobs: { type: 'string' },
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
  /** --jobs: threads to check with. */
  jobs: number | 'auto';
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
    jobs: parseJobs(values.jobs as string | undefined),
    paths: positionals.length ? positionals : ['.'],
  };
}

/** --jobs: a whole number from 1 to MAX_JOBS, or auto. */
function parseJobs(value: string | undefined): number | 'auto' {
  if (value === undefined || value === 'auto') return 'auto';
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_JOBS) throw new UsageError(`--jobs needs a whole number from 1 to ${MAX_JOBS} or 'auto', not '${printable(value)}'`);
  return Number(value);
}

/** --category: what upload-sarif's `category` input would be; printable, not blank. */
function parseCategory(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!value.trim() || /[\u0000-\u001f\u007f]/.test(value)) throw new UsageError(`--category needs a name without control characters, not '${printable(value)}'`);
  return value;
}

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

    const configs = sorted.filter((x) => x.t.kind === 'config').length;
    const jobs = opts.jobs === 'auto' ? autoJobs(configs) : opts.jobs;
    const outcomes = await checkFiles(sorted, { cwd, maxFileSize: opts.maxFileSize, rules: opts.rules, fix: opts.fix }, jobs, io.workerScript);
    // Merged in path order: the same report whatever the number of threads.
    const files = new Map<string, FileReport>();
    const diffs: string[] = [];
    const fixNotes: string[] = [];
    for (const o of outcomes) {
      for (const r of o.reports) if (!files.has(r.path)) files.set(r.path, r);
      for (const [abs, reason] of o.problems) addProblem(abs, reason);
      fixNotes.push(...o.notes);
      if (o.diff !== undefined) diffs.push(o.diff);
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
