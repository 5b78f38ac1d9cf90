/**
 * The idsync language server: one state object (`state.ts`) and a table of handlers, one per
 * LSP method (`handlers/<method>.ts`), on a connection and a platform (`platform.ts`). Shared by
 * the Node server (`server.ts`, `main.ts`) and the web-worker one (`main.browser.ts`).
 */
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  FoldingRangeRequest,
  HoverRequest,
} from 'vscode-languageserver';
import type { CancellationToken, Connection, NotificationType, RequestHandler, RequestType } from 'vscode-languageserver';
import { codeAction } from './handlers/code-action';
import { codeLens } from './handlers/code-lens';
import { completion } from './handlers/completion';
import { documentSymbol } from './handlers/document-symbol';
import { executeCommand } from './handlers/execute-command';
import { foldingRange } from './handlers/folding-range';
import { formatting, rangeFormatting } from './handlers/formatting';
import { hover } from './handlers/hover';
import { initialize, initialized, shutdown } from './handlers/lifecycle';
import { preview, previewClosed } from './handlers/preview';
import { status } from './handlers/status';
import { didChange, didClose, didOpen } from './handlers/text-document-sync';
import { didChangeConfiguration, didChangeWatchedFiles } from './handlers/workspace';
import { PreviewClosedNotification, PreviewRequest, previewError } from './preview';
import { MAX_SETTLE_ROUNDS, platform, setPlatform } from './platform';
import type { LspPlatform } from './platform';
import { runSafe, runSafeNotification } from './safe';
import { ServerState } from './state';
import { StatusRequest, emptyStatus } from './status';

type Registration = (s: ServerState) => void;

/**
 * A request handler behind `runSafe`: a throw answers `fallback` (logged), a request cancelled
 * before it starts answers RequestCancelled. Requests are registered with onRequest:
 * vscode-languageserver's onHover, onCompletion... read params.workDoneToken before any handler
 * runs, so `null` params would be an internal error.
 */
function request<P, R>(type: RequestType<P, R, void>, what: string, fallback: (params: P) => R, handle: (s: ServerState, params: P) => R | Promise<R>): Registration {
  return (s) => {
    const answer = (p: P) => settled(() => handle(s, p));
    const handler = (params: P, token: CancellationToken) => runSafe(s.log, what, fallback(params), answer)(params, token);
    // (the cast: vscode-languageserver's handler type maps a generic R through a conditional type)
    s.connection.onRequest(type, handler as RequestHandler<P, R, void>);
  };
}

/**
 * The answer of a request, computed again once the files it read while they were still arriving
 * are in (at most MAX_SETTLE_ROUNDS times; platforms whose reads answer at once: computed once).
 * The handlers only read the state, so running one again is safe: the first hover over a config
 * in the browser already shows its sample profiles.
 */
async function settled<R>(compute: () => R | Promise<R>): Promise<R> {
  const arriving = platform().arriving;
  let result = await compute();
  for (let round = 0; arriving && round < MAX_SETTLE_ROUNDS && !arriving.settled; round++) {
    await arriving.idle();
    result = await compute();
  }
  return result;
}

/** A notification handler behind `runSafeNotification`: malformed events and throws are logged and dropped. */
function notification<P>(type: NotificationType<P>, what: string, handle: (s: ServerState, params: P) => void): Registration {
  return (s) => s.connection.onNotification(type, runSafeNotification(s.log, what, (p: P) => handle(s, p)));
}

const none = () => [];

/** Every method the server handles, and where its handler lives. */
const HANDLERS: Registration[] = [
  (s) => s.connection.onInitialize((params) => initialize(s, params)),
  (s) => s.connection.onInitialized(() => initialized(s)),
  (s) => s.connection.onShutdown(() => shutdown(s)),
  notification(DidOpenTextDocumentNotification.type, 'didOpen', didOpen),
  notification(DidChangeTextDocumentNotification.type, 'didChange', didChange),
  notification(DidCloseTextDocumentNotification.type, 'didClose', didClose),
  notification(DidChangeConfigurationNotification.type, 'didChangeConfiguration', didChangeConfiguration),
  notification(DidChangeWatchedFilesNotification.type, 'didChangeWatchedFiles', didChangeWatchedFiles),
  request(CompletionRequest.type, 'completion', none, completion),
  request(HoverRequest.type, 'hover', () => null, hover),
  request(CodeLensRequest.type, 'code lens', none, codeLens),
  request(CodeActionRequest.type, 'code action', none, codeAction),
  request(DocumentSymbolRequest.type, 'document symbols', none, documentSymbol),
  request(FoldingRangeRequest.type, 'folding ranges', none, foldingRange),
  request(DocumentFormattingRequest.type, 'formatting', none, formatting),
  request(DocumentRangeFormattingRequest.type, 'range formatting', none, rangeFormatting),
  request(ExecuteCommandRequest.type, 'execute command', () => null, executeCommand),
  request(PreviewRequest, 'idsync/preview', (p) => previewError(String((p as { uri?: unknown } | null)?.uri), undefined, 'The preview failed; see the ID Sync output.'), preview),
  notification(PreviewClosedNotification, 'idsync/previewClosed', previewClosed),
  request(StatusRequest, 'idsync/status', emptyStatus, status),
];

/** Registers every handler on the connection (the caller then calls `connection.listen()`). */
export function startServerOn(connection: Connection, on: LspPlatform): ServerState {
  setPlatform(on);
  const state = new ServerState(connection);
  for (const register of HANDLERS) register(state);
  return state;
}
