/**
 * The built-in catalogs: JSON data files bundled with the engine (see docs/catalogs.md), listed by
 * the generated `files.generated.ts` (`npm run catalogs` writes both).
 *
 * Start-up stays small however many destinations there are: the bundle holds each data file as a
 * string of JSON (esbuild.mjs), and a destination's catalog is parsed the first time it is looked up.
 * The index (slug, name, kind, tier, aliases of every destination) is parsed on the first lookup.
 */
import type { Catalogs, DestinationCatalog, DestinationSummary, DestinationTier, IdentifierCatalog } from './catalog';
import identifiers from '../../../catalogs/identifiers.json';
import { DESTINATION_FILES, DESTINATION_INDEX } from './files.generated';

/** A row of `server/catalogs/destination-index.json` (its `columns`). */
type IndexRow = [slug: string, displayName: string, kind: DestinationCatalog['kind'], tier: DestinationTier, metadataId: string, aliases: string[], from: string];

/** Bundled: a string of JSON; compiled by tsc (tests): the object itself. */
function data<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

const EVENT_NOTE = {
  text:
    'An event destination: Engage sends it audiences and traits as Identify or Track calls. Which ID Sync keys it uses depends on its mappings, so idsync checks no key here.',
  source: 'segment-docs src/engage/using-engage-data.md (Event destinations: any cloud-mode destination that supports Identify or Track)',
  confidence: 'documented' as const,
};

/** The built-in destinations by canonical slug; each catalog is built on first use. */
class BuiltinDestinations implements ReadonlyMap<string, DestinationCatalog> {
  private readonly rows = new Map<string, IndexRow>();
  readonly aliases = new Map<string, string>();
  private readonly loaded = new Map<string, DestinationCatalog>();
  private summaryList?: DestinationSummary[];

  constructor(rows: readonly IndexRow[]) {
    for (const r of rows) this.rows.set(r[0], r);
    for (const r of rows) for (const a of r[5]) if (!this.rows.has(a)) this.aliases.set(a, r[0]);
  }

  get size(): number {
    return this.rows.size;
  }

  has(slug: string): boolean {
    return this.rows.has(slug);
  }

  get(slug: string): DestinationCatalog | undefined {
    const done = this.loaded.get(slug);
    if (done) return done;
    const row = this.rows.get(slug);
    if (!row) return undefined;
    const built = build(row);
    this.loaded.set(slug, built);
    return built;
  }

  summaries(): readonly DestinationSummary[] {
    this.summaryList ??= [...this.rows.values()].map(([slug, displayName, kind, tier, , aliases]) => ({ slug, displayName, kind, tier, aliases }));
    return this.summaryList;
  }

  *keys(): MapIterator<string> {
    yield* this.rows.keys();
  }

  *values(): MapIterator<DestinationCatalog> {
    for (const slug of this.rows.keys()) yield this.get(slug)!;
  }

  *entries(): MapIterator<[string, DestinationCatalog]> {
    for (const slug of this.rows.keys()) yield [slug, this.get(slug)!];
  }

  [Symbol.iterator](): MapIterator<[string, DestinationCatalog]> {
    return this.entries();
  }

  forEach(fn: (value: DestinationCatalog, key: string, map: ReadonlyMap<string, DestinationCatalog>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
}

/** The citation of an index row's generated fields (`from`: "yml" or an action-destinations directory). */
function citation(from: string, id: string): string {
  if (from === 'yml') return `segment-docs src/_data/catalog/destinations.yml (id ${id})`;
  const dir = 'action-destinations packages/destination-actions/src/destinations';
  return `${dir}/${from}/metadata.json (slug, name); ${dir}/index.ts (register '${id}')`;
}

function build([slug, displayName, kind, tier, metadataId, aliases, from]: IndexRow): DestinationCatalog {
  const file = Object.prototype.hasOwnProperty.call(DESTINATION_FILES, slug) ? DESTINATION_FILES[slug] : undefined;
  // A hand-written catalog not yet moved to overlays/ lacks the generated fields: the index has them.
  if (file !== undefined) return { tier, metadataId, aliases, ...data<DestinationCatalog>(file) };
  const source = citation(from, metadataId);
  const generated = { slug, displayName, kind, tier, metadataId, aliases, generatedSource: source };
  return {
    ...generated,
    input: 'freeText',
    adList: false,
    source,
    confidence: source.startsWith('segment-docs') ? 'documented' : 'code',
    keys: {},
    notes: [EVENT_NOTE],
  };
}

let builtin: Catalogs | undefined;

export function builtinCatalogs(): Catalogs {
  if (!builtin) {
    const index = data<{ destinations: IndexRow[] }>(DESTINATION_INDEX);
    const destinations = new BuiltinDestinations(index.destinations);
    builtin = {
      identifiers: identifiers as unknown as IdentifierCatalog,
      destinations,
      aliases: destinations.aliases,
      summaries: () => destinations.summaries(),
    };
  }
  return builtin;
}

/** The audience destinations (tiers 1-3, one data file each), loaded. */
export function builtinAudienceDestinations(): DestinationCatalog[] {
  return Object.keys(DESTINATION_FILES).map((slug) => builtinCatalogs().destinations.get(slug)!);
}
