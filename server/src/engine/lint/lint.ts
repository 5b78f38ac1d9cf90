/**
 * The engine: parse once, build the model in one walk, run every rule over it, apply
 * severities and suppressions. Pure: text in, diagnostics out.
 */
import { modify } from 'jsonc-parser';
import type { FormattingOptions } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';
import type { Catalogs, DestinationCatalog } from '../catalogs/catalog';
import { findDestination } from '../catalogs/catalog';
import type { Diagnostic, Severity, TextEdit } from '../types';
import type { Rule, RuleContext, RuleMeta, Report } from './rule';
import { parseDocument, ParsedDocument } from './parse';
import { LineIndex } from '../line-index';
import { buildModel, ConfigModel } from './model';
import { builtinCatalogs } from '../catalogs/builtin';
import { EMPTY_SPACE, SpaceConfig } from '../workspace/space';
import { parseDirectives, findSuppression, nextLineComments } from './suppressions';
import { jsonPointer, nodePath } from '../json';
import { ALL_RULES } from './rules';
import type { LoadedProfile } from '../preview/samples';
import { indexNextLineComments, removeEdits, setValueEdits, withNextLineComments } from './fix-edits';
import type { NextLineIndex } from './fix-edits';

export interface LintOptions {
  catalogs?: Catalogs;
  space?: SpaceConfig;
  /** The rules to run (all by default). */
  rules?: readonly Rule[];
  /**
   * Reads the sample profiles a config lists in `samples` (for the `sample-profile` rule).
   * Called only when the config has `samples`; without it, samples are not checked.
   */
  samples?: (model: ConfigModel) => readonly LoadedProfile[];
  /**
   * Texts longer than this (UTF-16 code units) are not parsed: the result is one `file-too-large`
   * diagnostic. Default {@link DEFAULT_ENGINE_MAX_FILE_SIZE}.
   */
  maxFileSize?: number;
  /**
   * At most this many diagnostics per file (and per rule); the rest are counted and summed up in
   * one final `too-many-problems` diagnostic. Default {@link DEFAULT_MAX_DIAGNOSTICS}.
   */
  maxDiagnostics?: number;
  /**
   * `text` already parsed by `parseDocument` (the language server's per-version cache): used
   * instead of parsing again when its `text` is `text`.
   */
  parsed?: ParsedDocument;
}

/** The limits the front doors (CLI flags, LSP settings) may pass through. */
export type LintLimits = Pick<LintOptions, 'maxFileSize' | 'maxDiagnostics'>;

/**
 * The engine's own file-size limit, used when the front door passes none (the CLI without
 * --max-file-size). The language server has its own, smaller default for the editor.
 */
export const DEFAULT_ENGINE_MAX_FILE_SIZE = 4 * 1024 * 1024;
export const DEFAULT_MAX_DIAGNOSTICS = 1000;
/** Longer messages keep their start and end, with the middle elided (a value quoted in full could be megabytes). */
export const MAX_MESSAGE_LENGTH = 1000;
/**
 * Budget of text (in characters) that `setValue`/`remove` may re-parse per lint (jsonc-parser
 * `modify` parses the whole text on each call). Past it, those helpers return no edits and the
 * engine drops fixes without edits: the diagnostics stay, their quick fixes are not offered.
 * Ordinary files never get near it; a 400 kB file with thousands of fixable entries does.
 */
export const FIX_PARSE_BUDGET = 4_000_000;

/** Diagnostics the engine itself reports (not rules: they cannot be suppressed or reconfigured). */
export const ENGINE_DIAGNOSTICS: readonly RuleMeta[] = [
  { code: 'file-too-large', defaultSeverity: 'error', description: 'The file is larger than the configured maximum size and is not analysed.' },
  { code: 'too-many-problems', defaultSeverity: 'warning', description: 'The file has more problems than the configured maximum; the rest are counted, not listed.' },
];

