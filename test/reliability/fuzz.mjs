#!/usr/bin/env node
// Long fuzz run of the reliability properties (the bounded versions run in `npm test`).
//
//   npm run fuzz -- [--minutes 10] [--inputs 100000] [--targets engine,lsp,cli] [--seed 1234] [--slice-seconds 15]
//   (or FUZZ_MINUTES=10 FUZZ_INPUTS=100000 npm run fuzz)
//
// Stops at whichever comes first: the time (default 2 minutes) or the input count (default none).
// The properties take turns, each for --slice-seconds (default 15) per round.
// Targets: `engine` (lintText, parseSpaceFile and quick fixes on generated texts), `lsp` (the
// language server over real JSON-RPC: didOpen/didChange sessions with in-range, out-of-range and
// malformed ranges, and requests with valid, out-of-range, malformed and null params) and `cli`
// (`idsync check|preview|export|rules` in-process on generated configs, profiles and arguments).
// An input is one text (engine), one message sent to the server (lsp) or one CLI run (cli).
//
// Random seeds unless --seed is given. Every failing input (shrunk by fast-check) is written to
// fuzz-failures/<hash>.json ({ input, property, seed, crash, error }) and, for engine texts,
// fuzz-failures/<hash>.txt. To keep an engine text as a regression test, copy the .json into
// test/reliability/regressions/. A crash is any error other than a failed assertion; a hang is an
// input not finished within 10 s (lsp/cli: timed out; engine: measured). Exit code 1 when
// anything failed.
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
const t = require(join(root, 'out/test/reliability/fuzz-targets.js'));

function arg(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const minutes = Number(arg('minutes') ?? process.env.FUZZ_MINUTES ?? 2);
const maxInputs = Number(arg('inputs') ?? process.env.FUZZ_INPUTS ?? Infinity);
const targets = new Set((arg('targets') ?? process.env.FUZZ_TARGETS ?? 'engine,lsp,cli').split(',').map((x) => x.trim()));
if (!(minutes > 0) || !(maxInputs > 0) || [...targets].some((x) => !['engine', 'lsp', 'cli'].includes(x))) {
  console.error('fuzz: --minutes and --inputs must be positive numbers; --targets a list of engine, lsp, cli');
  process.exit(2);
}
const fixedSeed = arg('seed') !== undefined ? Number(arg('seed')) : undefined;
const outDir = join(root, 'fuzz-failures');
const HANG_MS = t.HANG_MS;
const SLICE_MS = Number(arg('slice-seconds') ?? 15) * 1000;

const bases = [...s.fixtures(), ...s.regressions()].map((f) => f.text);
const lintAll = (x) => s.checkAll(x);
const lintAndFix = (x) => {
  s.checkAll(x);
  for (const space of s.SPACES) s.checkFixes(x, { space });
};
const fixOnly = (x) => {
  for (const space of s.SPACES) s.checkFixes(x, { space });
};

const lsp = targets.has('lsp') ? await t.LspTarget.start() : undefined;
const cli = targets.has('cli') ? t.CliTarget.start() : undefined;
const properties = [];
if (targets.has('engine')) {
  properties.push(
    { name: 'raw-text', arb: s.arbRawText, check: lintAll },
    { name: 'token-soup', arb: s.arbTokenSoup, check: lintAll },
    { name: 'jsonc-value', arb: s.arbJsoncValue, check: lintAll },
    { name: 'config-shaped', arb: s.arbConfigText, check: lintAndFix },
    { name: 'mutated-fixture', arb: s.arbMutatedConfig(bases), check: lintAndFix },
    { name: 'retyped-fixture', arb: s.arbRetypedConfig(bases), check: fixOnly },
  );
}
if (lsp) properties.push({ name: 'lsp-session', arb: t.arbSession(bases), check: (x) => lsp.run(x), async: true, count: () => lsp.messages });
if (cli) properties.push({ name: 'cli-run', arb: t.arbCliInput(bases), check: (x) => cli.run(x), async: true });

const start = Date.now();
const deadline = start + minutes * 60_000;
const tried = Object.fromEntries(properties.map((p) => [p.name, 0]));
const slowest = Object.fromEntries(properties.map((p) => [p.name, 0]));
const failures = new Map();
let crashes = 0;
let hangs = 0;
let round = 0;
let lastReport = start;
const inputsOf = (p) => (p.count ? p.count() : tried[p.name]);
const total = () => properties.reduce((a, p) => a + inputsOf(p), 0);

function record(p, seed, input, error) {
  const message = error ? String(error.stack ?? error.message ?? error) : 'unknown failure';
  const hang = /HANG:|timed out after/.test(message);
  const crash = !hang && !(error && error.code === 'ERR_ASSERTION');
  const key = JSON.stringify(input);
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 12);
  if (failures.has(hash)) return;
  if (crash) crashes++;
  if (hang) hangs++;
  failures.set(hash, p.name);
  mkdirSync(outDir, { recursive: true });
  if (typeof input === 'string') writeFileSync(join(outDir, `${hash}.txt`), input);
  writeFileSync(join(outDir, `${hash}.json`), JSON.stringify({ ...(typeof input === 'string' ? { text: input } : { input }), property: p.name, seed, crash, hang, error: message }, null, 2) + '\n');
  console.log(`fuzz: ${hang ? 'HANG' : crash ? 'CRASH' : 'FAILURE'} in ${p.name} (seed ${seed}) -> fuzz-failures/${hash}.json\n  ${message.split('\n').slice(0, 3).join('\n  ')}`);
}

