/**
 * What the protocol-free editor features need besides the text: the catalogs and the space
 * configuration that governs the file. Plus lookups of the format's specs by JSON path.
 */
import type { Catalogs, DestinationCatalog, DestinationSummary } from '../catalogs/catalog';
import { destinationSummaries, findDestination } from '../catalogs/catalog';
import type { SpaceConfig } from '../workspace/space';
import { SPACE_FILE_NAME } from '../workspace/space';
import type { ConfigModel } from '../lint/model';
import type { ParsedDocument } from '../lint/parse';
import * as configSchema from '../lint/config-schema';

export interface FeatureEnv {
  catalogs: Catalogs;
  space: SpaceConfig;
}

/** A document parsed and its model: what the features take (the language server caches it per version). */
export interface Analysed {
  doc: ParsedDocument;
  model: ConfigModel;
}

export type Segment = string | number;

/** The spec of the object at a JSON path (ROOT for []), or undefined where the format has no object. */
export function objectSpecAt(path: readonly Segment[]): configSchema.ObjectSpec | undefined {
  let spec: configSchema.ObjectSpec | undefined = configSchema.ROOT;
  let i = 0;
  while (spec && i < path.length) {
    const seg = path[i];
    if (typeof seg !== 'string' || !Object.prototype.hasOwnProperty.call(spec.props, seg)) return undefined;
    const prop: configSchema.PropSpec = spec.props[seg];
    if (prop.object) {
      spec = prop.object;
      i++;
    } else if (prop.items?.object && typeof path[i + 1] === 'number') {
      spec = prop.items.object;
      i += 2;
    } else return undefined;
  }
  return spec;
}

/** The spec of the property at a JSON path (its last segment is the key). */
export function propSpecAt(path: readonly Segment[]): configSchema.PropSpec | undefined {
  if (path.length === 0) return undefined;
  const key = path[path.length - 1];
  const owner = objectSpecAt(path.slice(0, -1));
  if (!owner || typeof key !== 'string' || !Object.prototype.hasOwnProperty.call(owner.props, key)) return undefined;
  return owner.props[key];
}

/** Where a JSON path points in the format, for the value-specific features. */
export type ValueRole = 'slug' | 'externalId' | 'strategy' | 'mapTo' | 'connectionSetting' | 'other';

export function valueRole(path: readonly Segment[]): ValueRole {
  if (path.length === 2 && path[0] === 'destination' && path[1] === 'slug') return 'slug';
  if (path.length === 2 && path[0] === 'connectionSettings' && typeof path[1] === 'string') return 'connectionSetting';
  if (path.length === 3 && path[0] === 'idSyncConfiguration' && typeof path[1] === 'number') {
    if (path[2] === 'externalId') return 'externalId';
    if (path[2] === 'strategy') return 'strategy';
    if (path[2] === 'mapTo') return 'mapTo';
  }
  return 'other';
}

/** Every destination the file may use: the space's own first, then the built-in ones (summaries: nothing is loaded). */
export function allDestinations(env: FeatureEnv): Array<{ space: DestinationCatalog } | { builtin: DestinationSummary }> {
  const out: Array<{ space: DestinationCatalog } | { builtin: DestinationSummary }> = [...env.space.destinations.values()].map((d) => ({ space: d }));
  for (const d of destinationSummaries(env.catalogs)) if (!env.space.destinations.has(d.slug)) out.push({ builtin: d });
  return out;
}

export function destinationOf(slug: string | undefined, env: FeatureEnv): DestinationCatalog | undefined {
  return findDestination(slug, env.catalogs, env.space);
}

/** True for catalog data declared in a space file (user text: escape it in markdown). */
export function fromSpaceFile(entry: { source: string }): boolean {
  return entry.source.startsWith(SPACE_FILE_NAME);
}
