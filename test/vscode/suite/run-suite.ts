/**
 * Runs the mocha suite of one group in the extension host, with the environment of that host
 * (env.ts): resolves when every test passed, rejects otherwise. Shared by the Node entry
 * (`index.ts`) and the web-worker one (`index.web.ts`).
 */
import * as vscode from 'vscode';
import { setSuiteEnv } from './env';
import type { SuiteEnv } from './env';
import { registerMainTests } from './main-tests';
import { registerRestrictedTests } from './restricted-tests';

export interface MochaLike {
  new (options: { ui: string; reporter: string; color: boolean; timeout: number; grep?: string }): {
    suite: { emit(event: string, ...args: unknown[]): void };
    run(done: (failures: number) => void): void;
  };
}

export function runSuite(Mocha: MochaLike, env: SuiteEnv, group: string, grep: string | undefined, hostInfo: string): Promise<void> {
  setSuiteEnv(env);
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30000, grep: grep || undefined });
  // Defines describe/it/before/after as globals, as mocha does for each spec file.
  mocha.suite.emit('pre-require', globalThis, 'idsync-vscode-suite', mocha);
  if (group === 'main' || group === 'web') registerMainTests();
  else if (group === 'restricted') registerRestrictedTests();
  else return Promise.reject(new Error(`group ${group}: expected main, restricted or web`));
  console.log(`idsync vscode suite: group ${group}, VS Code ${vscode.version}, ${vscode.env.appHost} (${vscode.env.uiKind === vscode.UIKind.Web ? 'web UI' : 'desktop UI'}), ${hostInfo}`);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
