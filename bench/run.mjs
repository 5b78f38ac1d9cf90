#!/usr/bin/env node
// The idsync benchmark (`npm run bench`; not part of `npm test`). Method and results: docs/benchmarks.md.
//
// 1. installs the peers (bench/package.json) into bench/node_modules with `npm ci`, builds dist/
//    and bundles bench/src/lib.ts (engine + editor features + generator) into bench/.work/;
// 2. generates the inputs into bench/.work/ (seeded: every run measures the same bytes);
// 3. measures, side by side and interleaved (one of each per round, so a noisy neighbour hurts
//    all tools alike): the engine against jsonc-parser and vscode-json-languageservice in this
//    process; the CLI against ajv-cli and Spectral as whole processes; the language server over
//    stdio as a client sees it; the bundle and .vsix sizes;
// 4. prints a table and writes bench/results.json.
//
// Options: --quick (fewer rounds), --only=engine,cli,lsp,bundles, --no-package (skip `npm run package`),
//          --no-spectral-10k (skip the slowest peer run).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as os from 'node:os';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH);
const WORK = join(BENCH, '.work');
const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const ONLY = argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const want = (s) => !ONLY || ONLY.includes(s);
const NODE = process.execPath;
const DEVNULL = os.devNull;

const log = (s) => process.stderr.write(s + '\n');
const results = { version: 1, date: new Date().toISOString(), machine: machine(), sections: {}, targets: [] };

// ---------------------------------------------------------------- set-up

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
}

function ensurePeers() {
  const lock = join(BENCH, 'package-lock.json');
  const stamp = join(BENCH, 'node_modules', '.package-lock.json');
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= statSync(lock).mtimeMs) return;
  log('bench: installing the peers into bench/node_modules (npm ci --prefix bench)');
  // --ignore-scripts: no peer needs a build step, and one ships a telemetry postinstall.
  run('npm', ['ci', '--prefix', BENCH, '--no-audit', '--no-fund', '--ignore-scripts']);
}

async function buildAll() {
  log('bench: building dist/ (node esbuild.mjs)');
  run(NODE, ['esbuild.mjs']);
  const requireRoot = createRequire(join(ROOT, 'package.json'));
  const esbuild = requireRoot('esbuild');
  // The floor must be the jsonc-parser the engine uses (the root one), not a peer's older copy.
  const jsonc = dirname(dirname(dirname(requireRoot.resolve('jsonc-parser'))));
  mkdirSync(WORK, { recursive: true });
  await esbuild.build({
    entryPoints: [join(BENCH, 'src/lib.ts')],
    outfile: join(WORK, 'lib.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    alias: { 'jsonc-parser': jsonc },
    logLevel: 'warning',
  });
}

// ---------------------------------------------------------------- statistics

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const rank = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  const mid = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { n: s.length, median: mid, p95: rank(0.95), min: s[0], max: s[s.length - 1] };
}

/**
 * Runs every function in blocks of `block` calls, one function after the other, until `rounds`
 * rounds and `ms` milliseconds (or `maxRounds`) have passed; `warmup` rounds are not recorded.
 * One sample per block: the wall time and the CPU time (process.cpuUsage: all threads of this
 * process, GC included) per call. CPU time does not grow while the process waits for a core, so
 * on a shared machine it is the steadier figure; the targets use it. Blocks (rather than strict
 * alternation) keep one tool's garbage from being collected during another tool's calls.
 */
async function interleave(fns, { rounds, ms = 0, maxRounds = rounds * 20, warmup = 3, block = 1, arg = () => undefined }) {
  const names = Object.keys(fns);
  const wall = Object.fromEntries(names.map((n) => [n, []]));
  const cpu = Object.fromEntries(names.map((n) => [n, []]));
  const start = performance.now();
  for (let r = 0; ; r++) {
    for (const n of names) {
      const f = fns[n];
      const c0 = process.cpuUsage();
      const t = performance.now();
      for (let k = 0; k < block; k++) {
        const p = f(arg(r * block + k));
        if (p && typeof p.then === 'function') await p;
      }
      const d = (performance.now() - t) / block;
      const c = process.cpuUsage(c0);
      if (r >= warmup) {
        wall[n].push(d);
        cpu[n].push((c.user + c.system) / 1000 / block);
      }
    }
    const done = r + 1 - warmup;
    if (done >= maxRounds || (done >= rounds && performance.now() - start >= ms)) break;
  }
  return Object.fromEntries(names.map((n) => [n, { ...stats(wall[n]), cpu: stats(cpu[n]) }]));
}

