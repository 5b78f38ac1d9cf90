/**
 * What a rule is: one module with its code, default severity, description, docs link and a
 * check over the parsed model. Rules report through the context; the engine applies
 * severities and suppressions.
 */
import type { Node } from 'jsonc-parser';
import type { ConfigModel } from './model';
import type { Catalogs, DestinationCatalog } from '../catalogs/catalog';
import type { Fix, Severity, TextEdit } from '../types';
import type { SpaceConfig } from '../workspace/space';
import type { Directive } from './suppressions';
import type { LoadedProfile } from '../preview/samples';

export const DOCS_BASE = 'https://github.com/idsync/idsync/blob/main/docs/rules/';

export interface RuleMeta {
  /** Stable id: diagnostic code, suppression comments, SARIF ruleId. */
  code: string;
  defaultSeverity: Severity;
  /** One sentence: what the rule reports. */
  description: string;
  /** True when the rule offers quick fixes. */
  fixable?: boolean;
  /** Runs after the other rules and the suppressions (unused-disable-directive). */
  runsLast?: boolean;
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext): void;
}

export interface Report {
  /** The node the diagnostic covers; for a property, prefer its key node or value node. */
  node?: Node;
  /** Or an explicit offset range (used for comments and syntax errors). */
  offset?: number;
  length?: number;
  message: string;
  /** Overrides the rule's default severity for this report (e.g. ios.idfa error, android.idfa warning). */
  severity?: Severity;
  fixes?: Fix[];
  /** JSON pointer override (defaults to the node's pointer). */
  pointer?: string;
}

export interface RuleContext {
  readonly model: ConfigModel;
  readonly catalogs: Catalogs;
  /** The space configuration governing the file (custom identifiers, extra destinations, severities). */
  readonly space: SpaceConfig;
  /** The destination catalog of `destination.slug` (built-in or from the space), if any. */
  readonly destination: DestinationCatalog | undefined;
  /** Inline suppression directives; after suppression, `used` says which suppressed something. */
  readonly directives: readonly Directive[];
  /** The known rule ids. */
  readonly ruleCodes: readonly string[];
  /** The sample profiles the config lists, read (empty when the front door does not read files). */
  readonly samples: readonly LoadedProfile[];
  report(report: Report): void;
  /**
   * Edits that set the value at a JSON path (targeted edits, else jsonc-parser `modify`; comments
   * survive). No edits (the fix is then not offered) where that is not safe: over a value a syntax
   * error touches, into an object without its closing brace or with a syntax error inside, or
   * through `modify` on a text with syntax errors or past the fix budget.
   */
  setValue(path: Array<string | number>, value: unknown): TextEdit[];
  /** Edits that remove the value at a JSON path (for an array item: the item and its comma); none from a container with a syntax error inside. */
  remove(path: Array<string | number>): TextEdit[];
  /** Edits that replace a string node's value, keeping everything around it. */
  replaceString(node: Node, value: string): TextEdit[];
}

export function docsUrl(code: string): string {
  return `${DOCS_BASE}${code}.md`;
}
