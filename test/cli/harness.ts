/**
 * Golden-test harness for the CLI: runs the BUILT bundle (`node dist/cli.js`, built by
 * `npm test`'s pretest) and compares the full stdout, stderr and exit code with a golden file
 * under test/cli/golden/<name>.txt. `UPDATE_GOLDEN=1 npm test` rewrites the golden files
 * instead (review the diff before committing).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync, SpawnSyncOptions } from 'node:child_process';

/** Repository root (this file runs from out/test/cli/). */
export const REPO = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(REPO, 'dist', 'cli.js');
export const FIXTURES = path.join(REPO, 'test', 'cli', 'fixtures');
export const GOLDEN = path.join(REPO, 'test', 'cli', 'golden');
export const UPDATE = process.env.UPDATE_GOLDEN === '1';

export interface RunResult {
  args: string[];
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  /** Added to a minimal environment (PATH only: no FORCE_COLOR, NO_COLOR, CI...). */
  env?: Record<string, string>;
  uid?: number;
  gid?: number;
}

let readableCli: string | undefined;

/**
 * A copy of the bundle in a fresh folder everyone can read: another user (a run as uid 65534)
 * may not be able to read the checkout (a clone in root's home directory, mode 0700). The bundle
 * is one self-contained file (node built-ins only). Removed when the test process exits.
 */
export function readableBundle(): string {
  if (readableCli === undefined) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-bundle-'));
    fs.chmodSync(dir, 0o755);
    const copy = path.join(dir, 'cli.js');
    fs.copyFileSync(CLI, copy);
    fs.chmodSync(copy, 0o644);
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    readableCli = copy;
  }
  return readableCli;
}

/** The unprivileged user the permission tests run the CLI as (when the tests run as root). */
export const NOBODY = { uid: 65534, gid: 65534 };

/**
 * Why the CLI cannot be run as NOBODY in `cwd` (undefined: it can): no such user can start node
 * here, or cannot enter the folder. Tests skip with this reason instead of failing without a word.
 */
export function cannotRunAsNobody(cwd: string): string | undefined {
  const r = spawnSync(process.execPath, [readableBundle(), '--version'], { cwd, ...NOBODY, encoding: 'utf8', timeout: 20000, env: { PATH: process.env.PATH ?? '' } });
  if (r.error) return `cannot run node as uid ${NOBODY.uid}: ${(r.error as NodeJS.ErrnoException).code ?? r.error.message}`;
  if (r.status !== 0) return `node as uid ${NOBODY.uid} cannot run the CLI here (exit ${r.status}): ${String(r.stderr).split('\n')[0]}`;
  return undefined;
}

export function run(args: string[], options: RunOptions = {}): RunResult {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
  if (process.env.SYSTEMROOT) env.SYSTEMROOT = process.env.SYSTEMROOT;
  Object.assign(env, options.env);
  const spawnOptions: SpawnSyncOptions = { cwd: options.cwd ?? FIXTURES, env, encoding: 'utf8', timeout: 20000 };
  if (options.uid !== undefined) spawnOptions.uid = options.uid;
  if (options.gid !== undefined) spawnOptions.gid = options.gid;
  // Another user runs a readable copy of the bundle (the checkout may be private to its owner).
  const cli = options.uid !== undefined && options.uid !== process.getuid?.() ? readableBundle() : CLI;
  const r = spawnSync(process.execPath, [cli, ...args], spawnOptions);
  if (r.error) throw r.error;
  return { args, status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

function quote(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

function block(name: string, text: string): string {
  if (text === '') return `--- ${name} (empty) ---\n`;
  return `--- ${name} ---\n${text}${text.endsWith('\n') ? '' : '\n[no newline at end]\n'}`;
}

const PACKAGE_VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;

/** The tool version in SARIF output becomes <version>, so a release does not rewrite the golden files. */
function normalize(text: string): string {
  return text.split(`"fullName": "idsync ${PACKAGE_VERSION}"`).join('"fullName": "idsync <version>"').split(`"version": "${PACKAGE_VERSION}"`).join('"version": "<version>"').split(`"semanticVersion": "${PACKAGE_VERSION}"`).join('"semanticVersion": "<version>"');
}

/** The text of a golden file for a run: command, exit code, stdout and stderr verbatim (but the version). */
export function render(r: RunResult): string {
  return `$ idsync ${r.args.map(quote).join(' ')}\nexit code: ${r.status}\n${block('stdout', normalize(r.stdout))}${block('stderr', r.stderr)}`;
}

/** Compares a run with test/cli/golden/<name>.txt (or rewrites it under UPDATE_GOLDEN=1). */
export function expectGolden(name: string, r: RunResult): void {
  expectGoldenIn(GOLDEN, name, r);
}

/** Compares a run with <dir>/<name>.txt (or rewrites it under UPDATE_GOLDEN=1). */
export function expectGoldenIn(dir: string, name: string, r: RunResult): void {
  const file = path.join(dir, `${name}.txt`);
  const actual = render(r);
  if (UPDATE) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(fs.existsSync(file), `golden file ${path.relative(REPO, file)} is missing: run UPDATE_GOLDEN=1 npm test`);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `output differs from ${path.relative(REPO, file)}`);
}

/**
 * Compares a run and the text of files afterwards with test/cli/golden/<name>.txt: the run as in
 * expectGolden, then each file as `--- file <path> ---` and its exact text.
 */
export function expectGoldenFiles(name: string, r: RunResult, files: ReadonlyArray<[string, string]>): void {
  const file = path.join(GOLDEN, `${name}.txt`);
  const actual = render(r) + files.map(([p, text]) => block(`file ${p}`, text)).join('');
  if (UPDATE) {
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(fs.existsSync(file), `golden file ${path.relative(REPO, file)} is missing: run UPDATE_GOLDEN=1 npm test`);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `output differs from ${path.relative(REPO, file)}`);
}

/** A fresh temporary directory (removed by the returned cleanup). Readable by everyone, for runs as another user. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-cli-')));
  fs.chmodSync(dir, 0o755);
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A complete, valid config (so rules added later stay quiet) with the given idSyncConfiguration lines. */
export function config(entries: string[], extra = ''): string {
  return `{
  "audience": { "key": "test_audience" },
  "destination": { "slug": "personas-facebook-custom-audiences" },
  "connectionSettings": { "sendMobileIds": true },${extra}
  "idSyncConfiguration": [
${entries.map((e) => `    ${e}`).join(',\n')}
  ]
}
`;
}

export const FOUR_ALL = [
  '{ "externalId": "email", "strategy": "all", "mapTo": "EMAIL" }',
  '{ "externalId": "user_id", "strategy": "all", "mapTo": "EXTERN_ID" }',
  '{ "externalId": "ios.idfa", "strategy": "all", "mapTo": "MADID" }',
  '{ "externalId": "android.idfa", "strategy": "all", "mapTo": "MADID" }',
];
