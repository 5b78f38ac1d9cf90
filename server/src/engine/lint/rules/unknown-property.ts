import type { Rule } from '../rule';
import { hasProperty, stringValue } from '../../json';
import { closest } from '../../did-you-mean';
import { ROOT } from '../config-schema';
import { allStrategyExcess, changeExceedsDestinationLimit, externalIdChangeMakesError } from './limits';
import { objectName, quoteList } from './messages';
import type { RuleContext } from '../rule';
import type { PropertyInfo } from '../model';

/**
 * A property the format does not have. `connectionSettings` is open (its keys are the
 * destination's settings): there, a key is reported only when the destination's catalog
 * lists its known connection settings and the key is not one of them.
 */
export const unknownProperty: Rule = {
  code: 'unknown-property',
  defaultSeverity: 'warning',
  description: 'A property the .idsync.json format (or the destination\'s connection settings) does not have; suggests the closest one.',
  fixable: true,
  check(ctx) {
    for (const p of ctx.model.properties) {
      if (p.spec) continue;
      let known: string[];
      let where: string;
      if (p.owner.open) {
        const settings = ctx.destination?.connectionSettings;
        if (!settings) continue;
        known = [...new Set([...Object.keys(p.owner.props), ...Object.keys(settings)])];
        if (known.includes(p.key)) continue;
        where = `a connection setting of ${ctx.destination!.displayName}`;
      } else {
        known = Object.keys(p.owner.props);
        where = `a property of ${objectName(p.owner.name)}`;
      }
      const near = closest(p.key, known, { prefix: true });
      const parent = p.node.parent;
      if (near) {
        // Renaming onto a key that exists would be a duplicate; onto "journey" next to "audience"
        // (or the reverse), a conflicting-properties error; renaming an entry's key into effect
        // may take the file over a limit (see renameMakesError): no fix then.
        const rival = p.owner === ROOT ? ({ audience: 'journey', journey: 'audience' } as Record<string, string>)[near] : undefined;
        const free = !hasProperty(parent, near) && !(rival && hasProperty(parent, rival)) && !renameMakesError(ctx, p, near);
        ctx.report({
          node: p.keyNode,
          message: `"${p.key}" is not ${where}. Did you mean "${near}"?`,
          fixes: free ? [{ title: `Rename to "${near}"`, edits: ctx.replaceString(p.keyNode, near), isPreferred: true }] : undefined,
        });
      } else {
        ctx.report({
          node: p.keyNode,
          message: `"${p.key}" is not ${where}: remove it, or use one of ${quoteList(known)}.`,
        });
      }
    }
  },
};

/**
 * Renaming an entry's misspelled key puts its value into effect, which can make errors outside
 * that value: a "strategy" of "all" beyond the three allowed (too-many-all, reported on later
 * entries too), a "mapTo" or "externalId" whose key goes over the destination's identifier limit
 * (destination-limit, reported on the entry object), an "externalId" that needs Send Mobile IDs.
 * Such renames are not offered: the quick fix must not create an error.
 */
function renameMakesError(ctx: RuleContext, p: PropertyInfo, near: string): boolean {
  const entry = ctx.model.entries.find((e) => e.node === p.node.parent);
  if (!entry) return false;
  const value = stringValue(p.value);
  if (near === 'strategy') {
    const max = ctx.catalogs.identifiers.limits.maxAllStrategy;
    const before = ctx.model.entries.map((e) => e.strategy?.value);
    const after = ctx.model.entries.map((e) => (e === entry ? p.value?.value : e.strategy?.value));
    const was = new Set(allStrategyExcess(before, max));
    return allStrategyExcess(after, max).some((position) => !was.has(position));
  }
  if (near === 'mapTo') return changeExceedsDestinationLimit(ctx.destination, ctx.model.entries, entry, { mapTo: value });
  if (near === 'externalId' && value !== undefined) return externalIdChangeMakesError(ctx, entry, value);
  return false;
}
