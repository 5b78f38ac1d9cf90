/**
 * The limits several rules share (a destination's identifier limit, the three "all" entries,
 * Send Mobile IDs): which entries break them, and whether a fix's change would make a new error,
 * so that no rule offers a fix that another rule then reports.
 */
import type { DestinationCatalog } from '../../catalogs/catalog';
import { suggestedKey } from '../../catalogs/catalog';
import type { Entry } from '../model';
import type { RuleContext } from '../rule';
import type { Severity } from '../../types';
import { stringValue } from '../../json';

/**
 * The destination key an entry counts against a destination's identifier limit: its `mapTo`, or
 * else the key suggested for its `externalId` (or the externalId itself).
 */
export function limitKey(dest: DestinationCatalog, mapTo: string | undefined, externalId: string | undefined): string | undefined {
  return mapTo ?? (externalId !== undefined ? suggestedKey(dest, externalId) ?? externalId : undefined);
}

/** One entry beyond a destination's identifier limit (see destination-limit). */
export interface LimitExcess {
  /** Position in the list of keys given. */
  position: number;
  key: string;
  /** The entry's number among the counted keys. */
  number: number;
  /** The first counted key, for messages. */
  first: string;
}

/**
 * The positions (one key per entry, in file order) that bring a key beyond the destination's
 * `maxAdditionalIdentifiers`. Keys compare case-insensitively; the key the destination always
 * sends and keys already counted add nothing. Shared by destination-limit and by the rules whose
 * fixes change a key, so that they offer no fix that makes a new destination-limit error.
 */
export function destinationLimitExcess(dest: DestinationCatalog, keys: readonly (string | undefined)[]): LimitExcess[] {
  const max = dest.limits?.maxAdditionalIdentifiers;
  if (max === undefined) return [];
  const always = dest.limits?.alwaysSends?.toLowerCase();
  const counted: string[] = [];
  const shown: string[] = [];
  const excess: LimitExcess[] = [];
  keys.forEach((key, position) => {
    if (key === undefined) return;
    const k = key.toLowerCase();
    if (k === always || counted.includes(k)) return;
    counted.push(k);
    shown.push(key);
    if (counted.length > max) excess.push({ position, key, number: counted.length, first: shown[0] });
  });
  return excess;
}

/**
 * True when changing `target`'s mapTo and/or externalId (each given in `change`, a string or
 * undefined for "not set"), or removing it (`change.remove`), makes destination-limit report an
 * entry it did not report before.
 */
export function changeExceedsDestinationLimit(
  dest: DestinationCatalog | undefined,
  entries: readonly Entry[],
  target: Entry,
  change: { mapTo?: string; externalId?: string; remove?: boolean },
): boolean {
  if (dest?.limits?.maxAdditionalIdentifiers === undefined) return false;
  const reported = (changed: boolean): Set<Entry> => {
    const kept = changed && change.remove ? entries.filter((e) => e !== target) : entries;
    const keys = kept.map((e) => {
      const own = changed && e === target;
      const mapTo = own && 'mapTo' in change ? change.mapTo : stringValue(e.mapTo);
      const externalId = own && 'externalId' in change ? change.externalId : stringValue(e.externalId);
      return limitKey(dest, mapTo, externalId);
    });
    return new Set(destinationLimitExcess(dest, keys).map((x) => kept[x.position]));
  };
  const before = reported(false);
  return [...reported(true)].some((e) => !before.has(e));
}

/**
 * The positions (one strategy value per entry, in file order) that too-many-all reports: each
 * "all" beyond `max`.
 */
export function allStrategyExcess(strategies: readonly unknown[], max: number): number[] {
  const excess: number[] = [];
  let count = 0;
  strategies.forEach((s, position) => {
    if (s !== 'all') return;
    count++;
    if (count > max) excess.push(position);
  });
  return excess;
}

/**
 * The severity mobile-ids-disabled gives an entry mapping `externalId` in this file, or undefined
 * when it reports nothing (Send Mobile IDs on, a destination that ignores it, not a mobile id).
 */
export function sendMobileIdsSeverity(ctx: RuleContext, externalId: string): Severity | undefined {
  if (ctx.model.sendMobileIds || ctx.destination?.ignoresSendMobileIds) return undefined;
  const ids = ctx.catalogs.identifiers.identifiers;
  const info = Object.prototype.hasOwnProperty.call(ids, externalId) ? ids[externalId] : undefined;
  return info?.requiresSendMobileIds ? info.sendMobileIdsSeverity ?? 'error' : undefined;
}

/**
 * True when setting `entry`'s externalId to `id` would make a new error: mobile-ids-disabled (the
 * identifier needs Send Mobile IDs, which is off, and the old one did not) or destination-limit.
 * Fixes that change an externalId (or rename a key into "externalId") are not offered then.
 */
export function externalIdChangeMakesError(ctx: RuleContext, entry: Entry, id: string): boolean {
  const old = stringValue(entry.externalId);
  if (sendMobileIdsSeverity(ctx, id) === 'error' && (old === undefined || sendMobileIdsSeverity(ctx, old) !== 'error')) return true;
  return changeExceedsDestinationLimit(ctx.destination, ctx.model.entries, entry, { externalId: id });
}
