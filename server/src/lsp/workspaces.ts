/**
 * Workspace routing: which workspace folder a file belongs to (the innermost; a file outside
 * every folder is its own root), a file host per folder confined to it (symlinks resolved before
 * the check), the engine's `Workspace` per folder (space-file discovery and caching), and the
 * unsaved buffers of open space files, which overlay the disk for every host.
 */
import { EMPTY_SPACE, SPACE_FILE_NAME, Workspace } from '../engine';
import type { SpaceConfig, SpaceFile } from '../engine';
import type { FeatureEnv } from '../engine';
import { platform } from './platform';
import type { LspFileHost } from './platform';
import type { ServerState } from './state';
import { StatusChangedNotification } from './status';

export function isSpaceFile(pathOrUri: string): boolean {
  return pathOrUri.endsWith('/' + SPACE_FILE_NAME) || pathOrUri === SPACE_FILE_NAME;
}

/**
 * The engine path ('/'-separated) of a document URI, as the platform maps it (`platform.ts`): in
 * Node a `file:` URI's path (undefined for any other URI), in the web worker any scheme's.
 */
export function uriToPath(uri: string): string | undefined {
  return platform().uriToPath(uri);
}

export function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export class Workspaces {
  /** Unsaved editor buffers of space files, shared by the per-folder hosts. */
  readonly overlays = new Map<string, string>();
  private roots: string[] = [];
  private readonly hosts = new Map<string, LspFileHost>();
  private readonly workspaces = new Map<string, Workspace>();

  constructor(private readonly state: ServerState) {}

  setRoots(roots: string[]): void {
    this.roots = roots;
  }

  /** The workspace folders ('/'-paths). */
  folders(): readonly string[] {
    return this.roots;
  }

  /** Workspace folders added and removed: every open document is checked again. */
  foldersChanged(removedUris: string[], addedUris: string[]): void {
    const removed = new Set(removedUris.map(uriToPath));
    this.roots = this.roots.filter((r) => !removed.has(r));
    for (const u of addedUris) {
      const p = uriToPath(u);
      if (p) this.roots.push(p);
    }
    this.workspaces.clear();
    this.state.watchers.reset();
    this.state.analyses.dropLints();
    this.state.validation.scheduleAll();
  }

  /** The workspace folder of a path (the innermost), or the file's own directory outside every folder. */
  rootFor(path: string): string {
    return this.roots.filter((r) => path === r || path.startsWith(r.endsWith('/') ? r : r + '/')).sort((a, b) => b.length - a.length)[0] ?? dirOf(path);
  }

  /** Files are read through a host confined to the folder (the platform's: in Node symlinks are resolved before the check). */
  hostFor(root: string): LspFileHost {
    let h = this.hosts.get(root);
    if (!h) this.hosts.set(root, (h = platform().createHost(root, this.overlays)));
    return h;
  }

  workspaceFor(path: string): Workspace {
    const root = this.rootFor(path);
    let ws = this.workspaces.get(root);
    const host = this.hostFor(root);
    if (!ws) this.workspaces.set(root, (ws = new Workspace(host, root, this.state.catalogs, {
      loadProfiles: (_h, refs) => {
        // The profiles a config's `samples` names are watched from now on (watchers.ts).
        this.state.watchers.sawProfiles(refs.map((r) => r.path));
        return this.state.previews.loadProfiles(host, refs);
      },
    })));
    return ws;
  }

  /** Passes the idsync.maxFileSize setting to the engine (which reports `file-too-large` itself, as in the CLI). */
  withLimit(path: string, maxFileSize: number): Workspace {
    const ws = this.workspaceFor(path);
    if (ws.limits.maxFileSize !== maxFileSize) ws.limits = { ...ws.limits, maxFileSize };
    return ws;
  }

  /** The space configuration that governs a document (throws when its space file cannot be read). */
  spaceFor(uri: string): { space: SpaceConfig; file?: SpaceFile } {
    const path = uriToPath(uri);
    if (!path) return { space: EMPTY_SPACE };
    const ws = this.workspaceFor(path);
    const spacePath = ws.findSpacePath(path);
    const file = spacePath ? ws.space(spacePath) : undefined;
    return { space: file?.config ?? EMPTY_SPACE, file };
  }

  /** What the editor features need: the catalogs and the space (none when it cannot be read). */
  envFor(uri: string): FeatureEnv {
    const { catalogs } = this.state;
    try {
      return { catalogs, space: this.spaceFor(uri).space };
    } catch {
      return { catalogs, space: EMPTY_SPACE };
    }
  }

  /** A space file changed (edited, saved, created, deleted): re-validate every open config below it. */
  spaceChanged(spacePath: string): void {
    for (const ws of this.workspaces.values()) ws.invalidate(spacePath);
    this.state.analyses.dropLints();
    const dir = dirOf(spacePath);
    for (const doc of this.state.documents.all()) {
      const p = uriToPath(doc.uri);
      if (!p || p === spacePath) continue;
      if (p.startsWith(dir === '/' ? '/' : dir + '/')) this.state.validation.schedule(doc.uri);
    }
    void this.state.connection.sendNotification(StatusChangedNotification);
  }
}
