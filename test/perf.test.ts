/**
 * Performance budgets (issue 6). Generous on purpose, so a busy 2-core CI machine does not make
 * them flaky, yet tight enough to catch an accidental 10x regression. Times are ratios to
 * jsonc-parser's parseTree of the same text, measured in the same test and interleaved with it
 * (medians of CPU time), never absolute. Linear growth with size is the benchmark's to show (its
 * slope over four sizes): on a shared 2-core machine the garbage collector's share of a 1 MB lint
 * varies too much for a CI check to tell a quadratic from a bad moment. The full side-by-side benchmark is `npm run bench`
 * (docs/benchmarks.md); the figures in the comments are its measurements.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTree } from 'jsonc-parser';
import { builtinCatalogs, hashValue, lintText, parseSpaceFile } from '../server/src/engine';
import { completionsAt } from '../server/src/engine';
import { largeConfig, SPACE_TEXT, typicalConfig } from '../bench/src/inputs';

const ROOT = path.resolve(__dirname, '../..');
const catalogs = builtinCatalogs();
const space = parseSpaceFile('/bench/idsync.space.json', SPACE_TEXT, []).config;
const env = { catalogs, space };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * CPU time per call of each function (median over rounds, or the best round with `best`), in
 * blocks of `block` calls, the functions taking turns. CPU time (process.cpuUsage) rather than
 * wall time: it does not grow while other processes hold the cores.
 */
function race(fns: Record<string, () => unknown>, rounds: number, block: number, best = false, warmup = 2): Record<string, number> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (let r = 0; r < rounds + warmup; r++) {
    for (const [name, f] of Object.entries(fns)) {
      const t = process.cpuUsage();
      for (let i = 0; i < block; i++) f();
      const c = process.cpuUsage(t);
      if (r >= warmup) times[name].push((c.user + c.system) / 1000 / block);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, best ? Math.min(...v) : median(v)]));
}

describe('performance budgets', function () {
  this.timeout(60000);
  const typical = Array.from({ length: 20 }, (_, i) => typicalConfig(1000 + i));

  it('a typical file: full lint within 8x of parsing it (measured ~2x)', () => {
    let i = 0;
    let j = 0;
    const m = race({ lint: () => lintText(typical[i++ % typical.length], { catalogs, space }), parse: () => parseTree(typical[j++ % typical.length]) }, 30, 40);
    const ratio = m.lint / m.parse;
    assert.ok(ratio <= 8, `lint ${(m.lint * 1000).toFixed(1)} us = ${ratio.toFixed(2)}x parse ${(m.parse * 1000).toFixed(1)} us`);
  });

  it('a large file (256 KB, thousands of entries): full lint within 8x of parsing it (measured ~1.6-2.8x)', () => {
    const text = largeConfig(77, 256 * 1024);
    // Best of several rounds (as below): one call on a long file is a few garbage collections long.
    const m = race({ lint: () => lintText(text, { catalogs, space }), parse: () => parseTree(text) }, 11, 1, true);
    const ratio = m.lint / m.parse;
    assert.ok(ratio <= 8, `lint ${m.lint.toFixed(1)} ms = ${ratio.toFixed(2)}x parse ${m.parse.toFixed(1)} ms`);
  });

  it('completion (the pure function) within 10x of parsing the text (measured ~1.6-2.5x)', () => {
    const text = typical[3];
    const offset = text.indexOf('"externalId": "') + '"externalId": "'.length + 1;
    assert.ok(completionsAt(text, offset, env).length > 3, 'identifiers are offered');
    const m = race({ completion: () => completionsAt(text, offset, env), parse: () => parseTree(text) }, 30, 40);
    const ratio = m.completion / m.parse;
    assert.ok(ratio <= 10, `completion ${(m.completion * 1000).toFixed(1)} us = ${ratio.toFixed(2)}x parse`);
  });

  it('bundles: client and server code at most 400 KB each (minified); the server\'s catalog data at most 400 KB (measured 190 KB)', () => {
    // The catalog data (server/catalogs: 57 audience destinations, the index of 476) is budgeted
    // apart from the code: it grows as overlays are curated (docs/benchmarks.md, "Bundle sizes").
    const sizes = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/sizes.json'), 'utf8')) as Record<string, number>;
    assert.ok(sizes.serverCatalogData > 10 * 1024, 'catalog data size recorded');
    assert.ok(sizes.serverCatalogData <= 400 * 1024, `the catalog data in dist/server.js is ${(sizes.serverCatalogData / 1024).toFixed(1)} KB, over the 400 KB budget`);
    for (const name of ['client', 'server']) {
      const code = sizes[name] - (name === 'server' ? sizes.serverCatalogData : 0);
      assert.ok(code > 10 * 1024, `${name} bundle size recorded`);
      assert.ok(code <= 400 * 1024, `dist/${name}.js is ${(code / 1024).toFixed(1)} KB of code, over the 400 KB budget`);
    }
  });

  it('web bundles (package.json `browser`): dist/web/client.js and dist/web/server.js code at most 400 KB each (measured 376.1 KB and 347.0 KB); the same catalog data as the Node server', () => {
    const sizes = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/sizes.json'), 'utf8')) as Record<string, number>;
    assert.equal(sizes.webServerCatalogData, sizes.serverCatalogData, 'the web server bundles the same catalog data');
    for (const [name, file] of [['webClient', 'dist/web/client.js'], ['webServer', 'dist/web/server.js']]) {
      const code = sizes[name] - (name === 'webServer' ? sizes.webServerCatalogData : 0);
      assert.ok(code > 10 * 1024, `${file} size recorded`);
      assert.ok(code <= 400 * 1024, `${file} is ${(code / 1024).toFixed(1)} KB of code, over the 400 KB budget`);
    }
  });

  it('preview hashing in plain TypeScript (engine/preview/digest.ts): a SHA-256 of an email within 40x of node:crypto\'s (measured ~3-7x, a few microseconds; digests are memoised per value)', () => {
    const values = Array.from({ length: 200 }, (_, i) => `someone.${i}@example.com`);
    let i = 0;
    let j = 0;
    const m = race({ pure: () => hashValue(values[i++ % values.length], 'sha256'), node: () => createHash('sha256').update(values[j++ % values.length]).digest('hex') }, 30, 200);
    const ratio = m.pure / m.node;
    assert.ok(ratio <= 40, `pure ${(m.pure * 1000).toFixed(2)} us = ${ratio.toFixed(1)}x node:crypto ${(m.node * 1000).toFixed(2)} us`);
  });
});
