// The catalog generator: trimmed snapshot of Segment's sources + curated overlays -> the files
// idsync loads (server/catalogs/destinations/<slug>.json, server/catalogs/destination-index.json,
// server/src/engine/catalogs/files.generated.ts), the coverage table of docs/catalogs.md, the
// destination pages docs/catalogs/<slug>.md and the JSON schema schemas/idsync.schema.json.
// Pure: it reads files and returns the outputs as { path: text }; main.mjs writes or compares them.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DESTINATIONS_DIR, DESTINATIONS_INDEX, CATALOG_YML, DOCS_CATALOG_DIR } from './sources.mjs';
import { destinationPage, PAGES_DIR, PAGE_MARKER } from './pages.mjs';
import { configSchema, SCHEMA_PATH, SCHEMA_TEMPLATE } from './schema.mjs';

/** Code-unit order: the same output whatever the machine's locale. */
export const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

export const CONFIDENCES = ['documented', 'code', 'inferred', 'uncertain'];
export const REPOSITORIES = ['action-destinations', 'segment-docs', 'public-api-sdk-typescript'];
/** Fields the generator computes; an overlay may repeat them only with the generated value. */
export const GENERATED_FIELDS = ['slug', 'displayName', 'kind', 'tier', 'metadataId', 'aliases', 'generatedSource', 'readsByDefault', 'curated'];
/** Fields an overlay curates, in the order the output lists them. */
export const CURATED_FIELDS = [
  'input', 'adList', 'ignoresSendMobileIds', 'sendMobileIdsDocsDisagree', 'source', 'confidence', 'note', 'connectionSettings', 'keys', 'traitEnrichmentKeys',
  'listKeyTypeSetting', 'keyConventions', 'keyConventionsSource', 'limits', 'notes', 'defaultSetup',
];
export const TIER_NAMES = { 1: 'classic list', 2: 'audienceConfig', 3: 'audience action', 4: 'event' };
export const DOCS_BEGIN = '<!-- BEGIN GENERATED COVERAGE (npm run catalogs; do not edit by hand) -->';
export const DOCS_END = '<!-- END GENERATED COVERAGE -->';

const AUDIENCE_DEFAULT = /context\.personas|audience_key/;

/** Segment's slugify of a name (segment-docs scripts/catalog: lower case, non-alphanumerics to "-"). */
export function slugify(name) {
  return String(name).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** A mapping default as one line: `$.a.b`, `coalesce(a, b)` for `@if exists a then a else b`, JSON otherwise. */
export function renderDefault(v) {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    if (typeof v['@path'] === 'string' && Object.keys(v).length === 1) return v['@path'];
    const c = v['@if'];
    if (c && c.exists && Object.keys(v).length === 1) {
      const then = renderDefault(c.then);
      const cond = renderDefault(c.exists);
      if (then === cond) return `coalesce(${then}, ${renderDefault(c.else)})`;
    }
  }
  return JSON.stringify(v);
}

/** Each (sub-field path, rendered default) of a field default: nested objects of plain fields are walked. */
function defaultLeaves(field, v) {
  if (v && typeof v === 'object' && !Array.isArray(v) && !Object.keys(v).some((k) => k.startsWith('@'))) {
    return Object.entries(v).flatMap(([k, sub]) => defaultLeaves(`${field}.${k}`, sub));
  }
  return [{ field, value: v }];
}

/** `X` of every `$.traits.X` / `$.properties.X` a default reads. */
function readKeys(v) {
  const out = new Set();
  const walk = (x) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      for (const [k, sub] of Object.entries(x)) {
        if (k === '@path' && typeof sub === 'string') {
          const m = /^\$\.(?:traits|properties)\.([^.[\]]+)/.exec(sub);
          if (m) out.add(m[1]);
        } else walk(sub);
      }
    }
  };
  walk(v);
  return [...out];
}

export class GenerationError extends Error {}

