import type { Rule } from '../rule';

/** `setup: "default"` with entries: ID Sync runs only with the Customized Setup, so they are ignored. */
export const defaultSetupIgnoresIdentifiers: Rule = {
  code: 'default-setup-ignores-identifiers',
  defaultSeverity: 'warning',
  description: 'setup is "default" but idSyncConfiguration has entries, which only a customized setup uses.',
  fixable: true,
  check(ctx) {
    const node = ctx.model.setupNode;
    const n = ctx.model.entries.length;
    if (!node || node.value !== 'default' || n === 0) return;
    ctx.report({
      node,
      message: `With "setup": "default" Segment ignores the ${n === 1 ? 'idSyncConfiguration entry' : `${n} idSyncConfiguration entries`} (ID Sync needs the Customized Setup): set "setup" to "customized", or remove the entries.`,
      fixes: [{ title: 'Change to "customized"', edits: ctx.replaceString(node, 'customized'), isPreferred: true }],
    });
  },
};
