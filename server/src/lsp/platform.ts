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
}

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
