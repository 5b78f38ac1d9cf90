#!/usr/bin/env node
// npm run catalogs [-- --action-destinations <checkout> --segment-docs <checkout>] [--check]
// With the two checkouts (work trees or git directories), first refreshes the trimmed snapshot
// scripts/catalogs/snapshot/*.json from them; then generates the catalogs from the snapshot and
// the overlays. --check writes nothing and exits 1 when a committed file differs.
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cmp, generate } from './generate.mjs';
import { extractActionDestinations, extractSegmentDocs, openRepository } from './sources.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const USAGE = 'usage: npm run catalogs -- [--action-destinations <checkout> --segment-docs <checkout>] [--check] [--overlays <dir>] [--verbose]';

function main() {
  let args;
  try {
    args = parseArgs({
      options: {
        'action-destinations': { type: 'string' },
        'segment-docs': { type: 'string' },
        check: { type: 'boolean', default: false },
        overlays: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (e) {
    console.error(`${e.message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const snapshotDir = join(ROOT, 'scripts/catalogs/snapshot');
  const overlaysDir = args.overlays ? resolve(args.overlays) : join(ROOT, 'server/catalogs/overlays');
  const files = new Map();
  if (!!args['action-destinations'] !== !!args['segment-docs']) {
    console.error(`--action-destinations and --segment-docs go together\n${USAGE}`);
    return 2;
  }
  try {
    if (args['action-destinations']) {
      const ad = extractActionDestinations(openRepository(resolve(args['action-destinations'])));
      const sd = extractSegmentDocs(openRepository(resolve(args['segment-docs'])));
      files.set('scripts/catalogs/snapshot/action-destinations.json', stableJson(ad));
      files.set('scripts/catalogs/snapshot/segment-docs.json', stableJson(sd));
      if (!args.check) {
        mkdirSync(snapshotDir, { recursive: true });
        for (const [p, t] of files) writeFileSync(join(ROOT, p), t);
      }
    }
    // In --check mode with fresh sources, generate from them without touching the committed snapshot.
    let snap = snapshotDir;
    if (args.check && files.size) {
      snap = join(process.env.TMPDIR ?? '/tmp', `idsync-catalogs-${process.pid}`);
      mkdirSync(snap, { recursive: true });
      for (const [p, t] of files) writeFileSync(join(snap, p.split('/').pop()), t);
    }
    let result;
    try {
      result = generate({ root: ROOT, snapshotDir: snap, overlaysDir });
    } finally {
      if (snap !== snapshotDir) rmSync(snap, { recursive: true, force: true });
    }
    for (const [p, t] of result.files) files.set(p, t);
    const { tiers, overlays, legacy, uncurated } = result.stats;
    const summary = `${tiers[1]} classic list, ${tiers[2]} audienceConfig, ${tiers[3]} audience-action, ${tiers[4]} event destinations; ${overlays} overlays, ${legacy.length} hand-written catalogs not yet moved to overlays, ${uncurated.length} audience destinations without overlay`;
    const quiet = (w) => w.includes(': no overlay (') || w.startsWith('hand-written (not yet an overlay)');
    for (const w of args.verbose ? result.warnings : result.warnings.filter((x) => !quiet(x))) console.error(`warning: ${w}`);
    const handWritten = result.warnings.filter((w) => w.startsWith('hand-written (not yet an overlay)')).length;
    if (!args.verbose && handWritten) console.error(`warning: ${handWritten} problems in hand-written catalogs that would fail as overlays (--verbose lists them)`);
    if (!args.verbose && uncurated.length) console.error(`warning: ${uncurated.length} audience destinations have no overlay yet (--verbose lists them): known, keys not curated`);
    // Generated destination files that no destination produces any more.
    const dir = join(ROOT, 'server/catalogs/destinations');
    const stale = existsSync(dir)
      ? readdirSync(dir).filter((n) => n.endsWith('.json')).map((n) => `server/catalogs/destinations/${n}`)
        .filter((p) => !files.has(p) && !legacy.includes(p.slice('server/catalogs/destinations/'.length, -'.json'.length)))
      : [];
    if (args.check) {
      const differ = [...files].filter(([p, t]) => !existsSync(join(ROOT, p)) || readFileSync(join(ROOT, p), 'utf8') !== t).map(([p]) => p);
      for (const p of [...differ, ...stale]) console.error(`out of date: ${p}`);
      if (differ.length || stale.length) {
        console.error(`${differ.length + stale.length} generated file(s) differ from generation: run npm run catalogs and commit the result.`);
        return 1;
      }
      console.log(`catalogs up to date (${files.size} files): ${summary}`);
      return 0;
    }
    let written = 0;
    for (const [p, t] of files) {
      const abs = join(ROOT, p);
      if (existsSync(abs) && readFileSync(abs, 'utf8') === t) continue;
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, t);
      written++;
    }
    for (const p of stale) console.error(`warning: ${p} is no longer generated; delete it`);
    console.log(`${written} file(s) written, ${files.size - written} unchanged: ${summary}`);
    return 0;
  } catch (e) {
    // A build tool's failure is a message, not a stack trace (GenerationError: bad inputs or
    // overlays; other errors: unreadable checkouts, git failures).
    console.error(`catalog generation failed:\n${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

/** JSON with one line per destination or record, so snapshot diffs stay readable. */
function stableJson(obj) {
  const lines = ['{'];
  const entries = Object.entries(obj);
  entries.forEach(([k, v], i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0) {
      const inner = Object.entries(v).sort(([a], [b]) => cmp(a, b));
      lines.push(`  ${JSON.stringify(k)}: {`);
      inner.forEach(([ik, iv], j) => lines.push(`    ${JSON.stringify(ik)}: ${JSON.stringify(iv)}${j < inner.length - 1 ? ',' : ''}`));
      lines.push(`  }${comma}`);
    } else if (Array.isArray(v) && v.length > 0) {
      lines.push(`  ${JSON.stringify(k)}: [`);
      v.forEach((iv, j) => lines.push(`    ${JSON.stringify(iv)}${j < v.length - 1 ? ',' : ''}`));
      lines.push(`  ]${comma}`);
    } else lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(v)}${comma}`);
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}

process.exitCode = main();
