/**
 * Finding the files `idsync check` lints, and reading them through the shared NodeFileHost
 * with clear, one-line reasons for everything that cannot be read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SPACE_FILE_NAME } from '../engine';
import type { FileHost } from '../engine';
import { EncodingError, NodeFileHost, OutsideRootError, fromEnginePath } from '../node/host';

export const CONFIG_SUFFIX = '.idsync.json';
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export type TargetKind = 'config' | 'space';

export interface Target {
  /** Absolute native path. */
  abs: string;
  /** The tree the file belongs to: the working directory, or the argument it was found under. */
  root: string;
  kind: TargetKind;
}

/** A path that could not be checked, with the reason (printed as `idsync: <path>: <reason>`). */
export interface Problem {
  abs: string;
  reason: string;
}

export function isConfigName(name: string): boolean {
  return name.endsWith(CONFIG_SUFFIX);
}

function kindOf(name: string): TargetKind {
  return name === SPACE_FILE_NAME ? 'space' : 'config';
}

/** A short reason for a failed file-system call. */
export function errnoReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENOTDIR':
      return 'a parent of this path is not a directory';
    case 'EISDIR':
      return 'is a directory, not a config file';
    case 'ENAMETOOLONG':
      return 'file name too long';
    default:
      return code ? `cannot read (${code})` : `cannot read (${(e as Error)?.message ?? String(e)})`;
  }
}

/** A short reason for a failed write (of --output). */
export function writeReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a parent of this path is not a directory';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return code ? `cannot write (${code})` : `cannot write (${(e as Error)?.message ?? String(e)})`;
  }
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Expands the command-line paths into the files to lint. Directories are searched recursively
 * for `*.idsync.json` and `idsync.space.json`, skipping `node_modules` and `.git`; symbolic
 * links to directories are not followed while searching. A path outside the working directory
 * becomes its own root. Files come back de-duplicated; callers sort them.
 */
export function collectTargets(args: readonly string[], cwd: string): { targets: Target[]; problems: Problem[]; unmatched: Unmatched[] } {
  /** By real path: a file reached twice (a symlinked folder, a symlink to a file) is one target. */
  const targets = new Map<string, Target>();
  const problems: Problem[] = [];
  const unmatched: Unmatched[] = [];
  let configsFound = 0;
  let nearMisses: string[] = [];
  const add = (abs: string, root: string, kind: TargetKind) => {
    if (kind === 'config') configsFound++;
    let real = abs;
    try {
      real = fs.realpathSync.native(abs);
    } catch {
      // unreadable: kept under its own path, the read reports why
    }
    const seen = targets.get(real);
    // Deterministic whatever the argument order: the file's own path wins, else the smallest path.
    if (!seen || (seen.abs !== real && (abs === real || abs < seen.abs))) targets.set(real, { abs, root, kind });
  };

  const walk = (dir: string, root: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push({ abs: dir, reason: errnoReason(e) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const name = entry.name;
      const abs = path.join(dir, name);
      const wanted = isConfigName(name) || name === SPACE_FILE_NAME;
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(name)) continue;
        if (wanted) problems.push({ abs, reason: 'is a directory, not a config file' });
        else walk(abs, root);
      } else if (!wanted) {
        if (isNearMiss(name)) nearMisses.push(path.relative(cwd, abs).split(path.sep).join('/'));
        continue;
      } else if (entry.isFile()) {
        add(abs, root, kindOf(name));
      } else if (entry.isSymbolicLink()) {
        const st = statTarget(abs, problems);
        if (!st) continue;
        if (st.isFile()) add(abs, root, kindOf(name));
        else if (st.isDirectory()) problems.push({ abs, reason: 'is a directory, not a config file' });
        else problems.push({ abs, reason: 'is not a regular file' });
      } else {
        problems.push({ abs, reason: 'is not a regular file' });
      }
    }
  };

  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(abs);
    } catch (e) {
      problems.push({ abs, reason: errnoReason(e) });
      continue;
    }
    if (st.isSymbolicLink()) {
      const target = statTarget(abs, problems);
      if (!target) continue;
      st = target;
    }
    const name = path.basename(abs);
    if (st.isDirectory()) {
      if (isConfigName(name) || name === SPACE_FILE_NAME) {
        problems.push({ abs, reason: 'is a directory, not a config file' });
        continue;
      }
      configsFound = 0;
      nearMisses = [];
      walk(abs, isInside(cwd, abs) ? cwd : abs);
      if (configsFound === 0) unmatched.push({ arg, abs, nearMisses });
    } else if (st.isFile()) {
      add(abs, isInside(cwd, abs) ? cwd : path.dirname(abs), kindOf(name));
    } else {
      problems.push({ abs, reason: 'is not a regular file' });
    }
  }
  return { targets: [...targets.values()], problems, unmatched };
}

