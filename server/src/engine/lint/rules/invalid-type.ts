import type { Fix } from '../../types';
import type { Rule, RuleContext } from '../rule';
import type { Node } from 'jsonc-parser';
import { DESTINATION, ENTRY } from '../config-schema';
import type { ObjectSpec } from '../config-schema';
import { nodePath } from '../../json';
import { closest } from '../../did-you-mean';
import { objectName, valueType, withArticle } from './messages';

/** What an array's items look like, for messages. */
const ITEM_SHAPES: Record<string, string> = {
  idSyncConfiguration: ' such as { "externalId": "email", "strategy": "last" }',
  samples: ' (a path such as "samples/profiles/jane.json")',
};

function subject(label: string): string {
  if (label === 'the configuration') return 'The configuration';
  return /\[\d+\]$/.test(label) ? label : `"${label}"`;
}

/**
 * String properties whose value other rules check against a catalog or the file system: an
 * identifier, a destination key, a slug, a sample path. A number there is no identifier, key,
 * slug or path, so quoting it would only trade this error for another one: no fix is offered.
 */
function contentChecked(spec: ObjectSpec | undefined, key: string | undefined): boolean {
  if (spec === undefined) return true; // array items: the sample paths
  return (spec === ENTRY && (key === 'externalId' || key === 'mapTo')) || (spec === DESTINATION && key === 'slug');
}

/** What to write instead, when the wrong value says it plainly ("true" for true, 42 for "42" in free text). */
function conversion(ctx: RuleContext, node: Node, expected: string, hasEnum: boolean, freeText: boolean): Fix[] | undefined {
  if (expected === 'boolean' && (node.value === 'true' || node.value === 'false')) {
    const value = node.value === 'true';
    return [{ title: `Change to ${value}`, edits: ctx.setValue(nodePath(node), value), isPreferred: true }];
  }
  if (expected === 'string' && !hasEnum && freeText && node.type === 'number') {
    const value = String(node.value);
    return [{ title: `Change to "${value}"`, edits: ctx.setValue(nodePath(node), value), isPreferred: true }];
  }
  return undefined;
}

/**
 * A value of the wrong JSON type, or a string outside its property's allowed values
 * (`setup`, `destination.type`; strategies are invalid-strategy's).
 */
export const invalidType: Rule = {
  code: 'invalid-type',
  defaultSeverity: 'error',
  description: 'A value has the wrong JSON type or shape, or is not one of its property\'s allowed values.',
  fixable: true,
  check(ctx) {
    for (const m of ctx.model.typeMismatches) {
      const actual = valueType(m.node);
      const item = /^(\w+)\[\d+\]$/.exec(m.label);
      const shape = item ? ITEM_SHAPES[item[1]] ?? '' : m.expected === 'boolean' ? ' (true or false)' : '';
      const prop = ctx.model.properties.find((p) => p.value === m.node);
      ctx.report({
        node: m.node,
        message: `${subject(m.label)} must be ${withArticle(m.expected)}${shape}, not ${withArticle(actual)}.`,
        fixes: conversion(ctx, m.node, m.expected, prop?.spec?.enum !== undefined, !contentChecked(prop?.owner, prop?.key)),
      });
    }
    for (const p of ctx.model.properties) {
      const allowed = p.spec?.enum;
      if (!allowed || p.duplicate || !p.value || p.value.type !== 'string') continue;
      if (p.owner === ENTRY && p.key === 'strategy') continue;
      const value = p.value.value as string;
      if (allowed.includes(value)) continue;
      const near = closest(value, allowed);
      const choices = allowed.map((a) => `"${a}"`).join(allowed.length === 2 ? ' or ' : ', ');
      ctx.report({
        node: p.value,
        message: `"${p.key}" of ${objectName(p.owner.name)} must be ${choices}, not "${value}".${near ? ` Did you mean "${near}"?` : ''}`,
        fixes: near ? [{ title: `Change to "${near}"`, edits: ctx.replaceString(p.value, near), isPreferred: true }] : undefined,
      });
    }
  },
};
