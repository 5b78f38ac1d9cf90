/** Small helpers over jsonc-parser nodes. */
import type { Node } from 'jsonc-parser';

/** The property node (`"key": value`) of an object node, first occurrence. */
export function propertyNode(obj: Node | undefined, key: string): Node | undefined {
  if (!obj || obj.type !== 'object' || !obj.children) return undefined;
  for (const p of obj.children) {
    if (p.children && p.children[0].value === key) return p;
  }
  return undefined;
}

/** True when the object has a property with this key, whatever its value. */
export function hasProperty(obj: Node | undefined, key: string): boolean {
  return propertyNode(obj, key) !== undefined;
}

/** The value node of a property of an object node. */
export function propertyValue(obj: Node | undefined, key: string): Node | undefined {
  return propertyNode(obj, key)?.children?.[1];
}

export function stringValue(node: Node | undefined): string | undefined {
  return node && node.type === 'string' ? (node.value as string) : undefined;
}

/**
 * Index of each child of an array node, built once per array on first use: a diagnostic on
 * every item of a long array must not search the array for each one (that was quadratic).
 * Parsed trees are not mutated, so the index stays valid for the array's lifetime.
 */
const childIndexes = new WeakMap<Node, Map<Node, number>>();

function indexInArray(array: Node, child: Node): number {
  const children = array.children!;
  if (children.length <= 16) return children.indexOf(child);
  let index = childIndexes.get(array);
  if (!index || index.size !== children.length) {
    index = new Map();
    for (let i = 0; i < children.length; i++) index.set(children[i], i);
    childIndexes.set(array, index);
  }
  return index.get(child) ?? -1;
}

/** The path of segments from the root to a node (keys and array indexes). */
export function nodePath(node: Node): Array<string | number> {
  const path: Array<string | number> = [];
  let child = node;
  let parent = node.parent;
  while (parent) {
    if (parent.type === 'property') {
      if (child !== parent.children![0]) path.push(parent.children![0].value as string);
    } else if (parent.type === 'array') {
      path.push(indexInArray(parent, child));
    }
    child = parent;
    parent = parent.parent;
  }
  return path.reverse();
}

/** RFC 6901 JSON pointer of a node. A property's key node points at the property. */
export function jsonPointer(node: Node): string {
  return nodePath(node)
    .map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1'))
    .join('');
}

/** A JSON value's type as users think of it, for messages. */
export function jsonTypeName(node: Node): string {
  return node.type;
}
