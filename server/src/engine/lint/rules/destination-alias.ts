import type { Rule } from '../rule';

/**
 * `destination.slug` is another name of a built-in destination (its public catalog slug, a previous
 * name, a docs folder name): accepted and checked like the canonical slug; the hint offers it.
 */
export const destinationAlias: Rule = {
  code: 'destination-alias',
  defaultSeverity: 'hint',
  description: 'destination.slug is another name of a built-in destination (public catalog slug, previous name); accepted, the canonical slug is offered.',
  fixable: true,
  check(ctx) {
    const node = ctx.model.slug;
    const dest = ctx.destination;
    if (!node || node.type !== 'string' || !dest || dest.slug === node.value || ctx.space.destinations.has(node.value as string)) return;
    const slug = node.value as string;
    ctx.report({
      node,
      message: `"${slug}" is another name of ${dest.displayName}, whose canonical slug is "${dest.slug}": both work, and the canonical one is what Segment's definition and idsync's catalogs use.`,
      fixes: [{ title: `Change to "${dest.slug}"`, edits: ctx.replaceString(node, dest.slug), isPreferred: true }],
    });
  },
};
