import type { Rule } from '../rule';
import { str } from './shared';

/**
 * A free-text destination documents the key it expects for an identifier (Snap and Reddit:
 * ios.idfa -> ios_idfa); mapTo uses another one, so the destination's mapping never sees it.
 */
export const keyConvention: Rule = {
  code: 'key-convention',
  defaultSeverity: 'warning',
  description: 'mapTo differs from the key the free-text destination documents for that identifier (e.g. ios_idfa, not ios.idfa).',
  fixable: true,
  check(ctx) {
    const dest = ctx.destination;
    if (!dest || dest.input !== 'freeText' || !dest.keyConventions) return;
    for (const entry of ctx.model.entries) {
      const externalId = str(entry.externalId);
      const mapTo = str(entry.mapTo);
      if (externalId === undefined || mapTo === undefined || !entry.mapTo) continue;
      if (!Object.prototype.hasOwnProperty.call(dest.keyConventions, externalId)) continue;
      const expected = dest.keyConventions[externalId];
      if (mapTo === expected) continue;
      ctx.report({
        node: entry.mapTo,
        message: `${dest.displayName} expects "${externalId}" under the key "${expected}", not "${mapTo}": its default mappings read "${expected}", so other keys may not be delivered. Use "${expected}".`,
        fixes: [{ title: `Change to "${expected}"`, edits: ctx.replaceString(entry.mapTo, expected), isPreferred: true }],
      });
    }
  },
};
