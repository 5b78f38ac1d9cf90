#!/usr/bin/env node
// Long fuzz run of the reliability properties (the bounded versions run in `npm test`).
//
//   npm run fuzz -- --minutes 10 [--seed 1234]      (or FUZZ_MINUTES=10 npm run fuzz)
//
// Random seeds unless --seed is given. Every failing input (shrunk by fast-check) is written to
// fuzz-failures/<hash>.txt (the text as is) and fuzz-failures/<hash>.json ({ text, property,
// seed, error }: lossless, lone surrogates included). To keep one as a regression test, copy the
// .json into test/reliability/regressions/. Exit code 1 when anything failed.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const fc = require('fast-check');
const s = require(join(root, 'out/test/reliability/support.js'));

function arg(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const minutes = Number(arg('minutes') ?? process.env.FUZZ_MINUTES ?? 2);
if (!(minutes > 0)) {
  console.error('fuzz: --minutes must be a positive number');
  process.exit(2);
}
const fixedSeed = arg('seed') !== undefined ? Number(arg('seed')) : undefined;
const outDir = join(root, 'fuzz-failures');

const bases = [...s.fixtures(), ...s.regressions()].map((f) => f.text);
const lintAll = (t) => s.checkAll(t);
const lintAndFix = (t) => {
  s.checkAll(t);
  for (const space of s.SPACES) s.checkFixes(t, { space });
};
const fixOnly = (t) => {
  for (const space of s.SPACES) s.checkFixes(t, { space });
};
const properties = [
  { name: 'raw-text', arb: s.arbRawText, check: lintAll },
  { name: 'token-soup', arb: s.arbTokenSoup, check: lintAll },
  { name: 'jsonc-value', arb: s.arbJsoncValue, check: lintAll },
  { name: 'config-shaped', arb: s.arbConfigText, check: lintAndFix },
  { name: 'mutated-fixture', arb: s.arbMutatedConfig(bases), check: lintAndFix },
  { name: 'retyped-fixture', arb: s.arbRetypedConfig(bases), check: fixOnly },
];

const start = Date.now();
const deadline = start + minutes * 60_000;
const tried = Object.fromEntries(properties.map((p) => [p.name, 0]));
const failures = new Map();
let crashes = 0;
let round = 0;
let lastReport = start;

console.log(`fuzz: ${minutes} min, ${properties.length} properties, ${bases.length} base configs${fixedSeed !== undefined ? `, seed ${fixedSeed}` : ''}`);
while (Date.now() < deadline) {
  for (const p of properties) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    const seed = fixedSeed !== undefined ? fixedSeed + round : (Math.random() * 2 ** 31) | 0;
    const result = fc.check(
      fc.property(p.arb, (text) => {
        tried[p.name]++;
        p.check(text);
      }),
      { seed, numRuns: 500, interruptAfterTimeLimit: left, markInterruptAsFailure: false },
    );
    if (result.failed && result.counterexample) {
      const text = result.counterexample[0];
      const error = result.errorInstance;
      const crash = !(error && error.code === 'ERR_ASSERTION');
      const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
      if (!failures.has(hash)) {
        if (crash) crashes++;
        failures.set(hash, p.name);
        mkdirSync(outDir, { recursive: true });
        writeFileSync(join(outDir, `${hash}.txt`), text);
        const message = error ? String(error.stack ?? error.message) : String(result.error);
        writeFileSync(join(outDir, `${hash}.json`), JSON.stringify({ text, property: p.name, seed, crash, error: message }, null, 2) + '\n');
        console.log(`fuzz: ${crash ? 'CRASH' : 'FAILURE'} in ${p.name} (seed ${seed}) -> fuzz-failures/${hash}.txt\n  ${message.split('\n').slice(0, 3).join('\n  ')}`);
      }
    }
  }
  round++;
  if (Date.now() - lastReport > 30_000) {
    lastReport = Date.now();
    const total = Object.values(tried).reduce((a, b) => a + b, 0);
    console.log(`fuzz: ${((Date.now() - start) / 60_000).toFixed(1)} min, ${total.toLocaleString('en-US')} inputs, ${failures.size} failing`);
  }
}

const total = Object.values(tried).reduce((a, b) => a + b, 0);
const summary = {
  minutes: Number(((Date.now() - start) / 60_000).toFixed(2)),
  inputs: total,
  perProperty: tried,
  failures: failures.size,
  crashes,
  node: process.version,
  finished: new Date().toISOString(),
};
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'last-run.json'), JSON.stringify(summary, null, 2) + '\n');
for (const [name, n] of Object.entries(tried)) console.log(`  ${name.padEnd(16)} ${n.toLocaleString('en-US').padStart(12)} inputs`);
console.log(`fuzz: ${total.toLocaleString('en-US')} inputs tried in ${summary.minutes} min; failures: ${failures.size}; crashes: ${crashes}`);
process.exit(failures.size ? 1 : 0);
