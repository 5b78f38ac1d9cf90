/** `initialize`, `initialized` and `shutdown`. */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import type { InitializeParams, InitializeResult } from 'vscode-languageserver';
import { FIX_ALL_KIND } from '../code-actions';
import { SERVER_PREVIEW_COMMAND } from './execute-command';
import type { ServerState } from '../state';
import { uriToPath } from '../workspaces';

export function initialize(s: ServerState, params: InitializeParams): InitializeResult {
  // Malformed initialize params (no capabilities, options of the wrong type) fall back to defaults.
  const opts = (params?.initializationOptions ?? {}) as Record<string, unknown>;
  const positive = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
  s.init = { debounceMs: positive(opts.debounceMs), maxFileSize: positive(opts.maxFileSize) || undefined, previewPanel: opts.previewPanel === true };
  const folders = Array.isArray(params?.workspaceFolders) ? params.workspaceFolders.map((f) => f?.uri) : typeof params?.rootUri === 'string' ? [params.rootUri] : [];
  s.workspaces.setRoots(folders.filter((u): u is string => typeof u === 'string').map(uriToPath).filter((p): p is string => !!p));
  const caps = params?.capabilities ?? {};
  const td = caps.textDocument;
  s.client = {
    codeLensRefresh: !!caps.workspace?.codeLens?.refreshSupport,
    configurationPull: !!caps.workspace?.configuration,
    workspaceFolders: !!caps.workspace?.workspaceFolders,
    documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
    snippetSupport: caps.textDocument?.completion?.completionItem?.snippetSupport ?? false,
    relativePatterns: !!caps.workspace?.didChangeWatchedFiles?.relativePatternSupport,
    dynamic: {
      formatting: !!td?.formatting?.dynamicRegistration,
      rangeFormatting: !!td?.rangeFormatting?.dynamicRegistration,
      symbols: !!td?.documentSymbol?.dynamicRegistration,
      folding: !!td?.foldingRange?.dynamicRegistration,
      didChangeConfiguration: !!caps.workspace?.didChangeConfiguration?.dynamicRegistration,
      didChangeWatchedFiles: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    },
  };
  const { dynamic } = s.client;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: ['"', ':'] },
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      // The CodeLens's command, for a client without a preview panel of its own (handlers/execute-command.ts).
      ...(s.init.previewPanel ? {} : { executeCommandProvider: { commands: [SERVER_PREVIEW_COMMAND] } }),
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      documentSymbolProvider: !dynamic.symbols,
      foldingRangeProvider: !dynamic.folding,
      documentFormattingProvider: !dynamic.formatting,
      documentRangeFormattingProvider: !dynamic.rangeFormatting,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'idsync-language-server', version: '0.1.0' },
  };
}

/** Registers the features that are dynamic for `idsync` documents only, and the settings and folder notifications. */
export function initialized(s: ServerState): void {
  const { connection, client } = s;
  const documentSelector = [{ language: 'idsync' }];
  const ignore = () => undefined;
  if (client.dynamic.formatting) connection.client.register(DocumentFormattingRequest.type, { documentSelector }).catch(ignore);
  if (client.dynamic.rangeFormatting) connection.client.register(DocumentRangeFormattingRequest.type, { documentSelector }).catch(ignore);
  if (client.dynamic.symbols) connection.client.register(DocumentSymbolRequest.type, { documentSelector }).catch(ignore);
  if (client.dynamic.folding) connection.client.register(FoldingRangeRequest.type, { documentSelector }).catch(ignore);
  // Only a client that takes this registration gets it (Neovim warns on every start otherwise); the
  // others still send workspace/didChangeConfiguration, which the server handles all the same.
  if (client.configurationPull && client.dynamic.didChangeConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'idsync' }).catch(ignore);
  }
  // Space files and sample profiles, with a client that takes the registration (watchers.ts).
  s.watchers.update();
  // Only a client that declares workspace folders sends their changes (vscode-languageserver throws otherwise).
  if (client.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => s.workspaces.foldersChanged(e.removed.map((f) => f.uri), e.added.map((f) => f.uri)));
  }
}

export function shutdown(s: ServerState): void {
  s.validation.dispose();
}