export interface LintResult {
  /** Diagnostics in document order, suppressed ones excluded. */
  diagnostics: Diagnostic[];
  /** Diagnostics an inline directive suppressed (for SARIF). */
  suppressed: Diagnostic[];
  model: ConfigModel;
  /** The catalog of the config's destination (the space's first, then the built-in one), if any. */
  destination: DestinationCatalog | undefined;
}

export const RULE_CODES: readonly string[] = ALL_RULES.map((r) => r.code);

/** Formatting options that match the document's own indentation and line ends. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const m = /\n([ \t]+)\S/.exec(text);
  if (m && m[1].startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  const size = m ? Math.min(m[1].length, 8) : 2;
  return { insertSpaces: true, tabSize: size, eol };
}

export function lintText(text: string, options: LintOptions = {}): LintResult {
  const catalogs = options.catalogs ?? builtinCatalogs();
  const space = options.space ?? EMPTY_SPACE;
  const rules = options.rules ?? ALL_RULES;
  const maxFileSize = options.maxFileSize ?? DEFAULT_ENGINE_MAX_FILE_SIZE;
  const maxDiagnostics = Math.max(1, options.maxDiagnostics ?? DEFAULT_MAX_DIAGNOSTICS);
  if (text.length > maxFileSize) return fileTooLarge(text, maxFileSize);
  const doc = options.parsed?.text === text ? options.parsed : parseDocument(text);
  const model = buildModel(doc);
  const destination = findDestination(model.destinationSlug, catalogs, space);
  const directives = parseDirectives(doc);
  let formatting: FormattingOptions | undefined;
  const formattingOptions = () => (formatting ??= detectFormatting(text));

  const diagnostics: Diagnostic[] = [];
  const suppressed: Diagnostic[] = [];
  /** Reports past the cap (counted, not built). */
  let omitted = 0;
  let parseBudget = FIX_PARSE_BUDGET;
  const modifyWithinBudget = (path: Array<string | number>, value: unknown): TextEdit[] => {
    // jsonc-parser's `modify` re-parses the text its own way and rewrites whole containers: on a
    // text with syntax errors its edits can land anywhere (seen: an edit replacing 79 characters
    // past the end of a truncated file). Fixes that need it are not offered on such a text.
    if (doc.errors.length > 0) return [];
    if (parseBudget < text.length) return [];
    parseBudget -= text.length;
    return modify(text, path, value, { formattingOptions: formattingOptions() });
  };
  let nextLine: NextLineIndex | undefined;
  const shared = {
    model,
    catalogs,
    space,
    destination,
    directives,
    ruleCodes: RULE_CODES,
    samples: options.samples && model.samples ? options.samples(model) : [],
    setValue(path: Array<string | number>, value: unknown): TextEdit[] {
      return setValueEdits(text, doc.root, path, value, formattingOptions(), modifyWithinBudget, doc.errors);
    },
    remove(path: Array<string | number>): TextEdit[] {
      // An idsync-disable-next-line directive above a removed line goes with it.
      nextLine ??= indexNextLineComments(text, nextLineComments(directives));
      return withNextLineComments(text, removeEdits(text, doc.root, path, formattingOptions(), modifyWithinBudget, doc.errors), nextLine);
    },
    replaceString(node: Node, value: string): TextEdit[] {
      return [{ offset: node.offset, length: node.length, content: JSON.stringify(value) }];
    },
  };

  /** Each rule gets its own context: its `report` knows the rule, its severity and its own counts. */
  const contextFor = (rule: Rule, configured: Severity | undefined): RuleContext => {
    const suppressible = !rule.runsLast && rule.code !== 'syntax';
    let kept = 0;
    let keptSuppressed = 0;
    // The shared part is the prototype, not a copy: a lint makes one context per rule (about 30),
    // and copying the shared members into each was a tenth of the CLI's time on 10,000 files.
    const context: RuleContext = Object.create(shared);
    context.report = (r: Report) => {
      const offset = r.node ? r.node.offset : r.offset ?? 0;
      // Suppressions are decided for every report, even past the cap, so directives are marked used.
      const directive = suppressible ? findSuppression(directives, rule.code, doc.lines.positionAt(offset).line) : undefined;
      const severity = configured ?? r.severity ?? rule.defaultSeverity;
      if (directive) {
        if (keptSuppressed++ >= maxDiagnostics) return;
        const d = toDiagnostic(rule, severity, r, doc);
        d.suppressed = { justification: directive.justification };
        suppressed.push(d);
      } else if (kept++ >= maxDiagnostics) omitted++;
      else diagnostics.push(toDiagnostic(rule, severity, r, doc));
    };
    return context;
  };

  const run = (rule: Rule) => {
    const configured = space.rules.get(rule.code);
    if (configured === 'off') return;
    rule.check(contextFor(rule, configured));
  };

  for (const rule of rules) if (!rule.runsLast) run(rule);
  for (const rule of rules) if (rule.runsLast) run(rule);

  diagnostics.sort(byPosition);
  suppressed.sort(byPosition);
  if (diagnostics.length > maxDiagnostics) omitted += diagnostics.splice(maxDiagnostics).length;
  if (omitted > 0) diagnostics.push(tooManyProblems(text, doc, maxDiagnostics, omitted));
  return { diagnostics, suppressed, model, destination };
}

