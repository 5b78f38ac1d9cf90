/** What `idsync check` found, handed to the formatters. */
import type { Diagnostic, Severity } from '../../engine';

export interface FileReport {
  /** Relative to the working directory, '/'-separated. */
  path: string;
  kind: 'config' | 'space';
  /** --fix, --fix-dry-run: how many fixes were applied to this config (would be, with --fix-dry-run). */
  fixed?: number;
  /** Diagnostics to show (after --quiet), in document order. */
  diagnostics: Diagnostic[];
  /** Diagnostics an inline directive suppressed (after --quiet), in document order. */
  suppressed: Diagnostic[];
}

export interface PathProblem {
  /** Relative to the working directory, '/'-separated. */
  path: string;
  reason: string;
}

export interface CheckReport {
  /** Sorted by path. */
  files: FileReport[];
  /** Paths that could not be checked, sorted by path. */
  problems: PathProblem[];
}

export interface FormatOptions {
  color: boolean;
  /** SARIF only: the analysis category (`run.automationDetails.id` is `<category>/`). */
  category?: string;
  /** SARIF only: the environment, for the Azure Pipelines run identity (azure-pipelines.ts). */
  env?: Readonly<Record<string, string | undefined>>;
}

export type Formatter = (report: CheckReport, options: FormatOptions) => string;

export interface Counts {
  error: number;
  warning: number;
  info: number;
}

export function count(files: readonly FileReport[]): Counts {
  const c: Counts = { error: 0, warning: 0, info: 0 };
  for (const f of files) for (const d of f.diagnostics) c[bucket(d.severity)]++;
  return c;
}

/** Hints count with infos. */
export function bucket(s: Severity): keyof Counts {
  return s === 'hint' ? 'info' : s;
}
