/**
 * `idsync/status`: what the extension's Language Status item shows for a file (the space file
 * that applies, how many rules are on, the overrides), and `idsync/statusChanged`, sent when a
 * space file changed so clients ask again.
 */
import { NotificationType0, RequestType } from 'vscode-languageserver';
import { ALL_RULES, EMPTY_SPACE } from '../engine';
import type { SpaceConfig, SpaceFile } from '../engine';
import type { ServerState } from './state';

export interface StatusParams {
  uri: string;
}

export interface StatusResult {
  /** Absolute path of the idsync.space.json that applies, or null. */
  spaceFile: string | null;
  /** Rules that are not "off" for this file. */
  rulesOn: number;
  rulesTotal: number;
  /** Rules the space file sets to a severity, by code. */
  overrides: Record<string, string>;
  /** Problems in the space file itself. */
  spaceProblems: number;
}

export const StatusRequest = new RequestType<StatusParams, StatusResult, void>('idsync/status');
/** Sent when something the status depends on changed (a space file); clients ask again. */
export const StatusChangedNotification = new NotificationType0('idsync/statusChanged');

export const emptyStatus = (): StatusResult => ({ spaceFile: null, rulesOn: ALL_RULES.length, rulesTotal: ALL_RULES.length, overrides: {}, spaceProblems: 0 });

export function statusOf(state: ServerState, uri: unknown): StatusResult {
  if (typeof uri !== 'string') return emptyStatus();
  let file: SpaceFile | undefined;
  let space: SpaceConfig = EMPTY_SPACE;
  try {
    ({ space, file } = state.workspaces.spaceFor(uri));
  } catch {
    // Unreadable space file: reported as a diagnostic; the status shows none.
  }
  const overrides: Record<string, string> = {};
  for (const [code, sev] of space.rules) overrides[code] = sev;
  const rulesOn = ALL_RULES.filter((r) => space.rules.get(r.code) !== 'off').length;
  return { spaceFile: file?.path ?? null, rulesOn, rulesTotal: ALL_RULES.length, overrides, spaceProblems: file?.diagnostics.length ?? 0 };
}
