/**
 * Helpers for the extension-host suite (runs inside VS Code: `vscode` is the real API).
 * Expected diagnostics come from the CLI (`dist/cli.js check --format json`, the same engine, a
 * different front end), run on a copy of the test workspace; waits are on VS Code events or on a
 * polled condition with a deadline, never fixed sleeps.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suiteEnv } from './env';
import type { CliReport } from './env';

export type { CliReport } from './env';
export const EXTENSION_ID = 'idsync.idsync';
/** Where every rule's documentation lives (docs/rules/<code>.md in the repository). */
export const DOCS_BASE = 'https://github.com/idsync/idsync/blob/main/docs/rules/';
// (no `process` in the web-worker extension host: the default there)
export const TIMEOUT = Number((globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.IDSYNC_VSCODE_TIMEOUT_MS ?? 15000);

export interface IdsyncTestApi {
  readonly languageStatus: vscode.LanguageStatusItem;
  previewHtml(uri: string): string | undefined;
  serverStart(): string;
}

export function workspaceFolder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the suite needs a workspace folder (the runner opens a copy of the fixture workspace)');
  return f.uri;
}

export const wsUri = (rel: string): vscode.Uri => vscode.Uri.joinPath(workspaceFolder(), rel);

export async function openDoc(rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(wsUri(rel));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** The extension's test API (activate returns it in ExtensionMode.Test). */
export async function idsyncApi(): Promise<IdsyncTestApi> {
  const ext = vscode.extensions.getExtension<IdsyncTestApi | undefined>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
  const api = await ext.activate().then(
    (a) => a,
    (e: unknown) => {
      throw new Error(`${EXTENSION_ID} did not activate: ${(e as Error)?.message ?? e} (see the "ID Sync" output log in test/vscode/.build/artifacts/<group>/user-data/logs/)`);
    },
  );
  assert.ok(api, 'activate() returned the test API (the extension host runs in ExtensionMode.Test)');
  return api;
}

/**
 * Waits until `probe` returns something other than undefined/false, re-checking on each of
 * `events` and every 50 ms; on timeout fails with `expected` and what `describe` says now.
 */
export function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, expected: string, opts: { events?: vscode.Event<unknown>[]; timeout?: number; describe?: () => unknown } = {}): Promise<T> {
  const timeout = opts.timeout ?? TIMEOUT;
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const subs: vscode.Disposable[] = [];
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearInterval(poll);
      clearTimeout(timer);
      for (const s of subs) s.dispose();
      fn();
    };
    const check = async () => {
      if (done) return;
      try {
        const v = await probe();
        if (v !== undefined && v !== false) finish(() => resolve(v as T));
      } catch (e) {
        finish(() => reject(e));
      }
    };
    const poll = setInterval(() => void check(), 50);
    const timer = setTimeout(() => {
      let seen = '';
      try {
        seen = opts.describe ? `; now: ${typeof opts.describe() === 'string' ? opts.describe() : JSON.stringify(opts.describe(), null, 1)}` : '';
      } catch {
        /* nothing more to say */
      }
      finish(() => reject(new Error(`expected ${expected} within ${timeout} ms${seen}`)));
    }, timeout);
    for (const ev of opts.events ?? []) subs.push(ev(() => void check()));
    void check();
  });
}

// ---- diagnostics: VS Code's and the CLI's in one comparable shape ------------------------------

export interface PlainDiagnostic {
  code: string;
  /** The code description link (Diagnostic.code.target). */
  href: string | undefined;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  source: string | undefined;
  /** 0-based [startLine, startChar, endLine, endChar]. */
  range: [number, number, number, number];
}

