import type { Node } from 'jsonc-parser';
import type { Rule } from '../rule';
import type { Fix } from '../../types';
import { propertyValue, stringValue } from '../../json';
import { limitKey } from './limits';
import { quoteList } from './messages';
import { listedKeyType } from '../../catalogs/catalog';

/**
 * A list destination that matches on one key type chosen by a connection setting (catalog
 * `listKeyTypeSetting`; Google Ads Remarketing Lists' External ID Type, "Email" or "Mobile ID",
 * segment-docs src/connections/destinations/catalog/adwords-remarketing-lists/index.md):
 * - the setting's value is not one the destination offers;
 * - a Customized Setup entry sends a key the list's type does not match (mobile_id to an Email list);
 * - a Customized Setup sends no entry for the key the destination sends in every payload
 *   (`limits.alwaysSends`: Google's email, segment-docs src/engage/trait-activation/trait-enrichment.md).
 */
export const listKeyTypeMismatch: Rule = {
  code: 'list-key-type-mismatch',
  defaultSeverity: 'warning',
  description: "An entry sends a key the list's key type setting does not match (Google Ads External ID Type), the setting has an unknown value, or the key sent in every payload (email) is missing.",
  fixable: true,
  check(ctx) {
    const dest = ctx.destination;
    if (!dest) return;
    const model = ctx.model;
    const always = dest.limits?.alwaysSends;
    const customized = model.setup === 'customized' && model.entries.length > 0;
    const keyOf = (e: (typeof model.entries)[number]) => limitKey(dest, stringValue(e.mapTo), stringValue(e.externalId));

    const lkt = dest.listKeyTypeSetting;
    if (lkt) {
      const node = propertyValue(model.connectionSettings, lkt.setting);
      const values = Object.keys(lkt.values);
      // A value equal to a listed one up to case and underscores, where the code folds them
      // (customValueIsKey.foldValues, Dynamic Yield), is that value. With customValueIsKey any other
      // value names a key: identifier-type-key checks it, not this rule.
      const written = stringValue(node);
      const value = written === undefined ? undefined : listedKeyType(lkt, written) ?? written;
      if (node && value !== undefined && !values.includes(value) && !lkt.customValueIsKey) {
        const near = values.find((v) => v.toLowerCase().replace(/[\s_-]/g, '') === value.toLowerCase().replace(/[\s_-]/g, ''));
        ctx.report({
          node,
          message: `connectionSettings.${lkt.setting} is "${value}", which ${dest.displayName} does not offer: use one of ${quoteList(values)}.`,
          fixes: near ? [{ title: `Change to "${near}"`, edits: ctx.replaceString(node, near), isPreferred: true }] : [],
        });
      } else if (node && value !== undefined && customized && values.includes(value)) {
        const accepted = lkt.values[value].map((k) => k.toLowerCase());
        const matched = (v: string) => [...new Set([...(always !== undefined ? [always] : []), ...lkt.values[v]])];
        const extra = model.entries.map(keyOf).filter((k): k is string => k !== undefined && k.toLowerCase() !== always?.toLowerCase());
        for (const entry of model.entries) {
          const key = keyOf(entry);
          if (key === undefined || key.toLowerCase() === always?.toLowerCase() || accepted.includes(key.toLowerCase())) continue;
          if (!Object.prototype.hasOwnProperty.call(dest.keys, key)) continue; // unknown-destination-identifier reports it
          const others = values.filter((v) => v !== value && lkt.values[v].some((k) => k.toLowerCase() === key.toLowerCase()));
          const fits = others.find((v) => extra.every((k) => lkt.values[v].some((a) => a.toLowerCase() === k.toLowerCase())));
          const fixes: Fix[] = fits ? [{ title: `Set ${lkt.setting} to "${fits}"`, edits: ctx.replaceString(node, fits), isPreferred: true }] : [];
          const externalId = stringValue(entry.externalId);
          ctx.report({
            node: entry.mapTo ?? entry.externalId ?? entry.node,
            message: `The list's External ID Type is "${value}" (connectionSettings.${lkt.setting}), which ${dest.displayName} matches on ${quoteList(matched(value))}: "${key}"${externalId ? ` (${externalId})` : ''} is not sent to it.${others.length ? ` Set it to ${quoteList(others)}, or remove this entry.` : ' Remove this entry.'}`,
            fixes,
          });
        }
      }
    }

    if (always !== undefined && customized && !model.entries.some((e) => keyOf(e)?.toLowerCase() === always.toLowerCase())) {
      const anchor: Node | undefined = model.idSyncConfiguration;
      const fixes: Fix[] = [];
      const hasId = model.entries.some((e) => stringValue(e.externalId) === always);
      const max = ctx.catalogs.identifiers.limits.maxIdentifiers;
      const count = model.idSyncConfiguration?.children?.length ?? 0;
      const id = dest.keys[always]?.suggestedFor?.[0];
      const last = anchor?.children?.[count - 1];
      if (id !== undefined && last && !hasId && count < max && model.doc.errors.length === 0 && !model.entries.some((e) => stringValue(e.externalId) === id)) {
        // Appended after the last item, on its own line with the last item's indentation (jsonc-parser's
        // modify would re-format the items before it).
        const text = model.doc.text;
        const lineStart = text.lastIndexOf('\n', last.offset - 1) + 1;
        const indent = /^[ \t]*/.exec(text.slice(lineStart, last.offset))![0];
        const sameLine = text.slice(lineStart, last.offset).trim() !== '';
        const item = `{ "externalId": ${JSON.stringify(id)}, "strategy": "last", "mapTo": ${JSON.stringify(always)} }`;
        fixes.push({
          title: `Add { "externalId": "${id}", "strategy": "last", "mapTo": "${always}" }`,
          edits: [{ offset: last.offset + last.length, length: 0, content: sameLine ? `, ${item}` : `,\n${indent}${item}` }],
          isPreferred: true,
        });
      }
      ctx.report({
        node: anchor,
        message: `${dest.displayName} sends ${always} in every payload and matches on it, but no entry maps "${always}": with Customized Setup, add an entry for ${id ?? always}.`,
        fixes,
      });
    }
  },
};
