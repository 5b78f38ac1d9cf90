/**
 * The Node.js side of the engine's `FileHost`: reads files from disk, confined to a root
 * (the workspace or the CLI's working tree), with symlinks resolved before the check.
 * Shared by the CLI and the language server.
 *
 * One widening, for the space lookup only (`readSpaceFile`, `hasGit`): a file named
 * `idsync.space.json` may also be read in a directory ABOVE the root (an ancestor of it), when
 * its real path is an `idsync.space.json` in an ancestor of the real root too; and the ancestors
 * may be asked whether they hold `.git`. Nothing else above the root is read or listed.
 */
import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileHost } from '../engine';
import { EncodingError, utf16Of } from '../shared/encoding';

export { EncodingError, utf16Of } from '../shared/encoding';

const SPACE_FILE_NAME = 'idsync.space.json';

export class OutsideRootError extends Error {
  constructor(readonly file: string, readonly root: string) {
    super(`${file} is outside ${root}: files outside the workspace are not read`);
  }
}

/** '/'-separated absolute path, as the engine uses them. */
export function toEnginePath(p: string): string {
  return path.resolve(p).split(path.sep).join('/');
}

export function fromEnginePath(p: string): string {
  return path.sep === '/' ? p : p.split('/').join(path.sep);
}

export class NodeFileHost implements FileHost {
  /** Overlays (e.g. unsaved editor buffers) take precedence over the disk. */
  readonly overlays: Map<string, string>;
  private readonly realRoot: string | undefined;

  /**
   * `root`: when set, files whose real path is outside it are refused (OutsideRootError).
   * `overlays`: a map shared with other hosts (the language server has one host per workspace folder).
   */
  constructor(
    readonly root?: string,
    overlays?: Map<string, string>,
  ) {
    this.realRoot = root === undefined ? undefined : safeRealpath(path.resolve(root));
    this.overlays = overlays ?? new Map<string, string>();
  }

  /**
   * A cheap fingerprint of a file's current content (real path, size, mtime, inode), for caches;
   * undefined when it is an overlay, missing, or outside the root (those are never cached).
   */
  stamp(p: string): string | undefined {
    if (this.overlays.has(p)) return undefined;
    try {
      const real = fs.realpathSync.native(fromEnginePath(p));
      if (this.realRoot !== undefined && !isInside(this.realRoot, real)) return undefined;
      const st = fs.statSync(real);
      return `${real}\u0000${st.size}\u0000${st.mtimeMs}\u0000${st.ino}\u0000${st.ctimeMs}`;
    } catch {
      return undefined;
    }
  }

  /** The real path (symlinks resolved) of an engine path; undefined when missing; outside the root throws. */
  private confined(p: string): string | undefined {
    let real: string;
    try {
      real = fs.realpathSync.native(fromEnginePath(p));
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
    if (this.realRoot !== undefined && !isInside(this.realRoot, real)) throw new OutsideRootError(p, this.root!);
    return real;
  }

  /**
   * Reads a space file for the space lookup: inside the root as `readFile`; above it (in an
   * ancestor directory of the root) only a file named idsync.space.json whose real path is an
   * idsync.space.json in an ancestor of the real root. Anything else throws OutsideRootError.
   */
  readSpaceFile(p: string): string | undefined {
    const native = fromEnginePath(p);
    if (path.basename(native) !== SPACE_FILE_NAME) throw new OutsideRootError(p, this.root ?? '/');
    if (this.realRoot === undefined) return this.readFile(p);
    const overlay = this.overlays.get(p);
    if (overlay !== undefined) return overlay;
    const root = path.resolve(this.root!);
    const dir = path.dirname(path.resolve(native));
    if (isInside(root, dir)) return this.readFile(p);
    if (!isInside(dir, root)) throw new OutsideRootError(p, this.root!);
    let real: string;
    try {
      real = fs.realpathSync.native(native);
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
    const ok = isInside(this.realRoot, real) || (path.basename(real) === SPACE_FILE_NAME && isInside(path.dirname(real), this.realRoot));
    if (!ok) throw new OutsideRootError(p, this.root!);
    try {
      return decode(fs.readFileSync(real));
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }

  /** Whether a directory holds `.git`; asked only of the root, directories below it and its ancestors. */
  hasGit(dir: string): boolean {
    const native = path.resolve(fromEnginePath(dir));
    if (this.root !== undefined) {
      const root = path.resolve(this.root);
      if (!isInside(root, native) && !isInside(native, root)) return false;
    }
    try {
      fs.lstatSync(path.join(native, '.git'));
      return true;
    } catch {
      return false;
    }
  }

  readFile(p: string): string | undefined {
    const overlay = this.overlays.get(p);
    if (overlay !== undefined) return overlay;
    const real = this.confined(p);
    if (real === undefined) return undefined;
    try {
      return decode(fs.readFileSync(real));
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }

  /**
   * Entry names of a directory (directories, also through symlinks, end with "/"); undefined when
   * it does not exist. A directory whose real path is outside the root is refused (OutsideRootError).
   */
  listDir(p: string): string[] | undefined {
    const real = this.confined(p);
    if (real === undefined) return undefined;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(real, { withFileTypes: true });
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
    return entries.map((d) => {
      let dir = d.isDirectory();
      if (d.isSymbolicLink()) {
        try {
          dir = fs.statSync(path.join(real, d.name)).isDirectory();
        } catch {
          dir = false;
        }
      }
      return dir ? d.name + '/' : d.name;
    });
  }
}

/** UTF-8 text without a BOM; anything else (UTF-16, invalid UTF-8) is an EncodingError. */
export function decode(buf: Buffer): string {
  const utf16 = utf16Of(buf);
  if (utf16) throw new EncodingError(utf16);
  // isUtf8 and toString are the native (SIMD) paths.
  if (!isUtf8(buf)) throw new EncodingError();
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function safeRealpath(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return p;
  }
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
