/** The suite's environment in the Node extension host: Node's fs, child_process and crypto (see env.ts). */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CliReport, SuiteEnv } from './env';

/** The repository (the bundle is test/vscode/.build/suite.js). */
const ROOT = path.resolve(__dirname, '../../..');

function workspaceRoot(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the suite needs a workspace folder (the runner opens a copy of the fixture workspace)');
  return f.uri.fsPath;
}

export const nodeEnv: SuiteEnv = {
  host: 'node',
  /** Runs the built CLI with the extension host's own Node (ELECTRON_RUN_AS_NODE for desktop VS Code, where process.execPath is the Electron binary). */
  cliCheck(overrides, args) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-vscode-expect-'));
    try {
      fs.cpSync(workspaceRoot(), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}.vscode`) });
      for (const [rel, text] of Object.entries(overrides)) fs.writeFileSync(path.join(dir, rel), text);
      const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'check', '.', '--format', 'json', ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      });
      assert.ok(r.status === 0 || r.status === 1, `idsync check exited ${r.status}: ${r.stderr}`);
      return JSON.parse(r.stdout) as CliReport;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  repoFile: (rel) => (fs.existsSync(path.join(ROOT, rel)) ? fs.readFileSync(path.join(ROOT, rel), 'utf8') : undefined),
  readWorkspaceFile: (rel) => fs.readFileSync(path.join(workspaceRoot(), rel), 'utf8'),
  writeWorkspaceFile: (rel, text) => fs.writeFileSync(path.join(workspaceRoot(), rel), text),
  removeWorkspaceFile: (rel) => fs.rmSync(path.join(workspaceRoot(), rel), { force: true }),
  sha256: (text) => createHash('sha256').update(text).digest('hex'),
  setServerCrashAfter(ms) {
    // The server's test hook (server/src/lsp/main.ts): exit(99) this long after the start. The
    // client forks the server with this process's environment, so only the next start has it.
    if (ms === undefined) delete process.env.IDSYNC_SERVER_CRASH_AFTER_MS;
    else process.env.IDSYNC_SERVER_CRASH_AFTER_MS = String(ms);
    return true;
  },
};
