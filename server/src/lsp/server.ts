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
  CodeLens,
  CodeLensRefreshRequest,
  Hover,
  MarkupKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { builtinCatalogs, lintText, parseDocument, ALL_RULES, EMPTY_SPACE, SPACE_FILE_NAME, Workspace } from '../engine';
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
import {
  PreviewService,
  PreviewRequest,
  PreviewChangedNotification,
  PreviewClosedNotification,
  PreviewResult,
  PreviewSettings,
  PREVIEW_COMMAND,
  codeLensAnchor,
  codeLensTitle,
  hoverMarkdown,
  previewError,
  previewResult,
  previewTargetAt,
} from './preview';

export const DEFAULT_DEBOUNCE_MS = 100;
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/** What `initializationOptions` may carry. */
export interface InitOptions {
  /** Debounce of diagnostics after a change, in ms (default 100). */
  debounceMs?: number;
  /** Files larger than this (bytes) get one diagnostic instead of being analysed (default 1 MiB). */
  maxFileSize?: number;
}

export interface Settings extends PreviewSettings {
  maxFileSize: number;
}

/** The `idsync` section of the client's settings, as far as the server reads it. */
interface RawSettings {
  maxFileSize?: unknown;
  sampleProfiles?: unknown;
  preview?: { maskValues?: unknown };
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
  /** Unsaved editor buffers of space files, shared by the per-folder hosts. */
  const overlays = new Map<string, string>();
  const hosts = new Map<string, NodeFileHost>();
  const catalogs = builtinCatalogs();
  let roots: string[] = [];
  const workspaces = new Map<string, Workspace>();
  const previews = new PreviewService();
  /** Configs whose preview a client shows, with a fingerprint of the result it last got. */
  const previewed = new Map<string, string>();
  let codeLensRefresh = false;
  let init: InitOptions = {};
  let configurationPull = false;
  let documentChanges = false;
  let snippetSupport = true;
  /** Features registered dynamically for `idsync` documents only, so idsync.space.json keeps the JSON formatter, outline and folding. */
  let dynamic = { formatting: false, rangeFormatting: false, symbols: false, folding: false };
  let globalSettings: RawSettings = {};
  const settingsCache = new Map<string, Promise<RawSettings>>();
  const lintCache = new Map<string, { version: number; diagnostics: readonly Diagnostic[] }>();

  /** The workspace folder of a path (the innermost), or the file's own directory outside every folder. */
  const rootFor = (path: string): string =>
    roots.filter((r) => path === r || path.startsWith(r.endsWith('/') ? r : r + '/')).sort((a, b) => b.length - a.length)[0] ?? dirOf(path);

  /** Files are read through a host confined to the folder: symlinks are resolved before the check. */
  const hostFor = (root: string): NodeFileHost => {
    let h = hosts.get(root);
    if (!h) hosts.set(root, (h = new NodeFileHost(root, overlays)));
    return h;
  };

  const workspaceFor = (path: string): Workspace => {
    const root = rootFor(path);
    let ws = workspaces.get(root);
    const host = hostFor(root);
    if (!ws) workspaces.set(root, (ws = new Workspace(host, root, catalogs, (_h, refs) => previews.loadProfiles(host, refs))));
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
    let s: RawSettings = globalSettings;
    if (configurationPull) {
      let p = settingsCache.get(uri);
      if (!p) {
        p = connection.workspace
          .getConfiguration({ scopeUri: uri, section: 'idsync' })
          .then((c) => (c && typeof c === 'object' ? (c as RawSettings) : {}))
          .catch(() => ({}));
        settingsCache.set(uri, p);
      }
      s = await p;
    }
    const max = typeof s.maxFileSize === 'number' && s.maxFileSize > 0 ? s.maxFileSize : init.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const globs = Array.isArray(s.sampleProfiles) ? s.sampleProfiles.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [];
    const mask = s.preview && typeof s.preview === 'object' ? s.preview.maskValues === true : false;
    return { maxFileSize: max, sampleProfiles: globs.length > 0 ? globs : undefined, maskValues: mask };
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
    publish: (uri, v) => {
      void connection.sendDiagnostics({ uri, version: v.version, diagnostics: v.diagnostics });
      if (previewed.has(uri)) void checkPreview(uri);
    },
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
    codeLensRefresh = !!caps.workspace?.codeLens?.refreshSupport;
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
        codeLensProvider: { resolveProvider: false },
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
    const s = (change.settings as { idsync?: RawSettings } | undefined)?.idsync;
    if (s && typeof s === 'object') globalSettings = s;
    settingsCache.clear();
    if (codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    for (const d of documents.all()) scheduler.schedule(d.uri);
  });

