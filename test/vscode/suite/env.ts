/**
 * What the suite needs from outside VS Code: the CLI's diagnostics (the expected values), files
 * of the repository and of the workspace, SHA-256 digests computed independently of idsync, and
 * the server's crash hook. In the Node extension host (`env-node.ts`) these are Node's own
 * modules; in the web-worker extension host (`env-web.ts`, no Node there) they are asked of the
 * runner (test/vscode/run.mjs) over loopback HTTP.
 */

export interface CliReport {
  files: Array<{ path: string; diagnostics: Array<{ code: string; severity: 'error' | 'warning' | 'info' | 'hint'; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }> }>;
}

export interface SuiteEnv {
  /** Which extension host the suite runs in. */
  readonly host: 'node' | 'web';
  /** `idsync check . --format json` on a copy of the workspace as it is on disk, `overrides` ({ relPath: text }) written over it. */
  cliCheck(overrides: Record<string, string>, args: string[]): CliReport;
  /** A file of the repository (relative to its root); undefined when missing. */
  repoFile(rel: string): string | undefined;
  readWorkspaceFile(rel: string): string;
  writeWorkspaceFile(rel: string, text: string): void;
  removeWorkspaceFile(rel: string): void;
  /** SHA-256 (hex) of the UTF-8 text, by Node's crypto (never idsync's own). */
  sha256(text: string): string;
  /** Sets the Node server's crash hook for the next start; false where there is none (the web worker). */
  setServerCrashAfter(ms: number | undefined): boolean;
}

let current: SuiteEnv | undefined;

export function setSuiteEnv(env: SuiteEnv): void {
  current = env;
}

export function suiteEnv(): SuiteEnv {
  if (!current) throw new Error('the suite environment is not set (run() sets it)');
  return current;
}
