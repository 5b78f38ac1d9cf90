import type { Rule } from '../rule';

/**
 * ID Sync on an audience that already syncs: no resync, only new data follows, changes take
 * about five minutes and Segment keeps no history (seed: "Limits and best practices").
 */
export const existingAudience: Rule = {
  code: 'existing-audience',
  defaultSeverity: 'info',
  description: 'A customized setup on an audience that already syncs: only new data follows it, and the change cannot be undone.',
  check(ctx) {
    const node = ctx.model.existingAudience;
    if (!node || ctx.model.setup !== 'customized') return;
    const minutes = ctx.catalogs.identifiers.limits.propagationMinutes;
    ctx.report({
      node,
      message: `This audience already syncs to the destination: the ID Sync configuration applies only to new data after about ${minutes} minutes (the audience is not resynced), and Segment keeps no history to undo it. Segment recommends ID Sync on new audiences.`,
    });
  },
};
