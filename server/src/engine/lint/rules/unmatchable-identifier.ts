import type { Rule } from '../rule';
import { stringValue } from '../../json';
import { keyKind } from '../../catalogs/catalog';

/**
 * An ad-list destination matches people against the platform's users (email, phone, mobile
 * advertising ids); identifiers such as anonymous_id or push tokens match nobody there.
 *
 * Except anonymous_id sent to a key for the advertiser's own user ids (a key whose kind is
 * `user-id`, such as Facebook's External ID): such a key is matched against ids the advertiser
 * sends the platform itself, and Segment's docs name "User ID, CRM ID, or anonymous ID" as
 * values for it (segment-docs src/connections/destinations/catalog/actions-facebook-custom-audiences/index.md,
 * Sync Audience: "Map External ID to a unique user identifier from your system").
 */
export const unmatchableIdentifier: Rule = {
  code: 'unmatchable-identifier',
  defaultSeverity: 'warning',
  description: 'An identifier an ad-list destination cannot match people on (anonymous_id, ga_client_id, push tokens, group_id).',
  check(ctx) {
    const dest = ctx.destination;
    if (!dest?.adList) return;
    const catalog = ctx.catalogs.identifiers;
    const ids = catalog.identifiers;
    for (const entry of ctx.model.entries) {
      const id = stringValue(entry.externalId);
      if (id === undefined || !entry.externalId || !Object.prototype.hasOwnProperty.call(ids, id)) continue;
      const info = ids[id];
      if (!info.unmatchable) continue;
      const mapTo = stringValue(entry.mapTo);
      const keySpec = mapTo !== undefined && Object.prototype.hasOwnProperty.call(dest.keys, mapTo) ? dest.keys[mapTo] : undefined;
      if (info.kind === 'anonymous-id' && keySpec && keyKind(catalog, keySpec) === 'user-id') continue;
      const why = info.unmatchableReason ? `"${id}" is ${info.unmatchableReason}` : `"${id}" is not an identifier the platform knows`;
      ctx.report({
        node: entry.externalId,
        message: `${dest.displayName} matches people by contact details and advertising ids, and ${why}: it will match no one. Remove this entry, or send email, phone or a mobile advertising id.`,
      });
    }
  },
};
