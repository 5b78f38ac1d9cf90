import type { Rule } from '../rule';
import { closest } from '../json';
import { ROOT } from '../format';
import { hasProperty, objectName, quoteList } from './shared';

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
      const near = closest(p.key, known);
      const parent = p.node.parent;
      if (near) {
        // Renaming onto a key that exists would be a duplicate; onto "journey" next to "audience"
        // (or the reverse), a conflicting-properties error: no fix then.
        const rival = p.owner === ROOT ? ({ audience: 'journey', journey: 'audience' } as Record<string, string>)[near] : undefined;
        const free = !hasProperty(parent, near) && !(rival && hasProperty(parent, rival));
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