const fmtMs = (x) => (x === undefined ? '-' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
const fmtKB = (b) => `${(b / 1024).toFixed(1)} KB`;

function target(name, value, limit, unit, met, note) {
  results.targets.push({ name, value, limit, unit, met, note });
}

// ---------------------------------------------------------------- inputs

const SIZES = [128, 256, 512, 1024].map((k) => k * 1024);
const TYPICAL = 50;
const PROFILES = 5;
const PROFILE_IDS = 1000;

function writeTree(lib, dir, count, plain) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'idsync.space.json'), plain ? lib.stripComments(lib.SPACE_TEXT) : lib.SPACE_TEXT);
  const perDir = 100;
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `team-${String(Math.floor(i / perDir)).padStart(3, '0')}`);
    if (i % perDir === 0) mkdirSync(sub, { recursive: true });
    const text = lib.typicalConfig(100000 + i);
    writeFileSync(join(sub, `config-${String(i).padStart(5, '0')}.idsync.json`), plain ? lib.stripComments(text) : text);
  }
}

function generate(lib) {
  const stampPath = join(WORK, 'inputs.stamp');
  const stamp = readFileSync(join(BENCH, 'src/inputs.ts'), 'utf8').length + ':' + lib.typicalConfig(1).length + ':' + lib.largeConfig(1, 4096).length + ':v2';
  const inputs = {
    typical: Array.from({ length: TYPICAL }, (_, i) => lib.typicalConfig(1000 + i)),
    sizes: SIZES.map((b, i) => lib.largeConfig(77 + i, b)),
  };
  if (existsSync(stampPath) && readFileSync(stampPath, 'utf8') === stamp) return inputs;
  log('bench: generating inputs into bench/.work/');
  for (const n of [1000, 10000]) {
    writeTree(lib, join(WORK, `tree-${n}`), n, false);
    writeTree(lib, join(WORK, `tree-${n}-plain`), n, true);
  }
  const small = join(WORK, 'small');
  rmSync(small, { recursive: true, force: true });
  mkdirSync(small, { recursive: true });
  writeFileSync(join(small, 'one.idsync.json'), lib.typicalConfig(7));
  // The language server's workspace: a space file, 5 profiles of 1,000 ids, configs to edit.
  const ws = join(WORK, 'lsp-ws');
  rmSync(ws, { recursive: true, force: true });
  mkdirSync(join(ws, 'samples/profiles'), { recursive: true });
  mkdirSync(join(ws, 'configs'), { recursive: true });
  writeFileSync(join(ws, 'idsync.space.json'), lib.SPACE_TEXT);
  const profiles = [];
  for (let i = 1; i <= PROFILES; i++) {
    writeFileSync(join(ws, `samples/profiles/p${i}.json`), lib.sampleProfile(500 + i, PROFILE_IDS));
    profiles.push(`../samples/profiles/p${i}.json`);
  }
  writeFileSync(join(ws, 'configs/edit.idsync.json'), lib.typicalConfig(4242));
  writeFileSync(join(ws, 'configs/with-samples.idsync.json'), lib.typicalConfig(4242, { samples: profiles }));
  for (let i = 0; i < SIZES.length; i++) writeFileSync(join(WORK, `large-${SIZES[i] / 1024}k.idsync.json`), inputs.sizes[i]);
  writeFileSync(stampPath, stamp);
  return inputs;
}

// ---------------------------------------------------------------- 1 + 2: engine vs jsonc-parser vs vscode-json-languageservice

