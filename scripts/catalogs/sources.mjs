// Reading Segment's repositories for the catalog generator: a work tree, or a git directory (a
// bare clone or a mirror) read through `git cat-file`, and the trimmed snapshot made from them.
// The snapshot holds exactly the input fields the generator uses, so the generation is re-run
// offline (and in `npm test`) from the committed snapshot.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { load as loadYaml } from 'js-yaml';

export const DESTINATIONS_DIR = 'packages/destination-actions/src/destinations';
export const DESTINATIONS_INDEX = `${DESTINATIONS_DIR}/index.ts`;
export const CATALOG_YML = 'src/_data/catalog/destinations.yml';
export const DOCS_CATALOG_DIR = 'src/connections/destinations/catalog';

/** A repository as a file reader: work tree (files on disk) or git directory (HEAD's tree). */
export function openRepository(path) {
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new Error(`${path}: no such directory`);
  const gitDir = path;
  const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (existsSync(join(path, 'objects')) && existsSync(join(path, 'HEAD'))) {
    // A git directory (bare clone or mirror): read HEAD's tree.
    const commit = git('rev-parse', 'HEAD').trim();
    const files = git('ls-tree', '-r', '--name-only', 'HEAD').split('\n').filter(Boolean);
    return {
      commit,
      kind: 'git directory',
      list: (dir) => files.filter((f) => f.startsWith(dir + '/')),
      readMany: (paths) => catFiles(gitDir, paths),
      blobIds: (paths) => blobIdsOf(gitDir, paths),
    };
  }
  // A work tree: its commit from git when it is a checkout (also a linked worktree, whose .git is a
  // file), else unknown (the snapshot says so). Uncommitted changes are read as they are.
  let commit = 'unknown (work tree without git)';
  if (existsSync(join(path, '.git'))) {
    try {
      commit = execFileSync('git', ['-C', path, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    } catch {
      // not a usable checkout: keep "unknown"
    }
  }
  const walk = (dir) => {
    const abs = join(path, dir);
    if (!existsSync(abs)) return [];
    const out = [];
    for (const name of readdirSync(abs).sort()) {
      const rel = `${dir}/${name}`;
      if (statSync(join(path, rel)).isDirectory()) out.push(...walk(rel));
      else out.push(rel);
    }
    return out;
  };
  return {
    commit,
    kind: 'work tree',
    list: walk,
    readMany: (paths) => new Map(paths.map((p) => [p, readFileSync(join(path, p), 'utf8')])),
    // The id git gives the file's content (`git hash-object`): sha1 of "blob <size>\0" + bytes.
    blobIds: (paths) => new Map(paths.map((p) => {
      const abs = join(path, p);
      if (!existsSync(abs) || !statSync(abs).isFile()) return [p, undefined];
      const bytes = readFileSync(abs);
      return [p, createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')];
    })),
  };
}

/** The blob id of each path at HEAD (`git cat-file --batch-check`); undefined for a path that is no file there. */
function blobIdsOf(gitDir, paths) {
  if (paths.length === 0) return new Map();
  const out = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch-check'], {
    input: paths.map((p) => `HEAD:${p}`).join('\n') + '\n',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  }).split('\n');
  return new Map(paths.map((p, i) => {
    const m = /^([0-9a-f]{40,64}) blob \d+$/.exec(out[i] ?? '');
    return [p, m ? m[1] : undefined];
  }));
}

/** Many blobs of HEAD in one `git cat-file --batch` call. */
function catFiles(gitDir, paths) {
  const out = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], {
    input: paths.map((p) => `HEAD:${p}`).join('\n') + '\n',
    maxBuffer: 512 * 1024 * 1024,
  });
  const result = new Map();
  let at = 0;
  for (const p of paths) {
    const nl = out.indexOf(10, at);
    const header = out.subarray(at, nl).toString('utf8');
    const m = /^[0-9a-f]+ blob (\d+)$/.exec(header);
    if (!m) throw new Error(`git cat-file: ${p}: ${header}`);
    const size = Number(m[1]);
    result.set(p, out.subarray(nl + 1, nl + 1 + size).toString('utf8'));
    at = nl + 1 + size + 1;
  }
  return result;
}

