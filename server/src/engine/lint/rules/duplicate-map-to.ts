import type { Rule } from '../rule';
import { stringValue } from '../../json';

/**
 * Two entries send to the same destination key. Exceptions: a repeated externalId
 * (duplicate-identifier's), and two mobile advertising ids to one key (ios.idfa and android.idfa
 * both to MADID or mobile_id is how those destinations take them).
 *
 * One pass with constant work per entry (a file with thousands of entries stays linear): per key,
 * the first entry, the first entry whose identifier is not a mobile ad id, and the identifiers seen.
 */
export const duplicateMapTo: Rule = {
  code: 'duplicate-map-to',
  defaultSeverity: 'warning',
  description: 'Two entries send different identifiers to the same destination key.',
  check(ctx) {
    const ids = ctx.catalogs.identifiers.identifiers;
    const isMobileAdId = (id: string | undefined) => id !== undefined && Object.prototype.hasOwnProperty.call(ids, id) && ids[id].mobileAdId === true;
    interface Earlier {
      index: number;
      externalId?: string;
    }
    const seen = new Map<string, { first: Earlier; firstNotMobile?: Earlier; externalIds: Set<string | undefined> }>();
    for (const entry of ctx.model.entries) {
      const mapTo = stringValue(entry.mapTo);
      if (mapTo === undefined || !entry.mapTo) continue;
      const externalId = stringValue(entry.externalId);
      const me: Earlier = { index: entry.index, externalId };
      const mobile = isMobileAdId(externalId);
      const group = seen.get(mapTo);
      if (!group) {
        seen.set(mapTo, { first: me, firstNotMobile: mobile ? undefined : me, externalIds: new Set([externalId]) });
        continue;
      }
      // The earliest entry with another identifier, unless both are mobile ad ids. A repeated
      // identifier is duplicate-identifier's; otherwise every earlier identifier differs from this one.
      const repeated = group.externalIds.has(externalId);
      const clash = repeated ? undefined : mobile ? group.firstNotMobile : group.first;
      group.externalIds.add(externalId);
      if (!mobile && !group.firstNotMobile) group.firstNotMobile = me;
      if (!clash) continue;
      ctx.report({
        node: entry.mapTo,
        message: `idSyncConfiguration[${clash.index}]${clash.externalId ? ` ("${clash.externalId}")` : ''} already sends to "${mapTo}": two identifiers in one destination key mix their values. Map this entry to another key, or remove one of them.`,
      });
    }
  },
};
