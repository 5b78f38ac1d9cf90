import type { Rule } from '../rule';
import { propertyNode } from '../../json';

/** Both `audience` and `journey`: a connection sends one or the other. Reported on the later key. */
export const conflictingProperties: Rule = {
  code: 'conflicting-properties',
  defaultSeverity: 'error',
  description: 'Both "audience" and "journey" are set, but a connection syncs exactly one of them.',
  check(ctx) {
    const root = ctx.model.root;
    const audience = propertyNode(root, 'audience');
    const journey = propertyNode(root, 'journey');
    if (!audience || !journey) return;
    const later = audience.offset > journey.offset ? audience : journey;
    const key = later.children![0].value as string;
    const other = key === 'audience' ? 'journey' : 'audience';
    ctx.report({
      node: later.children![0],
      message: `"${key}" and "${other}" are both set, but a file describes one connection: an audience or a journey step. Move one of them to its own .idsync.json file.`,
    });
  },
};
