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

/** editDistance's three rows, reused across calls (did-you-mean runs it against every candidate). */
let rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Edit distance counting an insertion, deletion, substitution or swap of two adjacent
 * characters as one edit (optimal string alignment), with an early exit above `max`.
 * Swaps matter: "setpu" for "setup" is the most common kind of typo.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rows[0].length <= b.length) rows = [0, 1, 2].map(() => new Int32Array(b.length * 2 + 2));
  let [prev2, prev, cur] = rows;
  prev2.fill(0, 0, b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, prev2[j - 2] + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const spare = prev2;
    prev2 = prev;
    prev = cur;
    cur = spare;
  }
  return prev[b.length];
}

/**
 * The closest candidate to `value` (case-insensitive, then by edit distance), or undefined when
 * nothing is close enough to be a plausible typo.
 */
export function closest(value: string, candidates: Iterable<string>, options: { prefix?: boolean } = {}): string | undefined {
  const lower = value.toLowerCase();
  const norm = (s: string) => s.replace(/[\s_.\-]/g, '');
  const normValue = norm(lower);
  let best: string | undefined;
  let bestScore = Infinity;
  const limit = Math.max(1, Math.min(3, Math.floor(value.length / 3)));
  const list = [...candidates];
  for (const c of list) {
    const cl = c.toLowerCase();
    if (cl === lower || norm(cl) === normValue) return c;
    const d = editDistance(lower, cl, limit);
    if (d <= limit && d < bestScore) {
      best = c;
      bestScore = d;
    }
  }
  if (best !== undefined || !options.prefix) return best;
  // `prefix`: a truncated name ("idSyncConfig" for "idSyncConfiguration"): the one candidate it begins,
  // when it is at least 4 characters and half the candidate.
  const prefixed = list.filter((c) => {
    const n = norm(c.toLowerCase());
    return normValue.length >= 4 && normValue.length * 2 >= n.length && n.startsWith(normValue);
  });
  return prefixed.length === 1 ? prefixed[0] : undefined;
}
