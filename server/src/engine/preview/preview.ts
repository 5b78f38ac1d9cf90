/**
 * The preview: which identifier values a sample profile would send to the destination, and
 * what the destination receives after normalisation and hashing. Computed once here; the
 * CLI (`idsync preview`), the hover and the webview are views of the same `ProfilePreview`.
 *
 * Semantics and every assumption are documented in docs/preview.md.
 */
import type { Catalogs, DestinationCatalog, DestinationKey, Hashing } from '../catalogs/catalog';
import { confidenceNotes, findDestination, suggestedKey } from '../catalogs/catalog';
import type { ConfigModel, Entry } from '../lint/model';
import type { SpaceConfig } from '../workspace/space';
import type { SampleProfile, ProfileExternalId } from './profiles';
import { parseTimestamp } from './profiles';
import { hashingLabel, hashValue, hexToBase64, looksHashed, looksHashedAs, normalize } from './normalize';
import { propertyValue } from '../json';
import type { LoadedProfile } from './samples';

export type Strategy = 'first' | 'last' | 'all';
const STRATEGIES: readonly Strategy[] = ['first', 'last', 'all'];

/** One selected value and what the destination receives for it. */
export interface PreviewValue {
  /** The value on the profile. */
  raw: string;
  createdAt?: string;
  /** Index of the value in the profile file. */
  position: number;
  /** The value after the key's normalisation, before hashing (undefined when not hashed or passed through). */
  normalized?: string;
  /** What the destination receives; null when nothing is sent for this value (see notes). */
  sent: string | null;
  /** How `sent` was produced. */
  transform: Exclude<Hashing, 'none'> | 'passed-through' | 'as-is';
  /** The key's hashing, when the value was hashed or passed through as already hashed. */
  hashing?: Exclude<Hashing, 'none'>;
  notes: string[];
}

export interface PreviewEntry {
  /** Index in idSyncConfiguration (customized setup), or null for rows of the default setup / exit events. */
  index: number | null;
  externalId: string | null;
  /** `mapTo` as written (customized setup), or the destination key used by default. */
  mapTo: string | null;
  /** The destination key the values are sent under. */
  key: string | null;
  strategy: Strategy | null;
  /** How many values of `externalId` the profile has. */
  available: number;
  /** Selected values, oldest first. Empty when skipped. */
  values: PreviewValue[];
  /** Events this entry causes (one per value sent). */
  events: number;
  /** Null, or why nothing is sent. */
  skipped: string | null;
  notes: string[];
}

export interface ExitPreview {
  identifiers: PreviewEntry[];
  events: number;
  /** What was assumed for Audience Exit events. */
  note: string;
}

export interface ProfilePreview {
  /** The profile's path as shown to users (relative to the workspace / cwd). */
  profile: string;
  /** Set when the profile could not be read or parsed: the rest is empty. */
  error: string | null;
  /** Where the error is in the profile file, when known. */
  errorPosition?: { line: number; character: number };
  setup: 'default' | 'customized';
  identifiers: PreviewEntry[];
  events: number;
  exit: ExitPreview;
  /** Remarks about the whole profile (items left out, assumptions). */
  notes: string[];
  /** A Profile API page with `cursor.has_more: true`: the profile has more external ids than previewed. */
  partial?: boolean;
}

export interface DestinationInfo {
  slug: string | null;
  displayName: string;
  known: boolean;
}

export interface PreviewInput {
  model: ConfigModel;
  catalogs: Catalogs;
  space: SpaceConfig;
}

export interface ConfigPreview {
  destination: DestinationInfo;
  setup: 'default' | 'customized';
  /** Remarks about the configuration (unknown destination, default setup assumptions). */
  notes: string[];
  profiles: ProfilePreview[];
}

const FALLBACK_DEFAULT: { identifiers: string[]; strategy: Strategy } = { identifiers: ['email', 'user_id'], strategy: 'all' };

/** The destination of a config (the space's catalog first, then the built-in one). */
export function destinationInfo(input: PreviewInput): { info: DestinationInfo; catalog: DestinationCatalog | undefined } {
  const slugNode = input.model.slug;
  const slug = slugNode?.type === 'string' ? (slugNode.value as string) : null;
  const catalog = findDestination(slug ?? undefined, input.catalogs, input.space);
  return {
    info: { slug, displayName: catalog?.displayName ?? slug ?? '(no destination)', known: !!catalog },
    catalog,
  };
}

