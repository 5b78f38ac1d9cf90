/**
 * The engine: parse once, build the model in one walk, run every rule over it, apply
 * severities and suppressions. Pure: text in, diagnostics out.
 */
import type { FormattingOptions } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';
import type { Catalogs, DestinationCatalog } from './catalog';
import type { Diagnostic, Severity, TextEdit } from './types';
import type { Rule, RuleContext, Report } from './rule';
import { parseDocument } from './parse';
import { buildModel, ConfigModel } from './model';
import { builtinCatalogs } from './builtin-catalogs';
import { EMPTY_SPACE, SpaceConfig } from './space';
import { parseDirectives, findSuppression } from './suppress';
import { jsonPointer, nodePath } from './json';
import { ALL_RULES } from './rules';
import type { LoadedProfile } from './preview';
import { removeEdits, setValueEdits } from './edit';

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
}

export interface LintResult {
  /** Diagnostics in document order, suppressed ones excluded. */
  diagnostics: Diagnostic[];
  /** Diagnostics an inline directive suppressed (for SARIF). */
  suppressed: Diagnostic[];
  model: ConfigModel;
}

export const RULE_CODES: readonly string[] = ALL_RULES.map((r) => r.code);

/** The destination catalog for a slug: the space's own catalog first, then the built-in one. */
export function findDestination(slug: string | undefined, catalogs: Catalogs, space: SpaceConfig): DestinationCatalog | undefined {
  if (slug === undefined) return undefined;
  return space.destinations.get(slug) ?? catalogs.destinations.get(slug);
}

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
  const doc = parseDocument(text);
  const model = buildModel(doc, catalogs);
  const slug = model.slug?.type === 'string' ? (model.slug.value as string) : undefined;
  const destination = findDestination(slug, catalogs, space);
  model.destinationCatalog = destination;
  const directives = parseDirectives(doc);
  let formatting: FormattingOptions | undefined;
  const fmt = () => (formatting ??= detectFormatting(text));

  const raw: Diagnostic[] = [];
  let current: Rule;
  let severity: Severity;
  const ctx: RuleContext = {
    model,
    catalogs,
    space,
    destination,
    directives,
    ruleCodes: RULE_CODES,
    samples: options.samples && model.samples ? options.samples(model) : [],
    report(r: Report) {
      raw.push(toDiagnostic(current, severity, r, model));
    },
    setValue(path, value): TextEdit[] {
      return setValueEdits(text, doc.root, path, value, fmt());
    },
    remove(path): TextEdit[] {
      return removeEdits(text, doc.root, path, fmt());
    },
    replaceString(node: Node, value: string): TextEdit[] {
      return [{ offset: node.offset, length: node.length, content: JSON.stringify(value) }];
    },
  };

  const run = (rule: Rule) => {
    const setting = space.rules.get(rule.code);
    if (setting === 'off') return;
    current = rule;
    severity = setting ?? rule.defaultSeverity;
    const before = raw.length;
    rule.check(ctx);
    if (setting) for (let i = before; i < raw.length; i++) raw[i].severity = setting;
  };

  for (const rule of rules) if (!rule.runsLast) run(rule);

  const diagnostics: Diagnostic[] = [];
  const suppressed: Diagnostic[] = [];
  for (const d of raw) {
    const directive = d.code === 'syntax' ? undefined : findSuppression(directives, d.code, d.range.start.line);
    if (directive) {
      d.suppressed = { justification: directive.justification };
      suppressed.push(d);
    } else diagnostics.push(d);
  }
  const lastStart = raw.length;
  for (const rule of rules) if (rule.runsLast) run(rule);
  diagnostics.push(...raw.slice(lastStart));

  diagnostics.sort(byPosition);
  suppressed.sort(byPosition);
  return { diagnostics, suppressed, model };
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.offset - b.offset || a.length - b.length || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

function toDiagnostic(rule: Rule, severity: Severity, r: Report, model: ConfigModel): Diagnostic {
  const offset = r.node ? r.node.offset : r.offset ?? 0;
  const length = r.node ? r.node.length : r.length ?? 0;
  const d: Diagnostic = {
    code: rule.code,
    severity: r.severity ?? severity,
    message: r.message,
    range: model.doc.lines.range(offset, length),
    offset,
    length,
    pointer: r.pointer ?? (r.node ? jsonPointer(r.node) : ''),
  };
  if (r.fixes && r.fixes.length) d.fixes = r.fixes;
  return d;
}

export { nodePath };
