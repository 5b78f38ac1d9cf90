/**
 * The preview's protocol and editor views: the `idsync/preview` request and notifications, the
 * hover targets and hover table, the `idsync/preview` result (Markdown, JSON and an escaped HTML
 * fragment for the preview panel) and the CodeLens. What is previewed, and the caches, live in
 * `previews.ts`.
 */
import { findNodeAtOffset, getNodePath } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';
import { NotificationType, RequestType } from 'vscode-languageserver';
import { basename, previewToJson, renderPreviewHtml, renderPreviewMarkdown } from '../engine';
import type { ConfigModel, ConfigPreview, LoadedProfile, SampleOrigin, SampleRef } from '../engine';

export interface PreviewParams {
  uri: string;
}

export interface PreviewResult {
  uri: string;
  /** The document version previewed; null when the config was read from disk. */
  version: number | null;
  /** The config's file name. */
  fileName: string;
  /** The panel title: `ID Sync preview: <file name>`. */
  title: string;
  /** True when raw values are masked (setting `idsync.preview.maskValues`). */
  masked: boolean;
  /** Where the profiles came from: the config's `samples`, the setting, the default folder, or none. */
  source: SampleOrigin | 'none';
  profileCount: number;
  /** The full preview as Markdown (the hover's renderer, every row and value). */
  markdown: string;
  /** `previewToJson` (what `idsync preview --format json` prints), masked when `masked`, plus `source`. */
  json: unknown;
  /** The preview panel's body: an HTML fragment in which every value from a file is escaped. */
  html: string;
  /** Set when the config itself cannot be read; the rest is empty. */
  error?: string;
}

export interface PreviewChangedParams {
  uri: string;
  version: number | null;
}

export const PreviewRequest = new RequestType<PreviewParams, PreviewResult, void>('idsync/preview');
/** Sent when the preview of a config a client asked for (`idsync/preview`) has changed. */
export const PreviewChangedNotification = new NotificationType<PreviewChangedParams>('idsync/previewChanged');
/** Sent by a client that no longer shows the preview of a config (its panel closed). */
export const PreviewClosedNotification = new NotificationType<PreviewParams>('idsync/previewClosed');

export const PREVIEW_COMMAND = 'idsync.preview';
export const PREVIEW_TITLE_PREFIX = 'ID Sync preview: ';
/** Profiles shown in one hover; the panel shows every profile. */
export const HOVER_MAX_PROFILES = 10;
/** Values shown per row in the hover. */
export const HOVER_MAX_VALUES = 3;
export const HOVER_HASH_LENGTH = 12;

export interface PreviewSettings {
  /** `idsync.sampleProfiles`; undefined or empty: not set. */
  sampleProfiles?: readonly string[];
  /** `idsync.preview.maskValues`. */
  maskValues: boolean;
}

export interface Computed {
  model: ConfigModel;
  refs: SampleRef[];
  loaded: LoadedProfile[];
  preview: ConfigPreview;
}

/** Where a hover shows the preview: one entry, or the whole config. */
export interface PreviewTarget {
  entryIndex?: number;
  offset: number;
  length: number;
}

/**
 * The hover targets of the preview: an `idSyncConfiguration` entry (its braces, the space inside
 * it, its keys), the `idSyncConfiguration` key or array brackets, and the `destination` key.
 * Values inside an entry keep their own, more specific hover (catalog entries).
 */
