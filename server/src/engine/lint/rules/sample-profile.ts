import type { Rule } from '../rule';
import { checkSamples } from '../../preview/samples';

export const sampleProfile: Rule = {
  code: 'sample-profile',
  defaultSeverity: 'warning',
  description: 'A sample profile listed in "samples" is missing, outside the workspace, or not a profile the preview can read.',
  check(ctx) {
    if (ctx.samples.length === 0) return;
    for (const d of checkSamples(ctx.model, ctx.samples)) {
      ctx.report({ offset: d.offset, length: d.length, pointer: d.pointer, message: d.message, severity: d.severity });
    }
  },
};
