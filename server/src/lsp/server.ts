/**
 * The idsync language server for Node: the shared wiring (`wiring.ts`) on the Node platform
 * (`file:` URIs, files from disk). Used by `main.ts` (stdio / IPC) and by the tests (in-memory
 * streams). The web-worker server is `main.browser.ts`.
 */
import type { Connection } from 'vscode-languageserver';
import { nodePlatform } from '../node/lsp-platform';
import { startServerOn } from './wiring';

export { DEFAULT_DEBOUNCE_MS, DEFAULT_EDITOR_MAX_FILE_SIZE } from './state';
export type { InitOptions } from './state';
export type { Settings } from './settings';
export { StatusRequest, StatusChangedNotification } from './status';
export type { StatusParams, StatusResult } from './status';

export function startServer(connection: Connection): void {
  startServerOn(connection, nodePlatform);
}
