/**
 * Parse once per document version. One entry per open document: its version and text, and,
 * each computed on first use, the parsed document, the model and the lint result. Every feature
 * (hover, completion, symbols, folding, code lens, preview) takes the parsed document or the
 * model from here, and the lint gets the same parsed document (`LintOptions.parsed`), so a
 * version is parsed once whatever asks first.
 *
 * An entry is dropped when its document closes or reopens; the cache is also bounded (least
 * recently used first). Lint results alone are dropped when what they depend on besides the text
 * changes (a space file, a sample profile, the workspace folders); the parse stays valid.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { buildModel, lintText, parseDocument } from '../engine';
import type { Analysed, ConfigModel, Diagnostic, LintResult, ParsedDocument } from '../engine';
import type { ServerState } from './state';
import { uriToPath } from './workspaces';

/** At most this many documents keep their analysis (the ones used last). */
export const MAX_ANALYSES = 64;

export interface LintEntry {
  maxFileSize: number;
  diagnostics: readonly Diagnostic[];
  /** The space file that applies could not be read (outside the folder, not UTF-8...); linted without it. */
  spaceError?: string;
}


interface Entry {
  version: number;
  text: string;
  parsed?: ParsedDocument;
  model?: ConfigModel;
  lint?: LintEntry;
  /** The size limit of the document's last lint, kept across versions (for `lint()` without a limit). */
  lastMax?: number;
}

export class Analyses {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly state: ServerState) {}

  /** The parsed text of the document at its current version. */
  parsed(doc: TextDocument): ParsedDocument {
    const e = this.entry(doc);
    return (e.parsed ??= parseDocument(e.text));
  }

  /** The parsed text and the model of the document at its current version. */
  analysed(doc: TextDocument): Analysed {
    const e = this.entry(doc);
    const parsed = (e.parsed ??= parseDocument(e.text));
    return { doc: parsed, model: (e.model ??= buildModel(parsed)) };
  }

  /**
   * The engine's lint of an open config at its current version (cached by version and size
   * limit). Without `maxFileSize` (code actions), the limit of the last lint applies.
   */
  lint(doc: TextDocument, maxFileSize?: number): LintEntry {
    const e = this.entry(doc);
    const max = maxFileSize ?? e.lastMax ?? this.state.defaultMaxFileSize;
    if (e.lint && e.lint.maxFileSize === max) return e.lint;
    // A file over the limit is not parsed: the engine answers its one file-too-large diagnostic.
    const parsed = e.text.length <= max ? (e.parsed ??= parseDocument(e.text)) : undefined;
    const { result, spaceError } = this.lintAt(doc.uri, e.text, max, parsed);
    if (parsed && result.model.doc === parsed) e.model ??= result.model;
    e.lint = { maxFileSize: max, diagnostics: result.diagnostics, spaceError };
    e.lastMax = max;
    return e.lint;
  }

  /**
   * A lint of another text of the document, with everything else as the document's own lint
   * (its space file, profiles, settings and size limit), not cached: fix-all's passes lint the
   * texts its fixes make (`fixAll`).
   */
  lintOther(doc: TextDocument, text: string): LintResult {
    const max = this.entry(doc).lastMax ?? this.state.defaultMaxFileSize;
    return this.lintAt(doc.uri, text, max, undefined).result;
  }

  private lintAt(uri: string, text: string, max: number, parsed: ParsedDocument | undefined): { result: LintResult; spaceError?: string } {
    const { catalogs, workspaces } = this.state;
    const path = uriToPath(uri);
    if (!path) return { result: lintText(text, { catalogs, maxFileSize: max, parsed }) };
    const ws = workspaces.withLimit(path, max);
    try {
      return { result: ws.lint(path, text, { parsed }).result };
    } catch (err) {
      // The space file cannot be read (a symlink outside the folder, not UTF-8, unreadable):
      // lint without it, and say so (validation adds a diagnostic).
      return { result: ws.lint(path, text, { space: null, parsed }).result, spaceError: (err as Error)?.message ?? String(err) };
    }
  }

  /** Lint results depend on more than the text (space files, profiles, folders): drop them all. */
  dropLints(): void {
    for (const e of this.entries.values()) e.lint = e.lastMax = undefined;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }

  /** Test hook: how many documents have an analysis. */
  get size(): number {
    return this.entries.size;
  }

  private entry(doc: TextDocument): Entry {
    const text = doc.getText();
    let e = this.entries.get(doc.uri);
    if (e && (e.version !== doc.version || e.text !== text)) e = { version: doc.version, text, lastMax: e.lastMax };
    e ??= { version: doc.version, text };
    this.entries.delete(doc.uri); // re-inserted: the most recently used is last
    this.entries.set(doc.uri, e);
    if (this.entries.size > MAX_ANALYSES) this.entries.delete(this.entries.keys().next().value as string);
    return e;
  }
}
