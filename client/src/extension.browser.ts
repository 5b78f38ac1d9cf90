/**
 * The web extension (`browser`, dist/web/client.js) for vscode.dev, github.dev and other VS Code
 * for the Web hosts: the language server (dist/web/server.js) runs in a web worker. A web worker
 * cannot read the workspace, so the client answers the server's `idsync/readFiles` with
 * `vscode.workspace.fs` (any file system: virtual workspaces too) and reports changed JSON files
 * as `idsync/filesChanged` (see server/src/web/host.ts). Everything else is `activate.ts`, shared
 * with the desktop extension.
 */
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import type { MessageTransports } from 'vscode-languageclient/browser';
import { decodeUtf8 } from '../../server/src/shared/encoding';
import { FILES_CHANGED, READ_FILES } from '../../server/src/web/protocol';
import type { FilesChangedParams, ReadFilesParams, ReadFilesResult } from '../../server/src/web/protocol';
import { webPathToUri } from '../../server/src/web/uri';
import { activateWith, deactivate } from './activate';
import type { IdsyncTestApi } from './activate';

// The browser's Worker (the project's TypeScript lib has no DOM types).
declare const Worker: new (url: string, options?: { name?: string }) => { terminate(): void; addEventListener(type: 'error', listener: (e: { message?: string; preventDefault(): void }) => void): void };
type WorkerLike = InstanceType<typeof Worker>;

export type { IdsyncTestApi } from './activate';
export { deactivate };

/**
 * The server's worker. On vscode.dev and github.dev the extension's own address works; in
 * code-server the extension is "remote" (vscode-remote://) and `new Worker` refuses it ("Creating
 * workers from remote extensions is currently not supported"): the script is then read with
 * vscode.workspace.fs and started from a Blob URL.
 */
export async function startWorker(script: vscode.Uri, log: (m: string) => void): Promise<{ worker: WorkerLike; how: 'extension URL' | 'Blob URL' }> {
  try {
    return { worker: new Worker(script.toString(true), { name: 'idsync-language-server' }), how: 'extension URL' };
  } catch (e) {
    log(`Starting the language server from ${script.toString(true)} failed (${(e as Error)?.message ?? String(e)}); starting it from its text instead.`);
    const bytes = await vscode.workspace.fs.readFile(script);
    return { worker: new Worker(URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' })), { name: 'idsync-language-server' }), how: 'Blob URL' };
  }
}

/**
 * The worker's reader, which also closes the connection when the worker has an uncaught error (a
 * server that throws while loading, say): the client then handles it as the desktop handles a
 * server process that exits, restarting it up to 5 times in 3 minutes (server-health.ts).
 */
class WorkerReader extends BrowserMessageReader {
  constructor(worker: WorkerLike, log: (m: string) => void) {
    super(worker as unknown as ConstructorParameters<typeof BrowserMessageReader>[0]);
    worker.addEventListener('error', (e) => {
      // Handled here: not also an uncaught error of the extension host.
      e?.preventDefault?.();
      log(`The language server's worker failed: ${e?.message ?? 'an uncaught error'}`);
      this.fireClose();
    });
  }
}

/** `idsync/readFiles`: texts (UTF-8, as the desktop reads them) and directory listings through vscode.workspace.fs. */
export async function readFiles(params: ReadFilesParams): Promise<ReadFilesResult> {
  const files = await Promise.all(
    (Array.isArray(params?.files) ? params.files : []).map(async (uri) => {
      try {
        return { uri, text: decodeUtf8(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri, true))) };
      } catch (e) {
        if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return { uri };
        return { uri, error: (e as Error)?.message ?? String(e) };
      }
    }),
  );
  const directories = await Promise.all(
    (Array.isArray(params?.directories) ? params.directories : []).map(async (uri) => {
      try {
        const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.parse(uri, true));
        return { uri, entries: entries.map(([name, type]) => (type & vscode.FileType.Directory ? name + '/' : name)) };
      } catch {
        return { uri };
      }
    }),
  );
  return { files, directories };
}

export function activate(context: vscode.ExtensionContext): Promise<IdsyncTestApi | undefined> {
  const script = vscode.Uri.joinPath(context.extensionUri, 'dist/web/server.js');
  // Space files and sample profiles (any JSON file): changes go to the server in batches.
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.json');
  context.subscriptions.push(watcher);
  let pending: FilesChangedParams['changes'] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: LanguageClient | undefined;
  const report = (type: 1 | 2 | 3) => (uri: vscode.Uri) => {
    pending.push({ uri: uri.toString(), type });
    timer ??= setTimeout(() => {
      timer = undefined;
      const changes = pending;
      pending = [];
      void current?.sendNotification(FILES_CHANGED, { changes }).catch(() => undefined);
    }, 50);
  };
  context.subscriptions.push(watcher.onDidCreate(report(1)), watcher.onDidChange(report(2)), watcher.onDidDelete(report(3)));
  let log: (m: string) => void = () => undefined;
  let worker: WorkerLike | undefined;
  let started = 'not started';
  // The transports over the worker's messages. (Not the Worker itself: the web-worker extension
  // host's Worker is a function returning a native Worker, so the client's `instanceof Worker`
  // check fails on it.) A restart ends the previous worker first.
  const transports = async (): Promise<MessageTransports> => {
    worker?.terminate();
    const w = await startWorker(script, log);
    worker = w.worker;
    started = `web worker from ${w.how}`;
    const port = worker as unknown as ConstructorParameters<typeof BrowserMessageWriter>[0];
    return { reader: new WorkerReader(worker, log), writer: new BrowserMessageWriter(port) };
  };
  context.subscriptions.push({ dispose: () => worker?.terminate() });
  return activateWith(context, {
    documentSelector: [{ language: 'idsync' }, { pattern: '**/idsync.space.json' }],
    createClient: (options) => {
      current = new LanguageClient('idsync', 'ID Sync Language Server', transports, options);
      log = (m) => current?.outputChannel.info(m);
      return current;
    },
    pathToUri: (path) => vscode.Uri.parse(webPathToUri(path) ?? path, true),
    serverStart: () => started,
    started: (client) => {
      client.onRequest(READ_FILES, readFiles);
    },
  });
}
