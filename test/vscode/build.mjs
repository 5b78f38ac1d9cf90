// Type-checks and bundles the extension-host suite (test/vscode/suite/) into
// test/vscode/.build/suite.js (the Node extension host) and suite.web.js (the web-worker extension
// host: platform browser, mocha's browser build inside, node:assert/strict from assert-web.ts) for
// `npm run test:vscode`. Not part of `npm run build`: the suite is
// never shipped (.vscodeignore keeps everything but dist/*.js and a few data files out).
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
export const SUITE_BUNDLE = join(here, '.build/suite.js');
export const WEB_SUITE_BUNDLE = join(here, '.build/suite.web.js');

export async function buildSuite() {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(here, 'tsconfig.json')], { stdio: 'inherit' });
  await esbuild.build({
    entryPoints: [join(here, 'suite/index.ts')],
    outfile: SUITE_BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // vscode is the host's; mocha is loaded from the project's node_modules at run time.
    external: ['vscode', 'mocha/lib/mocha.cjs'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  await esbuild.build({
    entryPoints: [join(here, 'suite/index.web.ts')],
    outfile: WEB_SUITE_BUNDLE,
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'cjs',
    external: ['vscode'],
    plugins: [
      { name: 'web-assert', setup: (b) => b.onResolve({ filter: /^node:assert\/strict$/ }, () => ({ path: join(here, 'suite/assert-web.ts') })) },
      // mocha's browser build is a UMD bundle in an ESM package: esbuild would let its
      // `module.exports = factory()` replace the suite's own exports. Only its global branch
      // (globalThis.mocha, globalThis.Mocha) is kept.
      {
        name: 'mocha-global',
        setup: (b) =>
          b.onLoad({ filter: /[\\/]mocha[\\/]mocha\.js$/ }, (args) => {
            const text = readFileSync(args.path, 'utf8');
            const umd = "typeof exports === 'object' && typeof module !== 'undefined' ? module.exports = factory() :\n  typeof define === 'function' && define.amd ? define(factory) :";
            if (!text.includes(umd)) throw new Error(`${args.path}: the UMD header changed; see test/vscode/build.mjs`);
            return { contents: text.replace(umd, ''), loader: 'js' };
          }),
      },
    ],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return SUITE_BUNDLE;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildSuite();
