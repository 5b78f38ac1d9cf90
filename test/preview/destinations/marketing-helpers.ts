/**
 * Shared helpers of the preview tests of the marketing-and-data overlays
 * (docs/catalogs/marketing-and-data.md): the built-in catalog generated from an overlay, a config
 * previewed with the built-in catalogs, and a sample profile with awkward values. The expected values of each test
 * come from an independent implementation of the destination's code steps written in the test.
 */
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { builtinCatalogs, lintText, previewAll, parseProfile, EMPTY_SPACE } from '../../../server/src/engine';
import type { DestinationCatalog, PreviewEntry, ProfilePreview } from '../../../server/src/engine';

/** Overlays live in the source tree (tests run from out/test/preview/destinations). */
export const OVERLAYS = path.resolve(__dirname, '../../../../server/catalogs/overlays');

/** The built-in catalog generated from the overlay (`npm run catalogs`: skeleton + overlay). */
export function overlay(slug: string): DestinationCatalog {
  const dest = builtinCatalogs().destinations.get(slug);
  if (!dest) throw new Error(`${slug} is not a built-in destination`);
  return dest;
}

/** SHA-256 hex of a UTF-8 string, straight from node:crypto. */
export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Previews `entries` (Customized Setup) of a config for `slug` against one profile, with the built-in catalogs. */
export function previewWith(slug: string, entries: unknown[] | undefined, profile: unknown[], extra: Record<string, unknown> = {}): ProfilePreview {
  overlay(slug);
  const catalogs = builtinCatalogs();
  const config = { audience: { key: 'vip' }, destination: { slug }, ...extra, ...(entries ? { idSyncConfiguration: entries } : {}) };
  const { model } = lintText(JSON.stringify(config, null, 2), { space: EMPTY_SPACE, catalogs });
  const parsed = parseProfile(JSON.stringify(profile));
  if (!parsed.ok) throw new Error(`test profile does not parse: ${parsed.error.message}`);
  const p = previewAll({ model, catalogs, space: EMPTY_SPACE }, [{ display: 'profile.json', profile: parsed.profile }]);
  if (p.profiles[0].error !== null) throw new Error(`preview failed: ${p.profiles[0].error}`);
  return p.profiles[0];
}

/** What a row sends: raw values (oldest first) and the value the destination receives (null: not sent). */
export function sent(row: PreviewEntry): Array<[string, string | null]> {
  return row.values.map((v) => [v.raw, v.sent]);
}

const LOWER_HASH = sha256('jane@example.com');

/**
 * A profile with mixed case, whitespace, gmail dots and plus tags, pre-hashed values (lower- and
 * upper-case hex), international and national phones, and timestamps with offsets and fractions.
 * Values of a type are listed here out of age order on purpose.
 */
export const PROFILE = [
  { type: 'email', id: ' Jane.Doe+News@GMail.com ', created_at: '2023-05-01T10:00:00Z' },
  { type: 'email', id: 'j.o.h.n.smith@gmail.com', created_at: '2021-01-01T00:00:00+02:00' },
  { type: 'email', id: LOWER_HASH, created_at: '2022-01-01T00:00:00Z' },
  { type: 'email', id: LOWER_HASH.toUpperCase(), created_at: '2022-06-01T12:00:00.250+02:00' },
  { type: 'email', id: 'bob@example', created_at: '2022-03-01T00:00:00Z' },
  { type: 'phone', id: '+44 20 7946 0958', created_at: '2020-01-01T00:00:00Z' },
  { type: 'phone', id: '0044 (20) 7946-0958', created_at: '2020-02-01T00:00:00Z' },
  { type: 'phone', id: '020 7946 0958', created_at: '2020-03-01T00:00:00Z' },
  { type: 'phone', id: '(202) 309.5976', created_at: '2020-04-01T00:00:00Z' },
  { type: 'phone', id: '+12023095976', created_at: '2020-05-01T00:00:00.5Z' },
  { type: 'user_id', id: 'u-1001', created_at: '2019-01-01T00:00:00Z' },
  { type: 'anonymous_id', id: 'anon-7F3A', created_at: '2019-01-02T00:00:00Z' },
  { type: 'braze_device_id', id: ' DEV-42 ', created_at: '2021-07-01T00:00:00Z' },
  { type: 'braze_device_id', id: 'dev-41', created_at: '2021-06-01T00:00:00Z' },
];

/** The raw values of one type, oldest first: an independent reading of PROFILE's timestamps. */
export function byAge(type: string): string[] {
  return PROFILE.filter((v) => v.type === type)
    .map((v) => ({ id: v.id, t: Date.parse(v.created_at) }))
    .sort((a, b) => a.t - b.t)
    .map((v) => v.id);
}