/** The repository and path a citation names (`<repository> <path> (<passage>)`), or undefined. */
export function citationPath(citation) {
  const m = /^(\S+) ([^\s(]+)/.exec(citation);
  return m && REPOSITORIES.includes(m[1]) ? { repository: m[1], path: m[2] } : undefined;
}

/**
 * Every { repository, path } cited by a `source`, `generatedSource` or `keyConventionsSource` of
 * the given catalog values (walked deeply: keys, facts, notes, readsByDefault...), sorted, unique.
 */
export function citedPaths(values) {
  const seen = new Map();
  const walk = (x) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if ((k === 'source' || k === 'generatedSource' || k === 'keyConventionsSource') && typeof v === 'string') {
          for (const c of splitCitations(v)) {
            const cp = citationPath(c);
            if (cp) seen.set(`${cp.repository} ${cp.path}`, cp);
          }
        } else walk(v);
      }
    }
  };
  walk(values);
  return [...seen.values()].sort((a, b) => cmp(a.repository, b.repository) || cmp(a.path, b.path));
}

export const CITED_PATHS_FILE = 'cited-paths.json';

/** Citations separated by "; " outside parentheses (a passage in parentheses may hold "; "). */
export function splitCitations(value) {
  const out = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ';' && value[i + 1] === ' ' && depth === 0) {
      out.push(value.slice(start, i));
      start = i + 2;
    }
  }
  out.push(value.slice(start));
  return out;
}

function citationErrors(where, value, what) {
  if (typeof value !== 'string' || value.trim() === '') return [`${where}: ${what} is missing (every curated fact cites a source)`];
  const bad = splitCitations(value).filter((c) => !REPOSITORIES.some((r) => c.startsWith(`${r} `) && c.length > r.length + 1));
  return bad.length ? [`${where}: ${what} "${bad[0]}" does not start with a repository (${REPOSITORIES.join(', ')}) and a path`] : [];
}

function sourcedErrors(file, path, obj) {
  const where = `${file} ${path}`;
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return [`${where}: expected an object with "source" and "confidence"`];
  const errors = citationErrors(where, obj.source, '"source"');
  if (obj.confidence === undefined) errors.push(`${where}: "confidence" is missing (one of ${CONFIDENCES.join(', ')})`);
  else if (!CONFIDENCES.includes(obj.confidence)) errors.push(`${where}: "confidence" is ${JSON.stringify(obj.confidence)}, not one of ${CONFIDENCES.join(', ')} (explanations go to "note")`);
  return errors;
}

/** Every problem of an overlay: unknown fields, generated fields with another value, facts without source or confidence. */
export function overlayErrors(file, overlay, skeleton) {
  const errors = [];
  if (!overlay || typeof overlay !== 'object' || Array.isArray(overlay)) return [`${file} $: an overlay is a JSON object`];
  for (const [k, v] of Object.entries(overlay)) {
    if (k === '$comment') continue;
    if (GENERATED_FIELDS.includes(k)) {
      if (JSON.stringify(v) !== JSON.stringify(skeleton[k])) errors.push(`${file} $.${k}: generated field repeated with another value (${JSON.stringify(v)}; generated: ${JSON.stringify(skeleton[k])}); remove it or use the generated value`);
    } else if (!CURATED_FIELDS.includes(k)) errors.push(`${file} $.${k}: not a catalog field (curated: ${CURATED_FIELDS.join(', ')})`);
  }
  errors.push(...sourcedErrors(file, '$', overlay));
  const each = (field) => {
    const o = overlay[field];
    if (o === undefined) return;
    if (!o || typeof o !== 'object' || Array.isArray(o)) return errors.push(`${file} $.${field}: expected an object`);
    for (const [k, v] of Object.entries(o)) {
      errors.push(...sourcedErrors(file, `$.${field}.${k}`, v));
      if (field === 'keys' && v && typeof v === 'object' && v.facts) {
        for (const [f, fv] of Object.entries(v.facts)) errors.push(...sourcedErrors(file, `$.keys.${k}.facts.${f}`, fv));
      }
    }
  };
  each('keys');
  each('connectionSettings');
  each('traitEnrichmentKeys');
  for (const f of ['listKeyTypeSetting', 'limits', 'defaultSetup', 'sendMobileIdsDocsDisagree']) if (overlay[f] !== undefined) errors.push(...sourcedErrors(file, `$.${f}`, overlay[f]));
  if (overlay.listKeyTypeSetting?.customValueIsKey !== undefined) errors.push(...sourcedErrors(file, '$.listKeyTypeSetting.customValueIsKey', overlay.listKeyTypeSetting.customValueIsKey));
  if (overlay.notes !== undefined) {
    if (!Array.isArray(overlay.notes)) errors.push(`${file} $.notes: expected an array`);
    else overlay.notes.forEach((n, i) => errors.push(...sourcedErrors(file, `$.notes[${i}]`, n)));
  }
  if (overlay.keyConventions !== undefined) errors.push(...citationErrors(`${file} $.keyConventionsSource`, overlay.keyConventionsSource, '"keyConventionsSource"'));
  if (overlay.input === undefined) errors.push(`${file} $.input: missing ("dropdown" or "freeText")`);
  if (overlay.keys === undefined) errors.push(`${file} $.keys: missing (an empty object when no key is curated)`);
  return errors;
}

