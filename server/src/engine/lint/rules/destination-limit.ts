import type { Rule } from '../rule';
import { stringValue } from '../../json';
import { destinationLimitExcess, limitKey } from './limits';

/**
 * A destination-specific limit from the catalog: at most `maxAdditionalIdentifiers` identifier
 * keys besides the one the destination always sends (Google Ads Remarketing Lists: one besides
 * email). Entries sending to a key already counted (ios.idfa and android.idfa both to mobile_id)
 * add nothing; each entry that brings a key beyond the limit is reported. The counting lives in
 * shared.ts (`destinationLimitExcess`), where fixes that change a key check against it too.
 */
export const destinationLimit: Rule = {
  code: 'destination-limit',
  defaultSeverity: 'error',
  description: 'More identifiers than the destination accepts (e.g. Google Ads Remarketing Lists: one besides email).',
  check(ctx) {
    const dest = ctx.destination;
    const max = dest?.limits?.maxAdditionalIdentifiers;
    if (!dest || max === undefined) return;
    const entries = ctx.model.entries;
    const keys = entries.map((entry) => limitKey(dest, stringValue(entry.mapTo), stringValue(entry.externalId)));
    for (const { position, key, number, first } of destinationLimitExcess(dest, keys)) {
      const besides = dest.limits?.alwaysSends ? ` besides "${dest.limits.alwaysSends}"` : '';
      ctx.report({
        node: entries[position].node,
        message: `${dest.displayName} accepts at most ${max} identifier${max === 1 ? '' : 's'}${besides}; "${key}" would be number ${number}. Remove this entry, or keep only ${max === 1 ? `one of "${first}" and "${key}"` : `${max} of them`}.`,
      });
    }
  },
};
