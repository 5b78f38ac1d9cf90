/**
 * What a change to one `.idsync.json` does: the configuration changes (fields, setup,
 * idSyncConfiguration entries by externalId) and, for every sample profile, which identifier
 * values are sent before and after (the engine's preview on both versions), plus the warnings
 * that matter at review time. Pure: versions come in already linted and previewed.
 * The JSON shape is documented in docs/cli.md ("idsync diff").
 */
import { getNodeValue } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';
import { propertyValue, stringValue } from '../../engine';
import type { LintResult, ConfigModel, ConfigPreview, ProfilePreview } from '../../engine';
import type { ChangeStatus } from './git';

export interface Version {
  lint: LintResult;
  preview: ConfigPreview;
}

export interface FieldChange {
  /** Dotted path, e.g. "connectionSettings.sendMobileIds", "destination.slug", "setup". Empty for added and deleted files. */
  path: string;
  /** Absent when the property is not in that version. */
  before?: unknown;
  after?: unknown;
}

export interface EntryInfo {
  externalId: string;
  strategy: string | null;
  mapTo: string | null;
}

export interface EntryChange {
  externalId: string;
  before: EntryInfo;
  after: EntryInfo;
}

/** One identifier value as the destination receives it. `value` is the raw profile value. */
export interface SentValue {
  externalId: string;
  key: string;
  value: string;
  sent: string;
}

export interface ProfileDiff {
  profile: string;
  error: string | null;
  /** Events per version; null when the version does not exist (added / deleted file). */
  events: { before: number | null; after: number | null };
  added: SentValue[];
  removed: SentValue[];
  /** The same profile value, sent under another key or as another value. */
  changed: Array<{ before: SentValue; after: SentValue }>;
  unchanged: number;
}

export interface ReviewWarning {
  code: 'existing-audience' | 'deleted-config' | 'destination-changed' | 'new-errors' | 'no-samples' | 'journey' | 'base-unreadable';
  message: string;
}

export interface FileDiff {
  status: ChangeStatus;
  /** Path relative to the working directory, '/'-separated (the old path for a deleted file). */
  path: string;
  /** The path at the base, for renamed and deleted files; null otherwise. */
  oldPath: string | null;
  target: { kind: 'audience' | 'journey' | null; name: string | null; existing: boolean };
  destination: { before: string | null; after: string | null };
  changes: FieldChange[];
  entries: { added: EntryInfo[]; removed: EntryInfo[]; changed: EntryChange[]; reordered: boolean };
  profiles: ProfileDiff[];
  warnings: ReviewWarning[];
  /** Diagnostics of the new version (null for a deleted file). */
  lint: { errors: number; warnings: number; infos: number } | null;
}

const COMPARED_OBJECTS = ['audience', 'journey', 'destination', 'connectionSettings'] as const;

function slugOf(model: ConfigModel | undefined): string | null {
  return model?.destinationSlug ?? null;
}

function flatten(prefix: string, value: unknown, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value as object);
    if (keys.length === 0) out.set(prefix, {});
    for (const k of keys) flatten(`${prefix}.${k}`, (value as Record<string, unknown>)[k], out);
    return;
  }
  out.set(prefix, value);
}

function leaves(model: ConfigModel | undefined): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!model?.root) return out;
  for (const key of COMPARED_OBJECTS) {
    const node = propertyValue(model.root, key);
    if (node) flatten(key, getNodeValue(node), out);
  }
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function fieldChanges(before: ConfigModel | undefined, after: ConfigModel | undefined): FieldChange[] {
  const out: FieldChange[] = [];
  const a = leaves(before);
  const b = leaves(after);
  const order = [...new Set([...a.keys(), ...b.keys()])];
  const rank = (p: string) => COMPARED_OBJECTS.indexOf(p.split('.')[0] as (typeof COMPARED_OBJECTS)[number]);
  order.sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0));
  for (const p of order) {
    const had = a.has(p);
    const has = b.has(p);
    if (had && has && same(a.get(p), b.get(p))) continue;
    const c: FieldChange = { path: p };
    if (had) c.before = a.get(p);
    if (has) c.after = b.get(p);
    out.push(c);
  }
  if (before && after && before.setup !== after.setup) out.push({ path: 'setup', before: before.setup, after: after.setup });
  return out;
}

