/** Did-you-mean: the known name a misspelt one most likely stands for. */

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

/** A candidate's lower-case and separator-free forms, kept for the candidates seen (a few hundred names at most). */
const FORMS = new Map<string, { lower: string; norm: string }>();
const MAX_FORMS = 4096;
const SEPARATORS = /[\s_.\-]/g;

function formsOf(c: string): { lower: string; norm: string } {
  let f = FORMS.get(c);
  if (!f) {
    const lower = c.toLowerCase();
    f = { lower, norm: lower.replace(SEPARATORS, '') };
    if (FORMS.size >= MAX_FORMS) FORMS.clear();
    FORMS.set(c, f);
  }
  return f;
}

/**
 * The closest candidate to `value` (case-insensitive, then by edit distance), or undefined when
 * nothing is close enough to be a plausible typo.
 */
export function closest(value: string, candidates: Iterable<string>, options: { prefix?: boolean } = {}): string | undefined {
  const lower = value.toLowerCase();
  const normValue = lower.replace(SEPARATORS, '');
  let best: string | undefined;
  let bestScore = Infinity;
  const limit = Math.max(1, Math.min(3, Math.floor(value.length / 3)));
  // Read twice with `prefix`: an iterator (a Map's keys) is copied first.
  const list = options.prefix ? [...candidates] : candidates;
  for (const c of list) {
    const f = formsOf(c);
    if (f.lower === lower || f.norm === normValue) return c;
    const d = editDistance(lower, f.lower, limit);
    if (d <= limit && d < bestScore) {
      best = c;
      bestScore = d;
    }
  }
  if (best !== undefined || !options.prefix) return best;
  // `prefix`: a truncated name ("idSyncConfig" for "idSyncConfiguration"): the one candidate it begins,
  // when it is at least 4 characters and half the candidate.
  const prefixed: string[] = [];
  for (const c of list) {
    const n = formsOf(c).norm;
    if (normValue.length >= 4 && normValue.length * 2 >= n.length && n.startsWith(normValue)) prefixed.push(c);
  }
  return prefixed.length === 1 ? prefixed[0] : undefined;
}