async function engineSection(lib, inputs) {
  log('bench: engine (in process)');
  const requireBench = createRequire(join(BENCH, 'package.json'));
  const jls = requireBench('vscode-json-languageservice');
  const schemaText = readFileSync(join(ROOT, 'schemas/idsync.schema.json'), 'utf8');
  const schemaUri = 'file:///bench/schemas/idsync.schema.json';
  const service = jls.getLanguageService({
    schemaRequestService: async (uri) => {
      if (uri.endsWith('/idsync.schema.json')) return schemaText;
      throw new Error(`no schema at ${uri}`);
    },
    workspaceContext: { resolveRelativePath: (rel, resource) => new URL(rel, resource).href },
  });
  service.configure({ validate: true, allowComments: true, schemas: [{ uri: schemaUri, fileMatch: ['*.idsync.json'] }] });
  const validateWithSchema = async (doc) => {
    const json = service.parseJSONDocument(doc);
    return service.doValidation(doc, json, { comments: 'ignore', trailingCommas: 'ignore' });
  };
  const docs = inputs.typical.map((t, i) => jls.TextDocument.create(`file:///bench/configs/typical-${i}.idsync.json`, 'jsonc', 1, t));
  const space = lib.parseSpaceFile('/bench/idsync.space.json', lib.SPACE_TEXT, []).config;
  const catalogs = lib.builtinCatalogs();
  const lint = (t) => lib.lintText(t, { catalogs, space });

  // What each reports on the typical files (checked once, outside the timings).
  let oursCount = 0;
  let peerCount = 0;
  const peerMessages = new Set();
  for (let i = 0; i < docs.length; i++) {
    oursCount += lint(inputs.typical[i]).diagnostics.length;
    const d = await validateWithSchema(docs[i]);
    peerCount += d.length;
    for (const x of d) peerMessages.add(x.message);
  }
  if ([...peerMessages].some((m) => /unable to load|schema/i.test(m) && /load|resolve/i.test(m))) throw new Error(`the JSON language service did not load the schema: ${[...peerMessages].join('; ')}`);

  const typical = await interleave(
    {
      lint: (i) => lint(inputs.typical[i]),
      parse: (i) => lib.parseTree(inputs.typical[i]),
      jsonLanguageService: (i) => validateWithSchema(docs[i]),
    },
    { rounds: QUICK ? 30 : 300, ms: QUICK ? 1000 : 8000, warmup: 5, block: 25, arg: (i) => i % docs.length },
  );

  const large = inputs.sizes[SIZES.length - 1];
  const largeDoc = jls.TextDocument.create('file:///bench/configs/large.idsync.json', 'jsonc', 1, large);
  const largeCounts = { ours: lint(large).diagnostics.length, jsonLanguageService: (await validateWithSchema(largeDoc)).length };
  const largeT = await interleave(
    { lint: () => lint(large), parse: () => lib.parseTree(large), jsonLanguageService: () => validateWithSchema(largeDoc) },
    { rounds: QUICK ? 5 : 25, warmup: 2 },
  );

  const scaling = [];
  for (let i = 0; i < SIZES.length; i++) {
    const text = inputs.sizes[i];
    const s = await interleave({ lint: () => lint(text), parse: () => lib.parseTree(text) }, { rounds: QUICK ? 5 : 25, warmup: 2 });
    scaling.push({ bytes: text.length, lines: text.split('\n').length, diagnostics: lint(text).diagnostics.length, lint: s.lint, parse: s.parse, lintCpuPerMB: s.lint.cpu.median / (text.length / 1048576) });
  }
  // Linear scaling: CPU time per byte stays flat; the log-log slope between the ends is ~1.
  const first = scaling[0];
  const last = scaling[scaling.length - 1];
  const slope = Math.log(last.lint.cpu.median / first.lint.cpu.median) / Math.log(last.bytes / first.bytes);

  const typicalLines = inputs.typical.map((t) => t.split('\n').length);
  const section = {
    typical: { files: docs.length, lines: [Math.min(...typicalLines), Math.max(...typicalLines)], diagnostics: { ours: oursCount, jsonLanguageService: peerCount }, ...typical },
    large: { bytes: large.length, diagnostics: largeCounts, ...largeT },
    scaling: { points: scaling, slope },
  };
  results.sections.engine = section;
  const ratio = (a, b) => a.cpu.median / b.cpu.median;
  const rTypParse = ratio(typical.lint, typical.parse);
  const rLarge = ratio(largeT.lint, largeT.parse);
  const rPeer = ratio(typical.jsonLanguageService, typical.lint);
  section.ratios = {
    typicalLintOverParse: rTypParse,
    largeLintOverParse: rLarge,
    peerOverOursTypical: rPeer,
    peerOverOursLarge: ratio(largeT.jsonLanguageService, largeT.lint),
    wall: { typicalLintOverParse: typical.lint.median / typical.parse.median, largeLintOverParse: largeT.lint.median / largeT.parse.median, peerOverOursTypical: typical.jsonLanguageService.median / typical.lint.median },
  };
  target('large file: lint / jsonc-parser parse (CPU time, median)', rLarge, 2.5, 'x', rLarge <= 2.5);
  target('scaling over 4 sizes: log-log slope of lint CPU time', slope, 1.15, '', slope <= 1.15, 'linear = 1.0');
  // The typical-file target (3x faster than vscode-json-languageservice) was retired with the
  // hand-written parse path (docs/benchmarks.md): the ratio is still measured and printed above.
}

// ---------------------------------------------------------------- 3: CLI processes vs ajv-cli and Spectral

