// Bundles the CLI, the language server and the VS Code client into dist/ (one file each), and the
// web extension's client and server into dist/web/ (platform browser: a Node built-in fails the build).
// `node esbuild.mjs --dev` keeps them unminified with inline source maps.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

// The destination data files go into the bundle as strings of minified JSON, parsed by
// server/src/engine/catalogs/builtin.ts on first use: start-up does not grow with the number of destinations
// (an object literal would be built when the bundle loads; a string is only scanned).
const catalogsAsStrings = {
  name: 'catalogs-as-strings',
  setup(build) {
    build.onLoad({ filter: /[\\/]server[\\/]catalogs[\\/](destinations[\\/][^\\/]+|destination-index)\.json$/ }, (args) => ({
      contents: `module.exports = ${JSON.stringify(JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8'))))};`,
      loader: 'js',
    }));
  },
};

const dev = process.argv.includes('--dev');
// vscode-languageclient pulls in all of semver for one version check and minimatch for
// file-operation filters the idsync server never registers: small shims keep the client
// bundles under their 400 KB budget (docs/benchmarks.md).
const clientShims = {
  'semver/functions/parse': './client/src/shims/semver-parse.ts',
  'semver/functions/satisfies': './client/src/shims/semver-satisfies.ts',
  minimatch: './client/src/shims/minimatch.ts',
};
const entries = [
  { in: 'server/src/cli/main.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { in: 'server/src/lsp/main.ts', out: 'server', banner: '#!/usr/bin/env node' },
  {
    in: 'client/src/extension.ts',
    out: 'client',
    external: ['vscode'],
    alias: clientShims,
  },
  // The web extension (package.json `browser`): the client in the web-worker extension host, the server in a worker of its own.
  { in: 'client/src/extension.browser.ts', out: 'web/client', size: 'webClient', external: ['vscode'], alias: clientShims, web: true },
  { in: 'server/src/lsp/main.browser.ts', out: 'web/server', size: 'webServer', web: true, format: 'iife' },
];

mkdirSync('dist/web', { recursive: true });
const sizes = {};
for (const e of entries) {
  if (!existsSync(e.in)) continue;
  const result = await esbuild.build({
    entryPoints: [e.in],
    outfile: `dist/${e.out}.js`,
    bundle: true,
    platform: e.web ? 'browser' : 'node',
    target: e.web ? 'es2022' : 'node20',
    format: e.format ?? 'cjs',
    mainFields: e.web ? ['browser', 'module', 'main'] : ['module', 'main'],
    external: e.external ?? [],
    alias: e.alias,
    minify: !dev,
    sourcemap: dev ? 'inline' : false,
    legalComments: 'none',
    banner: e.banner ? { js: e.banner } : undefined,
    metafile: true,
    plugins: [catalogsAsStrings],
    logLevel: 'warning',
  });
  const out = Object.entries(result.metafile.outputs).find(([k]) => k.endsWith(`${e.out}.js`));
  const key = e.size ?? e.out;
  sizes[key] = out ? out[1].bytes : 0;
  // The share of the built-in catalog data (server/catalogs/*), budgeted apart from the code (docs/benchmarks.md).
  if (out && (e.out === 'server' || e.out === 'web/server')) {
    sizes[`${key}CatalogData`] = Object.entries(out[1].inputs).filter(([k]) => k.startsWith('server/catalogs/')).reduce((n, [, v]) => n + v.bytesInOutput, 0);
  }
}
writeFileSync('dist/sizes.json', JSON.stringify(sizes, null, 2) + '\n');
