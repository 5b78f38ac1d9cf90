/**
 * `textDocument/codeLens`: "Preview N sample profiles" above a config's entries. It runs the
 * client's `idsync.preview` (the VS Code panel) when the client says it has one
 * (`initializationOptions.previewPanel`), else the server's `idsync.server.preview`.
 */
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { PREVIEW_COMMAND, codeLensAnchor, codeLensTitle } from '../preview';
import { SERVER_PREVIEW_COMMAND } from './execute-command';
import type { ServerState } from '../state';
import { isSpaceFile, uriToPath } from '../workspaces';

export async function codeLens(s: ServerState, params: CodeLensParams): Promise<CodeLens[]> {
  const doc = await s.documents.usable(params);
  const path = doc && uriToPath(doc.uri);
  if (!doc || !path || isSpaceFile(path)) return [];
  try {
    const settings = await s.settings.forUri(doc.uri);
    const computed = s.previews.ofDocument(doc, path, settings, s.workspaces.envFor(doc.uri).space);
    const anchor = codeLensAnchor(computed.model);
    const start = doc.positionAt(anchor?.offset ?? 0);
    return [
      {
        range: { start, end: anchor ? doc.positionAt(anchor.offset + anchor.length) : start },
        command: { title: codeLensTitle(computed.preview.profiles.length), command: s.init.previewPanel ? PREVIEW_COMMAND : SERVER_PREVIEW_COMMAND, arguments: [doc.uri] },
      },
    ];
  } catch (e) {
    s.log(`idsync: code lens for ${doc.uri} failed: ${(e as Error)?.stack ?? String(e)}`);
    return [];
  }
}
