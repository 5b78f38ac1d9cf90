/**
 * The idsync language server: wires the protocol-free features to an LSP connection. Used by
 * `main.ts` (stdio / IPC) and by the tests (in-memory streams).
 */
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
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
  HoverRequest,
  MarkupKind,
  DidOpenTextDocumentParams,
  DidChangeTextDocumentParams,
  DidCloseTextDocumentParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { builtinCatalogs, lintText, parseDocument, ALL_RULES, EMPTY_SPACE, SPACE_FILE_NAME, Workspace } from '../engine';
import type { Diagnostic, SpaceConfig, SpaceFile } from '../engine';
import { NodeFileHost, toEnginePath } from '../node/host';
import { completionItems } from './completion';
import { hover } from './hover';
import { codeActions, FIX_ALL_KIND } from './codeActions';
import { DiagnosticsScheduler, readError, toLspDiagnostic, Validation } from './diagnostics';
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
import { docUri, isPosition, runSafe, runSafeNotification } from './safe';
import { outOfSyncDiagnostic, prepareChanges } from './sync';
import { DeclinedDocuments, tooLarge } from './decline';

export const DEFAULT_DEBOUNCE_MS = 100;
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/** What `initializationOptions` may carry. */
export interface InitOptions {
  /** Debounce of diagnostics after a change, in ms (default 100). */
  debounceMs?: number;
  /** Files longer than this (characters) get the engine's one `file-too-large` diagnostic instead of being analysed (default 1 MiB). */
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
  const log = (m: string) => connection.console.error(m);
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
  let workspaceFolders = false;
  let documentChanges = false;
  let snippetSupport = true;
  /** Features registered dynamically for `idsync` documents only, so idsync.space.json keeps the JSON formatter, outline and folding. */
  let dynamic = { formatting: false, rangeFormatting: false, symbols: false, folding: false };
  let globalSettings: RawSettings = {};
  const settingsCache = new Map<string, Promise<RawSettings>>();
  /** `spaceError`: the space file that applies could not be read (outside the folder, not UTF-8...); linted without it. */
  const lintCache = new Map<string, { version: number; maxFileSize: number; diagnostics: readonly Diagnostic[]; spaceError?: string }>();
  /** Documents the features decline: over idsync.maxFileSize, or out of sync with the editor. */
  const declined = new DeclinedDocuments();

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
    if (!ws) workspaces.set(root, (ws = new Workspace(host, root, catalogs, { loadProfiles: (_h, refs) => previews.loadProfiles(host, refs) })));
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

  /** The open document a request names, unless the features decline it (too large, out of sync). */
  const usable = async (params: unknown): Promise<TextDocument | undefined> => {
    const doc = documents.get(docUri(params) ?? '');
    if (!doc) return undefined;
    const { maxFileSize } = await settingsFor(doc.uri);
    return documents.get(doc.uri) === doc && !declined.reason(doc, maxFileSize) ? doc : undefined;
  };

  /** Passes the idsync.maxFileSize setting to the engine (which reports `file-too-large` itself, as in the CLI). */
  const withLimit = (ws: Workspace, maxFileSize: number): Workspace => {
    if (ws.limits.maxFileSize !== maxFileSize) ws.limits = { ...ws.limits, maxFileSize };
    return ws;
  };

  /**
   * The engine's diagnostics of an open config at its current version (cached by version and
   * size limit). Without `maxFileSize` (code actions), the limit of the last validation applies.
   */
  const engineDiagnostics = (doc: TextDocument, maxFileSize?: number): readonly Diagnostic[] => {
    const cached = lintCache.get(doc.uri);
    const max = maxFileSize ?? cached?.maxFileSize ?? init.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    if (cached && cached.version === doc.version && cached.maxFileSize === max) return cached.diagnostics;
    const path = uriToPath(doc.uri);
    const text = doc.getText();
    let diagnostics: readonly Diagnostic[];
    let spaceError: string | undefined;
    if (!path) diagnostics = lintText(text, { catalogs, maxFileSize: max }).diagnostics;
    else {
      const ws = withLimit(workspaceFor(path), max);
      try {
        diagnostics = ws.lint(path, text).result.diagnostics;
      } catch (e) {
        // The space file cannot be read (a symlink outside the folder, not UTF-8, unreadable):
        // lint without it, and say so (validate adds a diagnostic).
        spaceError = (e as Error)?.message ?? String(e);
        diagnostics = lintText(text, { catalogs, samples: ws.sampleLoader(path), ...ws.limits }).diagnostics;
      }
    }
    lintCache.set(doc.uri, { version: doc.version, maxFileSize: max, diagnostics, spaceError });
    return diagnostics;
  };

