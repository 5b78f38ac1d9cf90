import type { Rule } from '../rule';
import { hasProperty } from '../../json';

/**
 * A required property is absent: `destination`, `destination.slug`, an entry's `externalId`
 * or `strategy`, or both `audience` and `journey`. Missing top-level properties are reported
 * on the opening brace of the file (a whole-file range would underline everything); missing
 * nested ones on the object that lacks them.
 */
export const missingProperty: Rule = {
  code: 'missing-property',
  defaultSeverity: 'error',
  description: 'A required property is missing: destination, destination.slug, an entry\'s externalId or strategy, or audience/journey.',
  fixable: true,
  check(ctx) {
    const { model } = ctx;
    const root = model.root;
    if (!root) return;
    const atBrace = { offset: root.offset, length: 1, pointer: '' };
    if (!hasProperty(root, 'audience') && !hasProperty(root, 'journey')) {
      ctx.report({
        ...atBrace,
        message: 'Neither "audience" nor "journey" is set: add "audience": { "key": "..." } or "journey": { "name": "...", "step": "..." } to say what syncs to the destination.',
      });
    }
    if (!hasProperty(root, 'destination')) {
      ctx.report({
        ...atBrace,
        message: 'No "destination": add "destination": { "slug": "..." } with the Segment slug of the destination (e.g. "personas-facebook-custom-audiences").',
      });
    } else if (model.destination && !hasProperty(model.destination, 'slug')) {
      ctx.report({
        node: model.destination,
        message: '"destination" has no "slug": add the Segment slug of the destination (e.g. "personas-facebook-custom-audiences"); it selects the catalog the file is checked against.',
      });
    }
    // Adding "all" must not push the file over the limit of "all" entries (too-many-all).
    const maxAll = ctx.catalogs.identifiers.limits.maxAllStrategy;
    const allFull = model.entries.filter((e) => e.strategy?.value === 'all').length >= maxAll;
    const choices = allFull ? (['last', 'first'] as const) : (['last', 'first', 'all'] as const);
    for (const entry of model.entries) {
      if (!hasProperty(entry.node, 'externalId')) {
        ctx.report({
          node: entry.node,
          message: `idSyncConfiguration[${entry.index}] has no "externalId": add the Segment identifier to send (e.g. "email").`,
        });
      }
      if (!hasProperty(entry.node, 'strategy')) {
        const path = ['idSyncConfiguration', entry.index, 'strategy'];
        ctx.report({
          node: entry.node,
          message: allFull
            ? `idSyncConfiguration[${entry.index}] has no "strategy": add "last" (most recently added value) or "first" (oldest value); ${maxAll} entries already use "all", the maximum.`
            : `idSyncConfiguration[${entry.index}] has no "strategy": add "last" (most recently added value), "first" (oldest value) or "all" (every value).`,
          fixes: choices.map((s) => ({ title: `Add "strategy": "${s}"`, edits: ctx.setValue(path, s) })),
        });
      }
    }
  },
};
