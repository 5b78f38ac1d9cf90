/**
 * The idsync language server: wires the protocol-free features to an LSP connection. Used by
 * `main.ts` (stdio / IPC) and by the tests (in-memory streams).
 */
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  InitializeParams,
  InitializeResult,
  NotificationType0,
  RequestType,
  TextDocuments,
  TextDocumentSyncKind,
  FileChangeType,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { builtinCatalogs, lintText, ALL_RULES, EMPTY_SPACE, SPACE_FILE_NAME, Workspace } from '../engine';
import type { Diagnostic, SpaceConfig, SpaceFile } from '../engine';
import { NodeFileHost, toEnginePath } from '../node/host';
import { completionItems } from './completion';
import { hover } from './hover';
import { codeActions, FIX_ALL_KIND } from './codeActions';
import { DiagnosticsScheduler, fileTooLarge, readError, toLspDiagnostic, Validation } from './diagnostics';
import { documentSymbols } from './symbols';
import { foldingRanges } from './folding';
import { formatDocument } from './formatting';
import type { FeatureEnv } from './context';

export const DEFAULT_DEBOUNCE_MS = 100;
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/** What `initializationOptions` may carry. */
export interface InitOptions {
  /** Debounce of diagnostics after a change, in ms (default 100). */
  debounceMs?: number;
  /** Files larger than this (bytes) get one diagnostic instead of being analysed (default 1 MiB). */
  maxFileSize?: number;
}

export interface Settings {
  maxFileSize: number;
}

export interface StatusParams {
  uri: string;
}

export interface StatusResult {
  /** Absolute path of the idsync.space.json that applies, or null. */
  spaceFile: string | null;
  /** Rules that are not "off" for this file. */
  rulesOn: number;
  rulesTotal: number;
  /** Rules the space file sets to a severity, by code. */
  overrides: Record<string, string>;
  /** Problems in the space file itself. */
  spaceProblems: number;
}

export const StatusRequest = new RequestType<StatusParams, StatusResult, void>('idsync/status');
/** Sent when something the status depends on changed (a space file); clients ask again. */
export const StatusChangedNotification = new NotificationType0('idsync/statusChanged');

function isSpaceFile(pathOrUri: string): boolean {
  return pathOrUri.endsWith('/' + SPACE_FILE_NAME) || pathOrUri === SPACE_FILE_NAME;
}

