/**
 * Cited paths are re-checkable (docs/sources.md): every citation of every built-in catalog
 * (identifiers.json, the generated destination files, the overlays) names a path listed in
 * scripts/catalogs/snapshot/cited-paths.json, the list of cited paths with their blob ids at the
 * pinned commits, made by `npm run catalogs` from the three checkouts. A typo or a path missing at
 * the pinned commit fails here. The citations are parsed here, independently of the generator.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const PINNED: Record<string, string> = {
  'action-destinations': '970a17ee8d064501db7ae555f4d90f17befadfc0',
  'segment-docs': '747b35d8f5f1889b041f2101185d562d7c4c016e',
  'public-api-sdk-typescript': '3780bc6078c0463733403e6ea86b9c7d40987b42',
};

interface CitedPaths { commits: Record<string, string>; [repository: string]: Record<string, string> }
const list = JSON.parse(fs.readFileSync(path.join(ROOT, 'scripts/catalogs/snapshot/cited-paths.json'), 'utf8')) as CitedPaths;

function readJson(rel: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'));
}

/** Each citation of a source string: split on "; " outside parentheses. */
function citations(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '(') depth++;
    if (c === ')') depth = Math.max(0, depth - 1);
    if (c === ';' && value[i + 1] === ' ' && depth === 0) {
      out.push(cur);
      cur = '';
      i++;
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

/** [where, repository, path] of every citation in a catalog value. */
function citedIn(file: string, value: unknown): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  const walk = (x: unknown, at: string): void => {
    if (Array.isArray(x)) x.forEach((y, i) => walk(y, `${at}[${i}]`));
    else if (x && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if (/^(source|generatedSource|keyConventionsSource)$/.test(k) && typeof v === 'string') {
          for (const c of citations(v)) {
            const sp = c.indexOf(' ');
            const rest = c.slice(sp + 1);
            const end = rest.search(/[\s(]/);
            out.push([`${file} ${at}.${k}`, c.slice(0, sp), end < 0 ? rest : rest.slice(0, end)]);
          }
        } else walk(v, `${at}.${k}`);
      }
    }
  };
  walk(value, '$');
  return out;
}

const CATALOG_FILES = [
  'server/catalogs/identifiers.json',
  ...fs.readdirSync(path.join(ROOT, 'server/catalogs/destinations')).filter((n) => n.endsWith('.json')).map((n) => `server/catalogs/destinations/${n}`),
  ...fs.readdirSync(path.join(ROOT, 'server/catalogs/overlays')).filter((n) => n.endsWith('.json')).map((n) => `server/catalogs/overlays/${n}`),
];

describe('catalog citations: every cited path is in the list of paths at the pinned commits', () => {
  it('the list was made at the pinned commits, with a blob id per path', () => {
    assert.deepEqual(list.commits, PINNED);
    for (const repo of Object.keys(PINNED)) {
      const paths = Object.entries(list[repo] ?? {});
      assert.ok(paths.length > 0, `no path listed for ${repo}`);
      for (const [p, id] of paths) assert.match(id, /^[0-9a-f]{40}$/, `${repo} ${p}: blob id`);
    }
  });

  it('every citation of every catalog names a listed path of its repository', () => {
    const cited = CATALOG_FILES.flatMap((f) => citedIn(f, readJson(f)));
    assert.ok(cited.length > 500, `only ${cited.length} citations found`);
    const unknown = cited.filter(([, repo, p]) => !Object.prototype.hasOwnProperty.call(PINNED, repo) || !Object.prototype.hasOwnProperty.call(list[repo], p));
    assert.deepEqual(unknown.map((u) => u.join(' ')), []);
  });

  it('every listed path is cited (the list holds no stale entry)', () => {
    const cited = new Set(CATALOG_FILES.flatMap((f) => citedIn(f, readJson(f))).map(([, repo, p]) => `${repo} ${p}`));
    const stale = Object.keys(PINNED).flatMap((repo) => Object.keys(list[repo]).map((p) => `${repo} ${p}`)).filter((x) => !cited.has(x));
    assert.deepEqual(stale, []);
  });

  it('npm run catalogs -- --check fails on a cited path that is not in the list, naming it', function () {
    this.timeout(60000);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/catalogs/main.mjs'), '--check', '--overlays', 'test/fixtures/catalogs/overlay-bad-path'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stderr.split('\n').filter((l) => !l.startsWith('warning:'));
    assert.deepEqual(lines.slice(0, 2), [
      '1 cited path(s) missing from scripts/catalogs/snapshot/cited-paths.json (a typo, or a new citation: refresh the list with the three checkouts, see docs/sources.md):',
      '  action-destinations packages/destination-actions/src/destinations/kevel/syncAudiences/index.ts',
    ]);
  });
});
