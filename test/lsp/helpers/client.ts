/**
 * A plain LSP client for tests: drives the real server over JSON-RPC, either in this process
 * (in-memory streams) or as a child process (`node dist/server.js --stdio`). Diagnostics are
 * recorded as they arrive; tests wait on them with a timeout, never with sleeps.
 */
import { spawn, ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  Hover,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startServer, InitOptions } from '../../../server/src/lsp/server';

export interface Received extends PublishDiagnosticsParams {
  at: number;
}

export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}

export class TestClient {
  readonly published: Received[] = [];
  private waiters: Array<() => void> = [];
  readonly texts = new Map<string, TextDocument>();
  readonly serverRequests: Array<{ method: string; params: unknown }> = [];
  /** Every notification from the server other than publishDiagnostics, in order. */
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  /** What `workspace/configuration` answers for the `idsync` section (null: nothing set). */
  settings: Record<string, unknown> | null = null;
  initializeResult!: InitializeResult;

  private constructor(
    readonly conn: MessageConnection,
    private readonly onDispose: () => void,
    readonly child?: ChildProcess,
  ) {
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push({ ...p, at: performance.now() });
      for (const w of this.waiters) w();
    });
    conn.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
      for (const w of this.waiters) w();
    });
    conn.onRequest('client/registerCapability', (params: unknown) => {
      this.serverRequests.push({ method: 'client/registerCapability', params });
      for (const w of this.waiters) w();
      return null;
    });
    conn.onRequest('client/unregisterCapability', (params: unknown) => {
      this.serverRequests.push({ method: 'client/unregisterCapability', params });
      for (const w of this.waiters) w();
      return null;
    });
    conn.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) => {
      this.serverRequests.push({ method: 'workspace/configuration', params: p });
      return p.items.map((i) => (i.section === 'idsync' ? this.settings : null));
    });
    conn.listen();
  }

  /** The server in this process, on in-memory streams. */
  static async inProcess(rootPath: string | null, init: InitOptions = {}, capabilities: object = defaultCapabilities()): Promise<TestClient> {
    const { server, conn } = connectInProcess();
    const client = new TestClient(conn, () => server.dispose());
    await client.initialize(rootPath, init, capabilities);
    return client;
  }

  /** `node <serverJs> --stdio` as a child process. */
  static async spawn(serverJs: string, rootPath: string | null, init: InitOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('exit', (code) => {
      if (code && code !== 0) process.stderr.write(`server exited with ${code}: ${stderr}\n`);
    });
    const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(conn, () => child.kill(), child);
    await client.initialize(rootPath, init, defaultCapabilities());
    return client;
  }

  private async initialize(rootPath: string | null, init: InitOptions, capabilities: object): Promise<void> {
    const rootUri = rootPath ? fileUri(rootPath) : null;
    this.initializeResult = await this.conn.sendRequest('initialize', {
      processId: null,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'fixture' }] : null,
      capabilities,
      initializationOptions: init,
    });
    await this.conn.sendNotification('initialized', {});
  }

  async shutdown(): Promise<void> {
    try {
      await this.conn.sendRequest('shutdown');
      if (this.child) {
        const exited = new Promise((r) => this.child!.once('exit', r));
        await this.conn.sendNotification('exit');
        await withTimeout(exited, 5000, 'server process exit');
      }
    } finally {
      this.conn.dispose();
      this.onDispose();
    }
  }

  async open(uri: string, text: string, languageId = 'idsync', version = 1): Promise<void> {
    this.texts.set(uri, TextDocument.create(uri, languageId, version, text));
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces the whole text (sent as an incremental change of the full range). */
  async replace(uri: string, text: string): Promise<number> {
    const doc = this.texts.get(uri)!;
    const range = { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) };
    return this.change(uri, [{ range, text }]);
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const doc = this.texts.get(uri)!;
    const version = doc.version + 1;
    this.texts.set(uri, TextDocument.update(doc, changes, version));
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  text(uri: string): string {
    return this.texts.get(uri)!.getText();
  }

  /** Position of the n-th occurrence (0-based) of `needle` in the document, plus `delta` characters. */
  positionOf(uri: string, needle: string, delta = 0, nth = 0): Position {
    const text = this.text(uri);
    let i = -1;
    for (let k = 0; k <= nth; k++) {
      i = text.indexOf(needle, i + 1);
      if (i < 0) throw new Error(`"${needle}" not found`);
    }
    return this.texts.get(uri)!.positionAt(i + delta);
  }

  /** Waits until the server has sent a request satisfying `pred`. */
  async waitForServerRequest(pred: (r: { method: string; params: unknown }) => boolean, timeoutMs = 5000): Promise<{ method: string; params: unknown }> {
    const found = () => this.serverRequests.find(pred);
    if (found()) return found()!;
    return withTimeout(
      new Promise((resolve) => {
        const waiter = () => {
          const hit = found();
          if (hit) {
            this.waiters = this.waiters.filter((w) => w !== waiter);
            resolve(hit);
          }
        };
        this.waiters.push(waiter);
      }),
      timeoutMs,
      'server request',
    );
  }

  /** Waits until the server has sent a notification `method` satisfying `pred` (looking at ones received after `since`). */
  waitForNotification<P>(method: string, pred: (params: P) => boolean = () => true, timeoutMs = 5000, since = 0): Promise<P> {
    const found = () => this.notifications.slice(since).find((n) => n.method === method && pred(n.params as P));
    const hit = found();
    if (hit) return Promise.resolve(hit.params as P);
    return withTimeout(
      new Promise<P>((resolve) => {
        const waiter = () => {
          const h = found();
          if (h) {
            this.waiters = this.waiters.filter((w) => w !== waiter);
            resolve(h.params as P);
          }
        };
        this.waiters.push(waiter);
      }),
      timeoutMs,
      `notification ${method}; received: ${JSON.stringify(this.notifications.slice(since).map((n) => n.method))}`,
    );
  }

  /** Waits until a publishDiagnostics for `uri` satisfies `pred` (looking at ones received after `since`). */
  waitForDiagnostics(uri: string, pred: (p: Received) => boolean = () => true, timeoutMs = 5000, since = 0): Promise<Received> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = this.published.slice(since).find((p) => p.uri === uri && pred(p));
        if (hit) {
          cleanup();
          resolve(hit);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        cleanup();
        const got = this.published.filter((p) => p.uri === uri).map((p) => `v${p.version}: ${p.diagnostics.map((d) => d.code).join(',')}`);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; received: ${JSON.stringify(got)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== waiter);
      };
      const waiter = () => void check();
      this.waiters.push(waiter);
      check();
    });
  }

  /** Diagnostics for the current version of a document. */
  diagnosticsFor(uri: string, timeoutMs = 5000): Promise<Diagnostic[]> {
    const version = this.texts.get(uri)!.version;
    return this.waitForDiagnostics(uri, (p) => p.version === version, timeoutMs).then((p) => p.diagnostics);
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const r: CompletionItem[] | CompletionList | null = await this.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position });
    if (!r) return [];
    const items = Array.isArray(r) ? r : r.items;
    return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  codeActions(uri: string, diagnostics: Diagnostic[], only?: string[], range = diagnostics[0]?.range): Promise<CodeAction[]> {
    return this.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics, only },
    });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.conn.sendNotification(method, params);
  }
}

