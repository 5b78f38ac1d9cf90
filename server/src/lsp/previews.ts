/**
 * What the preview shows, and its caches: which sample profiles a config previews, loading them
 * (cached by path and file stamp), the engine's `previewAll` memoised per document version (the
 * model of an open config comes from the analysis cache), and the configs whose preview a client
 * shows, which are recomputed and notified (`idsync/previewChanged`) when the result changes.
 *
 * Which profiles (docs/preview.md): the config's `samples` (relative to the config), else the
 * `idsync.sampleProfiles` setting (globs relative to the workspace folder), else
 * `samples/profiles/*.json` beside the config. Every path must stay inside the workspace folder;
 * the file host also resolves symlinks before that check.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { buildModel, loadSampleProfiles, parseDocument, previewAll, resolveSampleProfiles, EMPTY_SPACE } from '../engine';
import type { ConfigModel, LoadedProfile, SampleRef, SpaceConfig } from '../engine';
import { tooLarge } from './decline';
import { PreviewChangedNotification, previewError, previewResult } from './preview';
import type { Computed, PreviewResult, PreviewSettings } from './preview';
import type { LspFileHost } from './platform';
import type { ServerState } from './state';
import { uriToPath } from './workspaces';

/** What a preview needs for one config. */
interface PreviewContext {
  /** Absolute '/'-path of the config. */
  path: string;
  text: string;
  version: number | null;
  /** The workspace folder (confinement root). */
  root: string;
  host: LspFileHost;
  space: SpaceConfig;
  settings: PreviewSettings;
  /** The config's model (parsed on demand). */
  model: () => ConfigModel;
}

const fingerprint = (r: PreviewResult) => `${r.error ?? ''}\u0000${r.masked}\u0000${r.html}\u0000${JSON.stringify(r.json)}`;

export class Previews {
  private readonly profiles = new Map<string, { stamp: string; loaded: LoadedProfile }>();
  private readonly refsCache = new Map<string, { key: string; refs: SampleRef[] }>();
  private readonly memo = new Map<string, { key: string; computed: Computed }>();
  private readonly spaceIds = new WeakMap<object, number>();
  private nextSpaceId = 1;
  /** Configs whose preview a client shows, with a fingerprint of the result it last got. */
  private readonly shown = new Map<string, string>();

  constructor(private readonly state: ServerState) {}

  /** The preview of an open config at its current version. */
  ofDocument(doc: TextDocument, path: string, settings: PreviewSettings, space: SpaceConfig): Computed {
    const root = this.state.workspaces.rootFor(path);
    const model = () => this.state.analyses.analysed(doc).model;
    return this.compute(doc.uri, { path, text: doc.getText(), version: doc.version, root, host: this.state.workspaces.hostFor(root), space, settings, model });
  }

  /** The `idsync/preview` result for a config: the open document, else the file on disk. */
  async build(uri: string): Promise<PreviewResult> {
    if (typeof uri !== 'string') return previewError(String(uri), undefined, 'The request names no config (uri missing).');
    const path = uriToPath(uri);
    if (!path) return previewError(uri, undefined, `Only files on disk can be previewed (${uri}).`);
    const { documents, declined, workspaces } = this.state;
    const settings = await this.state.settings.forUri(uri);
    const doc = documents.get(uri);
    let space: SpaceConfig = EMPTY_SPACE;
    const spaceNow = () => {
      try {
        space = workspaces.spaceFor(uri).space;
      } catch {
        // An unreadable space file is reported as a diagnostic; preview without it.
      }
    };
    if (doc) {
      const why = declined.reason(doc, settings.maxFileSize);
      if (why) return previewError(uri, path, `The config is not previewed: ${why}.`);
      spaceNow();
      return previewResult(uri, path, doc.version, this.ofDocument(doc, path, settings, space), settings);
    }
    let text: string | undefined;
    const root = workspaces.rootFor(path);
    try {
      text = workspaces.hostFor(root).readFile(path);
    } catch (e) {
      return previewError(uri, path, `The config cannot be read: ${(e as Error)?.message ?? String(e)}`);
    }
    if (text === undefined) return previewError(uri, path, 'The config does not exist (any more).');
    if (text.length > settings.maxFileSize) return previewError(uri, path, `The config is not previewed: ${tooLarge(text.length, settings.maxFileSize)}.`);
    spaceNow();
    const onDisk = text;
    const model = () => buildModel(parseDocument(onDisk));
    return previewResult(uri, path, null, this.compute(uri, { path, text, version: null, root, host: workspaces.hostFor(root), space, settings, model }), settings);
  }

  /** `idsync/preview`: the result, and the client now shows this config's preview. */
  async requested(uri: string): Promise<PreviewResult> {
    const r = await this.build(uri);
    if (typeof uri === 'string') this.shown.set(uri, fingerprint(r));
    return r;
  }

