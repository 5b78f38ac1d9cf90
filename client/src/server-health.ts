/**
 * What the extension does when the language server process dies, and what the Language Status
 * item says about it. Pure (no `vscode` import) so it is unit-tested in test/client/.
 *
 * Policy (like vscode-languageclient's default, made explicit and recorded): every crash is
 * restarted, unless this is the 5th crash within 3 minutes; then the server stays stopped until
 * the user runs "ID Sync: Restart Language Server" (which resets the record).
 */

export const MAX_CRASHES = 5;
export const CRASH_WINDOW_MS = 3 * 60 * 1000;
export const RESTART_COMMAND = 'idsync.restartServer';

export type HealthState = 'running' | 'stopped';

export interface ServerHealth {
  state: HealthState;
  /** Crashes since the extension started or the user last restarted the server. */
  crashes: number;
  /** Times (ms) of the crashes inside the current window, oldest first. */
  recent: number[];
  /** Time (ms) of the last crash. */
  lastCrash?: number;
}

export type CrashDecision = 'restart' | 'stop';

export function initialHealth(): ServerHealth {
  return { state: 'running', crashes: 0, recent: [] };
}

/**
 * Records a crash at `now` and decides: restart, or stop when this is the MAX_CRASHES-th crash
 * within CRASH_WINDOW_MS. Returns the new record (the input is not changed).
 */
export function recordCrash(h: ServerHealth, now: number, max = MAX_CRASHES, windowMs = CRASH_WINDOW_MS): { health: ServerHealth; decision: CrashDecision } {
  const recent = [...h.recent.filter((t) => now - t < windowMs), now];
  const decision: CrashDecision = recent.length >= max ? 'stop' : 'restart';
  return { health: { state: decision === 'stop' ? 'stopped' : 'running', crashes: h.crashes + 1, recent, lastCrash: now }, decision };
}

/** The user restarted the server by hand: a fresh record. */
export function manualRestart(): ServerHealth {
  return initialHealth();
}

export type StatusSeverity = 'information' | 'warning' | 'error';

export interface HealthStatus {
  /** Replaces the item's text (only when the server is stopped). */
  text?: string;
  detail: string;
  severity: StatusSeverity;
  /** A command the item offers. */
  command?: { title: string; command: string };
}

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

function minutes(ms: number): string {
  const m = Math.round(ms / 60000);
  return m === 1 ? '1 minute' : `${m} minutes`;
}

/**
 * What the Language Status item shows about the server's health; undefined when there is
 * nothing to say (no crash since the start or the last manual restart).
 */
export function healthStatus(h: ServerHealth, windowMs = CRASH_WINDOW_MS): HealthStatus | undefined {
  if (h.state === 'stopped') {
    return {
      text: 'ID Sync: server stopped',
      detail: `stopped: crashed ${h.recent.length} times in ${minutes(windowMs)} — run ID Sync: Restart Language Server`,
      severity: 'error',
      command: { title: 'Restart Server', command: RESTART_COMMAND },
    };
  }
  if (h.crashes === 0) return undefined;
  return {
    detail: `idsync server restarted after a crash (${times(h.crashes)})`,
    severity: 'warning',
    command: { title: 'Show Output', command: 'idsync.showOutput' },
  };
}

/** The line written to the output channel when the server dies. */
export function crashLogLine(h: ServerHealth, decision: CrashDecision, windowMs = CRASH_WINDOW_MS): string {
  return decision === 'restart'
    ? `The idsync language server stopped unexpectedly; restarting it (crash ${h.crashes}, ${h.recent.length} in the last ${minutes(windowMs)}).`
    : `The idsync language server crashed ${h.recent.length} times in ${minutes(windowMs)}; it is not restarted. Run "ID Sync: Restart Language Server" to start it again.`;
}
