/** Small helpers shared by the rule modules (not a rule itself). */
import type { Node } from 'jsonc-parser';
import type { DestinationCatalog } from '../catalog';
import type { Entry } from '../model';
import { propertyNode } from '../json';

/** "a string", "an object", "null"... for messages. */
export function withArticle(type: string): string {
  if (type === 'null') return 'null';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** The JSON type of a value node, as users say it. */
export function valueType(node: Node): string {
  return node.type === 'property' ? 'null' : node.type;
}

/** `idSyncConfiguration[2]`: how messages name an entry. */
export function entryName(entry: Entry): string {
  return `idSyncConfiguration[${entry.index}]`;
}

/** True when the object has a property with this key, whatever its value. */
export function hasProperty(obj: Node | undefined, key: string): boolean {
  return propertyNode(obj, key) !== undefined;
}

/** The string value of a node, or undefined. */
export function str(node: Node | undefined): string | undefined {
  return node && node.type === 'string' ? (node.value as string) : undefined;
}

/** The destination's keys quoted and joined, for messages: `"EMAIL", "PHONE"`. */
export function keyList(dest: DestinationCatalog): string {
  return quoteList(Object.keys(dest.keys));
}

export function quoteList(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

/** How messages name an object of the format: `"audience"`, `an idSyncConfiguration entry`, `the configuration`. */
export function objectName(name: string): string {
  return name.includes(' ') ? name : `"${name}"`;
}
