/**
 * The VS Code extension: starts the bundled idsync language server (dist/server.js) over IPC
 * for `idsync` documents and idsync.space.json, shows a Language Status item (which space file
 * applies, how many rules are on), and offers "Restart Server" / "Show Output" and
 * "Preview Sample Profiles" (a webview panel per config, see preview.ts).
 * It only reads data: it never runs code from the workspace, and sends no telemetry.
 */
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind, RequestType, NotificationType0 } from 'vscode-languageclient/node';
import { PreviewPanels } from './preview';

interface StatusResult {
  spaceFile: string | null;
  rulesOn: number;
  rulesTotal: number;
  overrides: Record<string, string>;
  spaceProblems: number;
}

const StatusRequest = new RequestType<{ uri: string }, StatusResult, void>('idsync/status');
const StatusChanged = new NotificationType0('idsync/statusChanged');

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('ID Sync', { log: true });
  context.subscriptions.push(output);
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  // Space files, and sample profiles (any JSON file) for the preview.
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.json');
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'idsync' },
      { scheme: 'untitled', language: 'idsync' },
      { scheme: 'file', pattern: '**/idsync.space.json' },
    ],
    synchronize: { fileEvents: watcher },
    initializationOptions: { maxFileSize: vscode.workspace.getConfiguration('idsync').get<number>('maxFileSize') },
    outputChannel: output,
  };
  client = new LanguageClient('idsync', 'ID Sync Language Server', serverOptions, clientOptions);

  const status = vscode.languages.createLanguageStatusItem('idsync.status', { language: 'idsync' });
  status.name = 'ID Sync';
  status.text = 'ID Sync';
  context.subscriptions.push(status);

  const refreshStatus = async () => {
    const editor = vscode.window.activeTextEditor;
    if (!client || !editor || editor.document.languageId !== 'idsync') return;
    try {
      const s = await client.sendRequest(StatusRequest, { uri: editor.document.uri.toString() });
      const rules = `${s.rulesOn}/${s.rulesTotal} rules on`;
      if (s.spaceFile) {
        const rel = vscode.workspace.asRelativePath(vscode.Uri.file(s.spaceFile));
        status.text = `ID Sync: ${rel}`;
        status.detail = rules + (s.spaceProblems ? ` · ${s.spaceProblems} problem(s) in the space file` : '');
        status.severity = s.spaceProblems ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
        status.command = { title: 'Open space file', command: 'vscode.open', arguments: [vscode.Uri.file(s.spaceFile)] };
      } else {
        status.text = 'ID Sync: no idsync.space.json';
        status.detail = rules;
        status.severity = vscode.LanguageStatusSeverity.Information;
        status.command = undefined;
      }
    } catch (e) {
      status.text = 'ID Sync: server not running';
      status.detail = String((e as Error)?.message ?? e);
      status.severity = vscode.LanguageStatusSeverity.Error;
    }
  };

  const previews = new PreviewPanels(() => client);
  context.subscriptions.push(
    previews,
    vscode.commands.registerCommand('idsync.preview', (uri?: unknown) => previews.show(uri)),
    vscode.commands.registerCommand('idsync.restartServer', async () => {
      await client?.restart();
      await refreshStatus();
      await previews.refreshAll();
    }),
    vscode.commands.registerCommand('idsync.showOutput', () => output.show(true)),
    vscode.window.onDidChangeActiveTextEditor(() => void refreshStatus()),
  );

  await client.start();
  context.subscriptions.push(client.onNotification(StatusChanged, () => void refreshStatus()));
  previews.listen(client);
  await refreshStatus();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
