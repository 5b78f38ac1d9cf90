/**
 * Value normalisation and hashing as destinations receive identifiers (catalog `normalize`,
 * `hashing`, `passThroughHashed`). Pure functions; digests from `digest.ts` (plain TypeScript, the
 * same in Node and in a web worker).
 */
import { digest, fromHex, toBase64, toHex } from './digest';
import type { Hashing, NamedNormalizeStep, NormalizeStep } from '../catalogs/catalog';

export type { NormalizeStep } from '../catalogs/catalog';

/** A lower- or upper-case hex SHA-256 digest: the "already hashed" test of Segment's smart hashing. */
const SHA256_HEX = /^[a-f0-9]{64}$/i;

export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}

export function sha256Hex(value: string): string {
  return toHex(digest('sha256', value));
}

type Digest = { algorithm: 'sha256' | 'sha1' | 'md5'; encoding: 'hex' | 'base64' };

const DIGESTS: Record<Exclude<Hashing, 'none'>, Digest & { looksHashed: RegExp }> = {
  sha256: { algorithm: 'sha256', encoding: 'hex', looksHashed: /^[a-f0-9]{64}$/i },
  'sha256-base64': { algorithm: 'sha256', encoding: 'base64', looksHashed: /^[A-Za-z0-9+/]{43}=$/ },
  sha1: { algorithm: 'sha1', encoding: 'hex', looksHashed: /^[a-f0-9]{40}$/i },
  md5: { algorithm: 'md5', encoding: 'hex', looksHashed: /^[a-f0-9]{32}$/i },
};

/** How a hashing is named to users ("SHA-256", "SHA-256 (base64)", "SHA-1", "MD5"). */
export function hashingLabel(hashing: Exclude<Hashing, 'none'>): string {
  return HASHING_LABELS[hashing];
}

const HASHING_LABELS: Record<Exclude<Hashing, 'none'>, string> = { sha256: 'SHA-256', 'sha256-base64': 'SHA-256 (base64)', sha1: 'SHA-1', md5: 'MD5' };

/** A hex digest re-encoded to base64 (the same bytes). */
export function hexToBase64(hex: string): string {
  return toBase64(fromHex(hex));
}

/** The digest of `value` as the key's hashing produces it (UTF-8 input). */
export function hashValue(value: string, hashing: Exclude<Hashing, 'none'>): string {
  const d = DIGESTS[hashing];
  const bytes = digest(d.algorithm, value);
  return d.encoding === 'hex' ? toHex(bytes) : toBase64(bytes);
}

/**
 * Whether `value` already has the shape of a digest of `hashing`: what Segment's smart hashing
 * checks before hashing (hex of the digest's length in any case, or base64 of its length).
 */
export function looksHashed(value: string, hashing: Exclude<Hashing, 'none'>): boolean {
  return DIGESTS[hashing].looksHashed.test(value);
}

/** The first hashing (sha256, sha256-base64, sha1, md5) whose digests `value` looks like, if any. */
export function looksHashedAs(value: string): Exclude<Hashing, 'none'> | undefined {
  return (Object.keys(DIGESTS) as Array<Exclude<Hashing, 'none'>>).find((h) => looksHashed(value, h));
}

/** The result of one step: the new value, or null when the destination does not send the value. */
export interface StepResult {
  value: string | null;
  /** Why the value is not sent (when `value` is null). */
  dropped?: string;
}

/** Each pattern step's regular expression, compiled once per step object (the catalogs' steps live as long as the catalogs). */
const PATTERNS = new WeakMap<object, RegExp>();

function pattern(step: Exclude<NormalizeStep, string>, source: string): RegExp {
  let re = PATTERNS.get(step);
  if (!re) PATTERNS.set(step, (re = new RegExp(source, step.flags)));
  re.lastIndex = 0;
  return re;
}

/** A short human description of a step (docs, hover, preview notes). */
export function describeStep(step: NormalizeStep): string {
  return typeof step === 'string' ? step : step.why;
}

/**
 * One normalisation step. `notes` receives remarks a user should see (e.g. an assumed country code).
 * `stop` is set when a `keep` step matched: the value is final, later steps do not apply.
 */
export function normalizeStep(value: string, step: NormalizeStep, notes?: string[]): StepResult & { stop?: boolean } {
  if (typeof step === 'string') return { value: namedStep(value, step, notes) };
  if ('replace' in step) return { value: value.replace(pattern(step, step.replace), step.with) };
  if ('keep' in step) return pattern(step, step.keep).test(value) ? { value, stop: true } : { value };
  if ('reject' in step) return pattern(step, step.reject).test(value) ? { value: null, dropped: step.why } : { value };
  return pattern(step, step.require).test(value) ? { value } : { value: null, dropped: step.why };
}

function namedStep(value: string, step: NamedNormalizeStep, notes?: string[]): string {
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
 * E.164 as most of Segment's Actions destinations build it: keep the digits, turn a leading `00`
 * international prefix into `+`, and prefix `+`. No country code is ever invented: a national
 * number stays national (and will not match), which the note says.
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

/** Applies a key's normalisation steps in order; stops at the first step that drops the value. */
export function normalize(value: string, steps: readonly NormalizeStep[] | undefined, notes?: string[]): StepResult {
  let v = value;
  for (const step of steps ?? []) {
    const r = normalizeStep(v, step, notes);
    if (r.value === null) return { value: null, dropped: r.dropped };
    v = r.value;
    if (r.stop) {
      notes?.push(`${describeStep(step)}: left as it is`);
      break;
    }
  }
  return { value: v };
}

/** Applies a key's normalisation steps in order: the normalised value, or '' when a step drops it. */
export function normalizeValue(value: string, steps: readonly NormalizeStep[] | undefined, notes?: string[]): string {
  return normalize(value, steps, notes).value ?? '';
}
