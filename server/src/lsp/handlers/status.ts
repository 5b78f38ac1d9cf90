/** `idsync/status`: the Language Status item's facts for a file (`../status.ts`). */
import type { ServerState } from '../state';
import { statusOf } from '../status';
import type { StatusParams, StatusResult } from '../status';

export function status(s: ServerState, params: StatusParams): StatusResult {
  return statusOf(s, (params as { uri?: unknown } | null)?.uri);
}