console.log(`fuzz: up to ${minutes} min${Number.isFinite(maxInputs) ? ` or ${maxInputs.toLocaleString('en-US')} inputs` : ''}, targets ${[...targets].join(', ')}, ${properties.length} properties, ${bases.length} base configs${fixedSeed !== undefined ? `, seed ${fixedSeed}` : ''}`);
outer: while (Date.now() < deadline && total() < maxInputs) {
  for (const p of properties) {
    const left = deadline - Date.now();
    if (left <= 0 || total() >= maxInputs) break outer;
    const seed = fixedSeed !== undefined ? fixedSeed + round : (Math.random() * 2 ** 31) | 0;
    const timed = (check) => (x) => {
      tried[p.name]++;
      const t0 = performance.now();
      const done = () => {
        const ms = performance.now() - t0;
        if (ms > slowest[p.name]) slowest[p.name] = ms;
        if (ms > HANG_MS) throw new Error(`HANG: one input took ${Math.round(ms)} ms`);
      };
      const r = check(x);
      if (r && typeof r.then === 'function') return r.then(done);
      done();
    };
    // Each property gets a time slice per round (and stops early at the input budget).
    const budget = maxInputs - total();
    const params = { seed, numRuns: Number.isFinite(budget) ? Math.max(1, Math.min(1_000_000, p.count ? Math.ceil(budget / 15) : budget)) : 1_000_000, interruptAfterTimeLimit: Math.min(left, SLICE_MS), markInterruptAsFailure: false };
    const result = p.async ? await fc.check(fc.asyncProperty(p.arb, timed(p.check)), params) : fc.check(fc.property(p.arb, timed(p.check)), params);
    if (result.failed && result.counterexample) record(p, seed, result.counterexample[0], result.errorInstance ?? result.error);
  }
  round++;
  if (Date.now() - lastReport > 30_000) {
    lastReport = Date.now();
    console.log(`fuzz: ${((Date.now() - start) / 60_000).toFixed(1)} min, ${total().toLocaleString('en-US')} inputs, ${failures.size} failing`);
  }
}

const summary = {
  minutes: Number(((Date.now() - start) / 60_000).toFixed(2)),
  inputs: total(),
  perProperty: Object.fromEntries(properties.map((p) => [p.name, inputsOf(p)])),
  lspSessions: lsp ? tried['lsp-session'] : undefined,
  slowestInputMs: Object.fromEntries(Object.entries(slowest).map(([k, v]) => [k, Math.round(v)])),
  failures: failures.size,
  crashes,
  hangs,
  node: process.version,
  finished: new Date().toISOString(),
};
await lsp?.dispose();
cli?.dispose();
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'last-run.json'), JSON.stringify(summary, null, 2) + '\n');
for (const p of properties) console.log(`  ${p.name.padEnd(16)} ${inputsOf(p).toLocaleString('en-US').padStart(12)} inputs${p.count ? ` (${tried[p.name].toLocaleString('en-US')} sessions)` : ''}, slowest ${Math.round(slowest[p.name])} ms`);
console.log(`fuzz: ${summary.inputs.toLocaleString('en-US')} inputs tried in ${summary.minutes} min; failures: ${failures.size}; crashes: ${crashes}; hangs: ${hangs}`);
process.exit(failures.size ? 1 : 0);
