/**
 * The extension in an untrusted workspace (Restricted Mode): it declares
 * `capabilities.untrustedWorkspaces.supported`, so it still runs and lints.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, cliDiagnostics, expectDiagnostics, idsyncApi, openDoc } from './helpers';

const PROBLEMS = 'configs/facebook-problems.idsync.json';

export function registerRestrictedTests(): void {
  const it = (title: string, fn: () => Promise<void> | void) =>
    globalThis.it(title, async () => {
      await idsyncApi(); // activation first: a broken extension fails each test by name
      await fn();
    });
  describe('idsync in Restricted Mode (untrusted workspace)', () => {
    it('the workspace is not trusted', () => {
      assert.equal(vscode.workspace.isTrusted, false);
    });

    it(`${PROBLEMS}: diagnostics still equal idsync check --format json`, async () => {
      await openDoc(PROBLEMS);
      const expected = cliDiagnostics(PROBLEMS);
      assert.equal(expected.length, 3, 'the fixture\'s three problems (CLI)');
      await expectDiagnostics(PROBLEMS, expected);
      assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, `${EXTENSION_ID} is active`);
    });
  });
}
