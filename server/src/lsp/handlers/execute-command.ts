/**
 * `workspace/executeCommand`: `idsync.server.preview`, the CodeLens's command for clients without
 * a preview panel of their own (Neovim, Helix...; `initializationOptions.previewPanel` says a
 * client has one). The server shows the preview as text with `window/showMessage`, the text
 * `idsync preview` prints for the config (masked with `idsync.preview.maskValues`), and answers
 * the same text. Nothing is written anywhere.
 */
import { MessageType } from 'vscode-languageserver';
import type { ExecuteCommandParams } from 'vscode-languageserver';
import { renderPreviewText } from '../../engine';
import type { ServerState } from '../state';
import { uriToPath } from '../workspaces';

export const SERVER_PREVIEW_COMMAND = 'idsync.server.preview';

export async function executeCommand(s: ServerState, params: ExecuteCommandParams): Promise<string | null> {
  if (params?.command !== SERVER_PREVIEW_COMMAND) return null;
  const uri = Array.isArray(params.arguments) ? params.arguments[0] : undefined;
  if (typeof uri !== 'string') {
    void s.connection.sendNotification('window/showMessage', { type: MessageType.Warning, message: 'ID Sync: the preview command names no config.' });
    return null;
  }
  const r = await s.previews.build(uri);
  let text: string;
  if (r.error) text = `${r.title}\n\n${r.error}`;
  else {
    const doc = s.documents.get(uri);
    const path = uriToPath(uri)!;
    const settings = await s.settings.forUri(uri);
    // An open config: its current version (memoised); else the file on disk, as `idsync/preview` read it.
    const computed = doc ? s.previews.ofDocument(doc, path, settings, s.workspaces.envFor(uri).space) : undefined;
    text = `${r.title}\n\n${computed ? renderPreviewText(computed.preview, { mask: settings.maskValues }) : r.markdown}`;
  }
  void s.connection.sendNotification('window/showMessage', { type: r.error ? MessageType.Warning : MessageType.Info, message: text });
  return text;
}