function timeProcess(cmd, args, cwd) {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'ignore'] });
  const d = performance.now() - t;
  if (r.status === null || r.status > 1) throw new Error(`${args.join(' ')} exited with ${r.status ?? r.signal}`);
  return d;
}

function cliSection() {
  log('bench: CLI processes');
  const requireBench = createRequire(join(BENCH, 'package.json'));
  const ajvBin = requireBench.resolve('ajv-cli/dist/index.js');
  const spectralBin = requireBench.resolve('@stoplight/spectral-cli/dist/index.js');
  const schemaPath = join(ROOT, 'schemas/idsync.schema.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  // Spectral: one rule, the `schema` core function with the same schema (the structural checks).
  const ruleset = { rules: { 'idsync-schema': { description: 'Valid against schemas/idsync.schema.json', message: '{{error}}', severity: 'error', given: '$', then: { function: 'schema', functionOptions: { schema, dialect: 'draft7', allErrors: true } } } } };
  const rulesetPath = join(WORK, 'spectral-ruleset.json');
  writeFileSync(rulesetPath, JSON.stringify(ruleset));
  const cli = join(ROOT, 'dist/cli.js');

  const tools = (n) => {
    const tree = join(WORK, `tree-${n}`);
    const plain = join(WORK, `tree-${n}-plain`);
    return {
      idsync: { args: [cli, 'check', '.', '--format', 'json'], cwd: tree },
      // ajv-cli reads strict JSON only (`.json` files go through JSON.parse): it gets the comment-free twin tree.
      'ajv-cli': { args: [ajvBin, 'validate', '-s', schemaPath, '-d', '**/*.idsync.json', '--strict=false', '--errors=line'], cwd: plain },
      // Spectral reads a .json file that starts with a comment as YAML (every file fails to parse), so it gets the twin too.
      spectral: { args: [spectralBin, 'lint', '**/*.idsync.json', '-r', rulesetPath, '-f', 'json', '-o', join(WORK, `spectral-${n}.json`), '-q', '--ignore-unknown-format'], cwd: plain },
    };
  };

  // Each tool once with its output kept: how many files each actually checked, and what it found.
  const checked = {};
  for (const n of [1000, 10000]) {
    if (n === 10000 && argv.includes('--no-spectral-10k')) continue;
    const t = tools(n);
    const ours = spawnSync(NODE, t.idsync.args, { cwd: t.idsync.cwd, maxBuffer: 1 << 30 });
    const oursJson = JSON.parse(ours.stdout.toString());
    const ajv = spawnSync(NODE, t['ajv-cli'].args, { cwd: t['ajv-cli'].cwd, maxBuffer: 1 << 30 });
    const ajvOut = ajv.stdout.toString() + ajv.stderr.toString();
    let spectral = { files: undefined, problems: undefined };
    if (n === 1000) {
      spawnSync(NODE, t.spectral.args, { cwd: t.spectral.cwd });
      const sp = JSON.parse(readFileSync(join(WORK, `spectral-${n}.json`), 'utf8'));
      spectral = { files: undefined, filesWithProblems: new Set(sp.map((x) => x.source)).size, problems: sp.length };
    }
    checked[n] = {
      idsync: { files: oursJson.files.length, filesWithProblems: oursJson.files.filter((f) => f.diagnostics.length).length, problems: oursJson.files.reduce((a, f) => a + f.diagnostics.length, 0) },
      'ajv-cli': { files: (ajvOut.match(/ (valid|invalid)$/gm) ?? []).length, filesWithProblems: (ajvOut.match(/ invalid$/gm) ?? []).length },
      spectral,
    };
  }

  const section = { checked, trees: {} };
  for (const n of [1000, 10000]) {
    const t = tools(n);
    const rounds = n === 1000 ? (QUICK ? 2 : 5) : QUICK ? 1 : 3;
    const spectralRounds = n === 1000 ? (QUICK ? 1 : 3) : argv.includes('--no-spectral-10k') ? 0 : 1;
    const times = { idsync: [], 'ajv-cli': [], spectral: [] };
    for (let r = 0; r < rounds; r++) {
      log(`bench: tree of ${n}, round ${r + 1}/${rounds}`);
      times.idsync.push(timeProcess(NODE, t.idsync.args, t.idsync.cwd));
      times['ajv-cli'].push(timeProcess(NODE, t['ajv-cli'].args, t['ajv-cli'].cwd));
      if (r < spectralRounds) times.spectral.push(timeProcess(NODE, t.spectral.args, t.spectral.cwd));
    }
    section.trees[n] = Object.fromEntries(Object.entries(times).filter(([, v]) => v.length).map(([k, v]) => [k, stats(v)]));
    const s = section.trees[n];
    const vsAjv = s['ajv-cli'].median / s.idsync.median;
    target(`${n} files: ajv-cli / idsync check (median, whole processes)`, vsAjv, 1, 'x faster', vsAjv > 1);
    if (s.spectral) {
      const vsSpectral = s.spectral.median / s.idsync.median;
      target(`${n} files: Spectral / idsync check (median, whole processes)`, vsSpectral, 10, 'x faster', vsSpectral >= 10, s.spectral.n === 1 ? 'Spectral timed once on this tree' : undefined);
    }
  }

  // Start-up: one small file against a bare Node start.
  const small = join(WORK, 'small');
  const st = { idsync: [], node: [] };
  for (let r = 0; r < (QUICK ? 8 : 30); r++) {
    st.idsync.push(timeProcess(NODE, [cli, 'check', 'one.idsync.json', '--format', 'json'], small));
    st.node.push(timeProcess(NODE, ['-e', ''], small));
  }
  section.startup = { idsync: stats(st.idsync), node: stats(st.node) };
  const ratio = section.startup.idsync.median / section.startup.node.median;
  section.startup.ratio = ratio;
  target('one small file: idsync check / node -e "" (median)', ratio, 2.5, 'x', ratio <= 2.5);
  results.sections.cli = section;
}

// ---------------------------------------------------------------- 4: the language server over stdio

class LspClient {
  static async start(rootDir) {
    const requireRoot = createRequire(join(ROOT, 'package.json'));
    const rpc = requireRoot('vscode-jsonrpc/node');
    // BENCH_SERVER_ARGS: extra node options for the server (e.g. --cpu-prof when profiling).
    const extra = process.env.BENCH_SERVER_ARGS ? process.env.BENCH_SERVER_ARGS.split(' ') : [];
    const child = spawn(NODE, [...extra, join(ROOT, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
    const c = new LspClient(conn, child, () => stderr);
    conn.listen();
    const rootUri = pathToFileURL(rootDir).href;
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } }, hover: { contentFormat: ['markdown', 'plaintext'] } } },
      initializationOptions: { debounceMs: 0 },
    });
    await conn.sendNotification('initialized', {});
    return c;
  }

  constructor(conn, child, stderr) {
    this.conn = conn;
    this.child = child;
    this.stderr = stderr;
    this.waiters = new Map();
    this.published = new Map();
    this.onAny = undefined;
    conn.onNotification('textDocument/publishDiagnostics', (p) => {
      const at = performance.now();
      this.published.set(p.uri, p);
      const key = `${p.uri}#${p.version}`;
      const w = this.waiters.get(key);
      if (w) {
        this.waiters.delete(key);
        w({ ...p, at });
      }
      this.onAny?.(p);
    });
    conn.onNotification(() => undefined);
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  }

  diagnostics(uri, version, timeoutMs = 10000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms\n${this.stderr()}`)), timeoutMs);
      this.waiters.set(`${uri}#${version}`, (p) => {
        clearTimeout(timer);
        resolve(p);
      });
    });
  }

  open(uri, text, version = 1) {
    const p = this.diagnostics(uri, version);
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'idsync', version, text } });
    return p;
  }

  rss() {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
  }

  async stop() {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      void this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    setTimeout(() => this.child.kill(), 500).unref();
    this.conn.dispose();
  }
}

