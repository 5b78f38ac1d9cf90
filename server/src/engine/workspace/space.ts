/**
 * `idsync.space.json`: the space id (for `idsync export`), the space's custom identifiers, extra
 * destination catalogs and rule severities. Found like `.eslintrc`: the nearest ancestor directory
 * of a config that has one (the lookup and its stop rule are in workspace.ts).
 * A broken space file is reported in that file, with positions; its good parts still apply.
 */
import type { Node } from 'jsonc-parser';
import type { DestinationCatalog, DestinationKey } from '../catalogs/catalog';
import type { Diagnostic, SeveritySetting } from '../types';
import { SEVERITY_SETTINGS } from '../types';
import { parseDocument, ParsedDocument } from '../lint/parse';
import { jsonPointer, propertyValue } from '../json';
import { closest } from '../did-you-mean';

export const SPACE_FILE_NAME = 'idsync.space.json';

export interface SpaceConfig {
  /** Absolute path of the space file, undefined when none applies. */
  path?: string;
  customIdentifiers: ReadonlySet<string>;
  destinations: ReadonlyMap<string, DestinationCatalog>;
  rules: ReadonlyMap<string, SeveritySetting>;
  /** The Segment space id (`spa_...`) for `idsync export`'s request path, when the file has a valid one. */
  spaceId?: string;
  /** `"root": true`: the top of its tree; the space lookup never goes above this file's directory. */
  root?: boolean;
}

export const EMPTY_SPACE: SpaceConfig = { customIdentifiers: new Set(), destinations: new Map(), rules: new Map() };

export interface SpaceFile {
  path: string;
  config: SpaceConfig;
  /** Problems of the space file itself, positioned in it. */
  diagnostics: Diagnostic[];
}

const TOP_KEYS = ['$schema', 'root', 'spaceId', 'customIdentifiers', 'destinations', 'rules'];
/** What a space id may hold: it goes into a request path (the same check as `idsync export --space-id`). */
export const SPACE_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const DEST_KEYS = ['displayName', 'input', 'identifiers', 'keyConventions', 'ignoresSendMobileIds', 'adList'];
const KEY_KEYS = ['key', 'label', 'description', 'hashing', 'suggestedFor'];

function typeName(n: Node): string {
  return n.type;
}

/**
 * Parses a space file. `ruleCodes` are the known rule ids (for unknown-rule reports with did-you-mean).
 */
