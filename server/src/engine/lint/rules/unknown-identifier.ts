import type { Rule } from '../rule';
import { stringValue } from '../../json';
import type { Fix } from '../../types';
import { closest } from '../../did-you-mean';
import { SPACE_FILE_NAME } from '../../workspace/space';
import { externalIdChangeMakesError } from './limits';

/**
 * `externalId` is neither a default Segment identifier nor a custom identifier declared in the
 * space. Identifier types are lowercase in Segment. Trait/property paths are property-mapping's.
 * A suggested identifier that would make a new error (one needing Send Mobile IDs while it is
 * off, or one beyond the destination's limit) is named in the message but not offered as a fix.
 */
export const unknownIdentifier: Rule = {
  code: 'unknown-identifier',
  defaultSeverity: 'warning',
  description: 'externalId is neither a default Segment identifier nor declared in customIdentifiers of idsync.space.json.',
  fixable: true,
  check(ctx) {
    const catalog = ctx.catalogs.identifiers;
    const defaults = Object.entries(catalog.identifiers)
      .filter(([, v]) => v.default)
      .map(([k]) => k);
    const known = [...defaults, ...ctx.space.customIdentifiers];
    for (const entry of ctx.model.entries) {
      const node = entry.externalId;
      const id = stringValue(node);
      if (!node || id === undefined || known.includes(id)) continue;
      if (catalog.propertyPathPrefixes.some((p) => id.startsWith(p))) continue;
      const lower = id.toLowerCase();
      const fixes: Fix[] = [];
      let message: string;
      const near = known.includes(lower) ? lower : closest(id, known);
      if (lower !== id && near === lower) {
        message = `Identifier types are lowercase in Segment: use "${lower}".`;
      } else if (lower !== id && !near) {
        message = `Custom identifier types must be lowercase in Segment: use "${lower}", and declare it in "customIdentifiers" of ${SPACE_FILE_NAME}.`;
      } else {
        const unless = lower !== id ? `use "${lower}" (identifier types are lowercase) and ` : '';
        message = `"${id}" is neither a default Segment identifier nor a custom identifier of the space: ${near ? `did you mean "${near}"? If not, ` : ''}${unless}declare it in "customIdentifiers" of ${SPACE_FILE_NAME}.`;
      }
      const fits = (to: string) => !externalIdChangeMakesError(ctx, entry, to);
      if (near && fits(near)) fixes.push({ title: `Change to "${near}"`, edits: ctx.replaceString(node, near), isPreferred: true });
      if (lower !== id && near !== lower && fits(lower)) fixes.push({ title: `Change to "${lower}"`, edits: ctx.replaceString(node, lower), isPreferred: !near });
      ctx.report({ node, message, fixes });
    }
  },
};
