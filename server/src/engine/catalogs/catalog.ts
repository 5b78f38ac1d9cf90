/**
 * Catalog types and indexes. The facts live in JSON data files under `server/catalogs/`
 * (each fact with its source); this module only describes and indexes them.
 */

/**
 * How sure a fact is: `documented` (Segment's docs say it), `code` (Segment's destination code does
 * it), `inferred` (follows from a documented or coded fact, not stated), `uncertain` (best guess).
 */
export type Confidence = 'documented' | 'code' | 'inferred' | 'uncertain';

export const CONFIDENCES: readonly Confidence[] = ['documented', 'code', 'inferred', 'uncertain'];

/**
 * Where a fact comes from. `source` names one or more files of Segment's repositories at the
 * commits pinned in docs/sources.md, separated by "; ", each as `<repository> <path>` with the
 * function or passage in parentheses (`action-destinations packages/.../utils.ts (normalizePhone)`).
 * `note` says what a reader must know about the fact (where docs and code disagree, what is assumed).
 * Built-in catalogs always give a confidence; space-file destinations have none.
 */
export interface Sourced {
  source: string;
  confidence?: Confidence;
  note?: string;
}

export interface SegmentIdentifier extends Sourced {
  /** Human label, e.g. "iOS advertising ID (IDFA)". */
  label: string;
  description: string;
  /** One of the default identifiers of a space. */
  default: boolean;
  /** A mobile advertising id (IDFA / AAID). */
  mobileAdId?: boolean;
  /** The kind of identifier, matched against a destination key's `expects`. */
  kind?: IdentifierKind;
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

/**
 * What the destination's code does to a value after normalisation:
 * - `sha256`: SHA-256, hex digest (Segment's `processHashing(value, 'sha256', 'hex')`);
 * - `sha256-base64`: SHA-256, base64 digest; `sha1`: SHA-1, hex; `md5`: MD5, hex;
 * - `none`: sent as normalised.
 */
export type Hashing = 'sha256' | 'sha256-base64' | 'sha1' | 'md5' | 'none';

export const HASHINGS: readonly Hashing[] = ['sha256', 'sha256-base64', 'sha1', 'md5', 'none'];

/**
 * A named normalisation step:
 * - `trim`: remove surrounding whitespace (JavaScript `String.prototype.trim`); `lowercase`: `toLowerCase()`;
 * - `digits-only`: drop every character that is not an ASCII digit; `strip-leading-zeros`: drop leading zeros;
 * - `e164`: digits only, prefixed with `+`, a leading `00` read as the international prefix (no country code is added);
 * - `strip-plus-tag`: email only, drop a `+tag` suffix of the local part (`jane+news@x.com` -> `jane@x.com`);
 * - `remove-local-dots`: email only, drop the dots of the local part (`j.doe@x.com` -> `jdoe@x.com`).
 */
export type NamedNormalizeStep = 'trim' | 'lowercase' | 'digits-only' | 'strip-leading-zeros' | 'e164' | 'strip-plus-tag' | 'remove-local-dots';

export const NAMED_NORMALIZE_STEPS: readonly NamedNormalizeStep[] = ['trim', 'lowercase', 'digits-only', 'strip-leading-zeros', 'e164', 'strip-plus-tag', 'remove-local-dots'];

/**
 * A step that says exactly what a destination's code does where no named step does. Patterns are
 * JavaScript regular expressions (built-in catalog data only, never read from a workspace):
 * - `{ replace, with, flags? }`: `value.replace(new RegExp(replace, flags), with)` (`$1` etc. work);
 * - `{ reject, flags? }`: a value that matches is not sent (the destination drops or refuses it);
 * - `{ require, flags? }`: a value that does not match is not sent;
 * - `{ keep, flags? }`: a value that matches is sent as it is at this point: the remaining steps are
 *   skipped (Google's `formatPhone` returns any value containing 64 hex digits unchanged).
 * `why` says in a few words what the step does, for the preview and the docs.
 */
export type PatternStep =
  | { replace: string; with: string; flags?: string; why: string }
  | { reject: string; flags?: string; why: string }
  | { require: string; flags?: string; why: string }
  | { keep: string; flags?: string; why: string };

/** One normalisation step, applied in order before hashing. */
export type NormalizeStep = NamedNormalizeStep | PatternStep;

/**
 * What a destination key expects, to catch an identifier of another kind mapped to it (a device id
 * sent as an advertising id, a user id as an email).
 */
export type IdentifierKind = 'email' | 'phone' | 'advertising-id' | 'device-id' | 'user-id' | 'anonymous-id' | 'other';

export interface DestinationKey extends Sourced {
  label: string;
  description: string;
  /** What the destination receives: normalisation steps, then hashing. */
  normalize?: NormalizeStep[];
  hashing: Hashing;
  /**
   * A value that already looks like a digest of `hashing` (64 hex digits for sha256, any case; 44
   * base64 characters for sha256-base64; 40 / 32 hex for sha1 / md5) is sent as it is, before any
   * normalisation (Segment's `processHashing`).
   */
  passThroughHashed?: boolean;
  /**
   * Where the code's "already hashed" test differs from the digest shape of the raw value:
   * `pattern` (a JavaScript regular expression, built-in data only) replaces the shape test (e.g.
   * TikTok's unanchored `[0-9a-f]{64}`), and with `afterNormalize` the test is made on the value
   * after the key's `normalize` steps, and that normalised value is what passes through (Yahoo
   * lower-cases an email, then passes it through when it is a digest).
   */
  passThroughTest?: { pattern?: string; flags?: string; afterNormalize?: boolean; why: string };
  /** A raw SHA-256 hex digest is re-encoded to base64 and sent (The Trade Desk's hash()); `sha256-base64` keys only. */
  hexDigestToBase64?: boolean;
  /** Hashing applies only while this connection setting is true (absent: its default). */
  hashingSetting?: { setting: string; default: boolean };
  /** The destination also receives the normalised value unhashed, beside the digest. */
  alsoSendsRaw?: boolean;
  /** The kind of identifier the key expects. */
  expects?: IdentifierKind;
  /**
   * Sources of single facts of this key where they differ from the key's own source: the
   * normalisation, the hashing, the pass-through of pre-hashed values, the key itself.
   */
  facts?: Partial<Record<'normalize' | 'hashing' | 'passThroughHashed' | 'passThroughNormalized' | 'passThroughPattern' | 'hexDigestToBase64' | 'expects', Sourced>>;
  /** Segment identifiers this key is the natural target for (first one is the best match). */
  suggestedFor?: string[];
  mobileAdId?: boolean;
}

/**
 * How a built-in destination receives Engage data (docs/catalogs.md): 1 classic list destination,
 * 2 Actions destination with an audience configuration, 3 Actions destination whose actions read
 * the audience, 4 event destination (any other cloud-mode destination taking Identify or Track).
 */
export type DestinationTier = 1 | 2 | 3 | 4;

/** A default mapping of the destination's audience action that reads a trait or property (generated). */
export interface DefaultRead extends Sourced {
  action: string;
  /** The mapping field (`a.b` for a field inside an object field). */
  field: string;
  /** The default, rendered: `$.traits.x`, or `coalesce(a, b)` for "a if it exists, else b". */
  default: string;
}

export interface DestinationCatalog extends Sourced {
  /** The canonical slug: the definition slug of an Actions destination, the docs slug of a classic one. */
  slug: string;
  displayName: string;
  kind: 'list' | 'actions' | 'function' | 'classic';
  /** Generated (built-in catalogs): the tier, Segment's metadata id, other slugs users write for it. */
  tier?: DestinationTier;
  metadataId?: string;
  /** Public catalog slug, previous names (slugified), docs folder names: accepted like the slug. */
  aliases?: string[];
  /** Where the generated fields (slug, name, id, tier, aliases) come from. */
  generatedSource?: string;
  /** Generated: false for an audience destination without an overlay yet (known, no key claimed). */
  curated?: boolean;
  /** Per trait/property key, the default mappings of the audience action that read it (generated). */
  readsByDefault?: Record<string, DefaultRead[]>;
  /** How the destination column is chosen in Segment: a dropdown of keys, or free text. */
  input: 'dropdown' | 'freeText';
  /** Ad-list destinations match people against a platform's users: unmatchable identifiers are useless there. */
  adList?: boolean;
  /** The destination sends mobile ids whatever the Send Mobile IDs setting says. */
  ignoresSendMobileIds?: boolean;
  /**
   * Segment's pages disagree on `ignoresSendMobileIds` (Snap's page: the setting can be ignored;
   * the ID Sync page: enable it to send ios.idfa). mobile-ids-disabled then reports a mapped mobile
   * id with Send Mobile IDs off as a warning citing both, and the preview says so: turning the
   * setting on is safe under either reading. `text` says what each page says.
   */
  sendMobileIdsDocsDisagree?: { text: string } & Sourced;
  /** Connection settings the destination knows, by key. */
  connectionSettings?: Record<string, { type: 'boolean' | 'string' | 'number'; description: string } & Sourced>;
  keys: Record<string, DestinationKey>;
  /** Keys that exist at the destination but belong to Trait Enrichment, not ID Sync (e.g. Facebook FN/LN). */
  traitEnrichmentKeys?: Record<string, { label: string } & Sourced>;
  /**
   * A list that matches on one key type chosen by a connection setting (Google Ads Remarketing
   * Lists' External ID Type): each value of the setting names the keys such a list matches.
   */
  listKeyTypeSetting?: {
    setting: string;
    default?: string;
    values: Record<string, string[]>;
    /**
     * Any other value of the setting names the destination key itself: the ID Sync entry whose key
     * equals the value exactly (case and underscores count) is the one sent, and without such an
     * entry the destination rejects the event (Dynamic Yield's identifier_type, segment-docs
     * src/connections/destinations/catalog/actions-dynamic-yield-audiences/index.md, Customized
     * Identifier Setup). With `foldValues`, a value matches one of `values` ignoring case and
     * underscores (the code compares `value.toLowerCase().replace(/_/g, '')`). Read by `identifier-type-key`.
     */
    customValueIsKey?: { foldValues?: boolean } & Sourced;
  } & Sourced;
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

/** What slug completion and alias lookup need of a destination, without loading its catalog. */
export interface DestinationSummary {
  slug: string;
  displayName: string;
  kind: DestinationCatalog['kind'];
  tier?: DestinationTier;
  aliases: readonly string[];
}

/** A catalog plus the lookup maps built once at load time. */
export interface Catalogs {
  identifiers: IdentifierCatalog;
  /** By canonical slug. The built-in map loads each destination's catalog on first use. */
  destinations: ReadonlyMap<string, DestinationCatalog>;
  /** Other slugs of a destination (public catalog slug, previous names) -> its canonical slug. */
  aliases?: ReadonlyMap<string, string>;
  /** Every destination in display order, without loading the catalogs (absent: from `destinations`). */
  summaries?: () => readonly DestinationSummary[];
}

export function buildCatalogs(identifiers: IdentifierCatalog, destinations: Iterable<DestinationCatalog>): Catalogs {
  const map = new Map<string, DestinationCatalog>();
  const aliases = new Map<string, string>();
  for (const d of destinations) map.set(d.slug, d);
  for (const d of map.values()) for (const a of d.aliases ?? []) if (!map.has(a)) aliases.set(a, d.slug);
  return { identifiers, destinations: map, aliases };
}

/** The canonical slug of a built-in destination named by its slug or an alias. */
export function canonicalSlug(catalogs: Catalogs, slug: string): string | undefined {
  if (catalogs.destinations.has(slug)) return slug;
  const c = catalogs.aliases?.get(slug);
  return c !== undefined && catalogs.destinations.has(c) ? c : undefined;
}

/** A built-in destination by slug or alias. */
export function builtinDestination(catalogs: Catalogs, slug: string): DestinationCatalog | undefined {
  const c = canonicalSlug(catalogs, slug);
  return c === undefined ? undefined : catalogs.destinations.get(c);
}

export type Strategy = 'first' | 'last' | 'all';

/**
 * The strategy a UI label or near miss stands for ("Last Added" -> "last"): the API value itself,
 * one of its aliases, or its UI label, ignoring case and surrounding space.
 */
export function canonicalStrategy(value: string, strategies: IdentifierCatalog['strategies']): Strategy | undefined {
  const v = value.trim().toLowerCase();
  for (const key of Object.keys(strategies) as Strategy[]) {
    const spec = strategies[key];
    if (v === key || spec.aliases.includes(v) || spec.label.toLowerCase() === v) return key;
  }
  return undefined;
}

/**
 * The destination catalog for a slug: the space's own catalog first, then the built-in one by its
 * canonical slug or an alias (public catalog slug, previous name).
 */
export function findDestination(slug: string | undefined, catalogs: Catalogs, space: { readonly destinations: ReadonlyMap<string, DestinationCatalog> }): DestinationCatalog | undefined {
  if (slug === undefined) return undefined;
  return space.destinations.get(slug) ?? builtinDestination(catalogs, slug);
}

export function destinationSummaries(catalogs: Catalogs): readonly DestinationSummary[] {
  if (catalogs.summaries) return catalogs.summaries();
  return [...catalogs.destinations.values()].map((d) => ({ slug: d.slug, displayName: d.displayName, kind: d.kind, tier: d.tier, aliases: d.aliases ?? [] }));
}

/**
 * The listed value of a list key type setting that `written` names, compared as the destination's
 * code compares it (ignoring case and underscores with `customValueIsKey.foldValues`, exactly
 * otherwise), or undefined when it names none.
 */
export function listedKeyType(lkt: NonNullable<DestinationCatalog['listKeyTypeSetting']>, written: string): string | undefined {
  const fold = (v: string) => (lkt.customValueIsKey?.foldValues ? v.toLowerCase().replace(/_/g, '') : v);
  return Object.keys(lkt.values).find((v) => fold(v) === fold(written));
}

/**
 * What the preview, hover and completion say about facts of a key that Segment's docs do not state: one short note per
 * confidence (`code`, `inferred`, `uncertain`), naming the facts and, for the last two, why.
 */
export function confidenceNotes(spec: DestinationKey): string[] {
  const facts: Array<[string, Sourced]> = [['key', spec]];
  if (spec.normalize?.length || spec.facts?.normalize) facts.push(['normalisation', spec.facts?.normalize ?? spec]);
  if (spec.hashing !== 'none' || spec.facts?.hashing) facts.push([spec.hashing === 'none' ? 'no hashing' : 'hashing', spec.facts?.hashing ?? spec]);
  if (spec.passThroughHashed !== undefined || spec.facts?.passThroughHashed) facts.push([spec.passThroughHashed ? 'pass-through of hashed values' : 'double hashing', spec.facts?.passThroughHashed ?? spec]);
  const notes: string[] = [];
  for (const confidence of ['code', 'inferred', 'uncertain'] as const) {
    const these = facts.filter(([, f]) => f.confidence === confidence);
    if (!these.length) continue;
    const names = these.map(([n]) => n).join(', ');
    if (confidence === 'code') {
      notes.push(these.length === facts.length ? "from Segment's code, not its docs" : `${names}: from Segment's code, not its docs`);
      continue;
    }
    const why = [...new Set(these.map(([, f]) => f.note).filter((n): n is string => !!n))].join(' ');
    notes.push(`${confidence}: ${names}${why ? ` (${why.replace(/\.$/, '')})` : ''}`);
  }
  return notes;
}

/** Whether a fact's confidence lets a quick fix or a default rely on it: `documented` or `code` (absent: a space file's own data). */
export function isReliable(fact: Sourced | undefined): boolean {
  return !fact?.confidence || fact.confidence === 'documented' || fact.confidence === 'code';
}

/**
 * The key a destination suggests for a Segment identifier: suggestedFor first, then a key
 * convention. A key whose existence is only `inferred` or `uncertain` is never suggested.
 */
export function suggestedKey(dest: DestinationCatalog, externalId: string): string | undefined {
  for (const [key, spec] of Object.entries(dest.keys)) {
    if (spec.suggestedFor?.includes(externalId) && isReliable(spec)) return key;
  }
  const conv = dest.keyConventions?.[externalId];
  if (conv && (!Object.prototype.hasOwnProperty.call(dest.keys, conv) || isReliable(dest.keys[conv]))) return conv;
  return undefined;
}

/** Identifier names whose kind no catalog entry gives (custom identifiers spaces commonly declare). */
const NAMED_KINDS: Record<string, IdentifierKind> = { phone: 'phone', phone_number: 'phone' };

/** The kind of a Segment identifier: its catalog `kind`, else a common custom name (phone); undefined when unknown. */
export function identifierKind(identifiers: IdentifierCatalog, externalId: string): IdentifierKind | undefined {
  const spec = Object.prototype.hasOwnProperty.call(identifiers.identifiers, externalId) ? identifiers.identifiers[externalId] : undefined;
  if (spec?.kind) return spec.kind;
  return Object.prototype.hasOwnProperty.call(NAMED_KINDS, externalId) ? NAMED_KINDS[externalId] : undefined;
}

/**
 * The kind of identifier a destination key expects: its `expects` when given, else `advertising-id`
 * for a mobile advertising id key, else the kind of the first identifier it is suggested for
 * (EMAIL suggested for email: `email`); undefined when nothing says.
 */
export function keyKind(identifiers: IdentifierCatalog, spec: DestinationKey): IdentifierKind | undefined {
  if (spec.expects) return spec.expects;
  if (spec.mobileAdId) return 'advertising-id';
  const first = spec.suggestedFor?.[0];
  return first === undefined ? undefined : identifierKind(identifiers, first);
}