/** The destinations of the snapshot, classified into tiers, with canonical slugs and aliases. */
export function classify(ad, sd, config) {
  const yml = new Map(sd.destinations.map((d) => [d.id, d]));
  const foldersById = new Map();
  const titles = new Map();
  for (const [folder, { id, title }] of Object.entries(sd.docsPages)) {
    foldersById.set(id, [...(foldersById.get(id) ?? []), folder].sort());
    if (title) titles.set(folder, title);
  }
  // The name users read: the docs page title (without " Destination"), else the public catalog's
  // display name, else the definition's name. The page named like the slug wins over the others.
  const nameOf = (id, slug, fallback) => {
    const folders = foldersById.get(id) ?? [];
    const folder = [slug, yml.get(id)?.slug].find((f) => folders.includes(f) && titles.has(f)) ?? folders.find((f) => titles.has(f));
    const title = folder ? titles.get(folder).replace(/\s+Destination$/, '').trim() : '';
    return title || yml.get(id)?.display_name || fallback;
  };
  const dirById = new Map(Object.entries(ad.registered).map(([dir, id]) => [id, dir]));
  const out = [];
  const aliasesOf = (canonical, id) => {
    const y = yml.get(id);
    const names = [y?.slug, ...(y?.previous_names ?? []).map(slugify), ...(foldersById.get(id) ?? [])];
    return [...new Set(names.filter((n) => n && n !== canonical))].sort();
  };
  const ymlSource = (id) => `segment-docs ${CATALOG_YML} (id ${id})`;
  const docsSource = (id) => (foldersById.get(id) ?? []).map((f) => `segment-docs ${DOCS_CATALOG_DIR}/${f}/index.md (front matter id, title)`);

  // Tier 1: classic list destinations (closed source): the public catalog and the docs.
  const tier1 = new Set();
  for (const { id, source } of config.classicListDestinations) {
    const y = yml.get(id);
    if (!y) throw new GenerationError(`scripts/catalogs/config.json: classic list destination ${id} is not in ${CATALOG_YML}`);
    tier1.add(id);
    out.push({
      slug: y.slug, displayName: nameOf(id, y.slug, y.display_name), kind: 'list', tier: 1, metadataId: id, aliases: aliasesOf(y.slug, id),
      generatedSource: [ymlSource(id), ...docsSource(id), source].join('; '), confidence: 'documented', readsByDefault: undefined,
    });
  }
  // Tiers 2 and 3: registered Actions destinations with an audience configuration or audience actions.
  const actionsIds = new Set();
  for (const [dir, m] of Object.entries(ad.metadata).sort(([a], [b]) => cmp(a, b))) {
    const id = ad.registered[dir];
    if (!id || config.excludedActionDestinations[dir]) continue;
    actionsIds.add(id);
    const metaPath = `${DESTINATIONS_DIR}/${dir}/metadata.json`;
    const audienceActions = Object.entries(m.actions).filter(([, a]) => AUDIENCE_DEFAULT.test(JSON.stringify(a.fields)));
    const tier = m.audienceConfig ? 2 : audienceActions.length ? 3 : 4;
    const base = {
      slug: m.slug, displayName: nameOf(id, m.slug, m.name), kind: 'actions', tier, metadataId: id, aliases: aliasesOf(m.slug, id),
      generatedSource: [`action-destinations ${metaPath} (slug, name${m.audienceConfig ? ', audienceConfig' : ''})`, ...docsSource(id), `action-destinations ${DESTINATIONS_INDEX} (register '${id}')`, ...(yml.has(id) ? [ymlSource(id)] : [])].join('; '),
      confidence: 'code',
    };
    if (tier === 4) {
      out.push({ ...base, readsByDefault: undefined, from: dir });
      continue;
    }
    const read = tier === 2 && audienceActions.length === 0 ? Object.entries(m.actions) : audienceActions;
    const reads = {};
    for (const [action, a] of read.sort(([x], [y]) => cmp(x, y))) {
      for (const [field, value] of Object.entries(a.fields)) {
        for (const leaf of defaultLeaves(field, value)) {
          for (const key of readKeys(leaf.value)) {
            if (config.audienceBookkeepingKeys.includes(key) || key.startsWith('computation_')) continue;
            (reads[key] ??= []).push({
              action, field: leaf.field, default: renderDefault(leaf.value),
              source: `action-destinations ${metaPath} (actions.${action}.fields.${field}.default)`, confidence: 'code',
            });
          }
        }
      }
    }
    out.push({ ...base, readsByDefault: Object.fromEntries(Object.entries(reads).sort(([x], [y]) => cmp(x, y))) });
  }
  // Tier 4: the rest of the public catalog that accepts Identify or Track in cloud mode.
  for (const y of sd.destinations) {
    if (tier1.has(y.id) || actionsIds.has(y.id) || !y.cloud || !(y.identify || y.track)) continue;
    const registered = dirById.get(y.id);
    const kind = registered ? 'actions' : 'classic';
    out.push({
      slug: y.slug, displayName: nameOf(y.id, y.slug, y.display_name), kind, tier: 4, metadataId: y.id, aliases: aliasesOf(y.slug, y.id),
      generatedSource: [ymlSource(y.id), ...docsSource(y.id)].join('; '), confidence: 'documented', readsByDefault: undefined, from: 'yml',
    });
  }
  // An alias that names two destinations, or that is another destination's slug, names neither.
  const slugs = new Map(out.map((d) => [d.slug, d]));
  if (slugs.size !== out.length) {
    const seen = new Set();
    const dup = out.find((d) => (seen.has(d.slug) ? true : (seen.add(d.slug), false)));
    throw new GenerationError(`two destinations have the slug "${dup.slug}"`);
  }
  const count = new Map();
  for (const d of out) for (const a of d.aliases) count.set(a, (count.get(a) ?? 0) + 1);
  const dropped = [];
  for (const d of out) {
    const keep = d.aliases.filter((a) => count.get(a) === 1 && !slugs.has(a));
    for (const a of d.aliases) if (!keep.includes(a)) dropped.push(`${a} (${d.slug})`);
    d.aliases = keep;
  }
  out.sort((a, b) => a.tier - b.tier || cmp(a.slug, b.slug));
  return { destinations: out, droppedAliases: [...new Set(dropped)].sort() };
}