function fileTooLarge(text: string, maxFileSize: number): LintResult {
  const doc: ParsedDocument = { text, root: undefined, errors: [], comments: [], lines: new LineIndex(text) };
  const n = (x: number) => x.toLocaleString('en-US');
  const d: Diagnostic = {
    code: 'file-too-large',
    severity: 'error',
    message: `The file is ${n(text.length)} characters long, over the limit of ${n(maxFileSize)} (maxFileSize): it is not analysed. A configuration is normally a few kilobytes; raise the limit if this file really is meant to be this big.`,
    range: doc.lines.range(0, 0),
    offset: 0,
    length: 0,
    pointer: '',
  };
  return { diagnostics: [d], suppressed: [], model: buildModel(doc), destination: undefined };
}

/** The final diagnostic of a capped list: placed at the end of the document so the list stays sorted. */
function tooManyProblems(text: string, doc: ParsedDocument, max: number, omitted: number): Diagnostic {
  const n = (x: number) => x.toLocaleString('en-US');
  return {
    code: 'too-many-problems',
    severity: 'warning',
    message: `${n(omitted)} more problem${omitted === 1 ? ' is' : 's are'} not listed: only the first ${n(max)} of a file are (maxDiagnostics). Fix those and lint again.`,
    range: doc.lines.range(text.length, 0),
    offset: text.length,
    length: 0,
    pointer: '',
  };
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.offset - b.offset || a.length - b.length || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

function toDiagnostic(rule: Rule, severity: Severity, r: Report, doc: ParsedDocument): Diagnostic {
  const offset = r.node ? r.node.offset : r.offset ?? 0;
  const length = r.node ? r.node.length : r.length ?? 0;
  const d: Diagnostic = {
    code: rule.code,
    severity,
    message: elide(r.message, MAX_MESSAGE_LENGTH),
    range: doc.lines.range(offset, length),
    offset,
    length,
    pointer: r.pointer ?? (r.node ? jsonPointer(r.node) : ''),
  };
  // A fix without edits does nothing (e.g. its edits were past the fix budget): not offered.
  const fixes = r.fixes?.filter((f) => f.edits.length > 0);
  if (fixes && fixes.length) d.fixes = fixes;
  return d;
}

/** Shortens a long message to its start and end, never splitting a surrogate pair. */
export function elide(message: string, max: number): string {
  if (message.length <= max) return message;
  const tail = Math.floor(max / 3);
  let head = max - tail - 3;
  let from = message.length - tail;
  if (isLowSurrogate(message.charCodeAt(head))) head--;
  if (isLowSurrogate(message.charCodeAt(from))) from++;
  return `${message.slice(0, head)} … ${message.slice(from)}`;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

export { nodePath };