export function parseSpaceFile(path: string, text: string, ruleCodes: readonly string[]): SpaceFile {
  const doc = parseDocument(text);
  const diagnostics: Diagnostic[] = [];
  const report = (code: string, severity: Diagnostic['severity'], node: Node, message: string) => {
    diagnostics.push({
      code,
      severity,
      message,
      range: doc.lines.range(node.offset, node.length),
      offset: node.offset,
      length: node.length,
      pointer: jsonPointer(node),
    });
  };
  for (const e of doc.errors) {
    diagnostics.push({
      code: 'syntax',
      severity: 'error',
      message: e.message,
      range: doc.lines.range(e.offset, e.length),
      offset: e.offset,
      length: e.length,
      pointer: '',
    });
  }
  const custom = new Set<string>();
  const destinations = new Map<string, DestinationCatalog>();
  const rules = new Map<string, SeveritySetting>();
  const config: SpaceConfig = { path, customIdentifiers: custom, destinations, rules };
  // Document order, like lintText's (the sort is stable, so ties keep the order of the checks).
  const done = (): SpaceFile => {
    diagnostics.sort((a, b) => a.offset - b.offset || a.length - b.length);
    return { path, config, diagnostics };
  };
  const root = doc.root;
  if (!root) return done();
  if (root.type !== 'object') {
    report('invalid-type', 'error', root, `${SPACE_FILE_NAME} must be an object, not ${typeName(root)}.`);
    return done();
  }
  for (const prop of root.children ?? []) {
    const keyNode = prop.children![0];
    const key = keyNode.value as string;
    if (!TOP_KEYS.includes(key)) {
      const near = closest(key, TOP_KEYS);
      report('unknown-property', 'warning', keyNode, `Unknown property "${key}" in ${SPACE_FILE_NAME}.${near ? ` Did you mean "${near}"?` : ''} Known: ${TOP_KEYS.join(', ')}.`);
    }
  }

  const spaceIdNode = propertyValue(root, 'spaceId');
  if (spaceIdNode) {
    if (spaceIdNode.type !== 'string') report('invalid-type', 'error', spaceIdNode, `"spaceId" must be a string (the Segment space id, spa_...), not ${typeName(spaceIdNode)}.`);
    else if (!SPACE_ID_PATTERN.test(spaceIdNode.value as string)) {
      report('invalid-type', 'error', spaceIdNode, `"spaceId" must be a Segment space id such as "spa_..." (letters, digits, "_" and "-" only).`);
    } else config.spaceId = spaceIdNode.value as string;
  }
  const rootNode = propertyValue(root, 'root');
  if (rootNode) {
    if (rootNode.type !== 'boolean') report('invalid-type', 'error', rootNode, `"root" must be true or false, not ${typeName(rootNode)}.`);
    else config.root = rootNode.value === true;
  }

  const ids = propertyValue(root, 'customIdentifiers');
  if (ids) {
    if (ids.type !== 'array') report('invalid-type', 'error', ids, `"customIdentifiers" must be an array of identifier names, not ${typeName(ids)}.`);
    else
      for (const item of ids.children ?? []) {
        if (item.type !== 'string') {
          report('invalid-type', 'error', item, `A custom identifier must be a string, not ${typeName(item)}.`);
        } else if (item.value !== (item.value as string).toLowerCase()) {
          report('invalid-type', 'error', item, `Custom identifier "${item.value}" must be lowercase (Segment accepts lowercase external id types only): use "${(item.value as string).toLowerCase()}".`);
          custom.add((item.value as string).toLowerCase());
        } else custom.add(item.value as string);
      }
  }

  const dests = propertyValue(root, 'destinations');
  if (dests) {
    if (dests.type !== 'object') report('invalid-type', 'error', dests, `"destinations" must be an object keyed by destination slug, not ${typeName(dests)}.`);
    else
      for (const prop of dests.children ?? []) {
        const slug = prop.children![0].value as string;
        const value = prop.children![1];
        if (!value) continue;
        const catalog = parseSpaceDestination(slug, value, path, report);
        if (catalog) destinations.set(slug, catalog);
      }
  }

  const rulesNode = propertyValue(root, 'rules');
  if (rulesNode) {
    if (rulesNode.type !== 'object') report('invalid-type', 'error', rulesNode, `"rules" must be an object of rule id to severity, not ${typeName(rulesNode)}.`);
    else
      for (const prop of rulesNode.children ?? []) {
        const keyNode = prop.children![0];
        const code = keyNode.value as string;
        const value = prop.children![1];
        if (!ruleCodes.includes(code)) {
          const near = closest(code, ruleCodes);
          report('unknown-property', 'warning', keyNode, `Unknown rule "${code}".${near ? ` Did you mean "${near}"?` : ''} Run \`idsync rules\` for the list.`);
          continue;
        }
        if (!value) continue;
        if (value.type !== 'string' || !SEVERITY_SETTINGS.includes(value.value as SeveritySetting)) {
          report('invalid-type', 'error', value, `The severity of "${code}" must be one of "off", "hint", "info", "warning", "error".`);
          continue;
        }
        rules.set(code, value.value as SeveritySetting);
      }
  }
  return done();
}