  // TextDocuments fires onDidChangeContent right after onDidOpen: the open is handled once, here.
  let opening: string | undefined;
  documents.onDidOpen((e) => {
    opening = e.document.uri;
    const p = uriToPath(e.document.uri);
    if (p && isSpaceFile(p)) {
      overlays.set(p, e.document.getText());
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
      overlays.set(p, e.document.getText());
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
    previews.forget(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    const p = uriToPath(uri);
    if (p && isSpaceFile(p)) {
      overlays.delete(p);
      spaceChanged(p);
    }
    // A panel may still show the preview of the closed config: it now follows the file on disk.
    if (previewed.has(uri)) void checkPreview(uri);
  });

  connection.onDidChangeWatchedFiles((e) => {
    let profilesChanged = false;
    for (const c of e.changes) {
      const p = uriToPath(c.uri);
      if (!p) continue;
      if (isSpaceFile(p)) {
        // An open space file is authoritative; the disk only matters once it is closed.
        if (documents.get(c.uri) && c.type !== FileChangeType.Deleted) continue;
        spaceChanged(p);
        continue;
      }
      if (!p.toLowerCase().endsWith('.json')) continue;
      // Any other JSON file may be a sample profile (or a config a preview panel shows).
      previews.fileChanged(p, c.type !== FileChangeType.Changed);
      profilesChanged = true;
    }
    if (!profilesChanged) return;
    // The sample-profile diagnostics and the previews of open configs depend on the profiles.
    lintCache.clear();
    for (const doc of documents.all()) {
      const p = uriToPath(doc.uri);
      if (p && !isSpaceFile(p)) scheduler.schedule(doc.uri);
    }
    for (const uri of previewed.keys()) if (!documents.get(uri)) void checkPreview(uri);
    if (codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  });

  connection.onCompletion((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || isSpaceFile(params.textDocument.uri)) return [];
    return completionItems(doc, doc.offsetAt(params.position), envFor(doc.uri), snippetSupport);
  });

  connection.onHover(async (params): Promise<Hover | null> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || isSpaceFile(params.textDocument.uri)) return null;
    const offset = doc.offsetAt(params.position);
    const env = envFor(doc.uri);
    const base = hover(doc, offset, env);
    const target = previewTargetAt(parseDocument(doc.getText()).root, offset);
    if (!target) return base;
    const path = uriToPath(doc.uri);
    if (!path) return base;
    let md: string;
    try {
      const settings = await settingsFor(doc.uri);
      const current = documents.get(doc.uri);
      if (!current || current.version !== doc.version) return null; // the text moved on while the settings were read
      md = hoverMarkdown(computePreview(doc.uri, path, doc.getText(), doc.version, settings, env.space), target, settings);
    } catch (e) {
      connection.console.error(`idsync: preview for the hover failed: ${(e as Error)?.stack ?? String(e)}`);
      return base;
    }
    const baseText = base && typeof base.contents === 'object' && 'value' in base.contents ? base.contents.value : '';
    return {
      contents: { kind: MarkupKind.Markdown, value: baseText ? `${baseText}\n\n---\n\n${md}` : md },
      range: base?.range ?? { start: doc.positionAt(target.offset), end: doc.positionAt(target.offset + target.length) },
    };
  });

  const computePreview = (key: string, path: string, text: string, version: number | null, settings: PreviewSettings, space: SpaceConfig) => {
    const root = rootFor(path);
    return previews.compute(key, { path, text, version, root, host: hostFor(root), catalogs, space, settings });
  };

  /** The `idsync/preview` result for a config: the open document, else the file on disk. */
  const buildPreview = async (uri: string): Promise<PreviewResult> => {
    const path = uriToPath(uri);
    if (!path) return previewError(uri, undefined, `Only files on disk can be previewed (${uri}).`);
    const settings = await settingsFor(uri);
    const doc = documents.get(uri);
    let text: string | undefined;
    let version: number | null = null;
    if (doc) {
      text = doc.getText();
      version = doc.version;
    } else {
      try {
        text = hostFor(rootFor(path)).readFile(path);
      } catch (e) {
        return previewError(uri, path, `The config cannot be read: ${(e as Error)?.message ?? String(e)}`);
      }
      if (text === undefined) return previewError(uri, path, 'The config does not exist (any more).');
    }
    let space: SpaceConfig = EMPTY_SPACE;
    try {
      space = spaceFor(uri).space;
    } catch {
      // An unreadable space file is reported as a diagnostic; preview without it.
    }
    return previewResult(uri, path, version, computePreview(uri, path, text, version, settings, space), settings);
  };

  const fingerprint = (r: PreviewResult) => `${r.error ?? ''}\u0000${r.masked}\u0000${r.html}\u0000${JSON.stringify(r.json)}`;

  /** Recomputes the preview of a config a client shows and notifies the client when it changed. */
  const checkPreview = async (uri: string): Promise<void> => {
    const before = previewed.get(uri);
    if (before === undefined) return;
    try {
      const r = await buildPreview(uri);
      const fp = fingerprint(r);
      if (!previewed.has(uri) || fp === previewed.get(uri)) return;
      previewed.set(uri, fp);
      void connection.sendNotification(PreviewChangedNotification, { uri, version: r.version });
    } catch (e) {
      connection.console.error(`idsync: preview of ${uri} failed: ${(e as Error)?.stack ?? String(e)}`);
    }
  };

  connection.onRequest(PreviewRequest, async (params): Promise<PreviewResult> => {
    const r = await buildPreview(params.uri);
    previewed.set(params.uri, fingerprint(r));
    return r;
  });

  connection.onNotification(PreviewClosedNotification, (params) => {
    previewed.delete(params.uri);
    if (!documents.get(params.uri)) previews.forget(params.uri);
  });

  connection.onCodeLens(async (params): Promise<CodeLens[]> => {
    const doc = documents.get(params.textDocument.uri);
    const path = uriToPath(params.textDocument.uri);
    if (!doc || !path || isSpaceFile(path)) return [];
    try {
      const settings = await settingsFor(doc.uri);
      const computed = computePreview(doc.uri, path, doc.getText(), doc.version, settings, envFor(doc.uri).space);
      const anchor = codeLensAnchor(computed.model);
      const start = doc.positionAt(anchor?.offset ?? 0);
      return [
        {
          range: { start, end: anchor ? doc.positionAt(anchor.offset + anchor.length) : start },
          command: { title: codeLensTitle(computed.preview.profiles.length), command: PREVIEW_COMMAND, arguments: [doc.uri] },
        },
      ];
    } catch (e) {
      connection.console.error(`idsync: code lens for ${doc.uri} failed: ${(e as Error)?.stack ?? String(e)}`);
      return [];
    }
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