const SEVERITY_NAME: Record<vscode.DiagnosticSeverity, PlainDiagnostic['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

const byPosition = (a: PlainDiagnostic, b: PlainDiagnostic) =>
  a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.code.localeCompare(b.code);

export function plain(d: vscode.Diagnostic): PlainDiagnostic {
  const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
  const href = typeof d.code === 'object' ? d.code.target.toString(true) : undefined;
  const r = d.range;
  return { code, href, severity: SEVERITY_NAME[d.severity], message: d.message, source: d.source, range: [r.start.line, r.start.character, r.end.line, r.end.character] };
}

/** VS Code's diagnostics of a workspace file, sorted by position. */
export function vscodeDiagnostics(rel: string): PlainDiagnostic[] {
  return vscode.languages.getDiagnostics(wsUri(rel)).map(plain).sort(byPosition);
}

/** `idsync check . --format json` on a copy of the workspace as it is on disk, with `overrides` ({ relPath: text }) written over it (env.ts). */
export function cliCheck(overrides: Record<string, string> = {}, args: string[] = []): CliReport {
  return suiteEnv().cliCheck(overrides, args);
}

/** The CLI's diagnostics of one file in the shape of `plain()` (with the docs link every rule has). */
export function cliDiagnostics(rel: string, overrides: Record<string, string> = {}, args: string[] = []): PlainDiagnostic[] {
  const report = cliCheck(overrides, args);
  const file = report.files.find((f) => f.path === rel);
  assert.ok(file, `idsync check reported ${rel}; it reported ${report.files.map((f) => f.path).join(', ')}`);
  return file.diagnostics
    .map((d): PlainDiagnostic => ({
      code: d.code,
      href: DOCS_BASE + d.code + '.md',
      severity: d.severity,
      message: d.message,
      source: 'idsync',
      range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
    }))
    .sort(byPosition);
}

/** Waits until VS Code's diagnostics of `rel` are exactly `expected`, then asserts them (a diff on failure). */
export async function expectDiagnostics(rel: string, expected: PlainDiagnostic[], what = rel): Promise<void> {
  const same = () => JSON.stringify(vscodeDiagnostics(rel)) === JSON.stringify(expected);
  await waitFor(same, `the diagnostics of ${what} to equal the CLI's`, { events: [vscode.languages.onDidChangeDiagnostics] }).catch(() => undefined);
  assert.deepEqual(vscodeDiagnostics(rel), expected, `diagnostics of ${what} (VS Code vs idsync check --format json)`);
}

// ---- text ---------------------------------------------------------------------------------------

export function fixtureText(rel: string): string {
  return suiteEnv().readWorkspaceFile(rel);
}

/** Replaces exactly one occurrence (fails if the text has none or several). */
export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0 && text.indexOf(from, at + 1) < 0, `exactly one ${JSON.stringify(from)} in the text`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** The position `delta` characters after the start of the only `needle` in the document. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const text = doc.getText();
  const at = text.indexOf(needle);
  assert.ok(at >= 0 && text.indexOf(needle, at + 1) < 0, `exactly one ${JSON.stringify(needle)} in ${doc.uri.toString()}`);
  return doc.positionAt(at + delta);
}

/** Replaces the whole text of an open document (unsaved). */
export async function setText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), `the edit of ${doc.uri.toString()} applied`);
  assert.equal(doc.getText(), text);
}

/** Hover contents as plain markdown strings. */
export function hoverMarkdown(hovers: vscode.Hover[]): string[] {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c))));
}

// ---- the VS Code API, as the tests use it -------------------------------------------------------

/** Sets an `idsync.*` setting in the workspace (undefined removes it). */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('idsync').update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** Completion items in the order the suggest widget shows them (sortText, then label). */
export async function completionsAt(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
  const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
  return [...list.items].sort((a, b) => (a.sortText ?? label(a)).localeCompare(b.sortText ?? label(b)) || label(a).localeCompare(label(b)));
}
export const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

export async function hoverAt(doc: vscode.TextDocument, pos: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
  return hoverMarkdown(hovers).join('\n---\n');
}

/** Hover markdown with backslash escapes removed (idsync escapes every markdown character of file values). */
export async function hoverText(doc: vscode.TextDocument, pos: vscode.Position): Promise<string> {
  return (await hoverAt(doc, pos)).replace(/\\(.)/g, '$1');
}

/** The rows of the markdown tables in a hover, cells unescaped (backslash escapes and code spans removed). */
export function markdownRows(md: string): string[][] {
  return md
    .split('\n')
    .filter((l) => /^\|.*\|$/.test(l.trim()) && !/^\|[\s:|-]+\|$/.test(l.trim()))
    .map((l) => l.trim().slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim().replace(/`/g, '').replace(/\\(.)/g, '$1')));
}
