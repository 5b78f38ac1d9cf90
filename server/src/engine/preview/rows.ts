/**
 * The rows of a preview: Customized Setup (one per idSyncConfiguration entry, then the destination's
 * limits), Default Setup, and Audience Exit events. Each row's values come from `fill` (values.ts).
 */
import type { Strategy } from '../catalogs/catalog';
import { canonicalStrategy, suggestedKey } from '../catalogs/catalog';
import type { Entry } from '../lint/model';
import { stringValue } from '../json';
import type { PreviewEntry } from './types';
import { destinationName, fill, isFreeText, ProfileContext } from './values';

const STRATEGIES: readonly Strategy[] = ['first', 'last', 'all'];

const FALLBACK_DEFAULT: { identifiers: string[]; strategy: Strategy } = { identifiers: ['email', 'user_id'], strategy: 'all' };

/** Customized Setup: one row per idSyncConfiguration entry, in file order. */
export function customized(ctx: ProfileContext, entries: readonly Entry[]): PreviewEntry[] {
  const rows = entries.map((e) => customizedEntry(ctx, e));
  applyLimits(ctx, rows);
  return rows;
}

function customizedEntry(ctx: ProfileContext, entry: Entry): PreviewEntry {
  const externalId = stringValue(entry.externalId);
  const written = stringValue(entry.strategy);
  const mapTo = stringValue(entry.mapTo);
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
    const canonical = written === undefined ? undefined : canonicalStrategy(written, ctx.input.catalogs.identifiers.strategies);
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
      row.skipped = `no mapTo: ${destinationName(ctx)} needs a destination key from its dropdown${hint ? ` (e.g. "${hint}")` : ''}`;
      return row;
    }
  }
  row.key = key;
  fill(ctx, row, externalId, key, strategy);
  return row;
}

/**
 * Default Setup: the destination's default identifiers from its catalog, then every other
 * identifier type of the profile as a skipped row (Audience Exit events are exitRows').
 */
export function defaultSetup(ctx: ProfileContext): PreviewEntry[] {
  const defaults = ctx.catalog?.defaultSetup ?? FALLBACK_DEFAULT;
  const strategy: Strategy = defaults.strategy;
  const rows: PreviewEntry[] = [];
  const seen = new Set<string>();
  for (const externalId of defaults.identifiers) {
    seen.add(externalId);
    rows.push(sentRow(ctx, externalId, defaultKey(ctx, externalId), strategy));
  }
  for (const type of ctx.byType.keys()) {
    if (seen.has(type)) continue;
    seen.add(type);
    rows.push(
      unsentRow(
        ctx,
        type,
        isDefaultIdentifier(ctx, type)
          ? `not a default identifier of ${destinationName(ctx)}: map it with Customized Setup to send it`
          : 'custom identifier: sent only through ID Sync (Customized Setup)',
      ),
    );
  }
  return rows;
}

/**
 * The key a row outside Customized Setup sends `externalId` under: the one the catalog suggests,
 * else the identifier's own name at a free-text destination (or one without a catalog).
 */
function defaultKey(ctx: ProfileContext, externalId: string): string | undefined {
  return ctx.catalog ? suggestedKey(ctx.catalog, externalId) ?? (isFreeText(ctx) ? externalId : undefined) : externalId;
}

/** A row sending `externalId` under `key` with `strategy`; skipped when the destination has no key for it. */
function sentRow(ctx: ProfileContext, externalId: string, key: string | undefined, strategy: Strategy): PreviewEntry {
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
  if (key === undefined) row.skipped = `${destinationName(ctx)} has no key for ${externalId}`;
  else fill(ctx, row, externalId, key, strategy);
  return row;
}

/** Whether `type` is one of Segment's default identifiers (not a custom one). */
function isDefaultIdentifier(ctx: ProfileContext, type: string): boolean {
  const identifiers = ctx.input.catalogs.identifiers.identifiers;
  return Object.prototype.hasOwnProperty.call(identifiers, type) && identifiers[type].default === true;
}

/** A row for an identifier type of the profile that is not sent, and why. */
function unsentRow(ctx: ProfileContext, type: string, skipped: string): PreviewEntry {
  return { index: null, externalId: type, mapTo: null, key: null, strategy: null, available: ctx.byType.get(type)!.length, values: [], events: 0, skipped, notes: [] };
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
export function exitRows(ctx: ProfileContext, entries: readonly Entry[]): PreviewEntry[] {
  const rows: PreviewEntry[] = [];
  const seen = new Set<string>();
  const sentTypes = new Set<string>();
  const add = (externalId: string, key: string | undefined) => {
    const id = `${externalId}\u0000${key ?? ''}`;
    if (seen.has(id)) return;
    seen.add(id);
    sentTypes.add(externalId);
    rows.push(sentRow(ctx, externalId, key, 'all'));
  };
  const defaults = ctx.catalog?.defaultSetup ?? FALLBACK_DEFAULT;
  for (const externalId of defaults.identifiers) add(externalId, defaultKey(ctx, externalId));
  for (const entry of entries) {
    const externalId = stringValue(entry.externalId);
    if (externalId === undefined || externalId === '') continue;
    if (entry.mapTo && stringValue(entry.mapTo) === undefined) continue;
    const key = stringValue(entry.mapTo) ?? (isFreeText(ctx) ? externalId : undefined);
    if (key !== undefined) add(externalId, key);
  }
  for (const type of ctx.byType.keys()) {
    if (sentTypes.has(type)) continue;
    const isDefault = isDefaultIdentifier(ctx, type);
    const key = isDefault && ctx.catalog ? suggestedKey(ctx.catalog, type) : undefined;
    if (key !== undefined) {
      add(type, key);
      continue;
    }
    sentTypes.add(type);
    rows.push(unsentRow(ctx, type, isDefault ? `${destinationName(ctx)} has no key for ${type}` : 'custom identifier not mapped by this configuration: not sent on exit events'));
  }
  return rows;
}

/**
 * Destination limits (catalog `limits`): at most `maxAdditionalIdentifiers` rows besides the
 * `alwaysSends` key send values; later rows are dropped, in file order, with the reason.
 */
function applyLimits(ctx: ProfileContext, rows: PreviewEntry[]): void {
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
    row.skipped = `${destinationName(ctx)} sends ${limits.alwaysSends ? `${limits.alwaysSends} plus ` : ''}at most ${max} other identifier${max === 1 ? '' : 's'}: ${holders} already ${kept.length === 1 ? 'takes that place' : 'take those places'}`;
    row.values = [];
    row.events = 0;
  }
}
