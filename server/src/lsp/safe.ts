/**
 * Guards for protocol handlers: a request handler that throws (malformed params, a bug, a file
 * that vanished mid-request) logs the error and answers a safe default instead of an internal
 * error; a request cancelled before it starts answers RequestCancelled; a notification handler
 * that throws is logged and otherwise ignored. The server keeps answering either way.
 */
import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Position } from 'vscode-languageserver';

export type Log = (message: string) => void;

function describe(e: unknown): string {
  return (e as Error)?.stack ?? String(e);
}

/** A value a client sent, as JSON for a message or the log, cut after `max` characters. */
export function shortJson(v: unknown, max: number): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > max ? s.slice(0, max) + '…' : s;
}

/** Wraps a request handler: errors become `fallback` (logged), cancellation before the start becomes RequestCancelled. */
export function runSafe<P, R>(
  log: Log,
  what: string,
  fallback: R,
  fn: (params: P, token: CancellationToken) => R | Promise<R>,
): (params: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
  return async (params, token) => {
    if (token?.isCancellationRequested) return cancelled();
    try {
      return await fn(params, token);
    } catch (e) {
      log(`idsync: ${what} failed; answering a safe default: ${describe(e)}`);
      return fallback;
    }
  };
}

/** Wraps a notification handler: errors are logged, never thrown into the connection. */
export function runSafeNotification<P>(log: Log, what: string, fn: (params: P) => void | Promise<void>): (params: P) => void {
  return (params) => {
    try {
      const r = fn(params);
      if (r && typeof (r as Promise<void>).catch === 'function') (r as Promise<void>).catch((e) => log(`idsync: ${what} failed: ${describe(e)}`));
    } catch (e) {
      log(`idsync: ${what} failed: ${describe(e)}`);
    }
  };
}

export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

/** The URI of `{ textDocument: { uri } }` params, or undefined when the params are malformed. */
export function docUri(params: unknown): string | undefined {
  const td = (params as { textDocument?: { uri?: unknown } } | null | undefined)?.textDocument;
  return td && typeof td.uri === 'string' ? td.uri : undefined;
}

/** Whether `p` is a position with non-negative integer line and character (out-of-range values are clamped later). */
export function isPosition(p: unknown): p is Position {
  const q = p as Position | null | undefined;
  return !!q && Number.isInteger(q.line) && Number.isInteger(q.character) && q.line >= 0 && q.character >= 0;
}
