/**
 * Diagnostics: engine diagnostics -> LSP diagnostics (code, docs link, source, fixes in `data`),
 * and the per-document scheduler that debounces and coalesces validations so that a newer
 * version always wins and a result for an out-of-date version is never published.
 */
import { Diagnostic as LspDiagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { docsUrl } from '../engine';
import type { Diagnostic, Severity } from '../engine';
import { DiagnosticData, toLspFixes } from './code-actions';

export const SOURCE = 'idsync';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(doc: TextDocument, d: Diagnostic): LspDiagnostic {
  const data: DiagnosticData = { version: doc.version };
  const fixes = toLspFixes(doc, d);
  if (fixes) data.fixes = fixes;
  const out: LspDiagnostic = {
    range: Range.create(doc.positionAt(d.offset), doc.positionAt(d.offset + d.length)),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: SOURCE,
    message: d.message,
    data,
  };
  // Every rule has a docs page; space-file checks use the same codes (syntax, invalid-type...).
  out.codeDescription = { href: docsUrl(d.code) };
  return out;
}

/** A file the server could not read (e.g. a space file that is not UTF-8). */
export function readError(message: string): LspDiagnostic {
  return { range: Range.create(0, 0, 0, 0), severity: DiagnosticSeverity.Error, code: 'read-error', source: SOURCE, message };
}

export interface Validation {
  version: number;
  diagnostics: LspDiagnostic[];
}

export interface SchedulerHooks {
  /** The debounce in milliseconds. */
  delay(): number;
  /** The document's current version, undefined once it is closed. */
  version(uri: string): number | undefined;
  /** Validates the document as it is now. */
  validate(uri: string): Promise<Validation | undefined>;
  publish(uri: string, v: Validation): void;
  onError(uri: string, e: unknown): void;
}

interface State {
  timer?: NodeJS.Timeout;
  running: boolean;
  again: boolean;
}

/**
 * Debounced, coalesced validation per document: at most one validation runs per document; a
 * change while it runs re-runs it afterwards on the newest text; a result whose version is no
 * longer the document's is dropped.
 */
export class DiagnosticsScheduler {
  private readonly states = new Map<string, State>();

  constructor(private readonly hooks: SchedulerHooks) {}

  schedule(uri: string, delay = this.hooks.delay()): void {
    const s = this.state(uri);
    if (s.timer) clearTimeout(s.timer);
    s.timer = undefined;
    if (delay <= 0) {
      void this.run(uri);
      return;
    }
    s.timer = setTimeout(() => {
      s.timer = undefined;
      void this.run(uri);
    }, delay);
  }

  /** Forgets a document (closed): pending runs are dropped. */
  cancel(uri: string): void {
    const s = this.states.get(uri);
    if (s?.timer) clearTimeout(s.timer);
    this.states.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.states.keys()]) this.cancel(uri);
  }

  private state(uri: string): State {
    let s = this.states.get(uri);
    if (!s) this.states.set(uri, (s = { running: false, again: false }));
    return s;
  }

  private async run(uri: string): Promise<void> {
    const s = this.states.get(uri);
    if (!s) return;
    if (s.running) {
      s.again = true;
      return;
    }
    s.running = true;
    try {
      const v = await this.hooks.validate(uri);
      if (v && this.states.get(uri) === s && this.hooks.version(uri) === v.version) this.hooks.publish(uri, v);
    } catch (e) {
      this.hooks.onError(uri, e);
    } finally {
      s.running = false;
    }
    if (s.again && this.states.get(uri) === s) {
      s.again = false;
      if (!s.timer) void this.run(uri);
    }
  }
}
