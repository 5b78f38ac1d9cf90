/**
 * Code actions, protocol-free at the core: quick fixes come from the fixes the rules attach to
 * their diagnostics (carried in `Diagnostic.data`), "Disable <code> for the next line" inserts a
 * suppression comment above the line, and fix-all applies every preferred, non-overlapping fix,
 * pass after pass until none is left, as `idsync check --fix` does (the engine's `fixAll`).
 */
import {
  CodeAction,
  CodeActionKind,
  Diagnostic as LspDiagnostic,
  Range,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAll, fixAllEdits } from '../engine';
import type { Diagnostic, LintResult, TextEdit } from '../engine';

/** One pass of fix-all's edits (the engine's, shared with `idsync check --fix`). */
export { fixAllEdits };

export const FIX_ALL_KIND = 'source.fixAll.idsync';

/** A fix as carried in an LSP diagnostic's `data`: edits as ranges of the document version `version`. */
export interface LspFix {
  title: string;
  isPreferred?: boolean;
  edits: LspTextEdit[];
}

export interface DiagnosticData {
  /** The document version the ranges refer to. */
  version: number;
  fixes?: LspFix[];
}

/** Rules a suppression comment cannot silence. */
const NOT_SUPPRESSIBLE = new Set(['syntax', 'unused-disable-directive', 'file-too-large', 'internal-error']);

export function toLspFixes(doc: TextDocument, d: Diagnostic): LspFix[] | undefined {
  if (!d.fixes?.length) return undefined;
  return d.fixes.map((f) => ({
    title: f.title,
    isPreferred: f.isPreferred || undefined,
    edits: f.edits.map((e) => toLspEdit(doc, e)),
  }));
}

export function toLspEdit(doc: TextDocument, e: TextEdit): LspTextEdit {
  return { range: Range.create(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), newText: e.content };
}

/** The edit that suppresses `code` on `line`: a new `// idsync-disable-next-line` comment above it, or the code added to one already there. */
export function disableNextLineEdit(text: string, line: number, code: string): TextEdit {
  const doc = TextDocument.create('untitled:x', 'idsync', 0, text);
  const lineStart = doc.offsetAt({ line, character: 0 });
  const lineText = lineOf(text, lineStart);
  const indent = /^[ \t]*/.exec(lineText)![0];
  if (line > 0) {
    const prevStart = doc.offsetAt({ line: line - 1, character: 0 });
    const prevText = lineOf(text, prevStart);
    const m = /^([ \t]*\/\/[ \t]*idsync-disable-next-line[ \t]+)([a-z0-9-]+(?:[ \t]*,[ \t]*[a-z0-9-]+)*)((?:[ \t]+--.*)?[ \t]*)$/.exec(prevText);
    if (m) {
      const codes = m[2].split(',').map((c) => c.trim());
      if (!codes.includes(code)) return { offset: prevStart + m[1].length + m[2].length, length: 0, content: `, ${code}` };
    }
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { offset: lineStart, length: 0, content: `${indent}// idsync-disable-next-line ${code}${eol}` };
}

function lineOf(text: string, start: number): string {
  let end = start;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return text.slice(start, end);
}

function kindMatches(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return kind !== FIX_ALL_KIND;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

export interface CodeActionInput {
  doc: TextDocument;
  /** The diagnostics of the request's context (from the client, with our `data`). */
  diagnostics: readonly LspDiagnostic[];
  only?: readonly string[];
  /** The engine's current diagnostics of the document (for fix-all and for stale `data`). */
  current: () => readonly Diagnostic[];
  /**
   * The lint of another text of this document (same space file, settings, limits): fix-all then
   * runs pass after pass to the fixed point, as the CLI's --fix does. Without it, one pass.
   */
  lintOther?: (text: string) => LintResult;
  documentChanges?: boolean;
}

export function codeActions(input: CodeActionInput): CodeAction[] {
  const { doc } = input;
  const out: CodeAction[] = [];
  const edit = (edits: LspTextEdit[]): WorkspaceEdit =>
    input.documentChanges
      ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] }
      : { changes: { [doc.uri]: edits } };

  if (kindMatches(input.only, CodeActionKind.QuickFix)) {
    const disabled = new Set<string>();
    for (const d of input.diagnostics) {
      if (d.source !== 'idsync' || typeof d.code !== 'string') continue;
      for (const fix of fixesOf(d, input)) {
        out.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: fix.isPreferred || undefined, edit: edit(fix.edits) });
      }
      const key = `${d.code}@${d.range.start.line}`;
      if (!NOT_SUPPRESSIBLE.has(d.code) && !disabled.has(key)) {
        disabled.add(key);
        const e = disableNextLineEdit(doc.getText(), d.range.start.line, d.code);
        out.push({ title: `Disable ${d.code} for the next line`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: edit([toLspEdit(doc, e)]) });
      }
    }
  }
  if (kindMatches(input.only, FIX_ALL_KIND)) {
    const edits = input.lintOther ? fixAllToFixedPoint(doc.getText(), input.lintOther) : fixAllEdits(input.current());
    if (edits.length) out.push({ title: 'Fix all idsync problems that have a preferred fix', kind: FIX_ALL_KIND, edit: edit(edits.map((e) => toLspEdit(doc, e))) });
  }
  return out;
}

/**
 * The engine's fix-all to its fixed point, as one edit: the span between the first and the last
 * character that changed (what is around it stays untouched, so markers and folds there survive).
 */
function fixAllToFixedPoint(text: string, lint: (text: string) => LintResult): TextEdit[] {
  const fixed = fixAll(text, lint).text;
  if (fixed === text) return [];
  let start = 0;
  const max = Math.min(text.length, fixed.length);
  while (start < max && text.charCodeAt(start) === fixed.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && text.charCodeAt(text.length - 1 - end) === fixed.charCodeAt(fixed.length - 1 - end)) end++;
  // Never between the two halves of a surrogate pair.
  if (start > 0 && isHighSurrogate(text.charCodeAt(start - 1))) start--;
  if (end > 0 && isHighSurrogate(text.charCodeAt(text.length - end - 1))) end--;
  return [{ offset: start, length: text.length - end - start, content: fixed.slice(start, fixed.length - end) }];
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** The fixes of a client diagnostic: from its data when it refers to this version, else from a fresh lint. */
function fixesOf(d: LspDiagnostic, input: CodeActionInput): LspFix[] {
  const data = d.data as DiagnosticData | undefined;
  if (data && data.version === input.doc.version) return data.fixes ?? [];
  const start = input.doc.offsetAt(d.range.start);
  const end = input.doc.offsetAt(d.range.end);
  const match = input.current().find((c) => c.code === d.code && c.offset === start && c.offset + c.length === end);
  return match ? toLspFixes(input.doc, match) ?? [] : [];
}
