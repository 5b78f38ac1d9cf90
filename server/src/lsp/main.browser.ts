/**
 * Entry of the language server bundled for the browser (`dist/web/server.js`), run in a web
 * worker by the web extension (`client/src/extension.browser.ts`) on vscode.dev, github.dev and
 * code-server's web-worker extension host. The same wiring and handlers as the Node server
 * (`wiring.ts`); only the transport (the worker's messages) and the file host differ: files are
 * read through the client (`idsync/readFiles`, see `server/src/web/host.ts`), and the client
 * reports watched files as `idsync/filesChanged`.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, NotificationType, ProposedFeatures, RequestType } from 'vscode-languageserver/browser';
import { WebFiles } from '../web/host';
import { webPlatform } from '../web/platform';
import { FILES_CHANGED, READ_FILES } from '../web/protocol';
import type { FilesChangedParams, ReadFilesParams, ReadFilesResult } from '../web/protocol';
import { didChangeWatchedFiles } from './handlers/workspace';
import { runSafeNotification } from './safe';
import type { ServerState } from './state';
import { startServerOn } from './wiring';

const ReadFilesRequest = new RequestType<ReadFilesParams, ReadFilesResult, void>(READ_FILES);
const FilesChangedNotification = new NotificationType<FilesChangedParams>(FILES_CHANGED);

// The worker's global scope is the message port (typed loosely: the project's lib has no WebWorker types).
const port = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(port), new BrowserMessageWriter(port));
const log = (m: string) => connection.console.error(m);

let state: ServerState | undefined;
// Fetched or changed files reach the server as workspace/didChangeWatchedFiles would: the space
// files and profiles that changed are forgotten and the open documents checked again.
const files = new WebFiles(
  (params) => connection.sendRequest(ReadFilesRequest, params),
  (changes) => {
    if (state) didChangeWatchedFiles(state, { changes });
  },
  log,
);
state = startServerOn(connection, webPlatform(files));
connection.onNotification(FilesChangedNotification, runSafeNotification(log, FILES_CHANGED, (p: FilesChangedParams) => void files.changed(Array.isArray(p?.changes) ? p.changes : [])));
connection.listen();