function parseSpaceDestination(
  slug: string,
  value: Node,
  path: string,
  report: (code: string, severity: Diagnostic['severity'], node: Node, message: string) => void,
): DestinationCatalog | undefined {
  if (value.type !== 'object') {
    report('invalid-type', 'error', value, `Destination "${slug}" must be an object with "displayName", "input" and "identifiers".`);
    return undefined;
  }
  for (const prop of value.children ?? []) {
    const keyNode = prop.children![0];
    const key = keyNode.value as string;
    if (!DEST_KEYS.includes(key)) {
      const near = closest(key, DEST_KEYS);
      report('unknown-property', 'warning', keyNode, `Unknown property "${key}" in destination "${slug}".${near ? ` Did you mean "${near}"?` : ''} Known: ${DEST_KEYS.join(', ')}.`);
    }
  }
  const displayNode = propertyValue(value, 'displayName');
  const inputNode = propertyValue(value, 'input');
  const idsNode = propertyValue(value, 'identifiers');
  const conventionsNode = propertyValue(value, 'keyConventions');
  let input: 'dropdown' | 'freeText' = 'freeText';
  if (inputNode) {
    if (inputNode.type === 'string' && (inputNode.value === 'dropdown' || inputNode.value === 'freeText')) input = inputNode.value;
    else report('invalid-type', 'error', inputNode, `"input" must be "dropdown" or "freeText".`);
  }
  if (displayNode && displayNode.type !== 'string') report('invalid-type', 'error', displayNode, `"displayName" must be a string.`);
  const keys: Record<string, DestinationKey> = {};
  const source = `${SPACE_FILE_NAME} (${path})`;
  if (idsNode) {
    if (idsNode.type !== 'array') report('invalid-type', 'error', idsNode, `"identifiers" must be an array of destination keys.`);
    else
      for (const item of idsNode.children ?? []) {
        if (item.type === 'string') {
          keys[item.value as string] = { label: item.value as string, description: `Destination key of ${slug}.`, hashing: 'none', source };
        } else if (item.type === 'object') {
          const k = propertyValue(item, 'key');
          if (!k || k.type !== 'string') {
            report('invalid-type', 'error', item, `An identifier object needs a string "key".`);
            continue;
          }
          for (const p of item.children ?? []) {
            const kn = p.children![0];
            if (!KEY_KEYS.includes(kn.value as string)) report('unknown-property', 'warning', kn, `Unknown property "${kn.value}" in an identifier of "${slug}". Known: ${KEY_KEYS.join(', ')}.`);
          }
          const str = (name: string) => {
            const n = propertyValue(item, name);
            return n?.type === 'string' ? (n.value as string) : undefined;
          };
          const sugg = propertyValue(item, 'suggestedFor');
          const hashing = str('hashing');
          if (hashing !== undefined && hashing !== 'sha256' && hashing !== 'none') {
            report('invalid-type', 'error', propertyValue(item, 'hashing')!, `"hashing" must be "sha256" or "none".`);
          }
          keys[k.value as string] = {
            label: str('label') ?? (k.value as string),
            description: str('description') ?? `Destination key of ${slug}.`,
            hashing: hashing === 'sha256' ? 'sha256' : 'none',
            suggestedFor: sugg?.type === 'array' ? (sugg.children ?? []).filter((c) => c.type === 'string').map((c) => c.value as string) : undefined,
            source,
          };
        } else report('invalid-type', 'error', item, `A destination identifier must be a string or an object with "key".`);
      }
  } else {
    report('missing-property', 'error', value, `Destination "${slug}" needs "identifiers": the destination keys it accepts.`);
  }
  let keyConventions: Record<string, string> | undefined;
  if (conventionsNode) {
    if (conventionsNode.type !== 'object') report('invalid-type', 'error', conventionsNode, `"keyConventions" must map Segment identifiers to destination keys.`);
    else {
      keyConventions = {};
      for (const p of conventionsNode.children ?? []) {
        const v = p.children![1];
        if (v?.type === 'string') keyConventions[p.children![0].value as string] = v.value as string;
        else if (v) report('invalid-type', 'error', v, `A key convention must be a string (the destination key).`);
      }
    }
  }
  const bool = (name: string) => propertyValue(value, name)?.value === true;
  return {
    slug,
    displayName: displayNode?.type === 'string' ? (displayNode.value as string) : slug,
    kind: 'function',
    input,
    adList: bool('adList'),
    ignoresSendMobileIds: bool('ignoresSendMobileIds'),
    keys,
    keyConventions,
    keyConventionsSource: keyConventions ? source : undefined,
    source,
  };
}

export type { ParsedDocument };
