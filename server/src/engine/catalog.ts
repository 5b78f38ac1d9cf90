/**
 * Catalog types and indexes. The facts live in JSON data files under `server/catalogs/`
 * (each fact with its source); this module only describes and indexes them.
 */

/** Where a fact comes from: a docs page or code path, and a note where the docs are silent. */
export interface Sourced {
  source: string;
  confidence?: string;
}

export interface SegmentIdentifier extends Sourced {
  /** Human label, e.g. "iOS advertising ID (IDFA)". */
  label: string;
  description: string;
  /** One of the default identifiers of a space. */
  default: boolean;
  /** A mobile advertising id (IDFA / AAID). */
  mobileAdId?: boolean;
  /** Needs the "Send Mobile IDs" connection setting to be sent. */
  requiresSendMobileIds?: boolean;
  /** Severity of mobile-ids-disabled for this identifier ("error" for ios.idfa, "warning" for android.idfa). */
  sendMobileIdsSeverity?: 'error' | 'warning';
  /** Ad-list destinations cannot match on it (anonymous_id, ga_client_id, push tokens, group_id). */
  unmatchable?: boolean;
  /** Why it is unmatchable, for the message. */
  unmatchableReason?: string;
  /** Segment's default identity limit (values kept per profile); 1 for user_id. Optional: all-on-single-value falls back to user_id = 1. */
  identityLimit?: number;
}

export interface IdentifierCatalog extends Sourced {
  identifiers: Record<string, SegmentIdentifier>;
  strategies: Record<'first' | 'last' | 'all', { label: string; description: string; aliases: string[] } & Sourced>;
  limits: { maxAllStrategy: number; maxIdentifiers: number; propagationMinutes: number } & Sourced;
  /** Prefixes of trait/property paths that are not identifiers (`traits.`, `properties.`, `context.`). */
  propertyPathPrefixes: string[];
}

export type Hashing = 'sha256' | 'none';

/**
 * One normalisation step, applied in order before hashing:
 * - `trim`: remove surrounding whitespace; `lowercase`: lower-case the value;
 * - `digits-only`: drop every character that is not a digit; `strip-leading-zeros`: drop leading zeros;
 * - `e164`: digits only, prefixed with `+` (no country code is added);
 * - `strip-plus-tag`: email only, drop a `+tag` suffix of the local part (`jane+news@x.com` -> `jane@x.com`);
 * - `remove-local-dots`: email only, drop the dots of the local part (`j.doe@x.com` -> `jdoe@x.com`).
 */
export type NormalizeStep = 'trim' | 'lowercase' | 'digits-only' | 'strip-leading-zeros' | 'e164' | 'strip-plus-tag' | 'remove-local-dots';

export interface DestinationKey extends Sourced {
  label: string;
  description: string;
  /** What the destination receives: normalisation steps, then hashing. */
  normalize?: NormalizeStep[];
  hashing: Hashing;
  /** Values already matching ^[a-f0-9]{64}$ are passed through unhashed. */
  passThroughHashed?: boolean;
  /** Segment identifiers this key is the natural target for (first one is the best match). */
  suggestedFor?: string[];
  mobileAdId?: boolean;
}

export interface DestinationCatalog extends Sourced {
  slug: string;
  displayName: string;
  kind: 'list' | 'actions' | 'function' | 'classic';
  /** How the destination column is chosen in Segment: a dropdown of keys, or free text. */
  input: 'dropdown' | 'freeText';
  /** Ad-list destinations match people against a platform's users: unmatchable identifiers are useless there. */
  adList?: boolean;
  /** The destination sends mobile ids whatever the Send Mobile IDs setting says. */
  ignoresSendMobileIds?: boolean;
  /** Connection settings the destination knows, by key. */
  connectionSettings?: Record<string, { type: 'boolean' | 'string' | 'number'; description: string } & Sourced>;
  keys: Record<string, DestinationKey>;
  /** Keys that exist at the destination but belong to Trait Enrichment, not ID Sync (e.g. Facebook FN/LN). */
  traitEnrichmentKeys?: Record<string, { label: string } & Sourced>;
  /** Documented key conventions for free-text destinations: Segment identifier -> expected key. */
  keyConventions?: Record<string, string>;
  keyConventionsSource?: string;
  /** Destination-specific limits. */
  limits?: {
    /** At most this many identifiers besides `alwaysSends`. */
    maxAdditionalIdentifiers?: number;
    /** The key (destination side) that is always sent and does not count towards the limit. */
    alwaysSends?: string;
  } & Sourced;
  /** Facts a reader should know that no other field carries (destination settings, requirements), each sourced. */
  notes?: Array<{ text: string } & Sourced>;
  /** What Default Setup sends (Segment's behaviour without ID Sync). */
  defaultSetup?: { identifiers: string[]; strategy: 'all' | 'last' | 'first' } & Sourced;
}

/** A catalog plus the lookup maps built once at load time. */
export interface Catalogs {
  identifiers: IdentifierCatalog;
  destinations: Map<string, DestinationCatalog>;
}

export function buildCatalogs(identifiers: IdentifierCatalog, destinations: Iterable<DestinationCatalog>): Catalogs {
  const map = new Map<string, DestinationCatalog>();
  for (const d of destinations) map.set(d.slug, d);
  return { identifiers, destinations: map };
}

/** The key a destination suggests for a Segment identifier: suggestedFor first, then a key convention. */
export function suggestedKey(dest: DestinationCatalog, externalId: string): string | undefined {
  for (const [key, spec] of Object.entries(dest.keys)) {
    if (spec.suggestedFor?.includes(externalId)) return key;
  }
  const conv = dest.keyConventions?.[externalId];
  if (conv) return conv;
  return undefined;
}