/** Previews every loaded profile of a config. */
export function previewAll(input: PreviewInput, profiles: readonly LoadedProfile[]): ConfigPreview {
  const { info, catalog } = destinationInfo(input);
  const notes: string[] = [];
  if (!catalog) {
    notes.push(
      info.slug === null
        ? 'The config names no destination: values are shown as provided (normalisation and hashing unknown).'
        : `Destination "${info.slug}" is in no catalog: values are shown as provided (normalisation and hashing unknown).`,
    );
  }
  const lkt = catalog?.listKeyTypeSetting;
  if (lkt) {
    const value = settingValue(input.model, lkt.setting);
    const values = Object.keys(lkt.values);
    if (value === undefined || value === null) {
      notes.push(`connectionSettings.${lkt.setting} is not set: ${info.displayName} matches each list on one External ID Type (${values.map((v) => `"${v}"`).join(' or ')}), chosen when the audience is connected; the preview sends every key.`);
    } else if (typeof value !== 'string' || !values.includes(value)) {
      notes.push(`connectionSettings.${lkt.setting} is ${JSON.stringify(value)}, not ${values.map((v) => `"${v}"`).join(' or ')}: the preview sends every key.`);
    }
  }
  if (input.model.setup === 'default') {
    if (input.model.entries.length > 0) notes.push('Default Setup: the idSyncConfiguration entries are ignored (ID Sync needs Customized Setup).');
    if (!catalog?.defaultSetup) notes.push(`${info.displayName} has no documented default setup: assumed every value of email and user_id (Public API description of the default).`);
  }
  return {
    destination: info,
    setup: input.model.setup,
    notes,
    profiles: profiles.map((p) => previewConfig(input, p)),
  };
}

/** Previews one sample profile against a config. A broken profile gives a preview with `error` set. */
export function previewConfig(input: PreviewInput, loaded: LoadedProfile): ProfilePreview {
  const { model } = input;
  const { catalog } = destinationInfo(input);
  const exitNote = EXIT_NOTE;
  const empty: ProfilePreview = {
    profile: loaded.display,
    error: null,
    setup: model.setup,
    identifiers: [],
    events: 0,
    exit: { identifiers: [], events: 0, note: exitNote },
    notes: [],
  };
  if (!loaded.profile) {
    empty.error = loaded.error ?? loaded.problem?.message ?? 'The profile could not be read.';
    if (loaded.problem) empty.errorPosition = { line: loaded.problem.line, character: loaded.problem.character };
    return empty;
  }
  const profile = loaded.profile;
  const ctx: Ctx = { input, catalog, profile, byType: groupsOf(profile) };

  const identifiers = model.setup === 'customized' ? customized(ctx, model.entries) : defaultSetup(ctx, false);
  const exit = exitRows(ctx, model.setup === 'customized' ? model.entries : []);
  const notes = profile.warnings.map((w) => w.message);
  if (profile.partial) {
    notes.unshift('Partial profile: a Profile API page with cursor.has_more true, so the profile has more external ids than this file; "first", "last" and "all" are computed over this page only.');
  }
  return {
    ...empty,
    identifiers,
    events: sum(identifiers),
    exit: { identifiers: exit, events: sum(exit), note: exitNote },
    notes,
    ...(profile.partial ? { partial: true } : {}),
  };
}

interface Ctx {
  input: PreviewInput;
  catalog: DestinationCatalog | undefined;
  profile: SampleProfile;
  /** Values of each type, oldest first. */
  byType: Map<string, ProfileExternalId[]>;
}

function sum(entries: PreviewEntry[]): number {
  return entries.reduce((n, e) => n + e.events, 0);
}

/** Groups of a profile, computed once per (immutable) profile: editors preview the same profile again on every edit. */
const GROUPS = new WeakMap<SampleProfile, Map<string, ProfileExternalId[]>>();