function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return toEnginePath(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const host = new NodeFileHost();
  const catalogs = builtinCatalogs();
  let roots: string[] = [];
  const workspaces = new Map<string, Workspace>();
  let init: InitOptions = {};
  let configurationPull = false;
  let documentChanges = false;
  let snippetSupport = true;
  /** Features registered dynamically for `idsync` documents only, so idsync.space.json keeps the JSON formatter, outline and folding. */
  let dynamic = { formatting: false, rangeFormatting: false, symbols: false, folding: false };
  let globalSettings: Partial<Settings> = {};
  const settingsCache = new Map<string, Promise<Partial<Settings>>>();
  const lintCache = new Map<string, { version: number; diagnostics: readonly Diagnostic[] }>();

  const workspaceFor = (path: string): Workspace => {
    let root = roots.filter((r) => path === r || path.startsWith(r.endsWith('/') ? r : r + '/')).sort((a, b) => b.length - a.length)[0];
    root ??= dirOf(path);
    let ws = workspaces.get(root);
    if (!ws) workspaces.set(root, (ws = new Workspace(host, root, catalogs)));
    return ws;
  };

  const spaceFor = (uri: string): { space: SpaceConfig; file?: SpaceFile } => {
    const path = uriToPath(uri);
    if (!path) return { space: EMPTY_SPACE };
    const ws = workspaceFor(path);
    const spacePath = ws.findSpacePath(path);
    const file = spacePath ? ws.space(spacePath) : undefined;
    return { space: file?.config ?? EMPTY_SPACE, file };
  };

  const envFor = (uri: string): FeatureEnv => {
    try {
      return { catalogs, space: spaceFor(uri).space };
    } catch {
      return { catalogs, space: EMPTY_SPACE };
    }
  };

  const settingsFor = async (uri: string): Promise<Settings> => {
    let s: Partial<Settings> = globalSettings;
    if (configurationPull) {
      let p = settingsCache.get(uri);
      if (!p) {
        p = connection.workspace
          .getConfiguration({ scopeUri: uri, section: 'idsync' })
          .then((c) => (c && typeof c === 'object' ? (c as Partial<Settings>) : {}))
          .catch(() => ({}));
        settingsCache.set(uri, p);
      }
      s = await p;
    }
    const max = typeof s.maxFileSize === 'number' && s.maxFileSize > 0 ? s.maxFileSize : init.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    return { maxFileSize: max };
  };

  /** The engine's diagnostics of an open config at its current version (cached by version). */
  const engineDiagnostics = (doc: TextDocument): readonly Diagnostic[] => {
    const cached = lintCache.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.diagnostics;
    const path = uriToPath(doc.uri);
    const text = doc.getText();
    const diagnostics = path ? workspaceFor(path).lint(path, text).result.diagnostics : lintText(text, { catalogs }).diagnostics;
    lintCache.set(doc.uri, { version: doc.version, diagnostics });
    return diagnostics;
  };

  const validate = async (uri: string): Promise<Validation | undefined> => {
    const settings = await settingsFor(uri);
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const text = doc.getText();
    const size = Buffer.byteLength(text, 'utf8');
    if (size > settings.maxFileSize) return { version: doc.version, diagnostics: [fileTooLarge(doc, size, settings.maxFileSize)] };
    const path = uriToPath(uri);
    try {
      if (path && isSpaceFile(path)) {
        const file = workspaceFor(path).space(path);
        return { version: doc.version, diagnostics: (file?.diagnostics ?? []).map((d) => toLspDiagnostic(doc, d)) };
      }
      return { version: doc.version, diagnostics: engineDiagnostics(doc).map((d) => toLspDiagnostic(doc, d)) };
    } catch (e) {
      return { version: doc.version, diagnostics: [readError(`idsync could not analyse this file: ${(e as Error).message ?? String(e)}`)] };
    }
  };

  const scheduler = new DiagnosticsScheduler({
    delay: () => init.debounceMs ?? DEFAULT_DEBOUNCE_MS,
    version: (uri) => documents.get(uri)?.version,
    validate,
    publish: (uri, v) => void connection.sendDiagnostics({ uri, version: v.version, diagnostics: v.diagnostics }),
    onError: (uri, e) => connection.console.error(`idsync: validating ${uri} failed: ${(e as Error)?.stack ?? String(e)}`),
  });

  /** A space file changed (edited, saved, created, deleted): re-validate every open config below it. */
  const spaceChanged = (spacePath: string) => {
    for (const ws of workspaces.values()) ws.invalidate(spacePath);
    lintCache.clear();
    const dir = dirOf(spacePath);
    for (const doc of documents.all()) {
      const p = uriToPath(doc.uri);
      if (!p || p === spacePath) continue;
      if (p.startsWith(dir === '/' ? '/' : dir + '/')) scheduler.schedule(doc.uri);
    }
    void connection.sendNotification(StatusChangedNotification);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    init = (params.initializationOptions as InitOptions | undefined) ?? {};
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = folders.map(uriToPath).filter((p): p is string => !!p);
    const caps = params.capabilities;
    configurationPull = !!caps.workspace?.configuration;
    documentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
    snippetSupport = caps.textDocument?.completion?.completionItem?.snippetSupport ?? false;
    const td = caps.textDocument;
    dynamic = {
      formatting: !!td?.formatting?.dynamicRegistration,
      rangeFormatting: !!td?.rangeFormatting?.dynamicRegistration,
      symbols: !!td?.documentSymbol?.dynamicRegistration,
      folding: !!td?.foldingRange?.dynamicRegistration,
    };
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: ['"', ':'] },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        documentSymbolProvider: !dynamic.symbols,
        foldingRangeProvider: !dynamic.folding,
        documentFormattingProvider: !dynamic.formatting,
        documentRangeFormattingProvider: !dynamic.rangeFormatting,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'idsync-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    const documentSelector = [{ language: 'idsync' }];
    const ignore = () => undefined;
    if (dynamic.formatting) connection.client.register(DocumentFormattingRequest.type, { documentSelector }).catch(ignore);
    if (dynamic.rangeFormatting) connection.client.register(DocumentRangeFormattingRequest.type, { documentSelector }).catch(ignore);
    if (dynamic.symbols) connection.client.register(DocumentSymbolRequest.type, { documentSelector }).catch(ignore);
    if (dynamic.folding) connection.client.register(FoldingRangeRequest.type, { documentSelector }).catch(ignore);
    if (configurationPull) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'idsync' }).catch(() => undefined);
    connection.workspace.onDidChangeWorkspaceFolders?.((e) => {
      const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
      roots = roots.filter((r) => !removed.has(r));
      for (const f of e.added) {
        const p = uriToPath(f.uri);
        if (p) roots.push(p);
      }
      workspaces.clear();
      lintCache.clear();
      for (const d of documents.all()) scheduler.schedule(d.uri);
    });
  });

  connection.onDidChangeConfiguration((change) => {
    const s = (change.settings as { idsync?: Partial<Settings> } | undefined)?.idsync;
    if (s && typeof s === 'object') globalSettings = s;
    settingsCache.clear();
    for (const d of documents.all()) scheduler.schedule(d.uri);
  });

  // TextDocuments fires onDidChangeContent right after onDidOpen: the open is handled once, here.
  let opening: string | undefined;
  documents.onDidOpen((e) => {
    opening = e.document.uri;
    const p = uriToPath(e.document.uri);
    if (p && isSpaceFile(p)) {
      host.overlays.set(p, e.document.getText());
      scheduler.schedule(e.document.uri, 0);
      spaceChanged(p);
      return;
    }
    scheduler.schedule(e.document.uri, 0);
  });

  documents.onDidChangeContent((e) => {
    if (opening === e.document.uri) {
      opening = undefined;
      return;
    }
    const p = uriToPath(e.document.uri);
    if (p && isSpaceFile(p)) {
      host.overlays.set(p, e.document.getText());
      scheduler.schedule(e.document.uri);
      spaceChanged(p);
      return;
    }
    scheduler.schedule(e.document.uri);
  });

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    scheduler.cancel(uri);
    lintCache.delete(uri);
    settingsCache.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    const p = uriToPath(uri);
    if (p && isSpaceFile(p)) {
      host.overlays.delete(p);
      spaceChanged(p);
    }
  });

  connection.onDidChangeWatchedFiles((e) => {
    for (const c of e.changes) {
      const p = uriToPath(c.uri);
      if (!p || !isSpaceFile(p)) continue;
      // An open space file is authoritative; the disk only matters once it is closed.
      if (documents.get(c.uri) && c.type !== FileChangeType.Deleted) continue;
      spaceChanged(p);
    }
  });

  connection.onCompletion((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || isSpaceFile(params.textDocument.uri)) return [];
    return completionItems(doc, doc.offsetAt(params.position), envFor(doc.uri), snippetSupport);
  });

  connection.onHover((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || isSpaceFile(params.textDocument.uri)) return null;
    return hover(doc, doc.offsetAt(params.position), envFor(doc.uri));
  });

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || isSpaceFile(params.textDocument.uri)) return [];
    return codeActions({
      doc,
      diagnostics: params.context.diagnostics,
      only: params.context.only,
      current: () => engineDiagnostics(doc),
      documentChanges,
    });
  });

  connection.onDocumentSymbol((params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? documentSymbols(doc) : [];
  });

  connection.onFoldingRanges((params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? foldingRanges(doc) : [];
  });

  connection.onDocumentFormatting((params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? formatDocument(doc, params.options) : [];
  });

  connection.onDocumentRangeFormatting((params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? formatDocument(doc, params.options, params.range) : [];
  });

  connection.onRequest(StatusRequest, (params): StatusResult => {
    let file: SpaceFile | undefined;
    let space: SpaceConfig = EMPTY_SPACE;
    try {
      ({ space, file } = spaceFor(params.uri));
    } catch {
      // Unreadable space file: reported as a diagnostic; the status shows none.
    }
    const overrides: Record<string, string> = {};
    for (const [code, sev] of space.rules) overrides[code] = sev;
    const rulesOn = ALL_RULES.filter((r) => space.rules.get(r.code) !== 'off').length;
    return { spaceFile: file?.path ?? null, rulesOn, rulesTotal: ALL_RULES.length, overrides, spaceProblems: file?.diagnostics.length ?? 0 };
  });

  connection.onShutdown(() => scheduler.dispose());

  documents.listen(connection);
}
