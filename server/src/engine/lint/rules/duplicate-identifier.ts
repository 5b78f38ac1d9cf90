import type { Rule } from '../rule';
import { stringValue } from '../../json';
import { changeExceedsDestinationLimit } from './limits';

/**
 * The same externalId in two entries: reported on the later one. Removing it is not offered when
 * another entry would then go over the destination's identifier limit (its key was counted
 * through this entry's).
 */
export const duplicateIdentifier: Rule = {
  code: 'duplicate-identifier',
  defaultSeverity: 'warning',
  description: 'The same externalId is mapped by two entries; the later one is reported.',
  fixable: true,
  check(ctx) {
    const first = new Map<string, number>();
    for (const entry of ctx.model.entries) {
      const id = stringValue(entry.externalId);
      if (id === undefined) continue;
      const earlier = first.get(id);
      if (earlier === undefined) {
        first.set(id, entry.index);
        continue;
      }
      ctx.report({
        node: entry.externalId,
        message: `"${id}" is already mapped by idSyncConfiguration[${earlier}]: keep one entry per identifier (remove this one, or merge its strategy and mapTo into the first).`,
        fixes: changeExceedsDestinationLimit(ctx.destination, ctx.model.entries, entry, { remove: true })
          ? undefined
          : [{ title: 'Remove this entry', edits: ctx.remove(['idSyncConfiguration', entry.index]), isPreferred: true }],
      });
    }
  },
};