/** A directory argument under which no config was found, with the names that look like configs. */
export interface Unmatched {
  arg: string;
  abs: string;
  /** Paths (relative to the working directory) of files named almost like configs: `*.idsync.jsonc`, `X.IDSYNC.JSON`... */
  nearMisses: string[];
}

/** A name that is not `*.idsync.json` but was probably meant to be: another case, `.jsonc`/`.json5`, `idsync.json`. */
export function isNearMiss(name: string): boolean {
  const lower = name.toLowerCase();
  if (name === SPACE_FILE_NAME || isConfigName(name)) return false;
  return lower.endsWith(CONFIG_SUFFIX) || /\.idsync\.json[c5]$/.test(lower) || lower === 'idsync.json' || lower === SPACE_FILE_NAME || /[._-]idsync\.json$/.test(lower);
}

/** `stat` through a symbolic link; a broken link is a problem. */
function statTarget(abs: string, problems: Problem[]): fs.Stats | undefined {
  try {
    return fs.statSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    problems.push({ abs, reason: code === 'ENOENT' ? 'broken symbolic link (its target does not exist)' : errnoReason(e) });
    return undefined;
  }
}

/** A file that could not be read: the engine path and why. */
export class ReadError extends Error {
  constructor(readonly enginePath: string, readonly reason: string) {
    super(`${enginePath}: ${reason}`);
  }
}

/**
 * The CLI's FileHost: NodeFileHost (confined to the root, symlinks resolved before the check,
 * strict UTF-8) plus checks that keep it from blocking on a FIFO or reading a directory, and
 * every failure turned into a ReadError with a one-line reason.
 */
export class CliFileHost implements FileHost {
  private readonly inner: NodeFileHost;

  constructor(readonly root: string) {
    this.inner = new NodeFileHost(root);
  }

  readFile(p: string): string | undefined {
    return this.read(p, (q) => this.inner.readFile(q));
  }

  /** The space lookup's read: above the root too, for files named idsync.space.json (NodeFileHost.readSpaceFile). */
  readSpaceFile(p: string): string | undefined {
    return this.read(p, (q) => this.inner.readSpaceFile(q));
  }

  listDir(p: string): string[] | undefined {
    return this.inner.listDir(p);
  }

  hasGit(dir: string): boolean {
    return this.inner.hasGit(dir);
  }

  private read(p: string, readInner: (p: string) => string | undefined): string | undefined {
    const native = fromEnginePath(p);
    let st: fs.Stats;
    try {
      st = fs.statSync(native);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException)?.code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        if (isSymlink(native)) throw new ReadError(p, 'broken symbolic link (its target does not exist)');
        return undefined;
      }
      throw new ReadError(p, errnoReason(e));
    }
    if (st.isDirectory()) throw new ReadError(p, 'is a directory, not a file');
    if (!st.isFile()) throw new ReadError(p, 'is not a regular file');
    try {
      return readInner(p);
    } catch (e) {
      if (e instanceof OutsideRootError) {
        throw new ReadError(p, isInside(path.resolve(this.root), path.resolve(native)) || isSymlink(native) ? 'resolves to a file outside the checked tree (symbolic link): not read' : 'is outside the checked tree (the working directory): not read');
      }
      if (e instanceof EncodingError) throw new ReadError(p, e.message);
      throw new ReadError(p, errnoReason(e));
    }
  }
}

function isSymlink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