export function defaultCapabilities() {
  return {
    textDocument: {
      synchronization: { dynamicRegistration: false },
      completion: { completionItem: { snippetSupport: true } },
      hover: { contentFormat: ['markdown'] },
      publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
    },
    workspace: { workspaceEdit: { documentChanges: true } },
  };
}

/** Applies a WorkspaceEdit's edits for `uri` to `text`. */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit | undefined): string {
  let edits: TextEdit[] = [];
  if (edit?.documentChanges) {
    for (const dc of edit.documentChanges) if ('textDocument' in dc && dc.textDocument.uri === uri) edits.push(...(dc.edits as TextEdit[]));
  } else if (edit?.changes) edits = edit.changes[uri] ?? [];
  return TextDocument.applyEdits(TextDocument.create(uri, 'idsync', 0, text), edits);
}

/** Applies one completion item's textEdit (snippet placeholders stripped to their defaults). */
export function applyCompletion(text: string, uri: string, item: CompletionItem): string {
  const te = item.textEdit as TextEdit;
  return TextDocument.applyEdits(TextDocument.create(uri, 'idsync', 0, text), [te]);
}

export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** The real server started in this process on in-memory streams, and an unstarted client connection to it. */
export function connectInProcess() {
  const c2s = new PassThrough();
  const s2c = new PassThrough();
  const server = createConnection(ProposedFeatures.all, new StreamMessageReader(c2s), new StreamMessageWriter(s2c));
  startServer(server);
  server.listen();
  const conn = createMessageConnection(new StreamMessageReader(s2c), new StreamMessageWriter(c2s));
  return { server, conn };
}