function groupsOf(profile: SampleProfile): Map<string, ProfileExternalId[]> {
  let groups = GROUPS.get(profile);
  if (!groups) GROUPS.set(profile, (groups = groupByType(profile.externalIds)));
  return groups;
}

/** Values of each type, oldest first: `compareByAge` order, with each timestamp parsed once. */
function groupByType(ids: readonly ProfileExternalId[]): Map<string, ProfileExternalId[]> {
  type Keyed = { id: ProfileExternalId; t: [number, number] | undefined };
  const map = new Map<string, Keyed[]>();
  for (const id of ids) {
    const k: Keyed = { id, t: id.createdAt ? parseTimestamp(id.createdAt) : undefined };
    const list = map.get(id.type);
    if (list) list.push(k);
    else map.set(id.type, [k]);
  }
  const byAge = (a: Keyed, b: Keyed): number => {
    if (a.t && b.t) {
      if (a.t[0] !== b.t[0]) return a.t[0] - b.t[0];
      if (a.t[1] !== b.t[1]) return a.t[1] - b.t[1];
    } else if (a.t && !b.t) return -1;
    else if (!a.t && b.t) return 1;
    return a.id.position - b.id.position;
  };
  const out = new Map<string, ProfileExternalId[]>();
  for (const [type, list] of map) out.set(type, list.sort(byAge).map((k) => k.id));
  return out;
}

/** Digests of recent values: the same profile values are hashed again on every edit of the config. */
const HASHES = new Map<string, string>();
const MAX_HASHES = 20000;

function hashCached(value: string, hashing: Exclude<Hashing, 'none'>): string {
  const cacheKey = `${hashing}\u0000${value}`;
  let h = HASHES.get(cacheKey);
  if (h === undefined) {
    if (HASHES.size >= MAX_HASHES) HASHES.clear();
    HASHES.set(cacheKey, (h = hashValue(value, hashing)));
  }
  return h;
}

function str(node: Entry['externalId']): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

function destName(ctx: Ctx): string {
  return ctx.catalog?.displayName ?? (ctx.input.model.slug?.value as string | undefined) ?? 'the destination';
}

function isFreeText(ctx: Ctx): boolean {
  return !ctx.catalog || ctx.catalog.input === 'freeText';
}

/** Customized Setup: one row per idSyncConfiguration entry, in file order. */
function customized(ctx: Ctx, entries: readonly Entry[]): PreviewEntry[] {
  const rows = entries.map((e) => customizedEntry(ctx, e));
  applyLimits(ctx, rows);
  return rows;
}

function customizedEntry(ctx: Ctx, entry: Entry): PreviewEntry {
  const externalId = str(entry.externalId);
  const written = str(entry.strategy);
  const mapTo = str(entry.mapTo);
  const strategy = STRATEGIES.includes(written as Strategy) ? (written as Strategy) : null;
  const row: PreviewEntry = {
    index: entry.index,
    externalId: externalId ?? null,
    mapTo: mapTo ?? null,
    key: null,
    strategy,
    available: externalId ? ctx.byType.get(externalId)?.length ?? 0 : 0,
    values: [],
    events: 0,
    skipped: null,
    notes: [],
  };
  if (externalId === undefined || externalId === '') {
    row.skipped = entry.externalId ? 'externalId is not a non-empty string: the entry names no identifier' : 'no externalId: the entry names no identifier';
    return row;
  }
  if (!strategy) {
    const canonical = written === undefined ? undefined : strategyAlias(ctx, written);
    row.skipped = entry.strategy
      ? `strategy ${JSON.stringify(written ?? null)} is not "first", "last" or "all"${canonical ? ` (did you mean "${canonical}"?)` : ''}: Segment would reject the entry`
      : 'no strategy: Segment needs "first", "last" or "all"';
    return row;
  }
  let key = mapTo;
  if (entry.mapTo && mapTo === undefined) {
    row.skipped = 'mapTo is not a string';
    return row;
  }
  if (key === undefined) {
    if (isFreeText(ctx)) key = externalId;
    else {
      const hint = ctx.catalog ? suggestedKey(ctx.catalog, externalId) : undefined;
      row.skipped = `no mapTo: ${destName(ctx)} needs a destination key from its dropdown${hint ? ` (e.g. "${hint}")` : ''}`;
      return row;
    }
  }
  row.key = key;
  fill(ctx, row, externalId, key, strategy);
  return row;
}

