/**
 * Deterministic inputs of the benchmark (`npm run bench`) and of the perf budgets in `npm test`
 * (test/perf.test.ts): every text comes from a seeded PRNG, so two runs measure the same bytes.
 *
 * - typical configs: 5 entries, comments, 40-80 lines; about one in four has a problem a user
 *   makes (a UI strategy label, an undeclared identifier, a missing mapTo, a bad key);
 * - large configs (~1 MB at most): thousands of entries between long comment blocks;
 * - sample profiles in the Profile API shape, with a given number of external ids;
 * - a comment-free twin of a config (for tools that read strict JSON only, e.g. ajv-cli).
 */

/** mulberry32: a small, fast, seeded PRNG (uniform in [0, 1)). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

const WORDS = [
  'customers', 'buyers', 'subscribers', 'visitors', 'members', 'readers', 'players', 'trialists', 'churn', 'risk',
  'loyal', 'vip', 'cart', 'abandoners', 'lapsed', 'new', 'weekly', 'mobile', 'web', 'premium', 'holiday', 'spring',
  'winback', 'upsell', 'onboarding', 'retention', 'lookalike', 'seed', 'high', 'value', 'engaged', 'dormant',
];
const PROSE = [
  'The audience refreshes every fifteen minutes and only new members are synced after the first run.',
  'Marketing owns this connection; ask the growth team before changing the strategy of an entry.',
  'Hashing happens at the destination, so plain values are sent and normalised there.',
  'Keep the newest address only: older ones bounce more often and hurt the match rate.',
  'Mobile advertising ids need the Send Mobile IDs connection setting to be switched on.',
  'Reviewed with legal in the last privacy audit; see the data processing register for details.',
  'Every value of this identifier is sent, one event each, so the list grows with the profile.',
  'The destination matches on email first and falls back to the phone number when it is missing.',
];

/** Destinations the generator uses, with the mapTo keys their catalogs know. */
const DESTINATIONS: readonly { slug: string; keys: Record<string, string>; mobile: boolean }[] = [
  { slug: 'personas-facebook-custom-audiences', mobile: true, keys: { email: 'EMAIL', phone: 'PHONE', 'ios.idfa': 'MADID', 'android.idfa': 'MADID', user_id: 'EXTERN_ID' } },
  { slug: 'actions-facebook-custom-audiences', mobile: true, keys: { email: 'email', phone: 'phone', 'ios.idfa': 'ios_idfa', 'android.idfa': 'android_idfa', user_id: 'external_id' } },
  { slug: 'actions-snap-audiences', mobile: true, keys: { email: 'email', phone: 'phone', 'ios.idfa': 'ios_idfa', 'android.idfa': 'android_idfa' } },
  { slug: 'actions-sendgrid-audiences', mobile: false, keys: { email: 'email', phone: 'phone', user_id: 'external_id', anonymous_id: 'anonymous_id' } },
  { slug: 'actions-tiktok-audiences', mobile: true, keys: { email: 'email', phone: 'phone', 'ios.idfa': 'advertising_id', 'android.idfa': 'advertising_id' } },
  { slug: 'actions-yahoo-audiences', mobile: true, keys: { email: 'email', phone: 'phone', 'ios.idfa': 'advertising_id', 'android.idfa': 'advertising_id' } },
];
const STRATEGIES = ['last', 'first', 'all'] as const;

/** The space file every generated tree and the in-process lints use. */
export const SPACE_TEXT = `// The benchmark's space: custom identifiers configured in Unify.
{
  "customIdentifiers": ["phone", "shopify_id", "loyalty_id", "crm_id"],
  "rules": {}
}
`;

export interface TypicalOptions {
  /** Paths (relative to the config) to list in "samples". */
  samples?: readonly string[];
}

