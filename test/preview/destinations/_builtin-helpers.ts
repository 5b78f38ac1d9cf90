/**
 * Shared helpers of the preview tests of the ten built-in destinations (server/catalogs/destinations/):
 * a config previewed through the engine (`previewConfig`) with `builtinCatalogs()`, and a digest
 * straight from node:crypto. Expected values are computed by each test file's own implementation of
 * the destination's code, never by idsync's normaliser. The profile is `MIXED` of
 * `_ad-platforms-helpers.ts` plus, per test, a few values of its own.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { builtinCatalogs, EMPTY_SPACE, lintText, parseProfile, previewConfig } from '../../../server/src/engine';
import type { ProfilePreview } from '../../../server/src/engine';
import type { IdValue } from './_ad-platforms-helpers';

/** Previews one profile against a config of `slug` with the built-in catalogs. */
export function previewBuiltin(slug: string, config: Record<string, unknown>, ids: IdValue[]): ProfilePreview {
  const text = JSON.stringify({ audience: { key: 'ad_test' }, destination: { slug }, ...config }, null, 2);
  const catalogs = builtinCatalogs();
  const { model } = lintText(text, { space: EMPTY_SPACE, catalogs });
  const parsed = parseProfile(JSON.stringify({ external_ids: ids }));
  assert.ok(parsed.ok, 'the test profile parses');
  const p = previewConfig({ model, catalogs, space: EMPTY_SPACE }, { display: 'profile.json', profile: parsed.profile });
  assert.equal(p.error, null);
  return p;
}

/** SHA-256 of a UTF-8 string, hex or base64, from node:crypto. */
export function sha256(value: string, digest: 'hex' | 'base64' = 'hex'): string {
  return createHash('sha256').update(value, 'utf8').digest(digest);
}

/** Segment's `processHashing` digest test (action-destinations packages/destination-actions/src/lib/hashing-utils.ts, SmartHashing.isAlreadyHashed, hex): 64 hex digits, any case. */
export function isSha256Hex(value: string): boolean {
  return value.length === 64 && /^[a-f0-9]{64}$/i.test(value);
}

/**
 * Segment's `processHashing(value, 'sha256', 'hex', clean)` (hashing-utils.ts): '' for a blank value,
 * the raw value when it already is a digest, else the digest of the cleaned value (which throws
 * "Cannot hash an empty string" when cleaning leaves a blank: `null` here, nothing is sent).
 */
export function processHashing(value: string, clean: (v: string) => string = (v) => v): string | null {
  if (value.trim() === '') return '';
  if (isSha256Hex(value)) return value;
  const cleaned = clean(value);
  if (cleaned.trim() === '') return null;
  return sha256(cleaned);
}

/** Timestamps later than every MIXED value, so `last` picks the extra values of a test. */
export function later(i: number): string {
  return `2030-01-${String(i + 1).padStart(2, '0')}T00:00:00Z`;
}
