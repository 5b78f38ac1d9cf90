/**
 * The engine: parse once, build the model in one walk, run every rule over it, apply
 * severities and suppressions. Pure: text in, diagnostics out.
 */
import type { Catalogs, DestinationCatalog } from '../catalogs/catalog';
import { findDestination } from '../catalogs/catalog';
import type { Diagnostic } from '../types';
import type { Rule, RuleMeta } from './rule';
import { parseDocument, ParsedDocument } from './parse';
import { LineIndex } from '../line-index';
import { buildModel, ConfigModel } from './model';
import { builtinCatalogs } from '../catalogs/builtin';
import { EMPTY_SPACE, SpaceConfig } from '../workspace/space';
import { parseDirectives } from './suppressions';
import { nodePath } from '../json';
import { ALL_RULES } from './rules';
import type { LoadedProfile } from '../preview/samples';
import { FileLint, RuleReportContext } from './rule-context';

export { detectFormatting, elide, FIX_PARSE_BUDGET, MAX_MESSAGE_LENGTH } from './rule-context';

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
  const file = new FileLint(text, doc, model, catalogs, space, destination, directives, maxDiagnostics);
  file.samples = options.samples && model.samples ? options.samples(model) : [];
  const run = (rule: Rule) => {
    const configured = space.rules.get(rule.code);
    if (configured === 'off') return;
    rule.check(new RuleReportContext(file, rule, configured, RULE_CODES));
  };
  for (const rule of rules) if (!rule.runsLast) run(rule);
  for (const rule of rules) if (rule.runsLast) run(rule);

  const { diagnostics, suppressed } = file;
  let omitted = file.omitted;
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

export { nodePath };
