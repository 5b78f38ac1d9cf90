/**
 * The built-in catalogs: JSON data files bundled with the engine (see docs/catalogs.md).
 * Add a destination by adding `server/catalogs/destinations/<slug>.json` and listing it here.
 */
import type { Catalogs, DestinationCatalog, IdentifierCatalog } from './catalog';
import { buildCatalogs } from './catalog';
import identifiers from '../../catalogs/identifiers.json';
import facebook from '../../catalogs/destinations/personas-facebook-custom-audiences.json';
import googleAds from '../../catalogs/destinations/adwords-remarketing-lists.json';
import facebookActions from '../../catalogs/destinations/actions-facebook-custom-audiences.json';
import snap from '../../catalogs/destinations/actions-snap-audiences.json';
import reddit from '../../catalogs/destinations/actions-reddit-audiences.json';
import taboola from '../../catalogs/destinations/actions-taboola-actions.json';
import yahoo from '../../catalogs/destinations/actions-yahoo-audiences.json';
import sendgrid from '../../catalogs/destinations/actions-sendgrid-audiences.json';
import tiktok from '../../catalogs/destinations/actions-tiktok-audiences.json';
import linkedin from '../../catalogs/destinations/actions-linkedin-audiences.json';

/** Every built-in destination catalog, in display order (classic list destinations first). */
export const BUILTIN_DESTINATIONS: readonly DestinationCatalog[] = [
  facebook,
  googleAds,
  facebookActions,
  snap,
  reddit,
  taboola,
  yahoo,
  sendgrid,
  tiktok,
  linkedin,
] as unknown as readonly DestinationCatalog[];

let builtin: Catalogs | undefined;

export function builtinCatalogs(): Catalogs {
  builtin ??= buildCatalogs(identifiers as unknown as IdentifierCatalog, BUILTIN_DESTINATIONS);
  return builtin;
}
