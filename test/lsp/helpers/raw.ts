/**
 * A raw JSON-RPC peer for the real server in this process: writes messages exactly as given
 * (vscode-jsonrpc's own client cannot send `"params": null`) and collects every message the
 * server sends. Responses are awaited by id with a timeout.
 */
import { PassThrough } from 'node:stream';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { Message, ResponseMessage } from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../../../server/src/lsp/server';
import { withTimeout } from './client';

export class RawPeer {
  readonly received: Message[] = [];
  private waiters: Array<() => void> = [];
  private readonly c2s = new PassThrough();
  private readonly s2c = new PassThrough();
  private readonly server = createConnection(ProposedFeatures.all, new StreamMessageReader(this.c2s), new StreamMessageWriter(this.s2c));
  private readonly reader = new StreamMessageReader(this.s2c);
  private nextId = 1;

  constructor() {
    startServer(this.server);
    this.server.listen();
    this.reader.listen((m) => {
      this.received.push(m);
      for (const w of [...this.waiters]) w();
    });
  }

  /** Writes one message (any JSON) with a correct Content-Length header. */
  send(message: unknown): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.c2s.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.c2s.write(body);
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Sends a request with exactly these params and waits for its response. */
  request(method: string, params: unknown, timeoutMs = 5000): Promise<ResponseMessage> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    const find = () => this.received.find((m) => (m as ResponseMessage).id === id && !('method' in m)) as ResponseMessage | undefined;
    return withTimeout(
      new Promise<ResponseMessage>((resolve) => {
        const check = () => {
          const hit = find();
          if (!hit) return;
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve(hit);
        };
        this.waiters.push(check);
        check();
      }),
      timeoutMs,
      `response to ${method}`,
    );
  }

  /** Resolves once `pred()` holds (checked after every message from the server), or rejects after `timeoutMs`. */
  async waitFor(pred: () => boolean, timeoutMs: number, what: string): Promise<void> {
    let check: () => void = () => undefined;
    try {
      await withTimeout(
        new Promise<void>((resolve) => {
          check = () => {
            if (pred()) resolve();
          };
          this.waiters.push(check);
          check();
        }),
        timeoutMs,
        what,
      );
    } finally {
      this.waiters = this.waiters.filter((w) => w !== check);
    }
  }

  /** Initializes the server with the given capabilities and options. */
  async initialize(rootUri: string | null, initializationOptions: unknown = {}, capabilities: unknown = {}): Promise<void> {
    const r = await this.request('initialize', { processId: null, rootUri, workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null, capabilities, initializationOptions });
    if (r.error) throw new Error(`initialize failed: ${r.error.message}`);
    this.notify('initialized', {});
  }

  dispose(): void {
    this.server.dispose();
    this.reader.dispose();
  }
}
