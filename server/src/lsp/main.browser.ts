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

/** How long diagnostics computed while files were being fetched wait for the check that follows. */
const HOLD_MS = 1000;

/**
 * Diagnostics computed while files they need were still missing from the cache (a first check
 * before the space file or the profiles arrived) are held back: the check with those files follows
 * and replaces them, so the editor does not flash diagnostics of a config without its space file.
 * Held diagnostics are published after HOLD_MS if nothing replaced them.
 */
function holdWhileFetching(cache: WebFiles): void {
  const held = new Map<string, ReturnType<typeof setTimeout>>();
  const send = connection.sendDiagnostics.bind(connection);
  connection.sendDiagnostics = async (params) => {
    clearTimeout(held.get(params.uri));
    held.delete(params.uri);
    if (cache.settled) return send(params);
    held.set(
      params.uri,
      setTimeout(() => {
        held.delete(params.uri);
        void send(params);
      }, HOLD_MS),
    );
  };
}

/** At most this many times a request is answered again after the files it missed arrived. */
const MAX_ROUNDS = 4;

/**
 * A request (hover, completion, the preview, the status...) whose answer missed files in the
 * cache is answered again once they are fetched, so the first hover over a config already shows
 * its profiles. The handlers only read the state, so running one again is safe.
 */
function settleRequests(cache: WebFiles): void {
  const onRequest = connection.onRequest.bind(connection) as (type: unknown, handler: (...args: unknown[]) => unknown) => unknown;
  (connection as { onRequest: unknown }).onRequest = (type: unknown, handler?: (...args: unknown[]) => unknown) =>
    // (onRequest(starHandler), with one argument, is left as it is)
    handler === undefined ? onRequest(type as never, undefined as never) : onRequest(type, async (...args: unknown[]) => {
      let result = await handler(...args);
      for (let round = 0; round < MAX_ROUNDS && !cache.settled; round++) {
        await cache.idle();
        result = await handler(...args);
      }
      return result;
    });
}

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
holdWhileFetching(files);
settleRequests(files);
state = startServerOn(connection, webPlatform(files));
connection.onNotification(FilesChangedNotification, runSafeNotification(log, FILES_CHANGED, (p: FilesChangedParams) => void files.changed(Array.isArray(p?.changes) ? p.changes : [])));
connection.listen();