  /** `idsync/previewClosed`: the client no longer shows it. */
  closed(uri: string): void {
    this.shown.delete(uri);
    if (!this.state.documents.get(uri)) this.forget(uri);
  }

  /** Recomputes the preview of a config a client shows and notifies the client when it changed. */
  refresh(uri: string): void {
    if (this.shown.has(uri)) void this.check(uri);
  }

  /** Sample profiles changed: refresh the shown previews of configs that are not open (open ones follow their validation). */
  refreshClosed(): void {
    for (const uri of this.shown.keys()) if (!this.state.documents.get(uri)) void this.check(uri);
  }

  private async check(uri: string): Promise<void> {
    const before = this.shown.get(uri);
    if (before === undefined) return;
    try {
      const r = await this.build(uri);
      const fp = fingerprint(r);
      if (!this.shown.has(uri) || fp === this.shown.get(uri)) return;
      this.shown.set(uri, fp);
      void this.state.connection.sendNotification(PreviewChangedNotification, { uri, version: r.version });
    } catch (e) {
      this.state.log(`idsync: preview of ${uri} failed: ${(e as Error)?.stack ?? String(e)}`);
    }
  }

  /** A profile file (or any JSON file) changed on disk: forget what was read from it. */
  fileChanged(path: string, createdOrDeleted: boolean): void {
    this.profiles.delete(path);
    if (createdOrDeleted) this.refsCache.clear();
  }

  /** Forget everything about a config (closed). */
  forget(key: string): void {
    this.refsCache.delete(key);
    this.memo.delete(key);
  }

  /** The preview of a config, computed once per version, settings, space and profile stamps. */
  compute(key: string, ctx: PreviewContext): Computed {
    const settingsKey = JSON.stringify(ctx.settings.sampleProfiles ?? null);
    const memo = this.memo.get(key);
    let model: ConfigModel | undefined;
    const modelOf = () => (model ??= ctx.model());
    // References: resolved once per version and settings (directory listings are not repeated on every hover).
    let refs: SampleRef[];
    const refsKey = `${ctx.version ?? ctx.text}\u0000${ctx.path}\u0000${ctx.root}\u0000${settingsKey}`;
    const cachedRefs = this.refsCache.get(key);
    if (cachedRefs && cachedRefs.key === refsKey && ctx.version !== null) refs = cachedRefs.refs;
    else {
      refs = resolveSampleProfiles(ctx.path, modelOf(), ctx.settings.sampleProfiles, ctx.root, { listDir: (p) => ctx.host.listDir(p) });
      if (ctx.version !== null) this.refsCache.set(key, { key: refsKey, refs });
    }
    const stamps = refs.map((r) => (r.path ? ctx.host.stamp(r.path) ?? '?' : '-'));
    const memoKey = `${refsKey}\u0000${this.spaceId(ctx.space)}\u0000${stamps.join('\u0001')}`;
    if (memo && memo.key === memoKey && ctx.version !== null && !stamps.includes('?')) return memo.computed;
    const loaded = refs.map((ref, i) => this.loadRef(ctx.host, ref, stamps[i]));
    const preview = previewAll({ model: modelOf(), catalogs: this.state.catalogs, space: ctx.space }, loaded);
    const computed: Computed = { model: modelOf(), refs, loaded, preview };
    if (ctx.version !== null) this.memo.set(key, { key: memoKey, computed });
    return computed;
  }

  /** Loads profiles through the cache (for the `sample-profile` rule of the server's Workspace). */
  loadProfiles(host: LspFileHost, refs: readonly SampleRef[]): LoadedProfile[] {
    return refs.map((ref) => this.loadRef(host, ref, ref.path ? host.stamp(ref.path) ?? '?' : '-'));
  }

  /** One profile: from the cache when its file stamp is unchanged, else read and parsed. */
  loadRef(host: LspFileHost, ref: SampleRef, stamp: string): LoadedProfile {
    if (ref.path === undefined || ref.error !== undefined || stamp === '?' || stamp === '-') return loadSampleProfiles(host, [ref])[0];
    const cached = this.profiles.get(ref.path);
    if (cached && cached.stamp === stamp) return { ...cached.loaded, ref, display: ref.display, path: ref.path };
    const loaded = loadSampleProfiles(host, [ref])[0];
    this.profiles.set(ref.path, { stamp, loaded });
    return loaded;
  }

  private spaceId(space: SpaceConfig): number {
    if (space === EMPTY_SPACE) return 0;
    let id = this.spaceIds.get(space);
    if (id === undefined) this.spaceIds.set(space, (id = this.nextSpaceId++));
    return id;
  }
}
