import type { Rule } from '../rule';
import { stringValue } from '../../json';
import type { Fix } from '../../types';
import { changeExceedsDestinationLimit } from './limits';

/**
 * A free-text destination documents the key it expects for an identifier (Snap and Reddit:
 * ios.idfa -> ios_idfa); mapTo uses another one, or there is no mapTo and Segment sends the value
 * under the identifier's own name (ios.idfa), so the destination's mapping never sees it.
 */
export const keyConvention: Rule = {
  code: 'key-convention',
  defaultSeverity: 'warning',
  description: 'mapTo differs from the key the free-text destination documents for that identifier (e.g. ios_idfa, not ios.idfa), or is missing where that key differs from the identifier.',
  fixable: true,
  check(ctx) {
    const dest = ctx.destination;
    if (!dest || dest.input !== 'freeText' || !dest.keyConventions) return;
    for (const entry of ctx.model.entries) {
      const externalId = stringValue(entry.externalId);
      if (externalId === undefined || !entry.externalId) continue;
      if (!Object.prototype.hasOwnProperty.call(dest.keyConventions, externalId)) continue;
      const expected = dest.keyConventions[externalId];
      if (!entry.mapTo) {
        if (expected === externalId) continue;
        const fixes: Fix[] = [];
        if (!changeExceedsDestinationLimit(dest, ctx.model.entries, entry, { mapTo: expected })) {
          fixes.push({ title: `Add "mapTo": "${expected}"`, edits: ctx.setValue(['idSyncConfiguration', entry.index, 'mapTo'], expected), isPreferred: true });
        }
        ctx.report({
          node: entry.externalId,
          message: `No mapTo: Segment sends "${externalId}" to ${dest.displayName} under the key "${externalId}", but its default mappings read "${expected}", so the value may not be delivered. Add "mapTo": "${expected}".`,
          fixes,
        });
        continue;
      }
      const mapTo = stringValue(entry.mapTo);
      if (mapTo === undefined || mapTo === expected) continue;
      ctx.report({
        node: entry.mapTo,
        message: `${dest.displayName} expects "${externalId}" under the key "${expected}", not "${mapTo}": its default mappings read "${expected}", so other keys may not be delivered. Use "${expected}".`,
        fixes: [{ title: `Change to "${expected}"`, edits: ctx.replaceString(entry.mapTo, expected), isPreferred: true }],
      });
    }
  },
};