function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

async function lspSection() {
  log('bench: language server over stdio');
  const ws = join(WORK, 'lsp-ws');
  const section = {};
  const c = await LspClient.start(ws);
  try {
    for (const [name, file] of [['typical', 'configs/edit.idsync.json'], ['typicalWithSamples', 'configs/with-samples.idsync.json']]) {
      const path = join(ws, file);
      const uri = pathToFileURL(path).href;
      let text = readFileSync(path, 'utf8');
      let version = 1;
      await c.open(uri, text, version);
      // Each change toggles one strategy between a valid value and a UI label (a real edit with
      // a diagnostic appearing or going away), as an incremental change of that value only.
      const at = text.indexOf('"strategy": "') + '"strategy": "'.length;
      const end = text.indexOf('"', at);
      const original = text.slice(at, end);
      let current = original;
      const latencies = [];
      const rounds = QUICK ? 60 : name === 'typical' ? 400 : 150;
      for (let r = 0; r < rounds + 10; r++) {
        const next = current === original ? 'Last Added' : original;
        const range = { start: positionAt(text, at), end: positionAt(text, at + current.length) };
        text = text.slice(0, at) + next + text.slice(at + current.length);
        current = next;
        version++;
        const t = performance.now();
        const wait = c.diagnostics(uri, version);
        void c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: next }] });
        const p = await wait;
        const hasLabel = p.diagnostics.some((d) => d.code === 'invalid-strategy');
        if (hasLabel !== (next === 'Last Added')) throw new Error('diagnostics do not follow the edit');
        if (r >= 10) latencies.push(p.at - t);
      }
      section[`didChange_${name}`] = stats(latencies);
      if (name === 'typical') {
        // Completion inside the first externalId value, hover on it.
        const idAt = text.indexOf('"externalId": "') + '"externalId": "'.length;
        const pos = positionAt(text, idAt + 1);
        const comp = [];
        const hov = [];
        let items = 0;
        let hoverText = '';
        for (let r = 0; r < (QUICK ? 60 : 400) + 10; r++) {
          let t = performance.now();
          const list = await c.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: pos });
          if (r >= 10) comp.push(performance.now() - t);
          items = (Array.isArray(list) ? list : list.items).length;
          t = performance.now();
          const h = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: pos });
          if (r >= 10) hov.push(performance.now() - t);
          hoverText = h?.contents?.value ?? '';
        }
        section.completion = { ...stats(comp), items };
        section.hover = { ...stats(hov), chars: hoverText.length };
      }
      if (name === 'typicalWithSamples') {
        // Hover on the "idSyncConfiguration" key: the preview of every entry for every profile
        // (the largest hover). Measured after an edit (a new version: the preview is computed
        // again; the edit's diagnostics are awaited first so only the hover is timed) and again
        // on the same version (memoised per version).
        const keyAt = text.indexOf('"idSyncConfiguration"') + 3;
        const pos = positionAt(text, keyAt);
        const nameAt = text.indexOf('"name": "') + '"name": "'.length;
        const nameEnd = text.indexOf('"', nameAt);
        const names = [text.slice(nameAt, nameEnd), text.slice(nameAt, nameEnd).split('').reverse().join('')];
        const cold = [];
        const warm = [];
        let hoverText = '';
        for (let r = 0; r < (QUICK ? 40 : 200) + 5; r++) {
          const next = names[(r + 1) % 2];
          const range = { start: positionAt(text, nameAt), end: positionAt(text, nameAt + next.length) };
          text = text.slice(0, nameAt) + next + text.slice(nameAt + next.length);
          version++;
          const wait = c.diagnostics(uri, version);
          void c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: next }] });
          await wait;
          let t = performance.now();
          const h = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: pos });
          if (r >= 5) cold.push(performance.now() - t);
          t = performance.now();
          await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: pos });
          if (r >= 5) warm.push(performance.now() - t);
          hoverText = h?.contents?.value ?? '';
        }
        const rows = (hoverText.match(/^\| [^-|]/gm) ?? []).length;
        section.hoverWithSamples = { ...stats(cold), sameVersion: stats(warm), chars: hoverText.length, tableRows: rows, preview: hoverText.includes('| Destination receives |'), profiles: PROFILES, idsPerProfile: PROFILE_IDS };
      }
    }
  } finally {
    await c.stop();
  }

  // Memory: a fresh server, then 1,000 configs opened.
  const tree = join(WORK, 'tree-1000');
  const m = await LspClient.start(tree);
  try {
    await new Promise((r) => setTimeout(r, 300));
    const before = m.rss();
    const files = listConfigs(tree);
    const t = performance.now();
    await Promise.all(files.map((f) => m.open(pathToFileURL(f).href, readFileSync(f, 'utf8'))));
    const openMs = performance.now() - t;
    // RSS right after the last diagnostics, and once the server has been idle for a while (V8
    // gives memory back to the system some seconds after the allocation stops).
    const samples = [];
    for (const at of [500, 2000, 5000, 10000, 15000]) {
      await new Promise((r) => setTimeout(r, at - (samples.at(-1)?.at ?? 0)));
      samples.push({ at, rss: m.rss() });
    }
    section.memory = { configs: files.length, rssBefore: before, rssAfter: samples[0].rss, rssIdle: samples.at(-1).rss, rssOverTime: samples, openAllMs: openMs };
  } finally {
    await m.stop();
  }
  results.sections.lsp = section;
  target('didChange -> publishDiagnostics, typical file (p95, debounce 0)', section.didChange_typical.p95, 5, 'ms', section.didChange_typical.p95 <= 5);
  target('completion (p95)', section.completion.p95, 5, 'ms', section.completion.p95 <= 5);
  target(
    `hover on a config with ${PROFILES} sample profiles x ${PROFILE_IDS} ids (p95)`,
    section.hoverWithSamples.p95,
    20,
    'ms',
    section.hoverWithSamples.p95 <= 20,
    section.hoverWithSamples.preview ? 'after an edit: the preview is computed again' : 'this build\'s hover has no sample-profile preview',
  );
  target('server RSS after opening 1,000 configs', section.memory.rssAfter / 1048576, 60, 'MB', section.memory.rssAfter <= 60 * 1048576);
}

