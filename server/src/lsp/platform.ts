/**
 * What differs between the Node language server (`main.ts`) and the web-worker one
 * (`main.browser.ts`): how a document URI becomes an engine path, and the file host that reads
 * files. Everything else in `server/src/lsp` is shared. The Node platform is
 * `server/src/node/lsp-platform.ts` (disk, `file:` URIs); the web one `server/src/web/platform.ts`
 * (files fetched through the client from `vscode.workspace.fs`, any URI scheme).
 */
import type { FileHost } from '../engine';

/** The file host the language server reads through: the engine's `FileHost` with listings and cache stamps. */
export interface LspFileHost extends FileHost {
  listDir(path: string): string[] | undefined;
  /** A fingerprint of a file's current content for caches; undefined when it must not be cached. */
  stamp(path: string): string | undefined;
}

export interface LspPlatform {
  /** The engine path ('/'-separated, absolute) of a document URI; undefined when it has none (e.g. `untitled:`). */
  uriToPath(uri: string): string | undefined;
  /** The URI of an engine path (the inverse of `uriToPath`); undefined when the platform has none for it. */
  pathToUri(path: string): string | undefined;
  /** The file host of a workspace folder (reads confined to it); `overlays` (unsaved space files) take precedence. */
  createHost(root: string, overlays: Map<string, string>): LspFileHost;
  /**
   * Files that arrive after they were asked for (the web worker's, fetched through the client).
   * Absent where reads answer at once (Node). With it, a request answered while files it read were
   * still missing is answered again once they are in (`wiring.ts`), and diagnostics computed then
   * are held back until the check with them (`validation.ts`).
   */
  arriving?: ArrivingFiles;
}

export interface ArrivingFiles {
  /** Whether every file asked for so far has arrived. */
  readonly settled: boolean;
  /** Resolves when the files asked for so far have arrived. */
  idle(): Promise<void>;
}

/** How long diagnostics computed while files were still arriving wait for the check that follows. */
export const HOLD_MS = 1000;
/** At most this many times a request is answered again after the files it missed arrived. */
export const MAX_SETTLE_ROUNDS = 4;

let current: LspPlatform | undefined;

/**
 * Set by the server's start (`startServerOn`): one platform per process (a Node process or a web
 * worker runs one kind of server), so the protocol-free helpers (`uriToPath`) can use it.
 */
export function setPlatform(platform: LspPlatform): void {
  current = platform;
}

export function platform(): LspPlatform {
  if (!current) throw new Error('idsync language server: no platform set (startServerOn was not called)');
  return current;
}
