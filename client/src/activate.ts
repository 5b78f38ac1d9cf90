/**
 * What the desktop and the web extension share (entries `extension.ts`, Node, and
 * `extension.browser.ts`, web worker): the language client's options, a Language Status item
 * (which space file applies, how many rules are on), "Restart Server" / "Show Output" and
 * "Preview Sample Profiles" (a webview panel per config, see preview.ts). When the server dies
 * it is restarted (up to 5 crashes in 3 minutes, see server-health.ts) and the status item says so.
 * It only reads data: it never runs code from the workspace, and sends no telemetry.
 */
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, State, RequestType, NotificationType0 } from 'vscode-languageclient';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { PreviewPanels } from './preview';
import { crashLogLine, healthStatus, initialHealth, manualRestart, recordCrash, ServerHealth, StatusSeverity } from './server-health';

interface StatusResult {
  spaceFile: string | null;
  rulesOn: number;
  rulesTotal: number;
  overrides: Record<string, string>;
  spaceProblems: number;
}

const StatusRequest = new RequestType<{ uri: string }, StatusResult, void>('idsync/status');
const StatusChanged = new NotificationType0('idsync/statusChanged');

let client: BaseLanguageClient | undefined;

const SEVERITY: Record<StatusSeverity, vscode.LanguageStatusSeverity> = {
  information: vscode.LanguageStatusSeverity.Information,
  warning: vscode.LanguageStatusSeverity.Warning,
  error: vscode.LanguageStatusSeverity.Error,
};

/**
 * What `activate` returns when VS Code runs extension tests (ExtensionMode.Test, e.g.
 * `npm run test:vscode`), so that test/vscode/ can read what only the screen shows otherwise.
 * Nothing is exported in normal use.
 */
export interface IdsyncTestApi {
  readonly languageStatus: vscode.LanguageStatusItem;
  /** The document the preview panel of `uri` shows, undefined when it has no panel. */
  previewHtml(uri: string): string | undefined;
  /** How the running server was started (desktop: "node process (ipc)"; web: "web worker from <how>"). */
  serverStart(): string;
}

/** What differs between the desktop and the web extension. */
export interface Platform {
  /** Which documents the server gets (the desktop: files and untitled buffers; the web: any scheme). */
  documentSelector: NonNullable<LanguageClientOptions['documentSelector']>;
  /** How watched JSON files reach the server (the desktop: workspace/didChangeWatchedFiles). */
  synchronize?: LanguageClientOptions['synchronize'];
  /** The language client (not started). */
  createClient(options: LanguageClientOptions): BaseLanguageClient;
  /** The URI of an engine path the server names (the space file of the status item). */
  pathToUri(path: string): vscode.Uri;
  /** How the running server was started, for the extension tests. */
  serverStart(): string;
  /** Hooks the client before its start (handlers registered then stay across restarts). */
  started?(client: BaseLanguageClient): void;
}

export async function activateWith(context: vscode.ExtensionContext, platform: Platform): Promise<IdsyncTestApi | undefined> {
  const output = vscode.window.createOutputChannel('ID Sync', { log: true });
  context.subscriptions.push(output);
  const clientOptions: LanguageClientOptions = {
    documentSelector: platform.documentSelector,
    synchronize: platform.synchronize,
    // previewPanel: the CodeLens runs this extension's idsync.preview (the panel), not the server's command.
    initializationOptions: { maxFileSize: vscode.workspace.getConfiguration('idsync').get<number>('maxFileSize'), previewPanel: true },
    outputChannel: output,
    errorHandler: {
      // Errors reading or writing the connection: keep going unless they repeat.
      error: (_error, _message, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
      // The server exited without being asked to: restart it, or give up after 5 crashes in 3 minutes.
      closed: () => {
        const { health: next, decision } = recordCrash(health, Date.now());
        health = next;
        output.error(crashLogLine(health, decision));
        applyHealth();
        if (decision === 'stop') {
          void vscode.window.showErrorMessage(crashLogLine(health, decision), 'Restart Server').then((pick) => {
            if (pick) void vscode.commands.executeCommand('idsync.restartServer');
          });
        }
        return { action: decision === 'restart' ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
      },
    },
  };
  let health: ServerHealth = initialHealth();
  client = platform.createClient(clientOptions);

  const status = vscode.languages.createLanguageStatusItem('idsync.status', { language: 'idsync' });
  status.name = 'ID Sync';
  status.text = 'ID Sync';
  context.subscriptions.push(status);

  /** Puts what happened to the server (crashes, restarts, stopped) on the status item. */
  const applyHealth = () => {
    const h = healthStatus(health);
    if (!h) return;
    if (h.text) status.text = h.text;
    status.detail = status.detail && !h.text ? `${h.detail} · ${status.detail}` : h.detail;
    status.severity = SEVERITY[h.severity];
    status.command = h.command;
  };

  const refreshStatus = async () => {
    const editor = vscode.window.activeTextEditor;
    if (!client || !editor || editor.document.languageId !== 'idsync') return;
    try {
      const s = await client.sendRequest(StatusRequest, { uri: editor.document.uri.toString() });
      const rules = `${s.rulesOn}/${s.rulesTotal} rules on`;
      if (s.spaceFile) {
        const rel = vscode.workspace.asRelativePath(platform.pathToUri(s.spaceFile));
        status.text = `ID Sync: ${rel}`;
        status.detail = rules + (s.spaceProblems ? ` · ${s.spaceProblems} problem(s) in the space file` : '');
        status.severity = s.spaceProblems ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
        status.command = { title: 'Open space file', command: 'vscode.open', arguments: [platform.pathToUri(s.spaceFile)] };
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
    applyHealth();
  };

  const previews = new PreviewPanels(() => client);
  context.subscriptions.push(
    previews,
    vscode.commands.registerCommand('idsync.preview', (uri?: unknown) => previews.show(uri)),
    vscode.commands.registerCommand('idsync.restartServer', async () => {
      health = manualRestart();
      // (the Node client has restart(); the browser one is stopped and started, which makes a new worker)
      const c = client as (BaseLanguageClient & { restart?(): Promise<void> }) | undefined;
      if (c?.state === State.Stopped) await c.start();
      else if (c?.restart) await c.restart();
      else if (c) {
        await c.stop();
        await c.start();
      }
      await refreshStatus();
      await previews.refreshAll();
    }),
    vscode.commands.registerCommand('idsync.showOutput', () => output.show(true)),
    vscode.window.onDidChangeActiveTextEditor(() => void refreshStatus()),
  );

  platform.started?.(client);
  await client.start();
  context.subscriptions.push(client.onNotification(StatusChanged, () => void refreshStatus()));
  // After an automatic restart, ask the new server for the status (and show the restart).
  context.subscriptions.push(client.onDidChangeState((e) => {
    if (e.newState === State.Running) void refreshStatus();
    else applyHealth();
  }));
  previews.listen(client);
  await refreshStatus();
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return { languageStatus: status, previewHtml: (uri) => previews.htmlOf(uri), serverStart: () => platform.serverStart() };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
