import type { Rule } from '../rule';
import { hasProperty, stringValue } from '../../json';
import { suggestedKey } from '../../catalogs/catalog';
import { keyList } from './messages';

/** A dropdown destination (Facebook Custom Audiences, Google Ads Remarketing Lists) needs `mapTo` on every entry. */
export const missingMapTo: Rule = {
  code: 'missing-map-to',
  defaultSeverity: 'error',
  description: 'An entry has no mapTo although the destination picks its identifier from a dropdown.',
  fixable: true,
  check(ctx) {
    const dest = ctx.destination;
    if (!dest || dest.input !== 'dropdown') return;
    for (const entry of ctx.model.entries) {
      if (hasProperty(entry.node, 'mapTo')) continue;
      const externalId = stringValue(entry.externalId);
      const key = externalId !== undefined ? suggestedKey(dest, externalId) : undefined;
      const what = key ? `add "mapTo": "${key}"` : `add "mapTo" with one of ${keyList(dest)}`;
      ctx.report({
        node: entry.node,
        message: `idSyncConfiguration[${entry.index}] has no "mapTo", but ${dest.displayName} picks the destination identifier from a dropdown: ${what}.`,
        fixes: key ? [{ title: `Add "mapTo": "${key}"`, edits: ctx.setValue(['idSyncConfiguration', entry.index, 'mapTo'], key), isPreferred: true }] : undefined,
      });
    }
  },
};