function readJson(path, what) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new GenerationError(`${what}: ${e.message}`);
  }
}

/**
 * Generate everything. `root` is the project root (overlays, legacy catalogs, docs are read from
 * it); `overlaysDir` may point elsewhere (tests). Returns { files: Map<path, text>, warnings, stats }.
 */
export function generate({ root, snapshotDir, overlaysDir }) {
  const ad = readJson(join(snapshotDir, 'action-destinations.json'), 'snapshot action-destinations.json');
  const sd = readJson(join(snapshotDir, 'segment-docs.json'), 'snapshot segment-docs.json');
  const config = readJson(join(root, 'scripts/catalogs/config.json'), 'scripts/catalogs/config.json');
  const { destinations, droppedAliases } = classify(ad, sd, config);
  const warnings = droppedAliases.length ? [`aliases that name more than one destination (not used): ${droppedAliases.join(', ')}`] : [];
  const errors = [];
  const files = new Map();
  const bySlug = new Map(destinations.map((d) => [d.slug, d]));

  const overlays = new Map();
  const relOverlays = overlaysDir.startsWith(root + '/') ? overlaysDir.slice(root.length + 1) : overlaysDir;
  if (existsSync(overlaysDir)) {
    for (const name of readdirSync(overlaysDir).filter((n) => n.endsWith('.json')).sort()) {
      const file = `${relOverlays}/${name}`;
      const slug = name.slice(0, -5);
      let overlay;
      try {
        overlay = JSON.parse(readFileSync(join(overlaysDir, name), 'utf8'));
      } catch (e) {
        errors.push(`${file}: not JSON: ${e.message}`);
        continue;
      }
      const d = bySlug.get(slug);
      if (!d) errors.push(`${file}: no destination has the slug "${slug}" (overlays are named by the canonical slug)`);
      else if (d.tier === 4) errors.push(`${file}: "${slug}" is an event destination (tier 4); overlays describe audience destinations (tiers 1-3)`);
      else overlays.set(slug, { file, overlay });
    }
  }

  const catalogs = [];
  const legacy = [];
  const uncurated = [];
  for (const d of destinations.filter((x) => x.tier <= 3)) {
    const skeleton = {
      slug: d.slug, displayName: d.displayName, kind: d.kind, tier: d.tier, metadataId: d.metadataId, aliases: d.aliases,
      generatedSource: d.generatedSource, ...(d.readsByDefault ? { readsByDefault: d.readsByDefault } : {}),
    };
    const outPath = `server/catalogs/destinations/${d.slug}.json`;
    const found = overlays.get(d.slug);
    if (found) {
      const errs = overlayErrors(found.file, found.overlay, skeleton);
      if (errs.length) { errors.push(...errs); continue; }
      const merged = { slug: d.slug, displayName: d.displayName, kind: d.kind, tier: d.tier, metadataId: d.metadataId, aliases: d.aliases, generatedSource: d.generatedSource };
      for (const f of CURATED_FIELDS) if (found.overlay[f] !== undefined) merged[f] = found.overlay[f];
      if (d.readsByDefault) merged.readsByDefault = d.readsByDefault;
      const missing = Object.keys(d.readsByDefault ?? {}).filter((k) => !Object.prototype.hasOwnProperty.call(merged.keys, k));
      if (missing.length) warnings.push(`${found.file}: read by default but not a curated key: ${missing.join(', ')} (fine when they are not identifiers)`);
      files.set(outPath, JSON.stringify(merged, null, 2) + '\n');
      catalogs.push(merged);
      continue;
    }
    const existing = join(root, outPath);
    if (existsSync(existing)) {
      const text = readFileSync(existing, 'utf8');
      const cur = JSON.parse(text);
      if (cur.tier === undefined) {
        // A hand-written catalog from before the generator: kept as it is until it is moved to
        // overlays/ (then it is generated like every other one).
        legacy.push(d.slug);
        const errs = overlayErrors(outPath, cur, { ...skeleton, displayName: cur.displayName, kind: cur.kind, slug: cur.slug });
        if (errs.length) warnings.push(...errs.map((e) => `hand-written (not yet an overlay): ${e}`));
        catalogs.push({ ...skeleton, ...cur, legacy: true });
        continue;
      }
    }
    uncurated.push(d.slug);
    warnings.push(`${d.slug}: no overlay (server/catalogs/overlays/${d.slug}.json): known, but its keys are not curated`);
    const source = d.generatedSource;
    const reads = Object.keys(d.readsByDefault ?? {});
    const out = {
      slug: d.slug, displayName: d.displayName, kind: d.kind, tier: d.tier, metadataId: d.metadataId, aliases: d.aliases, generatedSource: source,
      curated: false, input: 'freeText', source, confidence: d.confidence, keys: {},
      notes: [{
        text: `The keys of ${d.displayName} are not curated yet: idsync checks no key here.${reads.length ? ` Its audience action reads by default: ${reads.join(', ')} (see readsByDefault).` : ''}`,
        source, confidence: d.confidence,
      }],
      ...(d.readsByDefault ? { readsByDefault: d.readsByDefault } : {}),
    };
    files.set(outPath, JSON.stringify(out, null, 2) + '\n');
    catalogs.push(out);
  }
  if (errors.length) throw new GenerationError(errors.join('\n'));

  // The index: every destination (tiers 1-4) in one compact, lazily parsed file.
  const index = {
    $comment: 'Generated by npm run catalogs (scripts/catalogs) from scripts/catalogs/snapshot; do not edit.',
    sources: { 'action-destinations': ad.commit, 'segment-docs': sd.commit },
    // from (tier 4): "yml" = a classic destination's public catalog entry (by metadataId), else the
    // action-destinations directory of an Actions destination's metadata.json (catalogs/builtin.ts
    // spells the citation out); "" for tiers 1-3 (their file has generatedSource).
    columns: ['slug', 'displayName', 'kind', 'tier', 'metadataId', 'aliases', 'from'],
    destinations: destinations.map((d) => [d.slug, d.displayName, d.kind, d.tier, d.metadataId, d.aliases, d.tier === 4 ? d.from : '']),
  };
  files.set('server/catalogs/destination-index.json', '{\n' + Object.entries(index).map(([k, v]) =>
    k === 'destinations' ? `  "destinations": [\n${v.map((r) => '    ' + JSON.stringify(r)).join(',\n')}\n  ]` : `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n') + '\n}\n');

  const withFile = destinations.filter((d) => d.tier <= 3);
  const ident = (slug) => 'c_' + slug.replace(/[^a-zA-Z0-9]/g, '_');
  files.set('server/src/engine/catalogs/files.generated.ts', [
    '// Generated by npm run catalogs (scripts/catalogs/generate.mjs); do not edit.',
    '// The data files of the built-in destinations. esbuild bundles each as a string of minified JSON',
    '// (esbuild.mjs), parsed on first use; compiled by tsc (the tests) they are objects.',
    "import destinationIndex from '../../../catalogs/destination-index.json';",
    ...withFile.map((d) => `import ${ident(d.slug)} from '../../../catalogs/destinations/${d.slug}.json';`),
    '',
    'export const DESTINATION_INDEX: unknown = destinationIndex;',
    '',
    '/** Tier 1-3 destinations by canonical slug. */',
    'export const DESTINATION_FILES: Record<string, unknown> = {',
    ...withFile.map((d) => `  ${JSON.stringify(d.slug)}: ${ident(d.slug)},`),
    '};',
    '',
  ].join('\n'));

  // docs/catalogs/<slug>.md: one page per audience destination, linked from the coverage table;
  // the hand-written notes by family (docs/catalogs/*.md without the generated marker) are linked
  // from the pages of the destinations they name.
  const pagesDir = join(root, PAGES_DIR);
  const families = existsSync(pagesDir)
    ? readdirSync(pagesDir).filter((n) => n.endsWith('.md')).sort().map((n) => ({ file: n, text: readFileSync(join(pagesDir, n), 'utf8') }))
      .filter((f) => !f.text.startsWith(PAGE_MARKER))
      .map((f) => ({ file: f.file, text: f.text, title: (/^# (.+)$/m.exec(f.text)?.[1] ?? f.file).trim() }))
    : [];
  for (const c of catalogs) {
    if (families.some((f) => f.file === `${c.slug}.md`)) throw new GenerationError(`${PAGES_DIR}/${c.slug}.md is hand-written: the generated page of ${c.slug} would replace it`);
    const fam = families.filter((f) => f.text.includes('`' + c.slug + '`')).map(({ file, title }) => ({ file, title }));
    files.set(`${PAGES_DIR}/${c.slug}.md`, destinationPage(c, fam));
  }

  // docs/catalogs.md: the coverage table between the markers.
  const docsPath = join(root, 'docs/catalogs.md');
  const docs = readFileSync(docsPath, 'utf8');
  const b = docs.indexOf(DOCS_BEGIN);
  const e = docs.indexOf(DOCS_END);
  if (b < 0 || e < b) throw new GenerationError(`docs/catalogs.md: the markers ${DOCS_BEGIN} and ${DOCS_END} are missing`);
  files.set('docs/catalogs.md', docs.slice(0, b) + DOCS_BEGIN + '\n' + coverage(destinations, catalogs, ad, sd) + DOCS_END + docs.slice(e + DOCS_END.length));

  // Every path the catalogs (and identifiers.json) cite, checked against the snapshot's list of
  // paths that exist at the pinned commits (main.mjs refreshes that list from the checkouts).
  const identifiers = readJson(join(root, 'server/catalogs/identifiers.json'), 'server/catalogs/identifiers.json');
  const citations = citedPaths([identifiers, ...catalogs]);
  const listPath = join(snapshotDir, CITED_PATHS_FILE);
  const listed = existsSync(listPath) ? readJson(listPath, `snapshot ${CITED_PATHS_FILE}`) : {};
  const unlisted = citations.filter((c) => typeof listed[c.repository]?.[c.path] !== 'string');

  // schemas/idsync.schema.json: the template filled with the slugs and keys of the catalogs.
  files.set(SCHEMA_PATH, configSchema(readJson(join(root, SCHEMA_TEMPLATE), SCHEMA_TEMPLATE), { destinations, catalogs, identifiers }));

  const count = (t) => destinations.filter((d) => d.tier === t).length;
  return {
    files, warnings, citations, unlisted,
    stats: { tiers: { 1: count(1), 2: count(2), 3: count(3), 4: count(4) }, overlays: overlays.size, legacy, uncurated },
  };
}

const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const codeList = (xs) => xs.map((x) => '`' + x + '`').join(', ');

function coverage(destinations, catalogs, ad, sd) {
  const bySlug = new Map(catalogs.map((c) => [c.slug, c]));
  const lines = [];
  const count = (t) => destinations.filter((d) => d.tier === t).length;
  lines.push('', `Generated from action-destinations ${ad.commit} and segment-docs ${sd.commit}: ` +
    `${count(1)} classic list destinations (tier 1), ${count(2)} Actions destinations with an audience configuration (tier 2), ` +
    `${count(3)} Actions destinations whose actions read the audience (tier 3), ${count(4)} event destinations (tier 4).`, '');
  lines.push('### Audience destinations (tiers 1-3)', '');
  lines.push('Each name links to the destination\'s generated page (`docs/catalogs/<slug>.md`): every key, normalisation step, hashing, setting, limit and note, each with its source and confidence.', '');
  lines.push('| Destination | Slug (aliases) | Tier | Input | Keys | Confidence | Sources |', '|---|---|---|---|---|---|---|');
  for (const d of destinations.filter((x) => x.tier <= 3)) {
    const c = bySlug.get(d.slug);
    const keys = Object.keys(c.keys ?? {});
    const curated = c.curated !== false;
    const keyText = keys.length ? codeList(keys) : curated ? 'none' : `not curated${Object.keys(d.readsByDefault ?? {}).length ? ` (reads by default: ${codeList(Object.keys(d.readsByDefault))})` : ''}`;
    const confidences = [...new Set([c.confidence, ...Object.values(c.keys ?? {}).map((k) => k.confidence)].filter(Boolean))];
    lines.push(`| [${cell(d.displayName)}](catalogs/${d.slug}.md) | \`${d.slug}\`${d.aliases.length ? ` (${codeList(d.aliases)})` : ''} | ${d.tier} ${TIER_NAMES[d.tier]} | ${c.input}${c.adList ? ', ad list' : ''} | ${keyText} | ${confidences.join(', ')} | ${cell(c.source)} |`);
  }
  lines.push('', '### Event destinations (tier 4)', '');
  lines.push('Free text, not an ad list, no keys claimed: `mapTo` completion offers the Segment identifier names. Source of each row: its public catalog entry (`segment-docs src/_data/catalog/destinations.yml`, by id) or, for an Actions destination missing there, its `metadata.json` and `register()` id.', '');
  lines.push('| Destination | Slug (aliases) | Kind | Input | Keys | Confidence | Source |', '|---|---|---|---|---|---|---|');
  for (const d of destinations.filter((x) => x.tier === 4)) {
    const src = d.from === 'yml' ? `destinations.yml (id \`${d.metadataId}\`)` : `\`${d.from}/metadata.json\`, register \`${d.metadataId}\``;
    lines.push(`| ${cell(d.displayName)} | \`${d.slug}\`${d.aliases.length ? ` (${codeList(d.aliases)})` : ''} | ${d.kind} | freeText | its mappings decide | ${d.confidence} | ${src} |`);
  }
  lines.push('');
  return lines.join('\n');
}
