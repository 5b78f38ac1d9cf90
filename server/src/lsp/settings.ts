/**
 * The client's `idsync` settings, per document: pulled with `workspace/configuration` when the
 * client supports it (cached per URI until a `didChangeConfiguration` or the document closes),
 * else the last pushed `didChangeConfiguration` settings. Malformed values fall back to defaults.
 */
import type { PreviewSettings } from './preview';
import type { ServerState } from './state';

export interface Settings extends PreviewSettings {
  maxFileSize: number;
}

/** The `idsync` section of the client's settings, as far as the server reads it. */
export interface RawSettings {
  maxFileSize?: unknown;
  sampleProfiles?: unknown;
  preview?: { maskValues?: unknown };
}

export class SettingsStore {
  private global: RawSettings = {};
  private readonly pulled = new Map<string, Promise<RawSettings>>();

  constructor(private readonly state: ServerState) {}

  async forUri(uri: string): Promise<Settings> {
    let s: RawSettings = this.global;
    if (this.state.client.configurationPull) {
      let p = this.pulled.get(uri);
      if (!p) {
        p = this.state.connection.workspace
          .getConfiguration({ scopeUri: uri, section: 'idsync' })
          .then((c) => (c && typeof c === 'object' ? (c as RawSettings) : {}))
          .catch(() => ({}));
        this.pulled.set(uri, p);
      }
      s = await p;
    }
    const max = typeof s.maxFileSize === 'number' && s.maxFileSize > 0 ? s.maxFileSize : this.state.defaultMaxFileSize;
    const globs = Array.isArray(s.sampleProfiles) ? s.sampleProfiles.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [];
    const mask = s.preview && typeof s.preview === 'object' ? s.preview.maskValues === true : false;
    return { maxFileSize: max, sampleProfiles: globs.length > 0 ? globs : undefined, maskValues: mask };
  }

  /** `workspace/didChangeConfiguration`: new pushed settings (if any); pulled ones are read again. */
  changed(pushed: unknown): void {
    const s = (pushed as { idsync?: RawSettings } | undefined)?.idsync;
    if (s && typeof s === 'object') this.global = s;
    this.pulled.clear();
  }

  forget(uri: string): void {
    this.pulled.delete(uri);
  }
}
