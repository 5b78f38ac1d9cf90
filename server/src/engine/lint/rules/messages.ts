/** How rule messages name things: types, objects, lists of keys. */
import type { Node } from 'jsonc-parser';
import type { DestinationCatalog } from '../../catalogs/catalog';

/** "a string", "an object", "null"... for messages. */
export function withArticle(type: string): string {
  if (type === 'null') return 'null';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** The JSON type of a value node, as users say it. */
export function valueType(node: Node): string {
  return node.type === 'property' ? 'null' : node.type;
}

/** The destination's keys quoted and joined, for messages: `"EMAIL", "PHONE"`. */
export function keyList(dest: DestinationCatalog): string {
  return quoteList(Object.keys(dest.keys));
}

/** Values quoted and joined, for messages. */
export function quoteList(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

/** How messages name an object of the format: `"audience"`, `an idSyncConfiguration entry`, `the configuration`. */
export function objectName(name: string): string {
  return name.includes(' ') ? name : `"${name}"`;
}