const AUDIENCE_DEFAULT = /context\.personas|audience_key/;
const USED_DEFAULT = /"\$\.(traits|properties)\.|context\.personas|audience_key/;

/** action-destinations: register() ids and, per metadata.json, slug, name, audienceConfig and the audience actions' defaults. */
export function extractActionDestinations(repo) {
  const index = repo.readMany([DESTINATIONS_INDEX]).get(DESTINATIONS_INDEX);
  const registered = {};
  for (const m of index.matchAll(/register\(\s*'([0-9a-f]{24})'\s*,\s*'\.\/([^']+)'\s*\)/g)) registered[m[2]] = m[1];
  if (Object.keys(registered).length === 0) throw new Error(`${DESTINATIONS_INDEX}: no register('<id>', './<dir>') calls found`);
  const metaPaths = repo.list(DESTINATIONS_DIR).filter((p) => /^[^/]+\/metadata\.json$/.test(p.slice(DESTINATIONS_DIR.length + 1)));
  const texts = repo.readMany(metaPaths);
  const metadata = {};
  for (const p of metaPaths) {
    const dir = p.slice(DESTINATIONS_DIR.length + 1, -'/metadata.json'.length);
    let m;
    try {
      m = JSON.parse(texts.get(p));
    } catch (e) {
      throw new Error(`${p}: not JSON: ${e.message}`);
    }
    // The generator reads the defaults of the audience actions only (those whose defaults read the
    // audience; every action of a destination with an audienceConfig when none does), and of them
    // the fields that read a trait, a property or the audience.
    const all = Object.entries(m.actions ?? {});
    let audience = all.filter(([, a]) => AUDIENCE_DEFAULT.test(JSON.stringify(Object.values(a.fields ?? {}).map((f) => f.default ?? null))));
    if (audience.length === 0 && m.audienceConfig) audience = all;
    const actions = {};
    for (const [key, action] of audience) {
      const fields = {};
      for (const [fk, f] of Object.entries(action.fields ?? {})) {
        if (f.default !== undefined && USED_DEFAULT.test(JSON.stringify(f.default))) fields[fk] = f.default;
      }
      actions[key] = { fields };
    }
    metadata[dir] = { slug: m.slug, name: m.name, audienceConfig: m.audienceConfig ? true : false, actions };
  }
  return { repository: 'segmentio/action-destinations', commit: repo.commit, registered, metadata };
}

/** segment-docs: the public catalog (id, names, slug, previous names, status, identify/track, cloud mode) and the docs folders' front-matter ids and titles. */
export function extractSegmentDocs(repo) {
  const yml = repo.readMany([CATALOG_YML]).get(CATALOG_YML);
  const data = loadYaml(yml);
  if (!data || !Array.isArray(data.items)) throw new Error(`${CATALOG_YML}: no "items" list`);
  const destinations = data.items.map((it) => ({
    id: it.id,
    display_name: it.display_name,
    name: it.name,
    slug: it.slug,
    previous_names: it.previous_names ?? [],
    status: it.status,
    identify: it.methods?.identify === true,
    track: it.methods?.track === true,
    cloud: Object.values(it.connection_modes?.cloud ?? {}).some((v) => v === true),
  }));
  const pages = repo.list(DOCS_CATALOG_DIR).filter((p) => /^[^/]+\/index\.md$/.test(p.slice(DOCS_CATALOG_DIR.length + 1)));
  const texts = repo.readMany(pages);
  const docsPages = {};
  for (const p of pages) {
    const folder = p.slice(DOCS_CATALOG_DIR.length + 1, -'/index.md'.length);
    const fm = /^---\r?\n([\s\S]*?)\r?\n---/.exec(texts.get(p));
    if (!fm) continue;
    let front;
    try {
      front = loadYaml(fm[1]);
    } catch {
      continue; // a page whose front matter is not YAML names no id
    }
    const id = front && typeof front === 'object' ? front.id : undefined;
    const title = typeof front?.title === 'string' ? front.title : undefined;
    if (typeof id === 'string' && /^[0-9a-f]{24}$/.test(id)) docsPages[folder] = title ? { id, title } : { id };
  }
  return { repository: 'segmentio/segment-docs', commit: repo.commit, destinations, docsPages };
}
