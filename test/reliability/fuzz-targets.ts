/**
 * Fuzz targets beyond the engine: the language server driven through real JSON-RPC (the
 * in-process server of test/lsp/helpers) with didOpen/didChange sequences and requests, and the
 * CLI run in-process on generated configs, profiles and arguments. Shared by the bounded run in
 * `npm test` (fuzz.test.ts) and the long run (`npm run fuzz`).
 *
 * Invariants of a language-server session:
 * - no request is answered with an error (RequestCancelled aside), every request is answered
 *   within HANG_MS, and the server keeps answering (no crash, no hang);
 * - while every change was well formed, the diagnostics of the newest version are the engine's
 *   for the text an independent model of the edits (below) computes: positions past the end of a
 *   line or of the document are clamped, as VS Code does;
 * - after a malformed change (until a change with the full text or a reopen), the only
 *   diagnostic is `out-of-sync`.
 * Invariants of a CLI run: exit code 0, 1 or 2, never "internal error", JSON output parses,
 * and it finishes within HANG_MS.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { lintText } from '../../server/src/engine';
import { runCli } from '../../server/src/cli/cli';
import { fileUri, withTimeout } from '../lsp/helpers/client';
import { RawPeer } from '../lsp/helpers/raw';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { TOKENS, arbMutatedConfig } from './support';

export const HANG_MS = 10_000;

// ---------------------------------------------------------------------------------------------
// An independent model of LSP positions (lines end at \r\n, \n or \r; characters are UTF-16 units)

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) {
      starts.push(i + 2);
      i++;
    } else if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/** The offset of a (clamped) position: past the last line is the end; past a line's content is its end. */
export function modelOffset(text: string, line: number, character: number): number {
  const starts = lineStarts(text);
  if (line >= starts.length) return text.length;
  const start = starts[line];
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return Math.min(start + character, end);
}

/** Applies one well-formed change as the model says the server must. */
export function modelApply(text: string, change: WireChange & { text: string }): string {
  if (!change.range) return change.text;
  const r = change.range as { start: { line: number; character: number }; end: { line: number; character: number } };
  const a = modelOffset(text, r.start.line, r.start.character);
  const b = modelOffset(text, r.end.line, r.end.character);
  return text.slice(0, Math.min(a, b)) + change.text + text.slice(Math.max(a, b));
}

// ---------------------------------------------------------------------------------------------
// Sessions

interface WireChange {
  range?: unknown;
  rangeLength?: unknown;
  text?: unknown;
}

/** Where a generated position points: inside the text (fractions of lines/characters), past its ends, or huge. */
type Pos = { kind: 'in'; line: number; ch: number } | { kind: 'past-line'; line: number; ch: number } | { kind: 'huge'; line: number; ch: number };
type Change = { kind: 'range'; start: Pos; end: Pos; text: string } | { kind: 'full'; text: string } | { kind: 'malformed'; value: unknown };
type Step =
  | { kind: 'change'; changes: Change[] }
  | { kind: 'request'; method: string; pos: Pos | 'null-params' | 'bad-pos' }
  | { kind: 'reopen' };

export interface Session {
  base: string;
  steps: Step[];
}

