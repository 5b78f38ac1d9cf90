/**
 * Value normalisation and hashing as destinations receive identifiers (catalog `normalize`,
 * `hashing`, `passThroughHashed`). Pure functions; SHA-256 from Node's `crypto`.
 */
import { createHash } from 'node:crypto';
import type { DestinationKey } from './catalog';

export type NormalizeStep = NonNullable<DestinationKey['normalize']>[number];

/** A lower- or upper-case hex SHA-256 digest: the "already hashed" test of Segment's smart hashing. */
const SHA256_HEX = /^[a-f0-9]{64}$/i;

export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** One normalisation step. `notes` receives remarks a user should see (e.g. an assumed country code). */
export function normalizeStep(value: string, step: NormalizeStep, notes?: string[]): string {
  switch (step) {
    case 'trim':
      return value.trim();
    case 'lowercase':
      return value.toLowerCase();
    case 'digits-only':
      return value.replace(/[^0-9]/g, '');
    case 'strip-leading-zeros':
      return value.replace(/^0+/, '');
    case 'e164':
      return toE164(value, notes);
    case 'strip-plus-tag':
      return mapLocalPart(value, (local) => local.replace(/\+.*$/, ''));
    case 'remove-local-dots':
      return mapLocalPart(value, (local) => local.replace(/\./g, ''));
  }
}

/** Applies `f` to the local part of an email address (before the last "@"); other values pass unchanged. */
function mapLocalPart(value: string, f: (local: string) => string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return value;
  return f(value.slice(0, at)) + value.slice(at);
}

/**
 * E.164 as Segment's Actions destinations build it: keep the digits, turn a leading `00`
 * international prefix into `+`, and prefix `+`. No country code is ever invented: a
 * national number stays national (and will not match), which the note says.
 */
export function toE164(value: string, notes?: string[]): string {
  const trimmed = value.trim();
  let digits = trimmed.replace(/[^0-9]/g, '');
  if (digits === '') return '';
  if (trimmed.startsWith('+')) return '+' + digits;
  if (digits.startsWith('00')) return '+' + digits.slice(2);
  notes?.push('no "+" or "00" prefix: assumed to already start with the country code');
  digits = digits.replace(/^0+/, '');
  return '+' + digits;
}

/** Applies a key's normalisation steps in order. */
export function normalizeValue(value: string, steps: readonly NormalizeStep[] | undefined, notes?: string[]): string {
  let v = value;
  for (const step of steps ?? []) v = normalizeStep(v, step, notes);
  return v;
}
