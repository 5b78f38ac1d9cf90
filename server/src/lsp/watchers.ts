/**
 * The files whose changes the server asks the client to report (`workspace/didChangeWatchedFiles`,
 * registered dynamically, only with a client that declares
 * `workspace.didChangeWatchedFiles.dynamicRegistration`): every `idsync.space.json`, the default
 * sample profiles `samples/profiles/*.json`, the `idsync.sampleProfiles` globs of each workspace
 * folder, and every sample profile a config's `samples` names (as the lint reads them). Paths and
 * globs of a folder are `RelativePattern`s when the client supports them, else absolute globs.
 *
 * The registration is replaced when the list changes (settings, folders, a config naming a new
 * profile). VS Code's client also sends events of its own watcher (`synchronize.fileEvents`,
 * every `*.json`); both arrive batched in one notification, whose duplicates the handler drops.
 */
import { DidChangeWatchedFilesNotification } from 'vscode-languageserver';
import type { Disposable, FileSystemWatcher } from 'vscode-languageserver';
import { platform } from './platform';
import type { ServerState } from './state';

export const SPACE_FILE_GLOB = '**/idsync.space.json';
export const DEFAULT_PROFILES_GLOB = '**/samples/profiles/*.json';

export class FileWatchers {
  /** Sample profiles read for a config's `samples` (absolute '/'-paths). */
  private readonly profiles = new Set<string>();
  private registered = '';
  private registration: Disposable | undefined;
  private queue: Promise<void> = Promise.resolve();
  private pending = false;

  constructor(private readonly state: ServerState) {}

  /** Whether the client takes the registration. */
  get enabled(): boolean {
    return this.state.client.dynamic.didChangeWatchedFiles;
  }

  /** The lint read these profiles: watch any not watched yet. */
  sawProfiles(paths: Iterable<string | undefined>): void {
    if (!this.enabled) return;
    let added = false;
    for (const p of paths) {
      if (p && !this.profiles.has(p)) {
        this.profiles.add(p);
        added = true;
      }
    }
    if (added) this.update();
  }

  /** Computes the watchers again and replaces the registration when they changed (updates run one at a time, coalesced). */
  update(): void {
    if (!this.enabled || this.pending) return;
    this.pending = true;
    this.queue = this.queue.then(async () => {
      this.pending = false;
      try {
        const watchers = await this.watchers();
        const key = JSON.stringify(watchers);
        if (key === this.registered) return;
        this.registered = key;
        const next = await this.state.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
        this.registration?.dispose();
        this.registration = next;
      } catch (e) {
        this.state.log(`idsync: registering file watchers failed: ${(e as Error)?.message ?? String(e)}`);
      }
    });
  }

  /** The watchers, in a stable order. */
  async watchers(): Promise<FileSystemWatcher[]> {
    const out: FileSystemWatcher[] = [{ globPattern: SPACE_FILE_GLOB }, { globPattern: DEFAULT_PROFILES_GLOB }];
    const seen = new Set<string>();
    const add = (root: string, pattern: string) => {
      const baseUri = platform().pathToUri(root);
      const w: FileSystemWatcher = this.state.client.relativePatterns && baseUri !== undefined
        ? { globPattern: { baseUri, pattern } }
        : { globPattern: `${root.endsWith('/') ? root : root + '/'}${pattern}` };
      const key = JSON.stringify(w);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(w);
      }
    };
    const roots = this.state.workspaces.folders();
    for (const root of roots) {
      const uri = platform().pathToUri(root);
      if (uri === undefined) continue;
      const settings = await this.state.settings.forUri(uri);
      for (const g of settings.sampleProfiles ?? []) {
        if (g.startsWith('/')) out.push({ globPattern: g });
        else add(root, g.replace(/^\.\//, ''));
      }
    }
    for (const p of [...this.profiles].sort()) {
      const root = this.state.workspaces.rootFor(p);
      add(root, p.slice(root.length).replace(/^\//, ''));
    }
    return out;
  }

  /** Workspace folders changed: profiles of removed folders are no longer read. */
  reset(): void {
    this.profiles.clear();
    this.update();
  }
}
