/**
 * Validation: the diagnostics of an open document (a config: the engine's lint from the
 * analysis cache; a space file: its own problems), debounced and coalesced per document by the
 * `DiagnosticsScheduler` (`diagnostics.ts`) so a result for an old version is never published.
 */
import { DiagnosticsScheduler, readError, toLspDiagnostic } from './diagnostics';
import type { Validation as Result } from './diagnostics';
import { HOLD_MS, platform } from './platform';
import type { ServerState } from './state';
import { outOfSyncDiagnostic } from './sync';
import { isSpaceFile, uriToPath } from './workspaces';

/** Debounce of diagnostics after a change, in ms, unless `initializationOptions.debounceMs` says otherwise. */
export const DEFAULT_DEBOUNCE_MS = 100;

export class Validation {
  private readonly scheduler: DiagnosticsScheduler;
  /** Diagnostics held back while files were arriving, by URI. */
  private readonly held = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly state: ServerState) {
    this.scheduler = new DiagnosticsScheduler({
      delay: () => state.init.debounceMs ?? DEFAULT_DEBOUNCE_MS,
      version: (uri) => state.documents.get(uri)?.version,
      validate: (uri) => this.validate(uri),
      publish: (uri, v) => {
        this.send(uri, v);
        state.previews.refresh(uri);
      },
      onError: (uri, e) => state.log(`idsync: validating ${uri} failed: ${(e as Error)?.stack ?? String(e)}`),
    });
  }

  /**
   * Publishes, or, while files the check read are still arriving (`LspPlatform.arriving`), holds
   * the diagnostics back: the check with those files follows and replaces them, so the editor does
   * not flash diagnostics of a config without its space file. Held ones go out after HOLD_MS if
   * nothing replaced them.
   */
  private send(uri: string, v: Result): void {
    this.release(uri);
    const publish = () => void this.state.connection.sendDiagnostics({ uri, version: v.version, diagnostics: v.diagnostics });
    const arriving = platform().arriving;
    if (!arriving || arriving.settled) return publish();
    this.held.set(
      uri,
      setTimeout(() => {
        this.held.delete(uri);
        publish();
      }, HOLD_MS),
    );
  }

  /** Drops diagnostics held back for `uri`. */
  private release(uri: string): void {
    clearTimeout(this.held.get(uri));
    this.held.delete(uri);
  }

  schedule(uri: string, delay?: number): void {
    this.scheduler.schedule(uri, delay);
  }

  scheduleAll(): void {
    for (const d of this.state.documents.all()) this.scheduler.schedule(d.uri);
  }

  cancel(uri: string): void {
    this.scheduler.cancel(uri);
    this.release(uri);
  }

  dispose(): void {
    this.scheduler.dispose();
    for (const uri of [...this.held.keys()]) this.release(uri);
  }

  async validate(uri: string): Promise<Result | undefined> {
    const { documents, declined, analyses, workspaces } = this.state;
    const settings = await this.state.settings.forUri(uri);
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const lost = declined.outOfSyncReason(uri);
    if (lost !== undefined) return { version: doc.version, diagnostics: [outOfSyncDiagnostic(lost)] };
    const path = uriToPath(uri);
    try {
      if (path && isSpaceFile(path)) {
        const file = workspaces.withLimit(path, settings.maxFileSize).space(path);
        return { version: doc.version, diagnostics: (file?.diagnostics ?? []).map((d) => toLspDiagnostic(doc, d)) };
      }
      const lint = analyses.lint(doc, settings.maxFileSize);
      const diagnostics = lint.diagnostics.map((d) => toLspDiagnostic(doc, d));
      if (lint.spaceError) diagnostics.unshift(readError(`The idsync.space.json that applies to this file cannot be read, so this file is checked without it: ${lint.spaceError}`));
      return { version: doc.version, diagnostics };
    } catch (e) {
      return { version: doc.version, diagnostics: [readError(`idsync could not analyse this file: ${(e as Error).message ?? String(e)}`)] };
    }
  }
}