function strategyAlias(ctx: Ctx, written: string): Strategy | undefined {
  const lower = written.trim().toLowerCase();
  for (const s of STRATEGIES) {
    if (s === lower) return s;
    const spec = ctx.input.catalogs.identifiers.strategies[s];
    if (spec?.aliases.includes(lower) || spec?.label.toLowerCase() === lower) return s;
  }
  return undefined;
}

/** A scalar connection setting as written (a destination's own settings are not in the format, so not in `connectionSettingValues`). */
function settingValue(model: ConfigModel, setting: string): unknown {
  if (Object.prototype.hasOwnProperty.call(model.connectionSettingValues, setting)) return model.connectionSettingValues[setting];
  const node = propertyValue(model.connectionSettings, setting);
  return node && node.type !== 'object' && node.type !== 'array' ? node.value ?? null : undefined;
}

/**
 * Why a list with a key type setting (Google Ads Remarketing Lists' External ID Type) does not
 * receive `key`, or undefined when it does (or the setting is unset or unknown: every key is sent).
 * The key sent in every payload (`limits.alwaysSends`, Google's email) is never gated.
 */
function listKeyTypeSkip(ctx: Ctx, key: string): string | undefined {
  const lkt = ctx.catalog?.listKeyTypeSetting;
  if (!lkt) return undefined;
  const value = settingValue(ctx.input.model, lkt.setting);
  if (typeof value !== 'string' || !Object.prototype.hasOwnProperty.call(lkt.values, value)) return undefined;
  const always = ctx.catalog?.limits?.alwaysSends;
  const k = key.toLowerCase();
  if (k === always?.toLowerCase() || lkt.values[value].some((v) => v.toLowerCase() === k)) return undefined;
  return `the list's External ID Type is "${value}" (connectionSettings.${lkt.setting}): ${destName(ctx)} matches it on ${[...new Set([...(always ? [always] : []), ...lkt.values[value]])].join(', ')}, so ${key} is not sent`;
}

/** External ID Type gating, mobile-id gating, value selection and transformation for one row. */
function fill(ctx: Ctx, row: PreviewEntry, externalId: string, key: string, strategy: Strategy): void {
  const gated = listKeyTypeSkip(ctx, key);
  if (gated !== undefined) {
    row.skipped = gated;
    return;
  }
  const idSpec = ctx.input.catalogs.identifiers.identifiers[externalId];
  if (idSpec?.requiresSendMobileIds && !ctx.input.model.sendMobileIds) {
    if (ctx.catalog?.ignoresSendMobileIds) {
      row.notes.push(`Send Mobile IDs is off, but ${destName(ctx)} ignores that setting: ${externalId} is sent`);
    } else {
      row.skipped = `${externalId} is a mobile advertising id: Segment sends it only when Send Mobile IDs is on (connectionSettings.sendMobileIds: true)`;
      return;
    }
  }
  const all = ctx.byType.get(externalId) ?? [];
  if (all.length === 0) {
    row.skipped = `the profile has no ${externalId}`;
    return;
  }
  const selected = strategy === 'first' ? [all[0]] : strategy === 'last' ? [all[all.length - 1]] : all;
  if (all.some((v) => !v.createdAt) && all.length > 1) {
    row.notes.push(
      all.every((v) => !v.createdAt)
        ? `no created_at on the ${externalId} values: ordered by their position in the profile`
        : `some ${externalId} values have no created_at: they count as newer than the dated ones, in file order`,
    );
  }
  const keySpec = keyOf(ctx, key, row);
  if (keySpec) row.notes.push(...confidenceNotes(keySpec));
  row.values = selected.map((v) => transform(ctx, v, key, keySpec));
  row.events = row.values.filter((v) => v.sent !== null).length;
  if (row.events === 0) row.skipped = `no ${externalId} value survives the destination's normalisation`;
}

