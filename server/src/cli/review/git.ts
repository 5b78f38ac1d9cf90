/**
 * The little of git that `idsync diff` needs, through `child_process.execFile` with argument
 * arrays (never a shell), run in the repository found from the working directory. Nothing is
 * checked out: old versions are read with `git show <commit>:<path>`.
 */
import { execFile } from 'node:child_process';
import { decode, EncodingError } from '../../node/host';

/** A git failure with a message fit for users (exit code 2). */
export class GitError extends Error {}

export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed';

export interface ChangedFile {
  status: ChangeStatus;
  /** Path relative to the repository root, '/'-separated: the new path (the old one for deleted). */
  path: string;
  /** The path at the base (renamed: the old path; added: null). */
  oldPath: string | null;
}

interface Result {
  stdout: Buffer;
  stderr: string;
}

function git(args: string[], cwd: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024, timeout: 60_000, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' } },
      (error, stdout, stderr) => {
        const err = String(stderr ?? '').trim();
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') reject(new GitError('git is not installed or not on PATH: idsync diff reads the base version through git'));
          else reject(Object.assign(new GitError(err.split('\n')[0] || error.message.split('\n')[0]), { stderrText: err }));
          return;
        }
        resolve({ stdout: stdout as Buffer, stderr: err });
      },
    );
  });
}

/** The top-level directory of the repository holding `cwd`. */
export async function repositoryRoot(cwd: string): Promise<string> {
  try {
    const r = await git(['rev-parse', '--show-toplevel'], cwd);
    return r.stdout.toString('utf8').replace(/\r?\n$/, '');
  } catch (e) {
    if (e instanceof GitError && /not a git repository/i.test(e.message)) {
      throw new GitError('not inside a git repository: run idsync diff from a clone (the base is read through git)');
    }
    throw e;
  }
}

/** The commit a ref names (full hash); a clear error when it names none. Callers reject refs starting with '-'. */
export async function resolveCommit(top: string, ref: string): Promise<string> {
  try {
    const r = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], top);
    const sha = r.stdout.toString('utf8').trim();
    if (/^[0-9a-f]{40,64}$/.test(sha)) return sha;
  } catch (e) {
    if (e instanceof GitError && /not installed/.test(e.message)) throw e;
  }
  throw new GitError(
    `unknown git ref '${ref}': no such commit in this repository (in a shallow CI clone, fetch it first, e.g. git fetch --depth=1 origin ${ref})`,
  );
}

/** `:(literal)` pathspecs, so names with glob characters mean themselves. */
function pathspecs(paths: readonly string[]): string[] {
  return paths.map((p) => `:(literal)${p === '' ? '.' : p}`);
}

/**
 * Files changed between `commit` and the working tree under `paths` (relative to the top),
 * renames detected (`-M`), plus untracked files that are not ignored (as added). Sorted by path.
 */
export async function changedFiles(top: string, commit: string, paths: readonly string[], accept: (p: string) => boolean): Promise<ChangedFile[]> {
  const diff = await git(['-c', 'core.quotepath=off', 'diff', '--name-status', '-z', '-M', '--no-ext-diff', '--no-textconv', '--no-color', commit, '--', ...pathspecs(paths)], top);
  const fields = diff.stdout.toString('utf8').split('\0');
  const out: ChangedFile[] = [];
  for (let i = 0; i < fields.length; ) {
    const status = fields[i++];
    if (!status) continue;
    const letter = status[0];
    if (letter === 'R' || letter === 'C') {
      const from = fields[i++];
      const to = fields[i++];
      if (letter === 'C') {
        if (accept(to)) out.push({ status: 'added', path: to, oldPath: null });
      } else if (accept(from) && accept(to)) out.push({ status: 'renamed', path: to, oldPath: from });
      else if (accept(to)) out.push({ status: 'added', path: to, oldPath: null });
      else if (accept(from)) out.push({ status: 'deleted', path: from, oldPath: from });
      continue;
    }
    const file = fields[i++];
    if (!accept(file)) continue;
    if (letter === 'A') out.push({ status: 'added', path: file, oldPath: null });
    else if (letter === 'D') out.push({ status: 'deleted', path: file, oldPath: file });
    else out.push({ status: 'modified', path: file, oldPath: file }); // M, T (type change), U (unmerged)
  }
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z', '--', ...pathspecs(paths)], top);
  for (const file of untracked.stdout.toString('utf8').split('\0')) {
    if (file && accept(file) && !out.some((c) => c.path === file)) out.push({ status: 'added', path: file, oldPath: null });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The text of a file at a commit (`git show <commit>:<path>`), UTF-8, byte order mark removed. */
export async function showFile(top: string, commit: string, file: string): Promise<string> {
  const r = await git(['show', '--no-textconv', `${commit}:${file}`], top);
  try {
    return decode(r.stdout);
  } catch (e) {
    throw new GitError(`${file} at ${commit.slice(0, 12)} ${e instanceof EncodingError ? e.message : 'is not valid UTF-8 text'}`);
  }
}