function listConfigs(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listConfigs(p));
    else if (e.name.endsWith('.idsync.json')) out.push(p);
  }
  return out.sort();
}

// ---------------------------------------------------------------- 5: bundles, .vsix, activation

function bundlesSection() {
  log('bench: bundles');
  const sizes = JSON.parse(readFileSync(join(ROOT, 'dist/sizes.json'), 'utf8'));
  const section = { client: sizes.client, server: sizes.server, cli: sizes.cli };
  if (!argv.includes('--no-package')) {
    log('bench: npm run package');
    for (const f of readdirSync(ROOT)) if (f.endsWith('.vsix')) rmSync(join(ROOT, f));
    run('npm', ['run', 'package', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const vsix = readdirSync(ROOT).find((f) => f.endsWith('.vsix'));
    section.vsix = vsix ? statSync(join(ROOT, vsix)).size : undefined;
  }
  const activation = join(ROOT, 'test/e2e/artifacts/activation.json');
  section.activation = existsSync(activation) ? JSON.parse(readFileSync(activation, 'utf8')) : 'not measured';
  results.sections.bundles = section;
  target('client bundle (minified)', sizes.client / 1024, 400, 'KB', sizes.client <= 400 * 1024);
  target('server bundle (minified)', sizes.server / 1024, 400, 'KB', sizes.server <= 400 * 1024);
}

// ---------------------------------------------------------------- report

function machine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // not Linux
  }
  return { nproc: os.availableParallelism?.() ?? os.cpus().length, cpu, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: `${os.platform()} ${os.release()}`, loadavgStart: os.loadavg().map((x) => +x.toFixed(2)) };
}

