import type { Rule } from '../rule';
import { str } from './shared';

/**
 * Two entries send to the same destination key. Exceptions: a repeated externalId
 * (duplicate-identifier's), and two mobile advertising ids to one key (ios.idfa and android.idfa
 * both to MADID or mobile_id is how those destinations take them).
 */
export const duplicateMapTo: Rule = {
  code: 'duplicate-map-to',
  defaultSeverity: 'warning',
  description: 'Two entries send different identifiers to the same destination key.',
  check(ctx) {
    const ids = ctx.catalogs.identifiers.identifiers;
    const isMobileAdId = (id: string | undefined) => id !== undefined && Object.prototype.hasOwnProperty.call(ids, id) && ids[id].mobileAdId === true;
    const seen = new Map<string, { index: number; externalId?: string }[]>();
    for (const entry of ctx.model.entries) {
      const mapTo = str(entry.mapTo);
      if (mapTo === undefined || !entry.mapTo) continue;
      const externalId = str(entry.externalId);
      const before = seen.get(mapTo) ?? [];
      seen.set(mapTo, [...before, { index: entry.index, externalId }]);
      const clash = before.find((b) => b.externalId !== externalId && !(isMobileAdId(b.externalId) && isMobileAdId(externalId)));
      if (!clash || before.some((b) => b.externalId === externalId)) continue;
      ctx.report({
        node: entry.mapTo,
        message: `idSyncConfiguration[${clash.index}]${clash.externalId ? ` ("${clash.externalId}")` : ''} already sends to "${mapTo}": two identifiers in one destination key mix their values. Map this entry to another key, or remove one of them.`,
      });
    }
  },
};
