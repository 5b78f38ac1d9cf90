/**
 * The restart policy and the Language Status text for a dying language server
 * (client/src/server-health.ts, pure: no vscode), and the IDSYNC_SERVER_CRASH_AFTER_MS test hook
 * of the bundled server that lets the end-to-end suite kill it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import {
  CRASH_WINDOW_MS,
  MAX_CRASHES,
  crashLogLine,
  healthStatus,
  initialHealth,
  manualRestart,
  recordCrash,
  ServerHealth,
} from '../../client/src/server-health';

const ROOT = path.resolve(__dirname, '../../..');
const MIN = 60_000;

/** Crashes at the given times (ms); returns every decision and the final record. */
function crashes(at: number[]): { decisions: string[]; health: ServerHealth } {
  let health = initialHealth();
  const decisions: string[] = [];
  for (const t of at) {
    const r = recordCrash(health, t);
    health = r.health;
    decisions.push(r.decision);
  }
  return { decisions, health };
}

describe('client: server health (restart policy and status text)', () => {
  it('uses the documented limits: 5 crashes in 3 minutes', () => {
    assert.equal(MAX_CRASHES, 5);
    assert.equal(CRASH_WINDOW_MS, 3 * MIN);
  });

  it('restarts the first four crashes in 3 minutes and stops at the fifth', () => {
    const { decisions, health } = crashes([0, 10_000, 20_000, 30_000, 40_000]);
    assert.deepEqual(decisions, ['restart', 'restart', 'restart', 'restart', 'stop']);
    assert.deepEqual(health, { state: 'stopped', crashes: 5, recent: [0, 10_000, 20_000, 30_000, 40_000], lastCrash: 40_000 });
  });

  it('keeps restarting when the crashes are spread out (older than 3 minutes drop out of the window)', () => {
    const { decisions, health } = crashes([0, 1 * MIN, 2 * MIN, 3 * MIN, 4 * MIN, 5 * MIN, 6 * MIN]);
    assert.deepEqual(decisions, Array(7).fill('restart'));
    assert.equal(health.crashes, 7);
    assert.deepEqual(health.recent, [4 * MIN, 5 * MIN, 6 * MIN]);
    // A crash exactly 3 minutes after another: the older one no longer counts (4 in the window: restart).
    const edge = recordCrash({ state: 'running', crashes: 4, recent: [0, 1, 2, 3] }, 3 * MIN);
    assert.deepEqual([edge.decision, edge.health.recent], ['restart', [1, 2, 3, 3 * MIN]]);
    assert.equal(recordCrash({ state: 'running', crashes: 4, recent: [0, 1, 2, 3] }, 3 * MIN - 1).decision, 'stop');
  });

  it('does not change the record it is given', () => {
    const h = initialHealth();
    recordCrash(h, 5);
    assert.deepEqual(h, { state: 'running', crashes: 0, recent: [] });
  });

  it('says nothing before a crash, "restarted after a crash (n times)" after restarts, and "stopped" with the command to run', () => {
    assert.equal(healthStatus(initialHealth()), undefined);
    assert.deepEqual(healthStatus(crashes([0]).health), {
      detail: 'idsync server restarted after a crash (once)',
      severity: 'warning',
      command: { title: 'Show Output', command: 'idsync.showOutput' },
    });
    assert.equal(healthStatus(crashes([0, 1, 2]).health)!.detail, 'idsync server restarted after a crash (3 times)');
    assert.deepEqual(healthStatus(crashes([0, 1, 2, 3, 4]).health), {
      text: 'ID Sync: server stopped',
      detail: 'stopped: crashed 5 times in 3 minutes — run ID Sync: Restart Language Server',
      severity: 'error',
      command: { title: 'Restart Server', command: 'idsync.restartServer' },
    });
  });

  it('a manual restart clears the record', () => {
    assert.deepEqual(manualRestart(), initialHealth());
    assert.equal(healthStatus(manualRestart()), undefined);
  });

  it('logs what happened and what the extension does', () => {
    const one = recordCrash(initialHealth(), 0);
    assert.equal(crashLogLine(one.health, one.decision), 'The idsync language server stopped unexpectedly; restarting it (crash 1, 1 in the last 3 minutes).');
    const five = crashes([0, 1, 2, 3, 4]);
    assert.equal(
      crashLogLine(five.health, 'stop'),
      'The idsync language server crashed 5 times in 3 minutes; it is not restarted. Run "ID Sync: Restart Language Server" to start it again.',
    );
  });

  it('the pure module imports nothing (no vscode), and the extension (desktop and web: activate.ts) wires it into an explicit errorHandler', () => {
    const src = fs.readFileSync(path.join(ROOT, 'client/src/server-health.ts'), 'utf8');
    assert.doesNotMatch(src, /^\s*import\s|\brequire\(|\bimport\(/m);
    // (activate.ts: the part the desktop and the web extension share)
    const ext = fs.readFileSync(path.join(ROOT, 'client/src/activate.ts'), 'utf8');
    assert.match(ext, /errorHandler: \{/);
    assert.match(ext, /recordCrash\(health, Date\.now\(\)\)/);
    assert.match(ext, /CloseAction\.Restart : CloseAction\.DoNotRestart/);
  });
});

describe('language server: the IDSYNC_SERVER_CRASH_AFTER_MS test hook', () => {
  const server = path.join(ROOT, 'dist/server.js');

  function runServer(env: Record<string, string>, killAfterMs: number): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [server, '--stdio'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const timer = setTimeout(() => child.kill(), killAfterMs);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr });
      });
    });
  }

  it('makes the bundled server exit with code 99 after the given time', async () => {
    const r = await runServer({ IDSYNC_SERVER_CRASH_AFTER_MS: '50' }, 10_000);
    assert.equal(r.code, 99);
    assert.match(r.stderr, /exiting on purpose \(IDSYNC_SERVER_CRASH_AFTER_MS is set, a test hook\)/);
  });

  it('is off when the variable is unset or not a number', async () => {
    for (const env of [{}, { IDSYNC_SERVER_CRASH_AFTER_MS: 'soon' }] as Array<Record<string, string>>) {
      const r = await runServer(env, 300);
      assert.equal(r.code, null, `killed by the test, not exited (${JSON.stringify(env)})`);
    }
  });
});