function table() {
  const rows = [];
  const e = results.sections.engine;
  if (e) {
    const cell = (st) => `${fmtMs(st.median)} / ${fmtMs(st.cpu.median)}`;
    const rows2 = (what, st, note) => rows.push([what[0], what[1], cell(st), `${fmtMs(st.p95)} / ${fmtMs(st.cpu.p95)}`, note]);
    rows2(['Engine, typical file (in process)', 'idsync lint (all rules)'], e.typical.lint, `${e.typical.diagnostics.ours} diagnostics on ${e.typical.files} files`);
    rows2(['', 'jsonc-parser parseTree (floor)'], e.typical.parse, `lint = ${e.ratios.typicalLintOverParse.toFixed(2)}x parse`);
    rows2(['', 'vscode-json-languageservice + schema'], e.typical.jsonLanguageService, `${e.ratios.peerOverOursTypical.toFixed(2)}x idsync; ${e.typical.diagnostics.jsonLanguageService} diagnostics`);
    rows2([`Engine, large file (${(e.large.bytes / 1048576).toFixed(2)} MB)`, 'idsync lint (all rules)'], e.large.lint, `${e.large.diagnostics.ours} diagnostics`);
    rows2(['', 'jsonc-parser parseTree (floor)'], e.large.parse, `lint = ${e.ratios.largeLintOverParse.toFixed(2)}x parse`);
    rows2(['', 'vscode-json-languageservice + schema'], e.large.jsonLanguageService, `${e.ratios.peerOverOursLarge.toFixed(2)}x idsync; ${e.large.diagnostics.jsonLanguageService} diagnostics`);
    for (const p of e.scaling.points) rows2([`Scaling, ${(p.bytes / 1024).toFixed(0)} KB`, 'idsync lint'], p.lint, `parse ${fmtMs(p.parse.cpu.median)} ms CPU; lint ${fmtMs(p.lintCpuPerMB)} ms CPU per MB`);
    rows.push(['', 'log-log slope of lint CPU time', e.scaling.slope.toFixed(2), '', '1.00 = linear']);
  }
  const c = results.sections.cli;
  if (c) {
    for (const [n, s] of Object.entries(c.trees)) {
      for (const [tool, st] of Object.entries(s)) rows.push([tool === 'idsync' ? `CLI, ${n} files (process)` : '', tool === 'idsync' ? 'idsync check' : tool, fmtMs(st.median), fmtMs(st.p95), tool === 'idsync' ? '' : `${(st.median / s.idsync.median).toFixed(2)}x idsync${st.n === 1 ? ' (1 run)' : ''}`]);
    }
    rows.push(['Start-up, one small file', 'idsync check', fmtMs(c.startup.idsync.median), fmtMs(c.startup.idsync.p95), `${c.startup.ratio.toFixed(2)}x node -e ""`]);
    rows.push(['', 'node -e ""', fmtMs(c.startup.node.median), fmtMs(c.startup.node.p95), '']);
  }
  const l = results.sections.lsp;
  if (l) {
    rows.push(['Language server (stdio)', 'didChange -> diagnostics, typical', fmtMs(l.didChange_typical.median), fmtMs(l.didChange_typical.p95), 'debounce 0']);
    rows.push(['', `didChange, config with ${PROFILES}x${PROFILE_IDS}-id samples`, fmtMs(l.didChange_typicalWithSamples.median), fmtMs(l.didChange_typicalWithSamples.p95), '']);
    rows.push(['', 'completion', fmtMs(l.completion.median), fmtMs(l.completion.p95), `${l.completion.items} items`]);
    rows.push(['', 'hover', fmtMs(l.hover.median), fmtMs(l.hover.p95), '']);
    rows.push(['', `hover with preview (${PROFILES}x${PROFILE_IDS} ids), after an edit`, fmtMs(l.hoverWithSamples.median), fmtMs(l.hoverWithSamples.p95), l.hoverWithSamples.preview ? `preview table, ${l.hoverWithSamples.tableRows} rows, ${l.hoverWithSamples.chars} chars` : 'NO PREVIEW in this build']);
    rows.push(['', 'hover with preview, same version again', fmtMs(l.hoverWithSamples.sameVersion.median), fmtMs(l.hoverWithSamples.sameVersion.p95), 'memoised per version']);
    rows.push(['', `RSS after opening ${l.memory.configs} configs`, `${(l.memory.rssAfter / 1048576).toFixed(1)} MB`, '', `before: ${(l.memory.rssBefore / 1048576).toFixed(1)} MB`]);
  }
  const b = results.sections.bundles;
  if (b) {
    rows.push(['Bundles', 'dist/client.js', fmtKB(b.client), '', '']);
    rows.push(['', 'dist/server.js', fmtKB(b.server), '', '']);
    rows.push(['', 'dist/cli.js', fmtKB(b.cli), '', '']);
    if (b.vsix) rows.push(['', '.vsix', fmtKB(b.vsix), '', '']);
    const activationMs = typeof b.activation === 'object' && b.activation !== null ? b.activation.activationMs : undefined;
    rows.push(['', 'activation (e2e)', typeof activationMs === 'number' ? `${activationMs} ms` : typeof b.activation === 'string' ? b.activation : 'not measured', '', typeof activationMs === 'number' ? 'code-server "Running Extensions"' : '']);
  }
  const head = ['what', 'tool', 'median ms (wall / CPU)', 'p95 ms (wall / CPU)', 'note'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((x, i) => String(x).padEnd(w[i])).join('  ');
  const out = [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line), '', 'Targets:'];
  for (const t of results.targets) out.push(`  ${t.met ? 'met   ' : 'MISSED'}  ${t.name}: ${typeof t.value === 'number' ? t.value.toFixed(2) : t.value} ${t.unit} (target ${t.unit === 'x faster' ? '>=' : '<='} ${t.limit}${t.unit === 'x faster' ? 'x' : ' ' + t.unit})${t.note ? ` - ${t.note}` : ''}`);
  return out.join('\n');
}

async function main() {
  ensurePeers();
  await buildAll();
  const lib = createRequire(import.meta.url)(join(WORK, 'lib.cjs'));
  const inputs = generate(lib);
  if (want('engine')) await engineSection(lib, inputs);
  if (want('cli')) cliSection();
  if (want('lsp')) await lspSection();
  if (want('bundles')) bundlesSection();
  results.machine.loadavgEnd = os.loadavg().map((x) => +x.toFixed(2));
  const path = join(BENCH, 'results.json');
  writeFileSync(path, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(table() + `\n\nWritten: ${relative(process.cwd(), path)}\n`);
}

main().catch((e) => {
  process.stderr.write(`bench: ${e.stack ?? e}\n`);
  process.exit(1);
});