function keyOf(ctx: Ctx, key: string, row: PreviewEntry): DestinationKey | undefined {
  if (!ctx.catalog) return undefined;
  const spec = Object.prototype.hasOwnProperty.call(ctx.catalog.keys, key) ? ctx.catalog.keys[key] : undefined;
  if (!spec) {
    // A destination whose keys idsync does not know (an event destination, an audience destination
    // not curated yet) makes no claim about the key.
    if (Object.keys(ctx.catalog.keys).length === 0 && (ctx.catalog.tier === 4 || ctx.catalog.curated === false)) {
      row.notes.push(
        ctx.catalog.tier === 4
          ? `${destName(ctx)} is an event destination: "${key}" arrives as provided (as traits.${key} or properties.${key}); its mappings decide what it does with it`
          : `the keys of ${destName(ctx)} are not curated yet: "${key}" is shown as provided (normalisation and hashing unknown)`,
      );
      return undefined;
    }
    row.notes.push(
      ctx.catalog.input === 'dropdown'
        ? `"${key}" is not in ${destName(ctx)}'s dropdown: Segment would not accept it (shown as provided)`
        : `"${key}" is not a documented key of ${destName(ctx)}: sent as provided; if the destination does not have it, events may not be delivered`,
    );
  }
  return spec;
}

function transform(ctx: Ctx, value: ProfileExternalId, key: string, spec: DestinationKey | undefined): PreviewValue {
  const out: PreviewValue = { raw: value.id, position: value.position, sent: value.id, transform: 'as-is', notes: [] };
  if (value.createdAt) out.createdAt = value.createdAt;
  if (!spec) return out;
  const hashing = effectiveHashing(ctx, spec, out.notes);
  if (hashing === 'sha256-base64' && spec.hexDigestToBase64 && looksHashed(value.id, 'sha256')) {
    out.transform = 'passed-through';
    out.hashing = hashing;
    out.sent = hexToBase64(value.id);
    out.notes.push('already SHA-256 (hex): re-encoded to base64, not hashed again');
    return out;
  }
  const test = spec.passThroughTest;
  const passes = (v: string, h: Exclude<Hashing, 'none'>): boolean => (test?.pattern !== undefined ? new RegExp(test.pattern, test.flags).test(v) : looksHashed(v, h));
  const passThrough = (sent: string, h: Exclude<Hashing, 'none'>, normalised: boolean): PreviewValue => {
    out.sent = sent;
    out.transform = 'passed-through';
    out.hashing = h;
    out.notes.push(`already ${hashingLabel(h)}${normalised ? ' once normalised' : ''}: passed through`);
    return out;
  };
  if (hashing !== 'none' && spec.passThroughHashed && !test?.afterNormalize && passes(value.id, hashing)) return passThrough(value.id, hashing, false);
  const normalized = normalize(value.id, spec.normalize, out.notes);
  if (normalized.value === null || normalized.value === '') {
    out.sent = null;
    out.notes.push(normalized.value === null ? `${normalized.dropped}: not sent` : 'empty after normalisation: not sent');
    return out;
  }
  if (hashing !== 'none' && spec.passThroughHashed && test?.afterNormalize && passes(normalized.value, hashing)) return passThrough(normalized.value, hashing, normalized.value !== value.id);
  if (hashing === 'none') {
    out.sent = normalized.value;
    return out;
  }
  out.normalized = normalized.value;
  out.sent = hashCached(normalized.value, hashing);
  out.transform = hashing;
  out.hashing = hashing;
  if (spec.alsoSendsRaw) out.notes.push(`also sent unhashed (${normalized.value === value.id ? 'as provided' : 'normalised'})`);
  const already = looksHashedAs(value.id);
  if (already) {
    out.notes.push(`already ${hashingLabel(already)}, but ${destName(ctx)} hashes ${key} again: the platform receives a double hash that cannot match`);
  }
  return out;
}

/** The key's hashing, or none while the connection setting that switches it is false. */
function effectiveHashing(ctx: Ctx, spec: DestinationKey, notes: string[]): Hashing {
  if (spec.hashing === 'none' || !spec.hashingSetting) return spec.hashing;
  const { setting, default: byDefault } = spec.hashingSetting;
  const value = ctx.input.model.connectionSettingValues[setting];
  const on = typeof value === 'boolean' ? value : byDefault;
  if (!on) notes.push(`not hashed: connectionSettings.${setting} is ${typeof value === 'boolean' ? 'false' : `unset (default ${byDefault})`}`);
  return on ? spec.hashing : 'none';
}

