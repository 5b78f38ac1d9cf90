/**
 * The suite's environment in the web-worker extension host, where there is no Node: each
 * operation is a synchronous XMLHttpRequest (allowed in workers; the host's CSP allows
 * http://127.0.0.1:*) to the runner's helper server (test/vscode/run.mjs, `oracle`), which runs the
 * CLI, reads and writes the files and computes digests with Node (see env.ts).
 */
import type { CliReport, SuiteEnv } from './env';

// The worker's XMLHttpRequest (the suite's TypeScript lib has no DOM types).
declare const XMLHttpRequest: new () => { open(method: string, url: string, async: boolean): void; send(body: string): void; status: number; responseText: string };

export function webEnv(oracle: string): SuiteEnv {
  const call = <T>(op: string, args: unknown): T => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${oracle}/${op}`, false);
    xhr.send(JSON.stringify(args));
    if (xhr.status !== 200) throw new Error(`the runner's helper server answered ${xhr.status} to ${op}: ${xhr.responseText}`);
    return JSON.parse(xhr.responseText) as T;
  };
  return {
    host: 'web',
    cliCheck: (overrides, args) => call<CliReport>('check', { overrides, args }),
    repoFile: (rel) => call<{ text: string | null }>('repo-file', { rel }).text ?? undefined,
    readWorkspaceFile: (rel) => call<{ text: string }>('read', { rel }).text,
    writeWorkspaceFile: (rel, text) => void call('write', { rel, text }),
    removeWorkspaceFile: (rel) => void call('rm', { rel }),
    sha256: (text) => call<{ hex: string }>('sha256', { text }).hex,
    setServerCrashAfter: () => false,
  };
}
