/** `workspace/didChangeConfiguration` and `workspace/didChangeWatchedFiles`. */
import { CodeLensRefreshRequest, FileChangeType } from 'vscode-languageserver';
import type { DidChangeConfigurationParams, DidChangeWatchedFilesParams } from 'vscode-languageserver';
import type { ServerState } from '../state';
import { isSpaceFile, uriToPath } from '../workspaces';

function refreshCodeLenses(s: ServerState): void {
  if (s.client.codeLensRefresh) void s.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}

export function didChangeConfiguration(s: ServerState, change: DidChangeConfigurationParams): void {
  s.settings.changed(change.settings);
  s.watchers.update(); // the idsync.sampleProfiles globs may have changed
  refreshCodeLenses(s);
  s.validation.scheduleAll();
}

export function didChangeWatchedFiles(s: ServerState, e: DidChangeWatchedFilesParams): void {
  let profilesChanged = false;
  // The same event may come twice in one notification (VS Code's own watcher and the registered ones).
  const seen = new Set<string>();
  for (const c of Array.isArray(e?.changes) ? e.changes : []) {
    const key = `${c?.type} ${c?.uri}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const p = typeof c?.uri === 'string' ? uriToPath(c.uri) : undefined;
    if (!p) continue;
    if (isSpaceFile(p)) {
      // An open space file is authoritative; the disk only matters once it is closed.
      if (s.documents.get(c.uri) && c.type !== FileChangeType.Deleted) continue;
      s.workspaces.spaceChanged(p);
      continue;
    }
    if (!p.toLowerCase().endsWith('.json')) continue;
    // Any other JSON file may be a sample profile (or a config a preview panel shows).
    s.previews.fileChanged(p, c.type !== FileChangeType.Changed);
    profilesChanged = true;
  }
  if (!profilesChanged) return;
  // The sample-profile diagnostics and the previews of open configs depend on the profiles.
  s.analyses.dropLints();
  for (const doc of s.documents.all()) {
    const p = uriToPath(doc.uri);
    if (p && !isSpaceFile(p)) s.validation.schedule(doc.uri);
  }
  s.previews.refreshClosed();
  refreshCodeLenses(s);
}
