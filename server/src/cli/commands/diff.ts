/**
 * `idsync diff --base <ref> [paths...]`: for each `*.idsync.json` changed between a git ref and
 * the working tree, what changed in the configuration and what every sample profile sends
 * before and after, with the warnings that matter at review time. The base version is read
 * with `git show` (no checkout); sample profiles and space files come from the working tree.
 * Exit codes: 0 the diff was printed; 1 with --fail-on-errors when a new version has lint
 * errors; 2 usage, git or I/O error. Documented in docs/cli.md.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace, EMPTY_SPACE, previewAll, loadSampleProfiles, resolveSampleProfiles } from '../../engine';
import { NodeFileHost, toEnginePath } from '../../node/host';
import { parseCommandArgs } from '../args';
import { CliFileHost, ReadError } from '../files';
import { Command, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, printable } from '../io';
import { changedFiles, GitError, repositoryRoot, resolveCommit, showFile, ChangedFile } from '../review/git';
import { compareVersions, FileDiff, Version } from '../review/compare';
import { DiffReport, diffToJson, renderDiffMarkdown, renderDiffText } from '../review/render';

const USAGE = `Usage: idsync diff --base <git ref> [options] [paths...]

For each *.idsync.json changed between <git ref> and the working tree (added, modified,
deleted, renamed) under the paths (default: .), shows what changed in the configuration
and which identifier values each sample profile sends before and after, with the
warnings that matter at review time. The base version is read through git (no checkout).

Options:
      --base <ref>        the git ref to compare with (branch, tag, commit); required
  -f, --format <name>     text (default), markdown or json
  -p, --profile <path>    a sample profile (repeatable); replaces the configs' "samples"
      --show-values       show raw profile values (default: only what the destination receives)
      --fail-on-errors    exit with 1 when a new version has lint errors
  -h, --help              show this help

Exit codes: 0 diff printed, 1 lint errors with --fail-on-errors, 2 usage, git or I/O error.
`;

const FORMATS = ['text', 'markdown', 'json'] as const;

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function slash(p: string): string {
  return p.split(path.sep).join('/');
}

export const diff: Command = {
  name: 'diff',
  summary: 'Show what a change to *.idsync.json files will send, against a git ref',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      base: { type: 'string' },
      format: { type: 'string', short: 'f' },
      profile: { type: 'string', short: 'p', multiple: true },
      'show-values': { type: 'boolean' },
      'fail-on-errors': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    const base = values.base as string | undefined;
    if (base === undefined) throw new UsageError('missing --base <git ref> (e.g. --base origin/main)');
    if (base === '' || base.startsWith('-') || /[\0\n]/.test(base)) throw new UsageError(`'${printable(base)}' is not a git ref`);
    const format = (values.format as string | undefined) ?? 'text';
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format '${format}': use text, markdown or json`);
    const showValues = values['show-values'] === true;
    const profiles = values.profile as string[] | undefined;

    const fail = (message: string) => {
      io.stderr.write(`idsync diff: ${printable(message)}\n`);
      return EXIT_USAGE;
    };
    let realCwd: string;
    try {
      realCwd = fs.realpathSync(io.cwd);
    } catch {
      return fail(`the working directory ${io.cwd} cannot be read`);
    }
    let top: string;
    let commit: string;
    let changes: ChangedFile[];
    const rels: string[] = [];
    try {
      top = fs.realpathSync(await repositoryRoot(realCwd));
      for (const p of positionals.length ? positionals : ['.']) {
        const abs = path.resolve(realCwd, p);
        let real = abs;
        try {
          real = fs.realpathSync(abs);
        } catch {
          // a deleted path: compare it as written
        }
        if (!isInside(top, real)) throw new UsageError(`'${printable(p)}' is outside the git repository (${top})`);
        rels.push(slash(path.relative(top, real)));
      }
      commit = await resolveCommit(top, base);
      changes = await changedFiles(top, commit, rels, (f) => f.endsWith('.idsync.json'));
    } catch (e) {
      if (e instanceof GitError) return fail(e.message);
      throw e;
    }

    const host = new CliFileHost(top);
    const lister = new NodeFileHost(top);
    const root = toEnginePath(top);
    const ws = new Workspace(host, root);
    const display = (rel: string) => slash(path.relative(realCwd, path.join(top, rel))) || '.';
    const problems: string[] = [];
    const files: FileDiff[] = [];

    for (const change of changes) {
      const newAbs = toEnginePath(path.join(top, change.path));
      const oldAbs = change.oldPath === null ? undefined : toEnginePath(path.join(top, change.oldPath));
      let oldText: string | undefined;
      let newText: string | undefined;
      try {
        if (change.oldPath !== null) oldText = await showFile(top, commit, change.oldPath);
        if (change.status !== 'deleted') {
          newText = host.readFile(newAbs);
          if (newText === undefined) throw new ReadError(newAbs, 'no such file or directory');
        }
      } catch (e) {
        if (e instanceof GitError) problems.push(`${display(change.oldPath ?? change.path)}: ${e.message}`);
        else if (e instanceof ReadError) problems.push(`${display(change.path)}: ${e.reason}`);
        else throw e;
        continue;
      }
      try {
        const before = oldText !== undefined && oldAbs ? ws.lint(oldAbs, oldText) : undefined;
        const after = newText !== undefined ? ws.lint(newAbs, newText) : undefined;
        const main = after ?? before!;
        const refs = resolveSampleProfiles(main.path, main.result.model, undefined, root, {
          profiles,
          cwd: toEnginePath(realCwd),
          listDir: (p) => lister.listDir(p),
        });
        const loaded = loadSampleProfiles(host, refs);
        const version = (v: typeof before): Version | undefined =>
          v && {
            lint: v.result,
            preview: previewAll({ model: v.result.model, catalogs: ws.catalogs, space: v.space?.config ?? EMPTY_SPACE }, loaded),
          };
        files.push(
          compareVersions(
            { status: change.status, path: display(change.path), oldPath: change.oldPath === null ? null : display(change.oldPath) },
            version(before),
            version(after),
          ),
        );
      } catch (e) {
        if (!(e instanceof ReadError)) throw e;
        problems.push(`${display(slash(path.relative(top, e.enginePath)))}: ${e.reason}`);
      }
    }

    const report: DiffReport = { base: { ref: base, commit }, showValues, files, problems };
    if (format === 'json') io.stdout.write(JSON.stringify(diffToJson(report), null, 2) + '\n');
    else if (format === 'markdown') io.stdout.write(renderDiffMarkdown(report));
    else io.stdout.write(renderDiffText(report));
    for (const p of problems) io.stderr.write(`idsync diff: ${printable(p)}\n`);
    if (problems.length > 0) return EXIT_USAGE;
    if (values['fail-on-errors'] === true && files.some((f) => (f.lint?.errors ?? 0) > 0)) return EXIT_PROBLEMS;
    return EXIT_OK;
  },
};
