import type { Rule } from '../rule';
import { propertyValue, stringValue } from '../../json';
import { sendMobileIdsSeverity } from './limits';

/**
 * A mobile advertising id is mapped while the "Send Mobile IDs" connection setting is not on.
 * Severity per identifier from the identifiers catalog (ios.idfa: error, android.idfa: warning).
 * A destination that ignores the setting gets nothing, unless Segment's pages disagree on that
 * (catalog `sendMobileIdsDocsDisagree`): then a warning that cites both, since turning the setting
 * on is safe either way.
 */
export const mobileIdsDisabled: Rule = {
  code: 'mobile-ids-disabled',
  defaultSeverity: 'error',
  description: 'A mobile advertising id (ios.idfa, android.idfa) is mapped but connectionSettings.sendMobileIds is not true.',
  fixable: true,
  check(ctx) {
    const { model } = ctx;
    const disagree = ctx.destination?.ignoresSendMobileIds ? ctx.destination.sendMobileIdsDocsDisagree : undefined;
    if (model.sendMobileIds || (ctx.destination?.ignoresSendMobileIds && !disagree)) return;
    const settings = model.connectionSettings;
    const rootSettings = propertyValue(model.root, 'connectionSettings');
    // A connectionSettings that is not an object is invalid-type's; editing inside it is not safe.
    const canFix = !rootSettings || settings !== undefined;
    const current = propertyValue(settings, 'sendMobileIds');
    const state = current ? `is ${current.type === 'string' ? JSON.stringify(current.value) : String(current.value)}` : 'is not set';
    for (const entry of model.entries) {
      const id = stringValue(entry.externalId);
      if (id === undefined) continue;
      const ids = ctx.catalogs.identifiers.identifiers;
      const gated = Object.prototype.hasOwnProperty.call(ids, id) && ids[id].requiresSendMobileIds === true;
      const severity = disagree ? (gated ? 'warning' : undefined) : sendMobileIdsSeverity(ctx, id);
      if (!severity) continue;
      ctx.report({
        node: entry.externalId,
        severity,
        message: disagree
          ? `"${id}" with connectionSettings.sendMobileIds ${state}: Segment's pages disagree on whether ${ctx.destination!.displayName} needs Send Mobile IDs (${disagree.text}). Set it to true: that is safe either way.`
          : `"${id}" is only sent when the Send Mobile IDs setting is on, and connectionSettings.sendMobileIds ${state}: set it to true.`,
        fixes: canFix
          ? [{ title: 'Set connectionSettings.sendMobileIds to true', edits: ctx.setValue(['connectionSettings', 'sendMobileIds'], true), isPreferred: true }]
          : undefined,
      });
    }
  },
};