  const validate = async (uri: string): Promise<Validation | undefined> => {
    const settings = await settingsFor(uri);
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const lost = declined.outOfSyncReason(uri);
    if (lost !== undefined) return { version: doc.version, diagnostics: [outOfSyncDiagnostic(lost)] };
    const path = uriToPath(uri);
    try {
      if (path && isSpaceFile(path)) {
        const file = withLimit(workspaceFor(path), settings.maxFileSize).space(path);
        return { version: doc.version, diagnostics: (file?.diagnostics ?? []).map((d) => toLspDiagnostic(doc, d)) };
      }
      const diagnostics = engineDiagnostics(doc, settings.maxFileSize).map((d) => toLspDiagnostic(doc, d));
      const spaceError = lintCache.get(uri)?.spaceError;
      if (spaceError) diagnostics.unshift(readError(`The idsync.space.json that applies to this file cannot be read, so this file is checked without it: ${spaceError}`));
      return { version: doc.version, diagnostics };
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
    // Malformed initialize params (no capabilities, options of the wrong type) fall back to defaults.
    const opts = (params?.initializationOptions ?? {}) as Record<string, unknown>;
    const positive = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
    init = { debounceMs: positive(opts.debounceMs), maxFileSize: positive(opts.maxFileSize) || undefined };
    const folders = Array.isArray(params?.workspaceFolders) ? params.workspaceFolders.map((f) => f?.uri) : typeof params?.rootUri === 'string' ? [params.rootUri] : [];
    roots = folders.filter((u): u is string => typeof u === 'string').map(uriToPath).filter((p): p is string => !!p);
    const caps = params?.capabilities ?? {};
    codeLensRefresh = !!caps.workspace?.codeLens?.refreshSupport;
    configurationPull = !!caps.workspace?.configuration;
    workspaceFolders = !!caps.workspace?.workspaceFolders;
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
    // Only a client that declares workspace folders sends their changes (vscode-languageserver throws otherwise).
    if (workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders((e) => {
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

  connection.onDidChangeConfiguration(runSafeNotification(log, 'didChangeConfiguration', (change) => {
    const s = (change.settings as { idsync?: RawSettings } | undefined)?.idsync;
    if (s && typeof s === 'object') globalSettings = s;
    settingsCache.clear();
    if (codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    for (const d of documents.all()) scheduler.schedule(d.uri);
  }));

  // TextDocuments fires onDidChangeContent right after onDidOpen: the open is handled once, here.
  let opening: string | undefined;
  documents.onDidOpen((e) => {
    opening = e.document.uri;
    declined.resynced(e.document.uri);
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
    declined.resynced(uri);
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

  connection.onDidChangeWatchedFiles(runSafeNotification(log, 'didChangeWatchedFiles', (e) => {
    let profilesChanged = false;
    for (const c of Array.isArray(e?.changes) ? e.changes : []) {
      const p = typeof c?.uri === 'string' ? uriToPath(c.uri) : undefined;
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
  }));

  // Requests are registered with onRequest: vscode-languageserver's onHover, onCompletion... read
  // params.workDoneToken before any handler runs, so `null` params would be an internal error.
  connection.onRequest(CompletionRequest.type, runSafe(log, 'completion', [], async (params) => {
    const doc = await usable(params);
    if (!doc || isSpaceFile(doc.uri) || !isPosition(params.position)) return [];
    return completionItems(doc, doc.offsetAt(params.position), envFor(doc.uri), snippetSupport);
  }));

  connection.onRequest(HoverRequest.type, runSafe(log, 'hover', null, async (params): Promise<Hover | null> => {
    const doc = await usable(params);
    if (!doc || isSpaceFile(doc.uri) || !isPosition(params.position)) return null;
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
  }));

  const computePreview = (key: string, path: string, text: string, version: number | null, settings: PreviewSettings, space: SpaceConfig) => {
    const root = rootFor(path);
    return previews.compute(key, { path, text, version, root, host: hostFor(root), catalogs, space, settings });
  };

  /** The `idsync/preview` result for a config: the open document, else the file on disk. */
  const buildPreview = async (uri: string): Promise<PreviewResult> => {
    if (typeof uri !== 'string') return previewError(String(uri), undefined, 'The request names no config (uri missing).');
    const path = uriToPath(uri);
    if (!path) return previewError(uri, undefined, `Only files on disk can be previewed (${uri}).`);
    const settings = await settingsFor(uri);
    const doc = documents.get(uri);
    let text: string | undefined;
    let version: number | null = null;
    if (doc) {
      const why = declined.reason(doc, settings.maxFileSize);
      if (why) return previewError(uri, path, `The config is not previewed: ${why}.`);
      text = doc.getText();
      version = doc.version;
    } else {
      try {
        text = hostFor(rootFor(path)).readFile(path);
      } catch (e) {
        return previewError(uri, path, `The config cannot be read: ${(e as Error)?.message ?? String(e)}`);
      }
      if (text === undefined) return previewError(uri, path, 'The config does not exist (any more).');
      if (text.length > settings.maxFileSize) return previewError(uri, path, `The config is not previewed: ${tooLarge(text.length, settings.maxFileSize)}.`);
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

  connection.onRequest(PreviewRequest, async (params, token) => {
    const uri = (params as { uri?: unknown } | null)?.uri;
    const guarded = runSafe(log, 'idsync/preview', previewError(String(uri), undefined, 'The preview failed; see the ID Sync output.'), async (): Promise<PreviewResult> => {
      const r = await buildPreview(uri as string);
      if (typeof uri === 'string') previewed.set(uri, fingerprint(r));
      return r;
    });
    return guarded(params, token);
  });

  connection.onNotification(PreviewClosedNotification, runSafeNotification(log, 'idsync/previewClosed', (params) => {
    previewed.delete(params.uri);
    if (!documents.get(params.uri)) previews.forget(params.uri);
  }));

  connection.onRequest(CodeLensRequest.type, runSafe(log, 'code lens', [], async (params): Promise<CodeLens[]> => {
    const doc = await usable(params);
    const path = doc && uriToPath(doc.uri);
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
  }));

  connection.onRequest(CodeActionRequest.type, runSafe(log, 'code action', [], async (params) => {
    const doc = await usable(params);
    if (!doc || isSpaceFile(doc.uri)) return [];
    const context = params.context ?? { diagnostics: [] };
    return codeActions({
      doc,
      diagnostics: Array.isArray(context.diagnostics) ? context.diagnostics : [],
      only: Array.isArray(context.only) ? context.only : undefined,
      current: () => engineDiagnostics(doc),
      documentChanges,
    });
  }));

  connection.onRequest(DocumentSymbolRequest.type, runSafe(log, 'document symbols', [], async (params) => {
    const doc = await usable(params);
    return doc ? documentSymbols(doc) : [];
  }));

  connection.onRequest(FoldingRangeRequest.type, runSafe(log, 'folding ranges', [], async (params) => {
    const doc = await usable(params);
    return doc ? foldingRanges(doc) : [];
  }));

  connection.onRequest(DocumentFormattingRequest.type, runSafe(log, 'formatting', [], async (params) => {
    const doc = await usable(params);
    return doc ? formatDocument(doc, params.options ?? { tabSize: 2, insertSpaces: true }) : [];
  }));

  connection.onRequest(DocumentRangeFormattingRequest.type, runSafe(log, 'range formatting', [], async (params) => {
    const doc = await usable(params);
    if (!doc || !params.range || !isPosition(params.range.start) || !isPosition(params.range.end)) return [];
    return formatDocument(doc, params.options ?? { tabSize: 2, insertSpaces: true }, params.range);
  }));

  const emptyStatus = (): StatusResult => ({ spaceFile: null, rulesOn: ALL_RULES.length, rulesTotal: ALL_RULES.length, overrides: {}, spaceProblems: 0 });
  connection.onRequest(StatusRequest, runSafe(log, 'idsync/status', emptyStatus(), (params): StatusResult => {
    const uri = (params as { uri?: unknown } | null)?.uri;
    if (typeof uri !== 'string') return emptyStatus();
    let file: SpaceFile | undefined;
    let space: SpaceConfig = EMPTY_SPACE;
    try {
      ({ space, file } = spaceFor(uri));
    } catch {
      // Unreadable space file: reported as a diagnostic; the status shows none.
    }
    const overrides: Record<string, string> = {};
    for (const [code, sev] of space.rules) overrides[code] = sev;
    const rulesOn = ALL_RULES.filter((r) => space.rules.get(r.code) !== 'off').length;
    return { spaceFile: file?.path ?? null, rulesOn, rulesTotal: ALL_RULES.length, overrides, spaceProblems: file?.diagnostics.length ?? 0 };
  }));

  connection.onShutdown(() => scheduler.dispose());

  // Document sync through a guard: malformed events are logged and dropped, and a change whose
  // version is not newer than the document's (stale or out of order) is dropped, so the server
  // keeps the newest text and never publishes diagnostics for an older version.
  const sync = new Proxy(connection, {
    get(target, prop, receiver) {
      if (prop === 'onDidOpenTextDocument') {
        return (h: (e: DidOpenTextDocumentParams) => void) =>
          target.onDidOpenTextDocument(
            runSafeNotification(log, 'didOpen', (e: DidOpenTextDocumentParams) => {
              const td = e?.textDocument;
              if (!td || typeof td.uri !== 'string' || typeof td.text !== 'string' || !Number.isInteger(td.version)) {
                log(`idsync: ignored a malformed textDocument/didOpen (${JSON.stringify(td?.uri ?? null)}).`);
                return;
              }
              h(e);
            }),
          );
      }
      if (prop === 'onDidChangeTextDocument') {
        return (h: (e: DidChangeTextDocumentParams) => void) =>
          target.onDidChangeTextDocument(
            runSafeNotification(log, 'didChange', (e: DidChangeTextDocumentParams) => {
              const td = e?.textDocument;
              const doc = td && typeof td.uri === 'string' ? documents.get(td.uri) : undefined;
              if (!doc) {
                log(`idsync: ignored textDocument/didChange for a document that is not open (${JSON.stringify(td?.uri ?? null)}).`);
                return;
              }
              if (!Number.isInteger(td.version) || td.version <= doc.version) {
                log(`idsync: ignored a stale textDocument/didChange for ${doc.uri} (version ${td.version}, have ${doc.version}).`);
                return;
              }
              const prepared = Array.isArray(e.contentChanges) ? prepareChanges(doc, e.contentChanges) : { ok: false as const, reason: 'contentChanges is not a list' };
              if (!prepared.ok) {
                // The change cannot be applied soundly: the document is out of sync until the editor sends its full text.
                if (declined.markOutOfSync(doc.uri, prepared.reason)) log(`idsync: rejected a malformed textDocument/didChange for ${doc.uri} (version ${td.version}): ${prepared.reason}. The file is not checked until it is reopened.`);
                const sp = uriToPath(doc.uri);
                if (sp && isSpaceFile(sp) && overlays.delete(sp)) spaceChanged(sp); // configs below it follow the file on disk meanwhile
                scheduler.schedule(doc.uri, 0);
                return;
              }
              if (declined.outOfSyncReason(doc.uri) !== undefined) {
                // Out of sync: only a change carrying the full text brings the document back.
                if (!prepared.full) return;
                declined.resynced(doc.uri);
              }
              h({ ...e, contentChanges: prepared.changes });
            }),
          );
      }
      if (prop === 'onDidCloseTextDocument') {
        return (h: (e: DidCloseTextDocumentParams) => void) => target.onDidCloseTextDocument(runSafeNotification(log, 'didClose', (e: DidCloseTextDocumentParams) => { if (typeof e?.textDocument?.uri === 'string') h(e); }));
      }
      return Reflect.get(target, prop, receiver);
    },
  });
  documents.listen(sync);
}
