import type { Rule } from '../rule';
import { propertyValue, stringValue } from '../../json';
import { sendMobileIdsSeverity } from './shared';

/**
 * A mobile advertising id is mapped while the "Send Mobile IDs" connection setting is not on.
 * Severity per identifier from the identifiers catalog (ios.idfa: error, android.idfa: warning).
 */
export const mobileIdsDisabled: Rule = {
  code: 'mobile-ids-disabled',
  defaultSeverity: 'error',
  description: 'A mobile advertising id (ios.idfa, android.idfa) is mapped but connectionSettings.sendMobileIds is not true.',
  fixable: true,
  check(ctx) {
    const { model } = ctx;
    if (model.sendMobileIds || ctx.destination?.ignoresSendMobileIds) return;
    const settings = model.connectionSettings;
    const rootSettings = propertyValue(model.root, 'connectionSettings');
    // A connectionSettings that is not an object is invalid-type's; editing inside it is not safe.
    const canFix = !rootSettings || settings !== undefined;
    const current = propertyValue(settings, 'sendMobileIds');
    const state = current ? `is ${current.type === 'string' ? JSON.stringify(current.value) : String(current.value)}` : 'is not set';
    for (const entry of model.entries) {
      const id = stringValue(entry.externalId);
      if (id === undefined) continue;
      const severity = sendMobileIdsSeverity(ctx, id);
      if (!severity) continue;
      ctx.report({
        node: entry.externalId,
        severity,
        message: `"${id}" is only sent when the Send Mobile IDs setting is on, and connectionSettings.sendMobileIds ${state}: set it to true.`,
        fixes: canFix
          ? [{ title: 'Set connectionSettings.sendMobileIds to true', edits: ctx.setValue(['connectionSettings', 'sendMobileIds'], true), isPreferred: true }]
          : undefined,
      });
    }
  },
};
