import type { Rule } from '../rule';
import type { Fix } from '../../types';
import { suggestedKey } from '../../catalogs/catalog';
import type { DestinationCatalog } from '../../catalogs/catalog';
import { closest } from '../../did-you-mean';
import { propertyValue, stringValue } from '../../json';
import { changeExceedsDestinationLimit } from './limits';
import { keyList } from './messages';

/**
 * `mapTo` is not a key of the destination's catalog. A dropdown destination cannot take it at
 * all (error); a free-text one may drop the events (warning: "If the destination doesn't contain
 * the property, then outgoing events may not be delivered"). When the destination documents a
 * key convention for the identifier, key-convention reports instead. A key is not offered as a
 * fix when it would take the file over the destination's identifier limit (destination-limit).
 */
/**
 * The key suggested for a Segment identifier that `mapTo` names instead of a key: "IDFA" (the
 * last part of ios.idfa, which Facebook's MADID is suggested for) -> "MADID"; "user_id" ->
 * "EXTERN_ID". Uses the catalog's own suggestedFor data; one answer only (else undefined).
 */
function keyForIdentifierName(dest: DestinationCatalog, mapTo: string): string | undefined {
  const m = mapTo.toLowerCase().replace(/[\s_-]/g, '');
  const hits = Object.entries(dest.keys)
    .filter(([, spec]) => (spec.suggestedFor ?? []).some((id) => [id, id.slice(id.lastIndexOf('.') + 1)].some((n) => n.toLowerCase().replace(/[\s_-]/g, '') === m)))
    .map(([key]) => key);
  return hits.length === 1 ? hits[0] : undefined;
}

export const unknownDestinationIdentifier: Rule = {
  code: 'unknown-destination-identifier',
  defaultSeverity: 'error',
  description: 'mapTo is not an identifier key of the destination (error for dropdown destinations, warning for free-text ones).',
  fixable: true,
  check(ctx) {
    const dest = ctx.destination;
    if (!dest) return;
    const keys = Object.keys(dest.keys);
    if (keys.length === 0) return;
    const dropdown = dest.input === 'dropdown';
    // The key named by a setting whose value names the key itself (Dynamic Yield's identifier_type,
    // catalog listKeyTypeSetting.customValueIsKey) is a key of this connection (identifier-type-key).
    const namedKey = dest.listKeyTypeSetting?.customValueIsKey ? stringValue(propertyValue(ctx.model.connectionSettings, dest.listKeyTypeSetting.setting)) : undefined;
    for (const entry of ctx.model.entries) {
      const node = entry.mapTo;
      const mapTo = stringValue(node);
      if (!node || mapTo === undefined || Object.prototype.hasOwnProperty.call(dest.keys, mapTo) || mapTo === namedKey) continue;
      const externalId = stringValue(entry.externalId);
      if (externalId !== undefined && dest.keyConventions?.[externalId] !== undefined) continue;
      const near = closest(mapTo, keys) ?? keyForIdentifierName(dest, mapTo);
      const suggested = externalId !== undefined ? suggestedKey(dest, externalId) : undefined;
      const fixes: Fix[] = [];
      const fits = (key: string) => !changeExceedsDestinationLimit(dest, ctx.model.entries, entry, { mapTo: key });
      if (near && fits(near)) fixes.push({ title: `Change to "${near}"`, edits: ctx.replaceString(node, near), isPreferred: true });
      if (suggested && suggested !== near && fits(suggested)) fixes.push({ title: `Change to "${suggested}" (suggested for ${externalId})`, edits: ctx.replaceString(node, suggested) });
      const trait = dest.traitEnrichmentKeys?.[mapTo];
      let message: string;
      if (trait) {
        message = `"${mapTo}" (${trait.label}) is a Trait Enrichment key of ${dest.displayName}, not an ID Sync identifier: map that trait under Trait Enrichment, and use one of ${keyList(dest)} here.`;
      } else if (dropdown) {
        message = `${dest.displayName} offers no "${mapTo}" in its identifier dropdown: use one of ${keyList(dest)}.${near ? ` Did you mean "${near}"?` : ''}`;
      } else {
        message = `${dest.displayName} has no known identifier "${mapTo}"; if the destination does not contain it, events may not be delivered. Known: ${keyList(dest)}.${near ? ` Did you mean "${near}"?` : ''}`;
      }
      ctx.report({ node, severity: dropdown ? 'error' : 'warning', message, fixes });
    }
  },
};
