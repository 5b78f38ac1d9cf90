/**
 * The stdio transport with loud framing errors. vscode-jsonrpc's StreamMessageReader reports a
 * header without Content-Length, a Content-Length that is not a number, or a body it cannot decode
 * through `onError` and then carries on reading: the rest of the stream is read out of step (a
 * negative Content-Length even slices the buffer backwards), so the server stays alive but deaf
 * until stdin closes. Here any such error, and any message that is not JSON-RPC 2.0, ends the
 * process with a message on stderr and exit code 1, so the editor sees the failure (and can
 * restart the server) instead of waiting forever.
 */
import { StreamMessageReader } from 'vscode-jsonrpc/node';
import { shortJson } from './safe';
import type { DataCallback, Disposable, Event, Message, MessageReader, PartialMessageInfo } from 'vscode-jsonrpc/node';

export type Fatal = (why: string) => void;

export class GuardedReader implements MessageReader {
  /** True once a `shutdown` request was read (the exit code when the input ends is then 0). */
  shutdownRequested = false;
  private failed = false;

  constructor(
    private readonly inner: MessageReader,
    private readonly fatal: Fatal,
  ) {
    inner.onError((e) => this.fail(`unreadable input from the client: ${describe(e)}`));
  }

  get onError(): Event<Error> {
    return this.inner.onError;
  }
  get onClose(): Event<void> {
    return this.inner.onClose;
  }
  get onPartialMessage(): Event<PartialMessageInfo> {
    return this.inner.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((m: Message) => {
      if (this.failed) return;
      if (typeof m !== 'object' || m === null || Array.isArray(m) || (m as { jsonrpc?: unknown }).jsonrpc !== '2.0') {
        this.fail(`the client sent something that is not a JSON-RPC 2.0 message: ${shortJson(m, 200)}`);
        return;
      }
      if ((m as { method?: unknown }).method === 'shutdown') this.shutdownRequested = true;
      callback(m);
    });
  }

  dispose(): void {
    this.inner.dispose();
  }

  private fail(why: string): void {
    if (this.failed) return;
    this.failed = true;
    this.fatal(why);
  }
}

/** The reader for `--stdio`: process.stdin through the guard. */
export function stdioReader(input: NodeJS.ReadableStream, fatal: Fatal): GuardedReader {
  return new GuardedReader(new StreamMessageReader(input), fatal);
}

function describe(e: unknown): string {
  return ((e as Error)?.message ?? String(e)).replace(/\s+/g, ' ').trim();
}

