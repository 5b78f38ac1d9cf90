/**
 * Helpers of the review tests: real temporary git repositories (git init, a local user, commits
 * with fixed dates), the built CLI bundle spawned in them, and golden files under
 * test/review/golden (`UPDATE_GOLDEN=1 npm test` rewrites them; review the diff).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { REPO, expectGoldenIn, run, RunResult } from '../cli/harness';

export { REPO, run };
export const GOLDEN = path.join(REPO, 'test', 'review', 'golden');
export const FB = 'personas-facebook-custom-audiences';

export function tempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

export function write(root: string, rel: string, text: string): void {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
}

const GIT_ENV = {
  PATH: process.env.PATH ?? '',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: os.tmpdir(),
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A new repository with a local user; `main` is the branch. */
export function initRepo(dir: string): void {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Test');
  git(dir, 'config', 'user.email', 'test@example.invalid');
  git(dir, 'config', 'commit.gpgsign', 'false');
}

/** Stages everything and commits; returns the new commit's hash. */
export function commitAll(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD').trim();
}

/** Commit hashes in the output become <base> so golden files do not depend on git. */
export function withoutCommit(r: RunResult, commit: string): RunResult {
  const swap = (s: string) => s.split(commit).join('<base>').split(commit.slice(0, 12)).join('<base>');
  return { ...r, args: r.args.map(swap), stdout: swap(r.stdout), stderr: swap(r.stderr) };
}

/** Compares a run with test/review/golden/<name>.txt (or rewrites it under UPDATE_GOLDEN=1). */
export function expectGolden(name: string, r: RunResult): void {
  expectGoldenIn(GOLDEN, name, r);
}

/** A sample profile in the Profile API shape: [type, id, created_at] triples. */
export function profile(items: Array<[string, string, string]>): string {
  return JSON.stringify({ data: items.map(([type, id, created_at]) => ({ type, id, created_at, collection: 'users', encoding: 'none' })) }, null, 2) + '\n';
}

export const JANE = profile([
  ['email', 'jane@example.com', '2021-03-04T08:00:00Z'],
  ['email', 'Jane.Doe@Example.com ', '2023-05-01T10:00:00Z'],
  ['user_id', 'u-1001', '2021-03-04T08:00:00Z'],
  ['ios.idfa', '6D92078A-8246-4BA4-AE5B-76104861E7DC', '2022-01-01T00:00:00Z'],
  ['phone', '+1 (202) 309-5976', '2022-03-01T00:00:00Z'],
]);

/** A profile whose values try to break Markdown tables and HTML. */
export const HOSTILE = profile([
  ['email', 'a|b<img src=x onerror=alert(1)>@example.com', '2022-01-01T00:00:00Z'],
  ['phone', '+1 202 | <img src=x onerror=alert(1)> ](javascript:alert(1))', '2022-01-01T00:00:00Z'],
  ['ios.idfa', '<b>IDFA</b>|[x](http://e)', '2022-01-01T00:00:00Z'],
]);
