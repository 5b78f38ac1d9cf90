/**
 * `--format sarif`: SARIF 2.1.0 as GitHub code scanning and GitHub Advanced Security for Azure
 * DevOps accept it (docs/cli.md#sarif). One run with `automationDetails.id` (the category); the
 * rules that produced results (sorted by id) with a PascalCase `name` and help URIs; 1-based
 * regions in UTF-16 code units; `partialFingerprints.primaryLocationLineHash` (the only
 * fingerprint GitHub uses) and `idsync/v1`, both from rule + file + JSON pointer, so alerts
 * survive reformatting; diagnostics silenced in source are left out (GitHub ignores SARIF
 * `suppressions` and would open an alert for them); unreadable paths as tool execution
 * notifications.
 */
import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import { ALL_RULES, DOCS_BASE, docsUrl } from '../../engine';
import type { Diagnostic, Severity } from '../../engine';
import { VERSION } from '../version';
import type { Formatter } from './report';
import { adoIdentity } from './azure-pipelines';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const INFORMATION_URI = new URL('../cli.md', DOCS_BASE).href;
export const FINGERPRINT_KEY = 'idsync/v1';
/** The one partialFingerprints key GitHub code scanning uses to track an alert. */
export const GITHUB_FINGERPRINT_KEY = 'primaryLocationLineHash';
export const DEFAULT_CATEGORY = 'idsync';

/**
 * `too-many-all` -> `TooManyAll`: the rule's friendly name (SARIF reportingDescriptor.name).
 * A name must differ from the id (multitool SARIF1001, case-insensitively): `syntax` ->
 * `SyntaxError`, any other one-word code gets `Problem`.
 */
export function ruleName(code: string): string {
  if (code === 'syntax') return 'SyntaxError';
  const name = code
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
  return name.toLowerCase() === code.toLowerCase() ? `${name}Problem` : name;
}

/** `run.automationDetails.id`: `<category>/`, as upload-sarif writes its `category` input. */
export function automationId(category: string): string {
  return category.endsWith('/') ? category : `${category}/`;
}

export function sarifLevel(s: Severity): Sarif.ReportingConfiguration.level {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

/** A relative '/'-path as a URI reference: each segment percent-encoded. */
export function toUri(relPath: string): string {
  return relPath
    .split('/')
    .map((seg) => (seg === '..' || seg === '.' ? seg : encodeURIComponent(seg)))
    .join('/');
}

/** sha256 of [ruleId, path, pointer]; the same triple repeated in a file gets ":2", ":3"... */
export function fingerprintHash(ruleId: string, path: string, pointer: string): string {
  return createHash('sha256').update(JSON.stringify([ruleId, path, pointer])).digest('hex');
}

function ruleDescriptor(code: string, observed: Severity): Sarif.ReportingDescriptor {
  const rule = ALL_RULES.find((r) => r.code === code);
  const description = rule?.description ?? `A problem idsync reports as "${code}".`;
  const severity = rule?.defaultSeverity ?? observed;
  const url = docsUrl(code);
  const full = `${description} Default severity: ${severity}.${rule?.fixable ? ' The editor offers a quick fix.' : ''}`;
  return {
    id: code,
    name: ruleName(code),
    shortDescription: { text: description },
    fullDescription: { text: full },
    helpUri: url,
    help: { text: `${full} Documentation: ${url}`, markdown: `${full}\n\n[Documentation](${url})` },
    defaultConfiguration: { level: sarifLevel(severity) },
  };
}

export const sarif: Formatter = (report, options) => {
  const used = new Map<string, Severity>();
  for (const f of report.files) for (const d of f.diagnostics) if (!used.has(d.code)) used.set(d.code, d.severity);
  const ids = [...used.keys()].sort();
  const rules = ids.map((id) => ruleDescriptor(id, used.get(id)!));
  const index = new Map(ids.map((id, i) => [id, i]));

  const results: Sarif.Result[] = [];
  for (const f of report.files) {
    const all: Diagnostic[] = [...f.diagnostics, ...f.suppressed].sort((a, b) => a.offset - b.offset || a.length - b.length || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const seen = new Map<string, number>();
    for (const d of all) {
      // Occurrences are numbered over suppressed diagnostics too, so adding or removing a
      // suppression comment does not renumber (and so re-open) the other alerts.
      const hash = fingerprintHash(d.code, f.path, d.pointer);
      const n = (seen.get(hash) ?? 0) + 1;
      seen.set(hash, n);
      if (d.suppressed) continue;
      const result: Sarif.Result = {
        ruleId: d.code,
        ruleIndex: index.get(d.code)!,
        level: sarifLevel(d.severity),
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: toUri(f.path), uriBaseId: '%SRCROOT%' },
              region: {
                startLine: d.range.start.line + 1,
                startColumn: d.range.start.character + 1,
                endLine: d.range.end.line + 1,
                endColumn: d.range.end.character + 1,
              },
            },
          },
        ],
        partialFingerprints: { [GITHUB_FINGERPRINT_KEY]: `${hash}:${n}`, [FINGERPRINT_KEY]: `${hash}:${n}` },
      };
      results.push(result);
    }
  }

  const invocation: Sarif.Invocation = { executionSuccessful: report.problems.length === 0 };
  // In Azure Pipelines the run carries the pipeline identity GHAzDO requires; elsewhere the category.
  const ado = adoIdentity(options.env ?? {});
  const automationDetails: Sarif.RunAutomationDetails = ado && 'id' in ado ? { id: ado.id, properties: ado.properties } : { id: automationId(options.category ?? DEFAULT_CATEGORY) };
  if (ado && 'problems' in ado) {
    invocation.toolConfigurationNotifications = [
      {
        level: 'warning',
        message: { text: `Azure Pipelines (TF_BUILD) without a usable ${ado.problems.join(', ')}: the run has no pipeline identity, so GitHub Advanced Security for Azure DevOps may reject it.` },
      },
    ];
  }
  if (report.problems.length) {
    invocation.toolExecutionNotifications = report.problems.map((p) => ({
      level: 'error',
      message: { text: `${p.path}: ${p.reason}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: toUri(p.path), uriBaseId: '%SRCROOT%' } } }],
    }));
  }

  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'idsync', fullName: `idsync ${VERSION}`, version: VERSION, semanticVersion: VERSION, informationUri: INFORMATION_URI, rules } },
        automationDetails,
        invocations: [invocation],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};