function text(node: Node | undefined): string | null {
  if (!node) return null;
  return node.type === 'string' ? (node.value as string) : JSON.stringify(getNodeValue(node));
}

/** Entries keyed by externalId; a repeated externalId gets "#2", "#3"... (duplicate-identifier flags it). */
function keyedEntries(model: ConfigModel | undefined): Map<string, EntryInfo> {
  const out = new Map<string, EntryInfo>();
  if (!model) return out;
  const seen = new Map<string, number>();
  for (const e of model.entries) {
    const id = stringValue(e.externalId) ?? `(entry ${e.index + 1})`;
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    out.set(n === 1 ? id : `${id}#${n}`, { externalId: id, strategy: text(e.strategy), mapTo: text(e.mapTo) });
  }
  return out;
}

function entryChanges(before: ConfigModel | undefined, after: ConfigModel | undefined): FileDiff['entries'] {
  const a = keyedEntries(before);
  const b = keyedEntries(after);
  const added = [...b].filter(([k]) => !a.has(k)).map(([, v]) => v);
  const removed = [...a].filter(([k]) => !b.has(k)).map(([, v]) => v);
  const changed: EntryChange[] = [];
  for (const [k, v] of b) {
    const old = a.get(k);
    if (old && (old.strategy !== v.strategy || old.mapTo !== v.mapTo)) changed.push({ externalId: v.externalId, before: old, after: v });
  }
  const commonA = [...a.keys()].filter((k) => b.has(k));
  const commonB = [...b.keys()].filter((k) => a.has(k));
  return { added, removed, changed, reordered: !same(commonA, commonB) };
}

interface Item extends SentValue {
  position: number;
}

function sentItems(p: ProfilePreview | undefined): Item[] {
  const out: Item[] = [];
  for (const row of p?.identifiers ?? []) {
    if (row.externalId === null || row.key === null) continue;
    for (const v of row.values) {
      if (v.sent !== null) out.push({ externalId: row.externalId, key: row.key, value: v.raw, sent: v.sent, position: v.position });
    }
  }
  return out;
}

const strip = ({ externalId, key, value, sent }: Item): SentValue => ({ externalId, key, value, sent });

/** Pairs the values sent before and after: identical, then the same profile value changed, then added/removed. */
function profileDiff(name: string, before: ProfilePreview | undefined, after: ProfilePreview | undefined): ProfileDiff {
  const error = after?.error ?? before?.error ?? null;
  const diff: ProfileDiff = {
    profile: name,
    error,
    events: { before: before && !before.error ? before.events : null, after: after && !after.error ? after.events : null },
    added: [],
    removed: [],
    changed: [],
    unchanged: 0,
  };
  if (error !== null) return diff;
  const old = sentItems(before);
  const now = sentItems(after);
  const sig = (i: Item) => JSON.stringify([i.externalId, i.position, i.key, i.sent]);
  const oldLeft = [...old];
  const nowLeft: Item[] = [];
  for (const i of now) {
    const j = oldLeft.findIndex((o) => sig(o) === sig(i));
    if (j >= 0) {
      oldLeft.splice(j, 1);
      diff.unchanged++;
    } else nowLeft.push(i);
  }
  for (const i of nowLeft) {
    const j = oldLeft.findIndex((o) => o.externalId === i.externalId && o.position === i.position);
    if (j >= 0) {
      diff.changed.push({ before: strip(oldLeft[j]), after: strip(i) });
      oldLeft.splice(j, 1);
    } else diff.added.push(strip(i));
  }
  diff.removed = oldLeft.map(strip);
  return diff;
}

function targetOf(model: ConfigModel | undefined): FileDiff['target'] {
  if (model?.audience) {
    const name = stringValue(propertyValue(model.audience, 'key')) ?? stringValue(propertyValue(model.audience, 'name')) ?? stringValue(propertyValue(model.audience, 'id')) ?? null;
    return { kind: 'audience', name, existing: !!model.existingAudience };
  }
  if (model?.journey) {
    const j = stringValue(propertyValue(model.journey, 'name'));
    const s = stringValue(propertyValue(model.journey, 'step'));
    return { kind: 'journey', name: j && s ? `${j} / ${s}` : j ?? s ?? null, existing: false };
  }
  return { kind: null, name: null, existing: false };
}

