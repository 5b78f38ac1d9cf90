import type { Rule } from '../rule';
import { stringValue } from '../../json';

/**
 * Strategy "all" on an identifier a profile holds one value of (user_id: identity limit 1 by
 * default) sends the same as "last", while reading as if it multiplied events.
 */
export const allOnSingleValue: Rule = {
  code: 'all-on-single-value',
  defaultSeverity: 'hint',
  description: 'Strategy "all" on an identifier with one value per profile (user_id), where it equals "last".',
  fixable: true,
  check(ctx) {
    const ids = ctx.catalogs.identifiers.identifiers;
    for (const entry of ctx.model.entries) {
      const id = stringValue(entry.externalId);
      const node = entry.strategy;
      if (id === undefined || !node || node.value !== 'all' || !Object.prototype.hasOwnProperty.call(ids, id)) continue;
      const limit = ids[id].identityLimit ?? DEFAULT_IDENTITY_LIMITS[id];
      if (limit !== 1) continue;
      ctx.report({
        node,
        message: `A profile keeps one "${id}" (identity limit 1), so "all" sends the same as "last" and still counts against the three "all" entries: use "last".`,
        fixes: [{ title: 'Change to "last"', edits: ctx.replaceString(node, 'last'), isPreferred: true }],
      });
    }
  },
};

/** Segment's default identity limits where the catalog does not say (segment-docs src/unify/identity-resolution/identity-resolution-settings.md: user_id 1). */
const DEFAULT_IDENTITY_LIMITS: Record<string, number> = { user_id: 1 };
