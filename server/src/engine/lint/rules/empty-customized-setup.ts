import type { Rule } from '../rule';

/** `setup: "customized"` without entries: Segment then syncs the destination's default identifiers. */
export const emptyCustomizedSetup: Rule = {
  code: 'empty-customized-setup',
  defaultSeverity: 'info',
  description: 'setup is "customized" but there are no idSyncConfiguration entries, so the default identifiers are synced.',
  check(ctx) {
    const node = ctx.model.setupNode;
    if (!node || node.value !== 'customized' || ctx.model.entries.length > 0) return;
    const defaults = ctx.destination?.defaultSetup;
    const which = defaults ? ` (for ${ctx.destination!.displayName}: ${defaults.identifiers.join(', ')})` : '';
    ctx.report({
      node,
      message: `"setup" is "customized" but no identifier is configured: Segment syncs the default identifiers${which}. Add idSyncConfiguration entries, or set "setup" to "default".`,
    });
  },
};