/** One typical config: 5 entries, comments, 40-80 lines. */
export function typicalConfig(seed: number, options: TypicalOptions = {}): string {
  const r = prng(seed);
  const dest = pick(r, DESTINATIONS);
  const name = `${pick(r, WORDS)}_${pick(r, WORDS)}_${int(r, 1, 999)}`;
  const problem = r() < 0.25 ? int(r, 0, 3) : -1;
  // The destination's own identifiers first (in a random order), then custom ones to make five.
  const ids = Object.keys(dest.keys);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  const pool = [...ids, 'crm_id', 'loyalty_id'];
  const L: string[] = [];
  L.push(`// ${name.replace(/_/g, ' ')} to ${dest.slug}.`);
  L.push(`// ${pick(r, PROSE)}`);
  L.push(`// Owner: team-${pick(r, WORDS)}; ticket GROW-${int(r, 100, 9999)}.`);
  L.push('{');
  L.push('  "$schema": "../schemas/idsync.schema.json",');
  L.push(`  "name": "${name.replace(/_/g, ' ')}",`);
  L.push(`  "description": "${pick(r, PROSE)}",`);
  if (r() < 0.8) {
    L.push('  "audience": {');
    L.push(`    "key": "${name}",`);
    L.push(`    "id": "aud_${hex(r, 24)}",`);
    L.push('    "existing": false');
    L.push('  },');
  } else {
    L.push('  "journey": {');
    L.push(`    "name": "${pick(r, WORDS)} journey",`);
    L.push(`    "step": "Day ${int(r, 1, 9)}: send to ${dest.slug}"`);
    L.push('  },');
  }
  L.push('  "destination": {');
  L.push(`    "slug": "${dest.slug}",`);
  L.push(`    "id": "${hex(r, 24)}"`);
  L.push('  },');
  if (dest.mobile) {
    L.push('  // Mobile ids are part of this list.');
    L.push('  "connectionSettings": {');
    L.push('    "sendMobileIds": true');
    L.push('  },');
  }
  L.push('  "setup": "customized",');
  L.push('  "idSyncConfiguration": [');
  let alls = 0;
  for (let i = 0; i < 5; i++) {
    let ext = pool[i];
    let strategy: string = pick(r, STRATEGIES);
    if (strategy === 'all' && ++alls > 3) strategy = 'last';
    let mapTo: string | undefined = dest.keys[ext] ?? (dest.slug.startsWith('personas-') ? 'EXTERN_ID' : 'external_id');
    if (problem === 0 && i === 1) strategy = 'Last Added';
    if (problem === 1 && i === 2) ext = 'loyality_id';
    if (problem === 2 && i === 3) mapTo = undefined;
    if (problem === 3 && i === 4) mapTo = 'EMIAL';
    if (i % 2 === 0) L.push(`    // ${pick(r, PROSE)}`);
    L.push('    {');
    L.push(`      "externalId": "${ext}",`);
    L.push(`      "strategy": "${strategy}"${mapTo === undefined ? '' : ','}`);
    if (mapTo !== undefined) L.push(`      "mapTo": "${mapTo}"`);
    L.push(i < 4 ? '    },' : '    }');
  }
  L.push('  ],');
  const samples = options.samples ?? [];
  L.push(`  "samples": [${samples.map((s) => JSON.stringify(s)).join(', ')}]`);
  L.push('}');
  return L.join('\n') + '\n';
}

/**
 * A large config of about `bytes` characters: entries (two lines each, with a line comment)
 * between long block comments, every entry well-formed (a known identifier, a valid strategy, a
 * key of the destination's catalog). With thousands of entries the file still breaks the limits:
 * too-many-identifiers and duplicate-identifier fire on nearly every entry, as they would.
 */
export function largeConfig(seed: number, bytes: number): string {
  const r = prng(seed);
  const out: string[] = [];
  let size = 0;
  const push = (s: string) => {
    out.push(s);
    size += s.length + 1;
  };
  push('// A generated large configuration for the benchmark.');
  push('{');
  push('  "name": "large benchmark input",');
  push('  "audience": { "key": "large_audience", "id": "aud_large" },');
  push('  "destination": { "slug": "actions-sendgrid-audiences" },');
  push('  "setup": "customized",');
  push('  "idSyncConfiguration": [');
  const tail = ['  ]', '}'];
  const tailSize = tail.join('\n').length + 1;
  let i = 0;
  while (size + tailSize < bytes) {
    if (i % 25 === 0) {
      push('    /*');
      for (let k = 0, n = int(r, 6, 14); k < n; k++) push(`     * ${pick(r, PROSE)}`);
      push('     */');
    }
    const [ext, mapTo] = pick(r, LARGE_IDS);
    push(`    // entry ${i}: ${pick(r, PROSE)}`);
    push(`    { "externalId": "${ext}", "strategy": "${pick(r, ['last', 'first'])}", "mapTo": "${mapTo}" },`);
    i++;
  }
  out.push(...tail);
  return out.join('\n') + '\n';
}

/** [externalId, mapTo] pairs a SendGrid config can use (keys from its catalog). */
const LARGE_IDS: readonly [string, string][] = [
  ['email', 'email'],
  ['phone', 'phone'],
  ['user_id', 'external_id'],
  ['anonymous_id', 'anonymous_id'],
  ['crm_id', 'external_id'],
];
const PROFILE_TYPES = ['email', 'email', 'phone', 'user_id', 'anonymous_id', 'anonymous_id', 'ios.idfa', 'android.idfa', 'shopify_id', 'loyalty_id'];

/** A sample profile in the Profile API `external_ids` shape with `count` external ids. */
export function sampleProfile(seed: number, count: number): string {
  const r = prng(seed);
  const data: object[] = [];
  for (let i = 0; i < count; i++) {
    const type = pick(r, PROFILE_TYPES);
    const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(r() * 5 * 365 * 86400000)).toISOString();
    let id: string;
    switch (type) {
      case 'email':
        id = `${pick(r, WORDS)}.${pick(r, WORDS)}${int(r, 1, 9999)}${r() < 0.2 ? '+tag' : ''}@example.com`;
        break;
      case 'phone':
        id = `+1 (415) 555-${String(int(r, 0, 9999)).padStart(4, '0')}`;
        break;
      case 'ios.idfa':
      case 'android.idfa':
      case 'anonymous_id':
        id = `${hex(r, 8)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 12)}`.toUpperCase();
        break;
      default:
        id = `${type.slice(0, 3)}_${int(r, 10000, 99999)}`;
    }
    data.push({ source_id: `src${hex(r, 6)}`, collection: 'users', id, type, created_at: day, encoding: 'none' });
  }
  return JSON.stringify({ data, cursor: { url: '/v1/spaces/spa_bench/collections/users/profiles/x/external_ids', has_more: false, next: '' } }, null, 2) + '\n';
}

/** The same config without comments (and without trailing commas): strict JSON. */
export function stripComments(text: string): string {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out.replace(/,(\s*[\]}])/g, '$1');
}

function hex(r: Rand, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(r() * 16)];
  return s;
}