function count(lint: LintResult): FileDiff['lint'] {
  const c = { errors: 0, warnings: 0, infos: 0 };
  for (const d of lint.diagnostics) {
    if (d.severity === 'error') c.errors++;
    else if (d.severity === 'warning') c.warnings++;
    else if (d.severity === 'info') c.infos++;
  }
  return c;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function compareVersions(
  change: { status: ChangeStatus; path: string; oldPath: string | null },
  before: Version | undefined,
  after: Version | undefined,
): FileDiff {
  const bm = before?.lint.model;
  const am = after?.lint.model;
  const target = targetOf(am ?? bm);
  // An added or deleted file: its entries are listed; its other fields are not a change of anything.
  const changes = bm && am ? fieldChanges(bm, am) : [];
  const entries = entryChanges(bm, am);
  const names = [...new Set([...(after?.preview.profiles ?? []), ...(before?.preview.profiles ?? [])].map((p) => p.profile))];
  const profiles = names.map((n) =>
    profileDiff(
      n,
      before?.preview.profiles.find((p) => p.profile === n),
      after?.preview.profiles.find((p) => p.profile === n),
    ),
  );
  const lint = after ? count(after.lint) : null;
  const warnings: ReviewWarning[] = [];
  const behaviourChanged =
    change.status === 'added' || changes.length > 0 || entries.added.length + entries.removed.length + entries.changed.length > 0 || entries.reordered;
  if (change.status !== 'deleted' && target.existing && behaviourChanged) {
    warnings.push({
      code: 'existing-audience',
      message:
        'Existing audience: Segment applies the change only to data synced about 5 minutes after it is saved; profiles already in the destination are not resynced (a resync is a request to Segment support). ID Sync keeps no history, so the change cannot be undone in Segment: this file is the record.',
    });
  }
  const baseBroken = before?.lint.diagnostics.filter((d) => d.code === 'syntax' || d.code === 'file-too-large') ?? [];
  if (baseBroken.length > 0) {
    warnings.push({
      code: 'base-unreadable',
      message:
        baseBroken[0].code === 'file-too-large'
          ? 'The base version of this file was over the size limit and was not analysed: the changes shown compare with an empty configuration.'
          : `The base version of this file does not parse (${plural(baseBroken.length, 'syntax error')}, the first at line ${baseBroken[0].range.start.line + 1}): the changes shown compare with what could be read of it.`,
    });
  }
  if (change.status === 'deleted') {
    warnings.push({
      code: 'deleted-config',
      message: 'Deleting the file changes nothing in Segment: the connection keeps its current ID Sync settings until it is changed or removed in Segment.',
    });
  }
  const slugs = { before: slugOf(bm), after: slugOf(am) };
  if (bm && am && slugs.before !== slugs.after) {
    warnings.push({
      code: 'destination-changed',
      message: `The destination changed (${slugs.before ?? 'none'} to ${slugs.after ?? 'none'}): applying this is a new connection, not an edit of the old one.`,
    });
  }
  if (lint && lint.errors > 0) {
    warnings.push({
      code: 'new-errors',
      message: `The new version has ${plural(lint.errors, 'error')}: run idsync check ${change.path} before merging.`,
    });
  }
  if (target.kind === 'journey' && change.status !== 'deleted') {
    warnings.push({
      code: 'journey',
      message: 'Journey step: apply it in the step\'s Connection Settings in Segment (the Public API covers audiences only).',
    });
  }
  if (names.length === 0) {
    warnings.push({
      code: 'no-samples',
      message: 'No sample profile: list "samples" in the config, add samples/profiles/*.json beside it, or pass --profile to see what changes for real profiles.',
    });
  }
  return {
    status: change.status,
    path: change.path,
    oldPath: change.status === 'renamed' || change.status === 'deleted' ? change.oldPath : null,
    target,
    destination: slugs,
    changes,
    entries,
    profiles,
    warnings,
    lint,
  };
}