const HUGE = [1000, 65536, 1e6, 1e9, 2 ** 31, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER];
const INSERTS = ['', 'x', '\n', '\r\n', '\r', '"', '{', '}', '[', ']', ',', ':', '"email"', '"strategy": "all"', '/*', '*/', '// c\n', '\uD800', '😀', '\u2028', '\t', 'x'.repeat(200), '{ "externalId": "phone", "strategy": "last" },\n'];
/** Changes the server must reject (not clamp): wrong types, negatives, fractions, missing parts. */
const MALFORMED: unknown[] = [
  null,
  42,
  'text',
  {},
  { text: 5 },
  { range: null, text: 'x' },
  { range: {}, text: 'x' },
  { range: { start: { line: 0, character: 0 } }, text: 'x' },
  { range: { start: { line: 0, character: 0 }, end: null }, text: 'x' },
  { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
  { range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' },
  { range: { start: { line: 0, character: -5 }, end: { line: 0, character: 0 } }, text: 'x' },
  { range: { start: { line: 0.5, character: 0 }, end: { line: 1, character: 0 } }, text: 'x' },
  { range: { start: { line: '0', character: '0' }, end: { line: 0, character: 0 } }, text: 'x' },
  { range: { start: { line: null, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' },
  { range: { start: { line: 1e400, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' },
  { range: { start: [0, 0], end: [0, 0] }, text: 'x' },
  { rangeLength: 4, text: 'x' },
  { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, rangeLength: 'one', text: 'x' },
];
const METHODS = ['textDocument/hover', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/formatting', 'textDocument/rangeFormatting', 'textDocument/codeAction', 'textDocument/codeLens', 'idsync/preview', 'idsync/status'];

const arbFrac = fc.integer({ min: 0, max: 1000 });
const arbPos: fc.Arbitrary<Pos> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('in' as const), line: arbFrac, ch: arbFrac }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('past-line' as const), line: arbFrac, ch: fc.integer({ min: 1, max: 500 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('huge' as const), line: fc.constantFrom(...HUGE), ch: fc.oneof(fc.constant(0), fc.constantFrom(...HUGE)) }) },
);
const arbText = fc.oneof(fc.constantFrom(...INSERTS), fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 }));
const arbChange = (bases: fc.Arbitrary<string>): fc.Arbitrary<Change> =>
  fc.oneof(
    { weight: 12, arbitrary: fc.record({ kind: fc.constant('range' as const), start: arbPos, end: arbPos, text: arbText }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('full' as const), text: bases }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('malformed' as const), value: fc.constantFrom(...MALFORMED) }) },
  );
const arbStep = (bases: fc.Arbitrary<string>): fc.Arbitrary<Step> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('change' as const), changes: fc.array(arbChange(bases), { minLength: 1, maxLength: 3 }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('request' as const), method: fc.constantFrom(...METHODS), pos: fc.oneof(arbPos, fc.constantFrom('null-params' as const, 'bad-pos' as const)) }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'reopen' as const }) },
  );

export function arbSession(bases: readonly string[]): fc.Arbitrary<Session> {
  const texts = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...bases) }, { weight: 1, arbitrary: arbMutatedConfig(bases) });
  return fc.record({ base: texts, steps: fc.array(arbStep(texts), { minLength: 1, maxLength: 14 }) });
}

function wirePos(text: string, p: Pos): { line: number; character: number } {
  if (p.kind === 'huge') return { line: p.line, character: p.ch };
  const starts = lineStarts(text);
  const line = Math.floor((p.line / 1001) * starts.length);
  const start = starts[line];
  const next = line + 1 < starts.length ? starts[line + 1] : text.length + 1;
  const len = Math.max(0, next - start - 1);
  return p.kind === 'in' ? { line, character: Math.floor((p.ch / 1001) * (len + 1)) } : { line, character: len + p.ch };
}

/** A language server shared by many sessions, in a temporary folder, driven by raw JSON-RPC (exact params, `null` included). */
export class LspTarget {
  private n = 0;
  /** Messages sent to the server (didOpen, didChange, didClose, requests). */
  messages = 0;

  private constructor(
    readonly peer: RawPeer,
    readonly root: string,
  ) {}

  static async start(): Promise<LspTarget> {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-fuzz-lsp-')));
    const peer = new RawPeer();
    await peer.initialize(fileUri(root), { debounceMs: 0 });
    return new LspTarget(peer, root);
  }

