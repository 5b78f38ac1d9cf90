import type { Rule } from '../rule';
import { closest } from '../../did-you-mean';
import { canonicalSlug, destinationSummaries } from '../../catalogs/catalog';
import { SPACE_FILE_NAME } from '../../workspace/space';

/** `destination.slug` names no built-in destination and none of the space's own. */
export const unknownDestination: Rule = {
  code: 'unknown-destination',
  defaultSeverity: 'warning',
  description: 'destination.slug is in no destination catalog (built-in or idsync.space.json); suggests the closest slug.',
  fixable: true,
  check(ctx) {
    const node = ctx.model.slug;
    if (!node || node.type !== 'string' || ctx.destination) return;
    const slug = node.value as string;
    // Aliases count as candidates (a typo of "reddit-audiences"); the suggestion is the canonical slug.
    const summaries = destinationSummaries(ctx.catalogs);
    const found = closest(slug, [...summaries.flatMap((d) => [d.slug, ...d.aliases]), ...ctx.space.destinations.keys()]);
    const near = found === undefined || ctx.space.destinations.has(found) ? found : (canonicalSlug(ctx.catalogs, found) ?? found);
    const hint = near
      ? `Did you mean "${near}"?`
      : `Check the slug in Segment, or describe the destination under "destinations" in ${SPACE_FILE_NAME} so its identifiers can be checked.`;
    ctx.report({
      node,
      message: `Unknown destination "${slug}": no built-in catalog and no "destinations" entry of ${SPACE_FILE_NAME} has it, so its identifiers are not checked. ${hint}`,
      fixes: near ? [{ title: `Change to "${near}"`, edits: ctx.replaceString(node, near), isPreferred: true }] : undefined,
    });
  },
};