/**
 * Default Setup (and Audience Exit events, `exit`): the destination's default identifiers from
 * its catalog, then every other identifier type of the profile as a skipped row.
 */
function defaultSetup(ctx: Ctx, exit: boolean): PreviewEntry[] {
  const defaults = ctx.catalog?.defaultSetup ?? FALLBACK_DEFAULT;
  const strategy: Strategy = exit ? 'all' : defaults.strategy;
  const rows: PreviewEntry[] = [];
  const seen = new Set<string>();
  for (const externalId of defaults.identifiers) {
    seen.add(externalId);
    const key = ctx.catalog ? suggestedKey(ctx.catalog, externalId) ?? (isFreeText(ctx) ? externalId : undefined) : externalId;
    const row: PreviewEntry = {
      index: null,
      externalId,
      mapTo: key ?? null,
      key: key ?? null,
      strategy,
      available: ctx.byType.get(externalId)?.length ?? 0,
      values: [],
      events: 0,
      skipped: null,
      notes: [],
    };
    if (key === undefined) row.skipped = `${destName(ctx)} has no key for ${externalId}`;
    else fill(ctx, row, externalId, key, strategy);
    rows.push(row);
  }
  const identifierCatalog = ctx.input.catalogs.identifiers.identifiers;
  for (const type of ctx.byType.keys()) {
    if (seen.has(type)) continue;
    seen.add(type);
    const isDefault = identifierCatalog[type]?.default === true;
    rows.push({
      index: null,
      externalId: type,
      mapTo: null,
      key: null,
      strategy: null,
      available: ctx.byType.get(type)!.length,
      values: [],
      events: 0,
      skipped: isDefault
        ? `not a default identifier of ${destName(ctx)}${exit ? '' : ': map it with Customized Setup to send it'}`
        : `custom identifier: sent only through ID Sync (Customized Setup)${exit ? ', never on exit events' : ''}`,
      notes: [],
    });
  }
  return rows;
}

export const EXIT_NOTE =
  'Audience Exit events ignore the ID Sync configuration and the space\'s ID strategy: Segment sends all ID combinations to remove the person (segment-docs src/engage/audiences/index.md). ' +
  'Shown: every value of the destination\'s default identifiers, of the identifiers this configuration maps (under their mapTo), and of the profile\'s other identifiers the destination has a key for; ' +
  'custom identifiers only where the configuration maps them. Which combinations Segment builds is not documented: this is an inferred model.';

/**
 * Audience Exit events: "all ID combinations" (segment-docs src/engage/audiences/index.md,
 * src/engage/trait-activation/id-sync.md: ID Sync and the space's ID strategy are not applied).
 * Modelled as every value ("all") of the destination's default identifiers, of each identifier the
 * customized entries map (under their key), and of the profile's other default identifiers that
 * have a suggested key at the destination; other identifier types are listed as skipped rows.
 * Connection settings still apply (Send Mobile IDs, the list's External ID Type); the
 * destination's per-payload limit does not (each combination is its own payload).
 */
