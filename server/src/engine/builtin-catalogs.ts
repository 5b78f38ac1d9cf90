/** The built-in catalogs: JSON data files bundled with the engine. Add a destination by adding its file here. */
import type { Catalogs, DestinationCatalog, IdentifierCatalog } from './catalog';
import { buildCatalogs } from './catalog';
import identifiers from '../../catalogs/identifiers.json';
import facebook from '../../catalogs/destinations/personas-facebook-custom-audiences.json';
import googleAds from '../../catalogs/destinations/adwords-remarketing-lists.json';
import snap from '../../catalogs/destinations/actions-snap-audiences.json';

export const BUILTIN_DESTINATIONS: readonly DestinationCatalog[] = [
  facebook as DestinationCatalog,
  googleAds as DestinationCatalog,
  snap as DestinationCatalog,
];

let builtin: Catalogs | undefined;

export function builtinCatalogs(): Catalogs {
  builtin ??= buildCatalogs(identifiers as unknown as IdentifierCatalog, BUILTIN_DESTINATIONS);
  return builtin;
}