  async dispose(): Promise<void> {
    this.peer.dispose();
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  private async request(method: string, params: unknown): Promise<void> {
    this.messages++;
    const r = await this.peer.request(method, params, HANG_MS);
    if (r.error && r.error.code !== -32800) {
      throw new assert.AssertionError({ message: `${method} ${JSON.stringify(params)?.slice(0, 300)} answered an error: ${r.error.message} (code ${r.error.code})` });
    }
  }

  private notify(method: string, params: unknown): void {
    this.messages++;
    this.peer.notify(method, params);
  }

  /** The diagnostics published for `uri` after message index `since`, oldest first. */
  private published(uri: string, since: number): PublishDiagnosticsParams[] {
    const out: PublishDiagnosticsParams[] = [];
    for (let i = since; i < this.peer.received.length; i++) {
      const m = this.peer.received[i] as { method?: string; params?: PublishDiagnosticsParams };
      if (m.method === 'textDocument/publishDiagnostics' && m.params?.uri === uri) out.push(m.params);
    }
    return out;
  }

  /** Runs one session; throws (AssertionError, or a HANG timeout) when an invariant breaks. */
  async run(s: Session): Promise<void> {
    const uri = fileUri(path.join(this.root, `s${++this.n}.idsync.json`));
    let version = 1;
    let text = s.base; // what the editor has
    let serverVersion = 1; // the newest version the server applied
    let outOfSync = false;
    const since = this.peer.received.length;
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'idsync', version, text } });
    for (const step of s.steps) {
      if (step.kind === 'reopen') {
        version++;
        this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'idsync', version, text } });
        serverVersion = version;
        outOfSync = false;
        continue;
      }
      if (step.kind === 'request') {
        const td = { uri };
        let params: unknown;
        if (step.pos === 'null-params') params = null;
        else {
          const position = step.pos === 'bad-pos' ? { line: -1, character: 'x' } : wirePos(text, step.pos);
          params = { textDocument: td, position, range: { start: position, end: position }, options: { tabSize: 2, insertSpaces: true }, context: { diagnostics: [] }, uri };
        }
        await this.request(step.method, params);
        continue;
      }
      // A change event: the wire changes, computed against the editor's text as each applies.
      const wire: unknown[] = [];
      let after = text;
      let malformed = false;
      let full = false;
      for (const ch of step.changes) {
        if (ch.kind === 'malformed') {
          wire.push(ch.value);
          malformed = true;
          continue;
        }
        const w: WireChange & { text: string } = ch.kind === 'full' ? { text: ch.text } : { range: { start: wirePos(after, ch.start), end: wirePos(after, ch.end) }, text: ch.text };
        if (ch.kind === 'full') full = true;
        wire.push(w);
        after = modelApply(after, w);
      }
      version++;
      this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: wire });
      if (malformed) {
        outOfSync = true; // the whole event is rejected; the editor's text is unknown to the server
        text = after;
        continue;
      }
      text = after;
      if (outOfSync && !full) continue; // dropped: only the full text brings it back
      outOfSync = false;
      serverVersion = version;
    }
    // The server's newest diagnostics must match the model.
    const expectation = outOfSync ? ['out-of-sync'] : lintText(text).diagnostics.filter((d) => d.code !== 'sample-profile').map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
    const describe = (ds: Array<{ code?: unknown; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>) =>
      ds.filter((d) => d.code !== 'sample-profile').map((d) => (outOfSync ? String(d.code) : `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`));
    const matches = () => {
      const last = this.published(uri, since).at(-1);
      return !!last && last.version === serverVersion && JSON.stringify(describe(last.diagnostics)) === JSON.stringify(expectation);
    };
    try {
      await this.peer.waitFor(matches, HANG_MS, 'diagnostics');
    } catch {
      const last = this.published(uri, since).at(-1);
      assert.deepEqual(
        { version: last?.version, diagnostics: last ? describe(last.diagnostics) : null },
        { version: serverVersion, diagnostics: expectation },
        `the server's newest diagnostics for the session do not match the model (text ${JSON.stringify(text).slice(0, 400)})`,
      );
    }
    await this.request('textDocument/documentSymbol', { textDocument: { uri } });
    this.notify('textDocument/didClose', { textDocument: { uri } });
    // Everything of this session has been answered: forget the recorded messages (long runs).
    this.peer.received.length = 0;
  }
}

