/**
 * The web worker's file host. The engine's `FileHost` is synchronous, but a web worker can only
 * ask the client for files (`idsync/readFiles`, answered with `vscode.workspace.fs`). So reads are
 * answered from a cache (`WebFiles`): a path not read yet answers "missing" and is noted; after the
 * current task the noted paths are fetched in one request, and `onLoaded` reports them as created
 * files, which makes the server check again what depends on them (the same path as
 * `workspace/didChangeWatchedFiles`). Each round can only add paths never fetched before, so the
 * rounds end (a config, its space file, its profile directory, its profiles: usually two or three).
 * A file is fetched again only when the client reports it changed (`changed`).
 */
import type { LspFileHost } from '../lsp/platform';
import type { FilesChangedParams, ReadFilesParams, ReadFilesResult } from './protocol';
import { webPathToUri, webUriToPath } from './uri';

type FileEvent = FilesChangedParams['changes'][number];

interface FileEntry {
  text?: string;
  error?: string;
  /** Bumped on every new content: the stamp caches key on. */
  version: number;
}

/** The largest request: more paths wait for the next round. */
export const MAX_PATHS_PER_REQUEST = 256;

export class WebFiles {
  private readonly files = new Map<string, FileEntry>();
  private readonly dirs = new Map<string, string[] | undefined>();
  private readonly wantedFiles = new Set<string>();
  private readonly wantedDirs = new Set<string>();
  private version = 0;
  private scheduled = false;
  private queue: Promise<void> = Promise.resolve();
  /** How many `idsync/readFiles` requests were sent (tests, logs). */
  requests = 0;

