import type { Rule } from '../rule';
import { stringValue } from '../../json';
import { externalIdChangeMakesError } from './limits';

const KIND: Record<string, string> = { 'traits.': 'a trait', 'properties.': 'a property', 'context.': 'a context' };

/**
 * externalId is a trait/property path. Segment recommends Destination Actions mappings for
 * properties; through ID Sync their values would be added to profiles as identifiers.
 */
export const propertyMapping: Rule = {
  code: 'property-mapping',
  defaultSeverity: 'warning',
  description: 'externalId is a trait or property path (traits., properties., context.) instead of an identifier type.',
  fixable: true,
  check(ctx) {
    const catalog = ctx.catalogs.identifiers;
    const known = new Set([...Object.keys(catalog.identifiers), ...ctx.space.customIdentifiers]);
    for (const entry of ctx.model.entries) {
      const node = entry.externalId;
      const id = stringValue(node);
      if (!node || id === undefined) continue;
      const prefix = catalog.propertyPathPrefixes.find((p) => id.startsWith(p));
      if (!prefix) continue;
      const rest = id.slice(prefix.length);
      const asIdentifier = known.has(rest) ? rest : undefined;
      ctx.report({
        node,
        message:
          `"${id}" is ${KIND[prefix] ?? `a ${prefix.slice(0, -1)}`} path, not an identifier type: ID Sync would add its values to profiles as identifiers. ` +
          (asIdentifier
            ? `Use the identifier "${asIdentifier}".`
            : 'Map properties with Destination Actions mappings (Segment\'s recommendation), or declare a custom identifier for it.'),
        fixes: asIdentifier && !externalIdChangeMakesError(ctx, entry, asIdentifier) ? [{ title: `Change to "${asIdentifier}"`, edits: ctx.replaceString(node, asIdentifier), isPreferred: true }] : undefined,
      });
    }
  },
};