export function previewTargetAt(root: Node | undefined, offset: number): PreviewTarget | undefined {
  if (!root || root.type !== 'object') return undefined;
  const node = findNodeAtOffset(root, offset, true);
  if (!node) return undefined;
  const at = (n: Node, entryIndex?: number): PreviewTarget => ({ entryIndex, offset: n.offset, length: n.length });
  if (node.type === 'string' && node.parent?.type === 'property' && node.parent.children?.[0] === node) {
    const path = getNodePath(node);
    if (path.length === 1 && (path[0] === 'idSyncConfiguration' || path[0] === 'destination')) return at(node);
    if (path.length === 3 && path[0] === 'idSyncConfiguration' && typeof path[1] === 'number') return at(node, path[1]);
    return undefined;
  }
  if (node.type === 'object' && node.parent?.type === 'array') {
    const path = getNodePath(node);
    if (path.length === 2 && path[0] === 'idSyncConfiguration' && typeof path[1] === 'number') return at(node, path[1]);
    return undefined;
  }
  if (node.type === 'property' && node.parent?.type === 'object' && node.parent.parent?.type === 'array') {
    const path = getNodePath(node.parent);
    if (path.length === 2 && path[0] === 'idSyncConfiguration' && typeof path[1] === 'number') return at(node.parent, path[1]);
    return undefined;
  }
  if (node.type === 'array' && node.parent?.type === 'property' && node.parent.parent === root) {
    const key = node.parent.children?.[0];
    if (key?.value === 'idSyncConfiguration') return at(node);
  }
  return undefined;
}

/** The hover's preview Markdown: compact, one table per profile (at most HOVER_MAX_PROFILES). */
export function hoverMarkdown(computed: Computed, target: PreviewTarget, settings: PreviewSettings): string {
  const { preview } = computed;
  const shown = preview.profiles.slice(0, HOVER_MAX_PROFILES);
  let md = renderPreviewMarkdown(
    { ...preview, profiles: shown },
    {
      mask: settings.maskValues,
      entryIndex: target.entryIndex,
      exit: target.entryIndex === undefined,
      hashLength: HOVER_HASH_LENGTH,
      events: true,
      maxValues: HOVER_MAX_VALUES,
    },
  );
  if (preview.profiles.length === 0) md = md.replace(/\*No sample profiles\.\*\n$/, `*No sample profiles.* ${noProfilesHint()}\n`);
  const hidden = preview.profiles.length - shown.length;
  if (hidden > 0) md += `\n*… and ${hidden} more sample profile${hidden === 1 ? '' : 's'}: run **ID Sync: Preview Sample Profiles** to see them all.*\n`;
  return md;
}

function noProfilesHint(): string {
  return 'List profiles in `samples`, set `idsync.sampleProfiles`, or add `samples/profiles/*.json` beside the config.';
}

/** The `idsync/preview` result for a computed preview. */
export function previewResult(uri: string, path: string, version: number | null, computed: Computed, settings: PreviewSettings): PreviewResult {
  const fileName = basename(path);
  const title = PREVIEW_TITLE_PREFIX + fileName;
  const mask = settings.maskValues;
  const source: SampleOrigin | 'none' = computed.refs[0]?.origin ?? 'none';
  const json = { ...(previewToJson(computed.preview, { mask }) as object), source, masked: mask };
  return {
    uri,
    version,
    fileName,
    title,
    masked: mask,
    source,
    profileCount: computed.preview.profiles.length,
    markdown: renderPreviewMarkdown(computed.preview, { mask, events: true }),
    json,
    html: renderPreviewHtml(computed.preview, {
      mask,
      title,
      emptyHint: `No sample profiles. ${noProfilesHint().replace(/`/g, '')}`,
    }),
  };
}

/** A result for a config that cannot be read. */
export function previewError(uri: string, path: string | undefined, message: string): PreviewResult {
  const fileName = path ? basename(path) : uri;
  return {
    uri,
    version: null,
    fileName,
    title: PREVIEW_TITLE_PREFIX + fileName,
    masked: false,
    source: 'none',
    profileCount: 0,
    markdown: '',
    json: null,
    html: '',
    error: message,
  };
}

/** The CodeLens title: "Preview 2 sample profiles". */
export function codeLensTitle(count: number): string {
  return count === 0 ? 'Preview sample profiles (none found)' : `Preview ${count} sample profile${count === 1 ? '' : 's'}`;
}

/** Where the CodeLens goes: the `idSyncConfiguration` key, else the `destination` key, else the start of the file. */
export function codeLensAnchor(model: ConfigModel): Node | undefined {
  const root = model.root;
  if (!root) return undefined;
  const key = (name: string) => root.children?.find((p) => p.type === 'property' && p.children?.[0]?.value === name)?.children?.[0];
  return key('idSyncConfiguration') ?? key('destination');
}
