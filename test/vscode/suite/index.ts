/**
 * The tests module VS Code loads in the extension host (`extensionTestsPath`): `run()` runs the
 * mocha suite and resolves when every test passed, rejects otherwise. The same module runs in
 * code-server (test/vscode/run.mjs, the workbench's `payload` parameter) and in desktop VS Code
 * (`npm run test:vscode -- --electron`, @vscode/test-electron's runTests).
 *
 * IDSYNC_VSCODE_GROUP picks the group: `main` (a trusted workspace, the default) or `restricted`
 * (an untrusted workspace: Restricted Mode). IDSYNC_VSCODE_GREP filters tests by name.
 */
import * as vscode from 'vscode';
import { registerMainTests } from './main-tests';
import { registerRestrictedTests } from './restricted-tests';

// mocha 12 is ESM; its CommonJS build loads in the extension host (kept out of the bundle).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Mocha = require('mocha/lib/mocha.cjs') as typeof import('mocha');

export function run(): Promise<void> {
  const group = process.env.IDSYNC_VSCODE_GROUP ?? 'main';
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30000, grep: process.env.IDSYNC_VSCODE_GREP || undefined });
  // Defines describe/it/before/after as globals, as mocha does for each spec file.
  mocha.suite.emit('pre-require', globalThis, 'idsync-vscode-suite', mocha);
  if (group === 'main') registerMainTests();
  else if (group === 'restricted') registerRestrictedTests();
  else return Promise.reject(new Error(`IDSYNC_VSCODE_GROUP=${group}: expected main or restricted`));
  console.log(`idsync vscode suite: group ${group}, VS Code ${vscode.version}, ${vscode.env.appHost} (${vscode.env.uiKind === vscode.UIKind.Web ? 'web UI' : 'desktop UI'}), extension host Node ${process.version}`);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
