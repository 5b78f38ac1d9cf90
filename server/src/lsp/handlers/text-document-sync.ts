/**
 * `textDocument/didOpen`, `didChange`, `didClose`: the checks are in `documents.ts`; here, what
 * follows: validation, the overlay of an open space file (its unsaved text applies to the configs
 * below it), and forgetting a closed document everywhere.
 */
import type { DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams } from 'vscode-languageserver';
import type { ServerState } from '../state';
import { isSpaceFile, uriToPath } from '../workspaces';

export function didOpen(s: ServerState, params: DidOpenTextDocumentParams): void {
  const doc = s.documents.open(params);
  if (!doc) return;
  const p = uriToPath(doc.uri);
  const space = !!p && isSpaceFile(p);
  if (space) s.workspaces.overlays.set(p, doc.getText());
  s.validation.schedule(doc.uri, 0);
  if (space) s.workspaces.spaceChanged(p);
}

export function didChange(s: ServerState, params: DidChangeTextDocumentParams): void {
  const r = s.documents.change(params);
  if (r.kind === 'ignored') return;
  const p = uriToPath(r.doc.uri);
  const space = !!p && isSpaceFile(p);
  if (r.kind === 'outOfSync') {
    if (space && s.workspaces.overlays.delete(p)) s.workspaces.spaceChanged(p); // configs below it follow the file on disk meanwhile
    s.validation.schedule(r.doc.uri, 0);
    return;
  }
  if (space) s.workspaces.overlays.set(p, r.doc.getText());
  s.validation.schedule(r.doc.uri);
  if (space) s.workspaces.spaceChanged(p);
}

export function didClose(s: ServerState, params: DidCloseTextDocumentParams): void {
  const doc = s.documents.close(params);
  if (!doc) return;
  const uri = doc.uri;
  s.validation.cancel(uri);
  s.analyses.forget(uri);
  s.settings.forget(uri);
  s.previews.forget(uri);
  void s.connection.sendDiagnostics({ uri, diagnostics: [] });
  const p = uriToPath(uri);
  if (p && isSpaceFile(p)) {
    s.workspaces.overlays.delete(p);
    s.workspaces.spaceChanged(p);
  }
  // A panel may still show the preview of the closed config: it now follows the file on disk.
  s.previews.refresh(uri);
}