  constructor(
    private readonly fetch: (params: ReadFilesParams) => Promise<ReadFilesResult>,
    /** Called with the files that were fetched (as created) or changed, once they are in the cache. */
    private readonly onLoaded: (changes: FileEvent[]) => void,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** The cached text; undefined when missing or not fetched yet (then fetched soon). Unreadable files throw. */
  readFile(path: string): string | undefined {
    const e = this.files.get(path);
    if (!e) {
      this.want(this.wantedFiles, path);
      return undefined;
    }
    if (e.error !== undefined) throw new Error(e.error);
    return e.text;
  }

  listDir(path: string): string[] | undefined {
    if (!this.dirs.has(path)) {
      this.want(this.wantedDirs, path);
      return undefined;
    }
    return this.dirs.get(path);
  }

  stamp(path: string): string | undefined {
    const e = this.files.get(path);
    return e && e.text !== undefined ? `web:${e.version}` : undefined;
  }

  /** Whether every path asked for so far has been fetched (tests). */
  get settled(): boolean {
    return this.wantedFiles.size === 0 && this.wantedDirs.size === 0 && !this.scheduled;
  }

  /** Resolves when the requests sent or scheduled so far are answered and reported (tests). */
  async idle(): Promise<void> {
    while (!this.settled) await this.queue.then(() => new Promise((r) => setTimeout(r, 0)));
    await this.queue;
  }

  /**
   * The client reports watched files created, changed or deleted: what the cache holds of them
   * (and the listings of their directories, for creations and deletions) is fetched again, then
   * `onLoaded` gets the events.
   */
  changed(events: readonly FileEvent[]): Promise<void> {
    const files = new Set<string>();
    const dirs = new Set<string>();
    for (const ev of events) {
      const p = typeof ev?.uri === 'string' ? webUriToPath(ev.uri) : undefined;
      if (!p) continue;
      if (this.files.has(p)) files.add(p);
      const parent = p.slice(0, p.lastIndexOf('/')) || '/';
      if (ev.type !== 2 && this.dirs.has(parent)) dirs.add(parent);
      // A directory created or deleted: its own listing, if it was read.
      if (this.dirs.has(p)) dirs.add(p);
    }
    return this.enqueue(files, dirs, () => events.filter((e) => typeof e?.uri === 'string'));
  }

  private want(set: Set<string>, path: string): void {
    set.add(path);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // After the current task (one lint asks for several paths): one request for all of them.
    setTimeout(() => {
      this.scheduled = false;
      const files = take(this.wantedFiles, MAX_PATHS_PER_REQUEST);
      const dirs = take(this.wantedDirs, MAX_PATHS_PER_REQUEST - files.size);
      if (this.wantedFiles.size || this.wantedDirs.size) this.schedule();
      void this.enqueue(files, dirs, (fetchedDirs) => {
        const changes: FileEvent[] = [];
        for (const p of files) changes.push({ uri: webPathToUri(p)!, type: 1 });
        // A listing read for the first time: its JSON files are new to the server (sample profiles).
        for (const d of fetchedDirs) {
          for (const name of this.dirs.get(d) ?? []) if (!name.endsWith('/') && name.toLowerCase().endsWith('.json')) changes.push({ uri: webPathToUri(`${d}/${name}`)!, type: 1 });
        }
        return changes;
      });
    }, 0);
  }

  /** Fetches files and listings (one request), stores them, then reports `changes()` to `onLoaded`; one request at a time. */
  private enqueue(files: Set<string>, dirs: Set<string>, changes: (fetchedDirs: Set<string>) => FileEvent[]): Promise<void> {
    const run = this.queue.then(async () => {
      if (files.size || dirs.size) await this.load(files, dirs);
      const events = changes(dirs);
      if (events.length) this.onLoaded(events);
    });
    // A failure is logged and the queue goes on with the next request.
    this.queue = run.catch((e) => this.log(`idsync: reading files through the client failed: ${(e as Error)?.stack ?? String(e)}`));
    return this.queue;
  }

  private async load(files: Set<string>, dirs: Set<string>): Promise<void> {
    const params: ReadFilesParams = { files: [...files].map((p) => webPathToUri(p)!), directories: [...dirs].map((p) => webPathToUri(p)!) };
    let result: ReadFilesResult | undefined;
    let failure: string | undefined;
    try {
      this.requests++;
      result = await this.fetch(params);
    } catch (e) {
      failure = `could not be read through the editor: ${(e as Error)?.message ?? String(e)}`;
      this.log(`idsync: idsync/readFiles failed: ${failure}`);
    }
    const texts = new Map((result?.files ?? []).map((f) => [webUriToPath(f?.uri ?? ''), f]));
    for (const p of files) {
      const f = texts.get(p);
      const version = ++this.version;
      if (failure !== undefined || !f) this.files.set(p, { error: failure ?? 'could not be read through the editor (no answer)', version });
      else if (typeof f.error === 'string') this.files.set(p, { error: f.error, version });
      else this.files.set(p, { text: typeof f.text === 'string' ? f.text : undefined, version });
    }
    const listings = new Map((result?.directories ?? []).map((d) => [webUriToPath(d?.uri ?? ''), d]));
    for (const p of dirs) {
      const entries = listings.get(p)?.entries;
      this.dirs.set(p, Array.isArray(entries) ? entries.filter((n): n is string => typeof n === 'string') : undefined);
    }
  }
}

function take(set: Set<string>, n: number): Set<string> {
  const out = new Set<string>();
  for (const p of set) {
    if (out.size >= n) break;
    out.add(p);
    set.delete(p);
  }
  return out;
}

/** Refused like the Node host refuses a file outside the workspace folder. */
export class OutsideFolderError extends Error {
  constructor(readonly file: string, readonly root: string) {
    super(`${file} is outside ${root}: files outside the workspace are not read`);
  }
}

/**
 * The host of one workspace folder: reads confined to the folder, unsaved space files first.
 * The space lookup stops at the folder (`hasGit` answers yes there): above a virtual folder there
 * is nothing to read (the repository's root on github.dev).
 */
export class WebFileHost implements LspFileHost {
  constructor(
    readonly root: string,
    readonly overlays: Map<string, string>,
    private readonly files: WebFiles,
  ) {}

  private inside(p: string): boolean {
    return p === this.root || p.startsWith(this.root.endsWith('/') ? this.root : this.root + '/');
  }

  readFile(p: string): string | undefined {
    const overlay = this.overlays.get(p);
    if (overlay !== undefined) return overlay;
    if (!this.inside(p)) throw new OutsideFolderError(p, this.root);
    return this.files.readFile(p);
  }

  readSpaceFile(p: string): string | undefined {
    const overlay = this.overlays.get(p);
    if (overlay !== undefined) return overlay;
    return this.inside(p) ? this.files.readFile(p) : undefined;
  }

  hasGit(dir: string): boolean {
    return dir === this.root;
  }

  listDir(p: string): string[] | undefined {
    if (!this.inside(p)) throw new OutsideFolderError(p, this.root);
    return this.files.listDir(p);
  }

  stamp(p: string): string | undefined {
    return this.overlays.has(p) ? undefined : this.files.stamp(p);
  }
}
