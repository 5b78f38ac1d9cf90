/**
 * Builds .idsync.json test texts with a fixed layout, so ranges in the tables are easy to read:
 *
 *   line 0            {
 *   line 1              "audience": { "key": "vip" },
 *   line 2              "destination": { "slug": "<slug>" },
 *   lines 3..3+x-1      <extra lines, as given>
 *   line 3+x            "idSyncConfiguration": [
 *   line 4+x+i          <entry i, indented by 4>
 *                     ]
 *                   }
 */
import { parseSpaceFile, RULE_CODES } from '../../server/src/engine';
import type { SpaceConfig } from '../../server/src/engine';

export interface ConfigParts {
  slug?: string;
  extra?: string[];
  entries?: string[];
}

export const FB = 'personas-facebook-custom-audiences';
export const GOOGLE = 'adwords-remarketing-lists';
export const SNAP = 'actions-snap-audiences';

export function config({ slug = FB, extra = [], entries = [] }: ConfigParts): string {
  const lines = ['{', '  "audience": { "key": "vip" },', `  "destination": { "slug": "${slug}" },`];
  for (const x of extra) lines.push(`  ${x}`);
  lines.push('  "idSyncConfiguration": [');
  entries.forEach((e, i) => lines.push(`    ${e}${i < entries.length - 1 ? ',' : ''}`));
  lines.push('  ]', '}');
  return lines.join('\n');
}

/** One entry on one line: `{ "externalId": "email", "strategy": "last", "mapTo": "EMAIL" }`. */
export function entry(externalId: string, strategy = 'last', mapTo?: string): string {
  return `{ "externalId": "${externalId}", "strategy": "${strategy}"${mapTo !== undefined ? `, "mapTo": "${mapTo}"` : ''} }`;
}


/** A space configuration from the text of an idsync.space.json (which must have no problems). */
export function space(text: string): SpaceConfig {
  const file = parseSpaceFile('/work/idsync.space.json', text, RULE_CODES);
  if (file.diagnostics.length) throw new Error(`test space file has problems: ${JSON.stringify(file.diagnostics.map((d) => d.message))}`);
  return file.config;
}

/** A space with one free-text destination function, "crm-function", taking email and crm_id. */
export const CRM_SPACE = `{
  "customIdentifiers": ["crm_id", "phone"],
  "destinations": {
    "crm-function": { "displayName": "CRM sync", "input": "freeText", "identifiers": ["email", "crm_id"] }
  }
}`;

type Range = [number, number, number, number];

/** Ranges of the values of an `entry(id, strategy, mapTo)` written on `line` by `config()`. */
export function at(line: number, id: string, strategy = 'last', mapTo = '') {
  const s = 36 + id.length;
  const m = s + strategy.length + 13;
  const entryEnd = mapTo ? m + mapTo.length + 4 : s + strategy.length + 4;
  return {
    externalId: [line, 20, line, 22 + id.length] as Range,
    strategy: [line, s, line, s + strategy.length + 2] as Range,
    mapTo: [line, m, line, m + mapTo.length + 2] as Range,
    entry: [line, 4, line, entryEnd] as Range,
  };
}
