/**
 * The tests module for the web-worker extension host (test/vscode/.build/suite.web.js, group
 * `web`): the same tests as the Node host's `main` group, against the web extension (the staged
 * copy has only the `browser` entry). There is no Node here: mocha is its browser build (bundled),
 * `node:assert/strict` is assert-web.ts, and what needs Node is asked of the runner (env-web.ts).
 * The runner writes the helper server's address, the group and the grep into
 * `.vscode/idsync-test.json` of the workspace.
 */
import * as vscode from 'vscode';
import { webEnv } from './env-web';
import { runSuite } from './run-suite';
import type { MochaLike } from './run-suite';

// mocha's browser build: a UMD bundle that also sets globalThis.Mocha.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('mocha/mocha.js');

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the web suite needs a workspace folder');
  const config = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.vscode/idsync-test.json')))) as { oracle: string; group: string; grep?: string };
  const Mocha = (globalThis as unknown as { Mocha: MochaLike }).Mocha;
  return runSuite(Mocha, webEnv(config.oracle), config.group, config.grep, 'web-worker extension host (no Node)');
}
