/**
 * Shared helpers of the ad-platform destination preview tests: the built-in catalog generated
 * from the destination's overlay, a customized config previewed through the engine (`previewConfig`), and
 * the rows reduced to what the destination receives. Expected values are computed by each test
 * file's own implementation of the destination's code, never by idsync's normaliser.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { builtinCatalogs, EMPTY_SPACE, lintText, parseProfile, previewConfig } from '../../../server/src/engine';
import type { DestinationCatalog, ProfilePreview } from '../../../server/src/engine';

/** The overlays live in the source tree (tests run from out/test/preview/destinations). */
export const OVERLAYS = path.resolve(__dirname, '../../../../server/catalogs/overlays');

/** The built-in catalog generated from the overlay (`npm run catalogs`: skeleton + overlay). */
export function overlay(slug: string): DestinationCatalog {
  const dest = builtinCatalogs().destinations.get(slug);
  if (!dest) throw new Error(`${slug} is not a built-in destination`);
  return dest;
}

export interface IdValue {
  type: string;
  id: string;
  created_at?: string;
}

/** Previews one profile against a config of `slug`, with the built-in catalogs. */
export function previewOverlay(slug: string, config: Record<string, unknown>, ids: IdValue[]): ProfilePreview {
  const text = JSON.stringify({ audience: { key: 'ad_test' }, destination: { slug }, ...config }, null, 2);
  const { model } = lintText(text, { space: EMPTY_SPACE });
  overlay(slug);
  const catalogs = builtinCatalogs();
  const parsed = parseProfile(JSON.stringify({ external_ids: ids }));
  assert.ok(parsed.ok, 'the test profile parses');
  const p = previewConfig({ model, catalogs, space: EMPTY_SPACE }, { display: 'profile.json', profile: parsed.profile });
  assert.equal(p.error, null);
  return p;
}

export interface Row {
  externalId: string | null;
  key: string | null;
  values: string[];
  sent: Array<string | null>;
  skipped: string | null;
}

export function rows(p: ProfilePreview): Row[] {
  return p.identifiers.map((e) => ({ externalId: e.externalId, key: e.key, values: e.values.map((v) => v.raw), sent: e.values.map((v) => v.sent), skipped: e.skipped }));
}

/** One expected row: the raw values selected (in order) and what the destination's code makes of each. */
export function expectRow(externalId: string, key: string, values: string[], send: (raw: string) => string | null): Row {
  return { externalId, key, values, sent: values.map(send), skipped: values.map(send).every((v) => v === null) ? `no ${externalId} value survives the destination's normalisation` : null };
}

/** A shared mixed profile: case, whitespace, gmail dots and plus tags, pre-hashed values, phones of several shapes, timestamps out of file order. */
export const MIXED: IdValue[] = [
  { type: 'email', id: '  Jane.Doe+Ads@GMail.com ', created_at: '2023-05-01T10:00:00Z' },
  { type: 'email', id: 'j.o.e@googlemail.com', created_at: '2021-01-01T00:00:00Z' },
  { type: 'email', id: 'Sam.Smith@Example.ORG', created_at: '2022-03-04T05:06:07+02:00' },
  { type: 'email', id: '8C87B489CE35CF2E2F39F80E282CB2E804932A56A213983EEEB428407D43B52D', created_at: '2022-06-01T00:00:00Z' },
  { type: 'email', id: '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d', created_at: '2022-07-01T00:00:00.5Z' },
  { type: 'email', id: 'not-an-email', created_at: '2020-01-01T00:00:00Z' },
  { type: 'phone', id: '+44 20 7946 0958', created_at: '2022-02-01T00:00:00Z' },
  { type: 'phone', id: '0044 (20) 7946-0958', created_at: '2021-02-01T00:00:00Z' },
  { type: 'phone', id: '(202) 309.5976', created_at: '2023-02-01T00:00:00Z' },
  { type: 'phone', id: '1-202-309-5976', created_at: '2020-06-01T00:00:00Z' },
  { type: 'phone', id: '020 7946 0958', created_at: '2024-01-01T00:00:00Z' },
  { type: 'phone', id: 'ab2e885e8213b2fbb894c6da2936ada8ef712c1c31762cc937dcb81172278932', created_at: '2024-02-01T00:00:00Z' },
  { type: 'user_id', id: ' U-1001 ', created_at: '2021-01-01T00:00:00Z' },
  { type: 'ios.idfa', id: 'AEBE52E7-03EE-455A-B3C4-E57283966239', created_at: '2022-01-01T00:00:00Z' },
  { type: 'android.idfa', id: 'cdda802e-fb9c-47ad-9866-0794d394c912', created_at: '2022-01-02T00:00:00Z' },
];

/** MIXED's values of one type, oldest first (written out by hand from the timestamps above). */
export const BY_AGE: Record<string, string[]> = {
  email: [
    'not-an-email',
    'j.o.e@googlemail.com',
    'Sam.Smith@Example.ORG',
    '8C87B489CE35CF2E2F39F80E282CB2E804932A56A213983EEEB428407D43B52D',
    '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d',
    '  Jane.Doe+Ads@GMail.com ',
  ],
  phone: ['1-202-309-5976', '0044 (20) 7946-0958', '+44 20 7946 0958', '(202) 309.5976', '020 7946 0958', 'ab2e885e8213b2fbb894c6da2936ada8ef712c1c31762cc937dcb81172278932'],
  user_id: [' U-1001 '],
  'ios.idfa': ['AEBE52E7-03EE-455A-B3C4-E57283966239'],
  'android.idfa': ['cdda802e-fb9c-47ad-9866-0794d394c912'],
};
