/**
 * Validation: the diagnostics of an open document (a config: the engine's lint from the
 * analysis cache; a space file: its own problems), debounced and coalesced per document by the
 * `DiagnosticsScheduler` (`diagnostics.ts`) so a result for an old version is never published.
 */
import { DiagnosticsScheduler, readError, toLspDiagnostic } from './diagnostics';
import type { Validation as Result } from './diagnostics';
import type { ServerState } from './state';
import { outOfSyncDiagnostic } from './sync';
import { isSpaceFile, uriToPath } from './workspaces';

/** Debounce of diagnostics after a change, in ms, unless `initializationOptions.debounceMs` says otherwise. */
export const DEFAULT_DEBOUNCE_MS = 100;

export class Validation {
  private readonly scheduler: DiagnosticsScheduler;

  constructor(private readonly state: ServerState) {
    this.scheduler = new DiagnosticsScheduler({
      delay: () => state.init.debounceMs ?? DEFAULT_DEBOUNCE_MS,
      version: (uri) => state.documents.get(uri)?.version,
      validate: (uri) => this.validate(uri),
      publish: (uri, v) => {
        void state.connection.sendDiagnostics({ uri, version: v.version, diagnostics: v.diagnostics });
        state.previews.refresh(uri);
      },
      onError: (uri, e) => state.log(`idsync: validating ${uri} failed: ${(e as Error)?.stack ?? String(e)}`),
    });
  }

  schedule(uri: string, delay?: number): void {
    this.scheduler.schedule(uri, delay);
  }

  scheduleAll(): void {
    for (const d of this.state.documents.all()) this.scheduler.schedule(d.uri);
  }

  cancel(uri: string): void {
    this.scheduler.cancel(uri);
  }

  dispose(): void {
    this.scheduler.dispose();
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
