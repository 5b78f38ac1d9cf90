/**
 * The server's one state object. Each concern owns its part and reaches the others through it:
 *
 * - `documents`: the open documents, with the version checks of document sync (`documents.ts`);
 * - `declined`: documents the features decline, too large or out of sync (`decline.ts`);
 * - `settings`: the client's `idsync` settings per document (`settings.ts`);
 * - `workspaces`: workspace folders, confined file hosts, unsaved space files (`workspaces.ts`);
 * - `analyses`: per (uri, version) the parsed document, model and lint result (`analysis.ts`);
 * - `validation`: debounced diagnostics (`validation.ts`);
 * - `previews`: sample-profile previews and the configs a client shows (`previews.ts`);
 * - `watchers`: the files the client is asked to watch (`watchers.ts`).
 *
 * `initialize` fills in `init` and `client`; nothing else is mutable outside its concern.
 */
import type { Connection } from 'vscode-languageserver';
import { builtinCatalogs } from '../engine';
import type { Catalogs } from '../engine';
import { Analyses } from './analysis';
import { DeclinedDocuments } from './decline';
import { Documents } from './documents';
import { Previews } from './previews';
import type { Log } from './safe';
import { SettingsStore } from './settings';
import { Validation } from './validation';
import { FileWatchers } from './watchers';
export { DEFAULT_DEBOUNCE_MS } from './validation';
import { Workspaces } from './workspaces';

export const DEFAULT_EDITOR_MAX_FILE_SIZE = 1024 * 1024;

/** What `initializationOptions` may carry. */
export interface InitOptions {
  /** Debounce of diagnostics after a change, in ms (default 100). */
  debounceMs?: number;
  /** Files longer than this (characters) get the engine's one `file-too-large` diagnostic instead of being analysed (default 1 MiB). */
  maxFileSize?: number;
  /**
   * The client shows the preview itself with the command `idsync.preview` (the VS Code extension's
   * panel): the CodeLens runs that. Otherwise it runs `idsync.server.preview`, which the server
   * serves (`workspace/executeCommand`).
   */
  previewPanel?: boolean;
}

/** What the client declared it supports (from `initialize`). */
export interface ClientFeatures {
  codeLensRefresh: boolean;
  configurationPull: boolean;
  workspaceFolders: boolean;
  documentChanges: boolean;
  snippetSupport: boolean;
  /** `workspace.didChangeWatchedFiles.relativePatternSupport`: watchers may be `RelativePattern`s. */
  relativePatterns: boolean;
  /** Features registered dynamically for `idsync` documents only, so idsync.space.json keeps the JSON formatter, outline and folding. */
  dynamic: { formatting: boolean; rangeFormatting: boolean; symbols: boolean; folding: boolean; didChangeConfiguration: boolean; didChangeWatchedFiles: boolean };
}

export class ServerState {
  readonly log: Log;
  readonly catalogs: Catalogs = builtinCatalogs();
  init: InitOptions = {};
  client: ClientFeatures = {
    codeLensRefresh: false,
    configurationPull: false,
    workspaceFolders: false,
    documentChanges: false,
    snippetSupport: true,
    relativePatterns: false,
    dynamic: { formatting: false, rangeFormatting: false, symbols: false, folding: false, didChangeConfiguration: false, didChangeWatchedFiles: false },
  };
  readonly documents: Documents;
  readonly declined = new DeclinedDocuments();
  readonly settings: SettingsStore;
  readonly workspaces: Workspaces;
  readonly analyses: Analyses;
  readonly validation: Validation;
  readonly previews: Previews;
  readonly watchers: FileWatchers;

  constructor(readonly connection: Connection) {
    this.log = (m: string) => connection.console.error(m);
    this.documents = new Documents(this);
    this.settings = new SettingsStore(this);
    this.workspaces = new Workspaces(this);
    this.analyses = new Analyses(this);
    this.validation = new Validation(this);
    this.previews = new Previews(this);
    this.watchers = new FileWatchers(this);
  }

  /** The size limit when no settings were read yet. */
  get defaultMaxFileSize(): number {
    return this.init.maxFileSize ?? DEFAULT_EDITOR_MAX_FILE_SIZE;
  }
}
