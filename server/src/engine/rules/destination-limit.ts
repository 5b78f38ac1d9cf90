import type { Rule } from '../rule';
import { suggestedKey } from '../catalog';
import { str } from './shared';

/**
 * A destination-specific limit from the catalog: at most `maxAdditionalIdentifiers` identifier
 * keys besides the one the destination always sends (Google Ads Remarketing Lists: one besides
 * email). Entries sending to a key already counted (ios.idfa and android.idfa both to mobile_id)
 * add nothing; each entry that brings a key beyond the limit is reported.
 */
export const destinationLimit: Rule = {
  code: 'destination-limit',
  defaultSeverity: 'error',
  description: 'More identifiers than the destination accepts (e.g. Google Ads Remarketing Lists: one besides email).',
  check(ctx) {
    const dest = ctx.destination;
    const max = dest?.limits?.maxAdditionalIdentifiers;
    if (!dest || max === undefined) return;
    const always = dest.limits?.alwaysSends?.toLowerCase();
    const counted: string[] = [];
    const shown: string[] = [];
    for (const entry of ctx.model.entries) {
      const externalId = str(entry.externalId);
      const key = str(entry.mapTo) ?? (externalId !== undefined ? suggestedKey(dest, externalId) ?? externalId : undefined);
      if (key === undefined) continue;
      const k = key.toLowerCase();
      if (k === always || counted.includes(k)) continue;
      counted.push(k);
      shown.push(key);
      if (counted.length <= max) continue;
      const besides = always ? ` besides "${dest.limits!.alwaysSends}"` : '';
      ctx.report({
        node: entry.node,
        message: `${dest.displayName} accepts at most ${max} identifier${max === 1 ? '' : 's'}${besides}; "${key}" would be number ${counted.length}. Remove this entry, or keep only ${max === 1 ? `one of "${shown[0]}" and "${key}"` : `${max} of them`}.`,
      });
    }
  },
};
