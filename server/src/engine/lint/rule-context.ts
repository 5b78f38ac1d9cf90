/**
 * The state of one file's lint (`FileLint`) and the context each rule gets (`RuleReportContext`:
 * its own `report`, which knows the rule, its configured severity and its own counts, as ESLint
 * makes one context per rule).
 *
 * Both are classes so that every context has the same shape: rules read `ctx.model`,
 * `ctx.destination`... on objects the JavaScript engine sees as one type, on every file.
 */
import { modify } from 'jsonc-parser';
import type { FormattingOptions, Node } from 'jsonc-parser';
import type { Catalogs, DestinationCatalog } from '../catalogs/catalog';
import type { Diagnostic, Severity, TextEdit } from '../types';
import type { SpaceConfig } from '../workspace/space';
import type { LoadedProfile } from '../preview/samples';
import type { Report, Rule, RuleContext } from './rule';
import type { ParsedDocument } from './parse';
import type { ConfigModel } from './model';
import { findSuppression, nextLineComments } from './suppressions';
import type { Directive } from './suppressions';
import { indexNextLineComments, removeEdits, setValueEdits, withNextLineComments } from './fix-edits';
import type { NextLineIndex } from './fix-edits';
import { jsonPointer } from '../json';

/** Longer messages keep their start and end, with the middle elided (a value quoted in full could be megabytes). */
export const MAX_MESSAGE_LENGTH = 1000;
/**
 * Budget of text (in characters) that `setValue`/`remove` may re-parse per lint (jsonc-parser
 * `modify` parses the whole text on each call). Past it, those helpers return no edits and the
 * engine drops fixes without edits: the diagnostics stay, their quick fixes are not offered.
 * Ordinary files never get near it; a 400 kB file with thousands of fixable entries does.
 */
export const FIX_PARSE_BUDGET = 4_000_000;

/** Formatting options that match the document's own indentation and line ends. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const m = /\n([ \t]+)\S/.exec(text);
  if (m && m[1].startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  const size = m ? Math.min(m[1].length, 8) : 2;
  return { insertSpaces: true, tabSize: size, eol };
}

/** One file's lint: what every rule shares, and the diagnostics collected so far. */
export class FileLint {
  readonly diagnostics: Diagnostic[] = [];
  readonly suppressed: Diagnostic[] = [];
  /** Reports past the cap (counted, not built). */
  omitted = 0;
  samples: readonly LoadedProfile[] = [];
  private parseBudget = FIX_PARSE_BUDGET;
  private formatting: FormattingOptions | undefined;
  private nextLine: NextLineIndex | undefined;

  constructor(
    readonly text: string,
    readonly doc: ParsedDocument,
    readonly model: ConfigModel,
    readonly catalogs: Catalogs,
    readonly space: SpaceConfig,
    readonly destination: DestinationCatalog | undefined,
    readonly directives: Directive[],
    readonly maxDiagnostics: number,
  ) {}

  formattingOptions(): FormattingOptions {
    return (this.formatting ??= detectFormatting(this.text));
  }

  /**
   * jsonc-parser's `modify`, within the fix budget. It re-parses the text its own way and
   * rewrites whole containers: on a text with syntax errors its edits can land anywhere, even past
   * the end of the text (docs/reliability.md), so fixes that need it are not offered on such a text.
   */
  readonly modifyWithinBudget = (path: Array<string | number>, value: unknown): TextEdit[] => {
    if (this.doc.errors.length > 0) return [];
    if (this.parseBudget < this.text.length) return [];
    this.parseBudget -= this.text.length;
    return modify(this.text, path, value, { formattingOptions: this.formattingOptions() });
  };

  setValue(path: Array<string | number>, value: unknown): TextEdit[] {
    return setValueEdits(this.text, this.doc.root, path, value, this.formattingOptions(), this.modifyWithinBudget, this.doc.errors);
  }

  remove(path: Array<string | number>): TextEdit[] {
    // An idsync-disable-next-line directive above a removed line goes with it.
    this.nextLine ??= indexNextLineComments(this.text, nextLineComments(this.directives));
    const edits = removeEdits(this.text, this.doc.root, path, this.formattingOptions(), this.modifyWithinBudget, this.doc.errors);
    return withNextLineComments(this.text, edits, this.nextLine);
  }
}

/** The context one rule checks a file with. */
export class RuleReportContext implements RuleContext {
  readonly model: ConfigModel;
  readonly catalogs: Catalogs;
  readonly space: SpaceConfig;
  readonly destination: DestinationCatalog | undefined;
  readonly directives: readonly Directive[];
  readonly samples: readonly LoadedProfile[];
  private readonly suppressible: boolean;
  private kept = 0;
  private keptSuppressed = 0;

  constructor(
    private readonly file: FileLint,
    private readonly rule: Rule,
    /** The severity the space or the command line sets for the rule, if any. */
    private readonly configured: Severity | undefined,
    readonly ruleCodes: readonly string[],
  ) {
    this.model = file.model;
    this.catalogs = file.catalogs;
    this.space = file.space;
    this.destination = file.destination;
    this.directives = file.directives;
    this.samples = file.samples;
    this.suppressible = !rule.runsLast && rule.code !== 'syntax';
  }

  report(r: Report): void {
    const { file, rule } = this;
    const offset = r.node ? r.node.offset : r.offset ?? 0;
    // Suppressions are decided for every report, even past the cap, so directives are marked used.
    const directive = this.suppressible ? findSuppression(file.directives, rule.code, file.doc.lines.positionAt(offset).line) : undefined;
    const severity = this.configured ?? r.severity ?? rule.defaultSeverity;
    if (directive) {
      if (this.keptSuppressed++ >= file.maxDiagnostics) return;
      const d = toDiagnostic(rule, severity, r, file.doc);
      d.suppressed = { justification: directive.justification };
      file.suppressed.push(d);
    } else if (this.kept++ >= file.maxDiagnostics) file.omitted++;
    else file.diagnostics.push(toDiagnostic(rule, severity, r, file.doc));
  }

  setValue(path: Array<string | number>, value: unknown): TextEdit[] {
    return this.file.setValue(path, value);
  }

  remove(path: Array<string | number>): TextEdit[] {
    return this.file.remove(path);
  }

  replaceString(node: Node, value: string): TextEdit[] {
    return [{ offset: node.offset, length: node.length, content: JSON.stringify(value) }];
  }
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
