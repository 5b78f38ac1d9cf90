import type { Rule } from '../rule';
import type { Fix } from '../../types';
import { propertyValue, stringValue } from '../../json';
import { limitKey } from './limits';
import { quoteList } from './messages';
import { listedKeyType } from '../../catalogs/catalog';

/**
 * A destination whose key type setting may name the ID Sync key itself (catalog
 * `listKeyTypeSetting.customValueIsKey`; Dynamic Yield's Identifier Type, segment-docs
 * src/connections/destinations/catalog/actions-dynamic-yield-audiences/index.md, Customized
 * Identifier Setup step 4: the Identifier Type contains the name of the identifier configured in
 * Customized Setup). The code reads `traits_or_props[identifier_type]` and rejects the event when
 * it is missing (action-destinations .../dynamic-yield-audiences/syncAudience/index.ts, perform):
 * the setting names a key when it is none of the listed values, and then a Customized Setup entry
 * must send exactly that key (same case, same underscores).
 */
export const identifierTypeKey: Rule = {
  code: 'identifier-type-key',
  defaultSeverity: 'warning',
  description: "The destination's identifier type setting names an ID Sync key (Dynamic Yield's identifier_type), but no Customized Setup entry sends exactly that key.",
  fixable: true,
  check(ctx) {
    const dest = ctx.destination;
    const lkt = dest?.listKeyTypeSetting;
    if (!dest || !lkt?.customValueIsKey) return;
    const node = propertyValue(ctx.model.connectionSettings, lkt.setting);
    const value = stringValue(node);
    if (!node || value === undefined || value.trim() === '') return;
    const listed = Object.keys(lkt.values);
    if (listedKeyType(lkt, value) !== undefined) return; // a listed value: not a key

    const model = ctx.model;
    const entries = model.setup === 'default' ? [] : model.entries;
    const keyed = entries.map((e) => ({ e, key: limitKey(dest, stringValue(e.mapTo), stringValue(e.externalId)) }));
    if (keyed.some((x) => x.key === value)) return;

    const setting = `connectionSettings.${lkt.setting}`;
    const loose = (v: string) => v.toLowerCase().replace(/[\s_-]/g, '');
    const near = keyed.find((x) => x.key !== undefined && loose(x.key) === loose(value));
    const rejects = `${dest.displayName} reads the entry whose Destination key is exactly "${value}" and rejects every event without it`;
    if (near && near.key !== undefined) {
      const key = near.key;
      const fixes: Fix[] = [{ title: `Set ${lkt.setting} to "${key}"`, edits: ctx.replaceString(node, key), isPreferred: true }];
      if (near.e.mapTo && stringValue(near.e.mapTo) !== undefined) fixes.push({ title: `Change mapTo to "${value}"`, edits: ctx.replaceString(near.e.mapTo, value) });
      ctx.report({
        node: near.e.mapTo ?? near.e.externalId ?? near.e.node,
        message: `${setting} is "${value}", but this entry's key is "${key}": ${rejects} (case and underscores count). Make them equal.`,
        fixes,
      });
      return;
    }
    // One entry whose key is no listed value: the likely intended key.
    const candidates = [...new Set(keyed.map((x) => x.key).filter((k): k is string => k !== undefined && listedKeyType(lkt, k) === undefined))];
    const fixes: Fix[] = candidates.length === 1 ? [{ title: `Set ${lkt.setting} to "${candidates[0]}"`, edits: ctx.replaceString(node, candidates[0]), isPreferred: true }] : [];
    const how = model.setup === 'default'
      ? `Default Setup sends no such entry: use Customized Setup with an entry whose "mapTo" is "${value}"`
      : `add an entry whose "mapTo" is "${value}"`;
    ctx.report({
      node,
      message: `${setting} is "${value}", which is not ${quoteList(listed)}, so it names the ID Sync key to send, but no entry sends "${value}": ${rejects}. ${how[0].toUpperCase()}${how.slice(1)}, or set ${lkt.setting} to one of ${quoteList(listed)}.`,
      fixes,
    });
  },
};
