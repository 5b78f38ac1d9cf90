/**
 * One preview row's values: the list's External ID Type and Send Mobile IDs gating, the strategy's
 * selection, then each value's normalisation and hashing as the destination's catalog describes.
 */
import type { DestinationCatalog, DestinationKey, Hashing, Strategy } from '../catalogs/catalog';
import { confidenceNotes, listedKeyType } from '../catalogs/catalog';
import type { SampleProfile, ProfileExternalId } from './profiles';
import { hashingLabel, hashValue, hexToBase64, looksHashed, looksHashedAs, normalize } from './normalize';
import type { PreviewEntry, PreviewInput, PreviewValue } from './types';

/** What previewing one profile against one config needs, computed once per profile. */
export interface ProfileContext {
  input: PreviewInput;
  catalog: DestinationCatalog | undefined;
  profile: SampleProfile;
  /** Values of each type, oldest first. */
  byType: Map<string, ProfileExternalId[]>;
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

export function destinationName(ctx: ProfileContext): string {
  return ctx.catalog?.displayName ?? ctx.input.model.destinationSlug ?? 'the destination';
}

export function isFreeText(ctx: ProfileContext): boolean {
  return !ctx.catalog || ctx.catalog.input === 'freeText';
}

/**
 * Why a list with a key type setting (Google Ads Remarketing Lists' External ID Type) does not
 * receive `key`, or undefined when it does (or the setting is unset or unknown: every key is sent).
 * The key sent in every payload (`limits.alwaysSends`, Google's email) is never gated.
 */
function listKeyTypeSkip(ctx: ProfileContext, key: string): string | undefined {
  const lkt = ctx.catalog?.listKeyTypeSetting;
  if (!lkt) return undefined;
  const value = ctx.input.model.connectionSettingValues[lkt.setting];
  // Compared as the destination's code compares it (listedKeyType), as the rules do.
  const listed = typeof value === 'string' ? listedKeyType(lkt, value) : undefined;
  if (listed === undefined) return undefined;
  const always = ctx.catalog?.limits?.alwaysSends;
  const k = key.toLowerCase();
  if (k === always?.toLowerCase() || lkt.values[listed].some((v) => v.toLowerCase() === k)) return undefined;
  return `the list's External ID Type is "${value}" (connectionSettings.${lkt.setting}): ${destinationName(ctx)} matches it on ${[...new Set([...(always ? [always] : []), ...lkt.values[listed]])].join(', ')}, so ${key} is not sent`;
}

/** External ID Type gating, mobile-id gating, value selection and transformation for one row. */
export function fill(ctx: ProfileContext, row: PreviewEntry, externalId: string, key: string, strategy: Strategy): void {
  const gated = listKeyTypeSkip(ctx, key);
  if (gated !== undefined) {
    row.skipped = gated;
    return;
  }
  const idSpec = ctx.input.catalogs.identifiers.identifiers[externalId];
  if (idSpec?.requiresSendMobileIds && !ctx.input.model.sendMobileIds) {
    if (ctx.catalog?.ignoresSendMobileIds) {
      const disagree = ctx.catalog.sendMobileIdsDocsDisagree;
      row.notes.push(
        disagree
          ? `Send Mobile IDs is off: ${externalId} is shown as sent, as ${destinationName(ctx)}'s page says the setting can be ignored, but Segment's pages disagree (${disagree.text}); turning it on is safe either way`
          : `Send Mobile IDs is off, but ${destinationName(ctx)} ignores that setting: ${externalId} is sent`,
      );
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

function keyOf(ctx: ProfileContext, key: string, row: PreviewEntry): DestinationKey | undefined {
  if (!ctx.catalog) return undefined;
  const spec = Object.prototype.hasOwnProperty.call(ctx.catalog.keys, key) ? ctx.catalog.keys[key] : undefined;
  if (!spec) {
    // A destination whose keys idsync does not know (an event destination, an audience destination
    // not curated yet) makes no claim about the key.
    if (Object.keys(ctx.catalog.keys).length === 0 && (ctx.catalog.tier === 4 || ctx.catalog.curated === false)) {
      row.notes.push(
        ctx.catalog.tier === 4
          ? `${destinationName(ctx)} is an event destination: "${key}" arrives as provided (as traits.${key} or properties.${key}); its mappings decide what it does with it`
          : `the keys of ${destinationName(ctx)} are not curated yet: "${key}" is shown as provided (normalisation and hashing unknown)`,
      );
      return undefined;
    }
    row.notes.push(
      ctx.catalog.input === 'dropdown'
        ? `"${key}" is not in ${destinationName(ctx)}'s dropdown: Segment would not accept it (shown as provided)`
        : `"${key}" is not a documented key of ${destinationName(ctx)}: sent as provided; if the destination does not have it, events may not be delivered`,
    );
  }
  return spec;
}

function transform(ctx: ProfileContext, value: ProfileExternalId, key: string, spec: DestinationKey | undefined): PreviewValue {
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
    out.notes.push(`already ${hashingLabel(already)}, but ${destinationName(ctx)} hashes ${key} again: the platform receives a double hash that cannot match`);
  }
  return out;
}

/** The key's hashing, or none while the connection setting that switches it is false. */
function effectiveHashing(ctx: ProfileContext, spec: DestinationKey, notes: string[]): Hashing {
  if (spec.hashing === 'none' || !spec.hashingSetting) return spec.hashing;
  const { setting, default: byDefault } = spec.hashingSetting;
  const value = ctx.input.model.connectionSettingValues[setting];
  const on = typeof value === 'boolean' ? value : byDefault;
  if (!on) notes.push(`not hashed: connectionSettings.${setting} is ${typeof value === 'boolean' ? 'false' : `unset (default ${byDefault})`}`);
  return on ? spec.hashing : 'none';
}
