/**
 * Incoming `textDocument/didChange` events, checked before `TextDocuments` sees them.
 *
 * - Every position is clamped to the document as it is when that change applies (as VS Code's
 *   `validatePosition` does): a line past the end means the end of the text, a character past the
 *   end of its line means the line's end. `vscode-languageserver-textdocument` trusts the
 *   positions it gets: a line past the end corrupts its line index (every later position is wrong,
 *   and a line of 10^9 allocates an array that size).
 * - An event with a malformed change (a position that is not a non-negative integer, a `null`
 *   range, no `text`, a `rangeLength` that is not a number...) is rejected as a whole: applying
 *   part of it, or guessing, would leave the server with text the editor does not have. The
 *   document is then out of sync until the editor sends its full text again (a reopen or a
 *   change without a range); meanwhile the server publishes one diagnostic saying so and every
 *   feature declines the document.
 */
import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver';
import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SOURCE } from './diagnostics';
import { shortJson } from './safe';

export type Prepared = { ok: true; changes: TextDocumentContentChangeEvent[]; full: boolean } | { ok: false; reason: string };

/** Whether `p` is a position of non-negative integers (any size: out-of-range ones are clamped). */
function isWellFormedPosition(p: unknown): p is Position {
  const q = p as Position | null | undefined;
  return typeof q === 'object' && q !== null && Number.isInteger(q.line) && Number.isInteger(q.character) && q.line >= 0 && q.character >= 0;
}

/** Why a change event is malformed, or undefined when it is well formed. */
function malformed(change: unknown, i: number): string | undefined {
  const at = `change ${i + 1}`;
  if (typeof change !== 'object' || change === null) return `${at} is ${change === null ? 'null' : typeof change}, not an object`;
  const c = change as { range?: unknown; rangeLength?: unknown; text?: unknown };
  if (typeof c.text !== 'string') return `${at} has no "text" string`;
  if (c.rangeLength !== undefined && !(Number.isInteger(c.rangeLength) && (c.rangeLength as number) >= 0)) return `${at} has a "rangeLength" that is not a non-negative integer`;
  if (!('range' in c) || c.range === undefined) return c.rangeLength === undefined ? undefined : `${at} has a "rangeLength" but no "range"`;
  const r = c.range as { start?: unknown; end?: unknown } | null;
  if (typeof r !== 'object' || r === null) return `${at} has a "range" that is ${r === null ? 'null' : typeof r}`;
  if (!isWellFormedPosition(r.start)) return `${at} has a malformed range start (${shortJson(r.start, 80)})`;
  if (!isWellFormedPosition(r.end)) return `${at} has a malformed range end (${shortJson(r.end, 80)})`;
  return undefined;
}


/** `p` moved into the document: past the last line is the end, past a line's end is that line's end. */
export function clampPosition(doc: TextDocument, p: Position): Position {
  return doc.positionAt(doc.offsetAt(p));
}

/**
 * Checks and clamps the changes of one didChange event against `doc` (the text before the
 * event). Each change's positions are clamped against the text as the earlier changes of the
 * same event left it. `full` is true when a change without a range replaces the whole text
 * (after which the document is in sync whatever happened before).
 */
export function prepareChanges(doc: TextDocument, changes: unknown[]): Prepared {
  for (let i = 0; i < changes.length; i++) {
    const why = malformed(changes[i], i);
    if (why) return { ok: false, reason: why };
  }
  const events = changes as TextDocumentContentChangeEvent[];
  let full = false;
  // One change (a keystroke) is clamped against the document itself; several need the
  // intermediate texts, computed on a scratch copy.
  let scratch: TextDocument | undefined = events.length > 1 ? TextDocument.create(doc.uri, doc.languageId, doc.version, doc.getText()) : undefined;
  const out: TextDocumentContentChangeEvent[] = [];
  for (const c of events) {
    let next: TextDocumentContentChangeEvent;
    if (!('range' in c) || c.range === undefined) {
      next = { text: c.text };
      full = true;
    } else {
      const base = scratch ?? doc;
      next = { range: { start: clampPosition(base, c.range.start), end: clampPosition(base, c.range.end) }, text: c.text };
    }
    out.push(next);
    if (scratch) scratch = TextDocument.update(scratch, [next], scratch.version);
  }
  return { ok: true, changes: out, full };
}

/** The one diagnostic of a document whose text the server no longer knows. */
export function outOfSyncDiagnostic(reason: string): Diagnostic {
  return {
    range: Range.create(0, 0, 0, 0),
    severity: DiagnosticSeverity.Error,
    code: 'out-of-sync',
    source: SOURCE,
    message: `idsync could not apply an edit the editor sent (${reason}), so it no longer knows this file's text and does not check it. Close and reopen the file to check it again.`,
  };
}
