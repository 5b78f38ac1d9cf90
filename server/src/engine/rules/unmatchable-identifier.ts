import type { Rule } from '../rule';
import { str } from './shared';

/**
 * An ad-list destination matches people against the platform's users (email, phone, mobile
 * advertising ids); identifiers such as anonymous_id or push tokens match nobody there.
 */
export const unmatchableIdentifier: Rule = {
  code: 'unmatchable-identifier',
  defaultSeverity: 'warning',
  description: 'An identifier an ad-list destination cannot match people on (anonymous_id, ga_client_id, push tokens, group_id).',
  check(ctx) {
    const dest = ctx.destination;
    if (!dest?.adList) return;
    const ids = ctx.catalogs.identifiers.identifiers;
    for (const entry of ctx.model.entries) {
      const id = str(entry.externalId);
      if (id === undefined || !entry.externalId || !Object.prototype.hasOwnProperty.call(ids, id)) continue;
      const info = ids[id];
      if (!info.unmatchable) continue;
      const why = info.unmatchableReason ? `"${id}" is ${info.unmatchableReason}` : `"${id}" is not an identifier the platform knows`;
      ctx.report({
        node: entry.externalId,
        message: `${dest.displayName} matches people by contact details and advertising ids, and ${why}: it will match no one. Remove this entry, or send email, phone or a mobile advertising id.`,
      });
    }
  },
};
