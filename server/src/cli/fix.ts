/**
 * What `idsync check --fix` and `--fix-dry-run` do with a fixed text: write it in place
 * atomically (a temporary file in the same folder, renamed over the file: a reader never sees
 * half a file, a failed write leaves the file as it was), or show it as a unified diff.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { writeReason } from './files';

/** A fix that could not be written: the reason, in the words of every other I/O error. */
export class FixWriteError extends Error {}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Replaces the file at `file` (a symbolic link is followed: its target is replaced, the link
 * stays) with `text`, provided its text is still `expected` (the file did not change since it was
 * read). Keeps the file's mode, its owner and group where the user may set them, and a UTF-8 byte
 * order mark it had. A file the user may not write is refused (`permission denied`), even where
 * the folder would let a rename replace it.
 */
export function writeFixed(file: string, expected: string, text: string): void {
  let real: string;
  let st: fs.Stats;
  let raw: Buffer;
  try {
    real = fs.realpathSync(file);
    st = fs.statSync(real);
    fs.accessSync(real, fs.constants.W_OK);
    raw = fs.readFileSync(real);
  } catch (e) {
    throw new FixWriteError(writeReason(e));
  }
  const hasBom = raw.subarray(0, 3).equals(BOM);
  if ((hasBom ? raw.subarray(3) : raw).toString('utf8') !== expected) throw new FixWriteError('the file changed while it was being fixed: not written');
  const dir = path.dirname(real);
  const tmp = path.join(dir, `.${path.basename(real)}.${process.pid}.${randomBytes(4).toString('hex')}.idsync-fix`);
  try {
    const fd = fs.openSync(tmp, 'wx', st.mode & 0o7777);
    try {
      fs.writeFileSync(fd, hasBom ? Buffer.concat([BOM, Buffer.from(text, 'utf8')]) : text);
      fs.fchmodSync(fd, st.mode & 0o7777); // the umask may have narrowed the mode given to open
      try {
        fs.fchownSync(fd, st.uid, st.gid);
      } catch {
        // Only root (or the owner, for a group it belongs to) may: otherwise the file is now the user's, as an editor's save would make it.
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, real);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing to clean up
    }
    throw new FixWriteError(writeReason(e));
  }
}

/** A unified diff (`--- a/<path>`, `+++ b/<path>`, hunks with three lines of context) from `before` to `after`; `patch -p1` applies it. */
export function unifiedDiff(displayPath: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${displayPath}`, `b/${displayPath}`, before, after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
}
