/**
 * The desktop VS Code extension (`main`, dist/client.js): starts the bundled idsync language
 * server (dist/server.js) in a Node process over IPC for `idsync` documents and idsync.space.json.
 * Everything else (status item, commands, preview panels) is shared with the web extension
 * (`extension.browser.ts`) in `activate.ts`.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { ServerOptions } from 'vscode-languageclient/node';
import { activateWith, deactivate } from './activate';
import type { IdsyncTestApi } from './activate';

export type { IdsyncTestApi } from './activate';
export { deactivate };

export function activate(context: vscode.ExtensionContext): Promise<IdsyncTestApi | undefined> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  // Space files, and sample profiles (any JSON file) for the preview.
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.json');
  context.subscriptions.push(watcher);
  return activateWith(context, {
    documentSelector: [
      { scheme: 'file', language: 'idsync' },
      { scheme: 'untitled', language: 'idsync' },
      { scheme: 'file', pattern: '**/idsync.space.json' },
    ],
    synchronize: { fileEvents: watcher },
    createClient: (options) => new LanguageClient('idsync', 'ID Sync Language Server', serverOptions, options),
    pathToUri: (path) => vscode.Uri.file(path),
    serverStart: () => 'node process (ipc)',
  });
}
