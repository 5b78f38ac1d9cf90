/**
 * The "ID Sync: Preview Sample Profiles" panels: one webview per config, beside the editor,
 * showing the language server's `idsync/preview` result. The server notifies
 * `idsync/previewChanged` when the config, a profile, the space file or a setting changes the
 * preview; the panel then asks again and replaces its document. The webview runs no script.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { NotificationType, RequestType } from 'vscode-languageclient';
import { errorBody, makeNonce, webviewDocument } from './webview-html';

interface PreviewResult {
  uri: string;
  version: number | null;
  fileName: string;
  title: string;
  masked: boolean;
  profileCount: number;
  html: string;
  error?: string;
}

const PreviewRequest = new RequestType<{ uri: string }, PreviewResult, void>('idsync/preview');
const PreviewChanged = new NotificationType<{ uri: string; version: number | null }>('idsync/previewChanged');
const PreviewClosed = new NotificationType<{ uri: string }>('idsync/previewClosed');

export const PREVIEW_VIEW_TYPE = 'idsync.preview';
export const TITLE_PREFIX = 'ID Sync preview: ';

export class PreviewPanels implements vscode.Disposable {
  private readonly panels = new Map<string, { panel: vscode.WebviewPanel; html: string; pending: number }>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: () => LanguageClient | undefined) {}

  /** Hooks the server's change notification (call again after a restart of the client). */
  listen(client: LanguageClient): void {
    this.disposables.push(client.onNotification(PreviewChanged, (p) => void this.refresh(p.uri)));
  }

  /** Opens (or reveals) the panel of a config. `arg`: the config's URI (string or Uri), else the active editor's. */
  async show(arg?: unknown): Promise<void> {
    const uri = toUri(arg) ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage('ID Sync: open an .idsync.json file to preview its sample profiles.');
      return;
    }
    const key = uri.toString();
    const existing = this.panels.get(key);
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      await this.refresh(key);
      return;
    }
    const fileName = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      TITLE_PREFIX + fileName,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: false, enableCommandUris: false, enableForms: false, localResourceRoots: [], enableFindWidget: true },
    );
    this.panels.set(key, { panel, html: '', pending: 0 });
    panel.onDidDispose(() => {
      this.panels.delete(key);
      void this.client()?.sendNotification(PreviewClosed, { uri: key }).catch(() => undefined);
    });
    await this.refresh(key);
  }

  /** Asks the server for the preview again and replaces the panel's document if it changed. */
  async refresh(key: string): Promise<void> {
    const entry = this.panels.get(key);
    if (!entry) return;
    const ticket = ++entry.pending;
    const client = this.client();
    let title = entry.panel.title;
    let body: string;
    try {
      if (!client) throw new Error('The ID Sync language server is not running.');
      const r = await client.sendRequest(PreviewRequest, { uri: key });
      title = r.title;
      body = r.error !== undefined ? errorBody(r.title, r.error) : r.html;
    } catch (e) {
      body = errorBody(title, `The preview is not available: ${(e as Error)?.message ?? String(e)}`);
    }
    if (ticket !== entry.pending || !this.panels.has(key)) return; // a newer refresh is on its way, or the panel closed
    entry.panel.title = title;
    if (body === entry.html) return;
    entry.html = body;
    entry.panel.webview.html = webviewDocument({ title, body, cspSource: entry.panel.webview.cspSource, nonce: makeNonce((n) => globalThis.crypto.getRandomValues(new Uint8Array(n))) });
  }

  /** The webview document of a config's panel (for the extension tests). */
  htmlOf(key: string): string | undefined {
    return this.panels.get(key)?.panel.webview.html;
  }

  refreshAll(): Promise<void[]> {
    return Promise.all([...this.panels.keys()].map((k) => this.refresh(k)));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    for (const { panel } of this.panels.values()) panel.dispose();
    this.panels.clear();
  }
}

function toUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg !== '') {
    try {
      return vscode.Uri.parse(arg, true);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