function exitRows(ctx: Ctx, entries: readonly Entry[]): PreviewEntry[] {
  const rows: PreviewEntry[] = [];
  const seen = new Set<string>();
  const sentTypes = new Set<string>();
  const add = (externalId: string, key: string | undefined) => {
    const id = `${externalId}\u0000${key ?? ''}`;
    if (seen.has(id)) return;
    seen.add(id);
    sentTypes.add(externalId);
    const row: PreviewEntry = {
      index: null,
      externalId,
      mapTo: key ?? null,
      key: key ?? null,
      strategy: 'all',
      available: ctx.byType.get(externalId)?.length ?? 0,
      values: [],
      events: 0,
      skipped: null,
      notes: [],
    };
    if (key === undefined) row.skipped = `${destName(ctx)} has no key for ${externalId}`;
    else fill(ctx, row, externalId, key, 'all');
    rows.push(row);
  };
  const defaults = ctx.catalog?.defaultSetup ?? FALLBACK_DEFAULT;
  const keyFor = (externalId: string) =>
    ctx.catalog ? suggestedKey(ctx.catalog, externalId) ?? (isFreeText(ctx) ? externalId : undefined) : externalId;
  for (const externalId of defaults.identifiers) add(externalId, keyFor(externalId));
  for (const entry of entries) {
    const externalId = str(entry.externalId);
    if (externalId === undefined || externalId === '') continue;
    if (entry.mapTo && str(entry.mapTo) === undefined) continue;
    const key = str(entry.mapTo) ?? (isFreeText(ctx) ? externalId : undefined);
    if (key !== undefined) add(externalId, key);
  }
  const identifierCatalog = ctx.input.catalogs.identifiers.identifiers;
  for (const type of ctx.byType.keys()) {
    if (sentTypes.has(type)) continue;
    const isDefault = Object.prototype.hasOwnProperty.call(identifierCatalog, type) && identifierCatalog[type].default === true;
    const key = isDefault && ctx.catalog ? suggestedKey(ctx.catalog, type) : undefined;
    if (key !== undefined) {
      add(type, key);
      continue;
    }
    sentTypes.add(type);
    rows.push({
      index: null,
      externalId: type,
      mapTo: null,
      key: null,
      strategy: null,
      available: ctx.byType.get(type)!.length,
      values: [],
      events: 0,
      skipped: isDefault ? `${destName(ctx)} has no key for ${type}` : 'custom identifier not mapped by this configuration: not sent on exit events',
      notes: [],
    });
  }
  return rows;
}

/**
 * Destination limits (catalog `limits`): at most `maxAdditionalIdentifiers` rows besides the
 * `alwaysSends` key send values; later rows are dropped, in file order, with the reason.
 */
function applyLimits(ctx: Ctx, rows: PreviewEntry[]): void {
  const limits = ctx.catalog?.limits;
  if (!limits || limits.maxAdditionalIdentifiers === undefined) return;
  const max = limits.maxAdditionalIdentifiers;
  const kept: PreviewEntry[] = [];
  for (const row of rows) {
    if (row.skipped !== null || row.key === null || row.events === 0) continue;
    if (limits.alwaysSends !== undefined && row.key === limits.alwaysSends) continue;
    if (kept.length < max) {
      kept.push(row);
      continue;
    }
    const holders = kept.map((k) => `${k.externalId} (${k.key})`).join(', ');
    row.skipped = `${destName(ctx)} sends ${limits.alwaysSends ? `${limits.alwaysSends} plus ` : ''}at most ${max} other identifier${max === 1 ? '' : 's'}: ${holders} already ${kept.length === 1 ? 'takes that place' : 'take those places'}`;
    row.values = [];
    row.events = 0;
  }
}

/** The JSON shape of the CLI (`idsync preview --format json`). `mask` replaces raw values by "***". */
export function previewToJson(preview: ConfigPreview, options: { mask?: boolean; configErrors?: number } = {}): unknown {
  const row = (e: PreviewEntry) => ({
    externalId: e.externalId,
    mapTo: e.mapTo,
    key: e.key,
    strategy: e.strategy,
    values: e.values.map((v) => (options.mask ? '***' : v.raw)),
    sent: e.values.map((v) => v.sent),
    ...(options.mask ? {} : { normalized: e.values.map((v) => v.normalized ?? null) }),
    events: e.events,
    skipped: e.skipped,
    notes: [...e.notes, ...e.values.flatMap((v) => v.notes)],
  });
  return {
    destination: preview.destination,
    setup: preview.setup,
    ...(options.configErrors !== undefined ? { configErrors: options.configErrors } : {}),
    notes: preview.notes,
    profiles: preview.profiles.map((p) => ({
      profile: p.profile,
      ...(p.error !== null ? { error: p.error } : {}),
      setup: p.setup,
      identifiers: p.identifiers.map(row),
      events: p.events,
      exit: { identifiers: p.exit.identifiers.filter((e) => e.events > 0).map(row), events: p.exit.events },
      ...(p.partial ? { partial: true } : {}),
      notes: p.notes,
    })),
  };
}

