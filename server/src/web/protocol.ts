/**
 * The two messages the web extension adds to LSP (types only; each side builds its own
 * RequestType/NotificationType): the web-worker server cannot read files, so it asks the client,
 * which reads them with `vscode.workspace.fs` and tells the server when watched files change.
 */

/** `idsync/readFiles` (server → client): the texts of files and the entries of directories, by URI. */
export const READ_FILES = 'idsync/readFiles';
/** `idsync/filesChanged` (client → server): JSON files created, changed or deleted (as `workspace/didChangeWatchedFiles`). */
export const FILES_CHANGED = 'idsync/filesChanged';

export interface ReadFilesParams {
  files: string[];
  directories: string[];
}

export interface ReadFilesResult {
  /** `text` absent: the file does not exist; `error`: it cannot be read (not UTF-8, a directory...). */
  files: Array<{ uri: string; text?: string; error?: string }>;
  /** `entries` absent: no such directory. Directories end with "/". */
  directories: Array<{ uri: string; entries?: string[] }>;
}

/** 1 created, 2 changed, 3 deleted (LSP's FileChangeType). */
export interface FilesChangedParams {
  changes: Array<{ uri: string; type: 1 | 2 | 3 }>;
}