// ---------------------------------------------------------------------------------------------
// CLI

export interface CliInput {
  config: string;
  profile: string;
  args: string[];
}

const ARG_TOKENS = ['--format', 'json', 'text', 'stylish', 'github', 'sarif', 'markdown', '--max-file-size', '10', '-1', 'abc', '--mask', '--show-values', '--profile', 'p.json', 'missing.json', '../outside.json', '--rule', 'too-many-all=off', '--quiet', '--', '-', '', 'a.idsync.json', '.', '--help', '--bogus', '\u0000', '%0A'];
const PROFILES = [
  '{"external_ids":[{"type":"email","id":"Jane@Example.com "},{"type":"ios.idfa","id":"6D92078A-8246-4BA4-AE5B-76104861E7DC"}]}',
  '{"data":[{"type":"email","id":"a@b.c","created_at":"2020-01-01T00:00:00Z"},{"type":"phone","id":"+1 555 0100","created_at":"bad"}]}',
  '[{"type":"user_id","id":"u1"}, 42, {"type":"","id":"x"}]',
  '{"error":{"message":"Profile was not found."}}',
  '',
  '{',
];

export function arbCliInput(bases: readonly string[]): fc.Arbitrary<CliInput> {
  const command = fc.constantFrom<string[]>(['check', 'a.idsync.json'], ['check', 'a.idsync.json', '--format', 'json'], ['check', '.', '--format', 'sarif'], ['check', 'a.idsync.json', '--format', 'github'], ['preview', 'a.idsync.json'], ['preview', 'a.idsync.json', '--format', 'json', '--profile', 'p.json'], ['export', 'a.idsync.json'], ['rules']);
  return fc.record({
    config: fc.oneof(fc.constantFrom(...bases), arbMutatedConfig(bases)),
    profile: fc.oneof(fc.constantFrom(...PROFILES), arbMutatedConfig(PROFILES.filter((p) => p.length > 0))),
    args: fc.oneof({ weight: 3, arbitrary: command }, { weight: 1, arbitrary: fc.tuple(command, fc.array(fc.constantFrom(...ARG_TOKENS), { maxLength: 4 })).map(([a, b]) => [...a, ...b]) }),
  });
}

export class CliTarget {
  runs = 0;
  private constructor(readonly root: string) {}

  static start(): CliTarget {
    return new CliTarget(fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-fuzz-cli-'))));
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  async run(input: CliInput): Promise<void> {
    this.runs++;
    fs.writeFileSync(path.join(this.root, 'a.idsync.json'), input.config);
    fs.writeFileSync(path.join(this.root, 'p.json'), input.profile);
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (t: string) => void (stdout += t) }, stderr: { write: (t: string) => void (stderr += t) }, cwd: this.root, env: {} };
    const code = await withTimeout(runCli(input.args, io), HANG_MS, `HANG: idsync ${input.args.join(' ')}`);
    const what = `idsync ${JSON.stringify(input.args)} exited ${code}; stderr: ${stderr.slice(0, 500)}`;
    assert.ok(code === 0 || code === 1 || code === 2, what);
    assert.ok(!/internal error/i.test(stderr), what);
    const i = input.args.indexOf('--format');
    const help = input.args.some((a) => a === '--help' || a === '-h');
    if (code !== 2 && !help && i >= 0 && (input.args[i + 1] === 'json' || input.args[i + 1] === 'sarif') && input.args.indexOf('--format', i + 1) < 0) {
      assert.doesNotThrow(() => JSON.parse(stdout), `${what}: --format ${input.args[i + 1]} printed something that is not JSON: ${stdout.slice(0, 300)}`);
    }
  }
}
