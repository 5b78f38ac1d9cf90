/** `idsync/preview` (request) and `idsync/previewClosed` (notification): the preview panel (`../previews.ts`). */
import type { PreviewParams, PreviewResult } from '../preview';
import type { ServerState } from '../state';

export function preview(s: ServerState, params: PreviewParams): Promise<PreviewResult> {
  return s.previews.requested((params as { uri?: unknown } | null)?.uri as string);
}

export function previewClosed(s: ServerState, params: PreviewParams): void {
  s.previews.closed(params.uri);
}
