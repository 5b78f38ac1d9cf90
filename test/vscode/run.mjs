#!/usr/bin/env node
// `npm run test:vscode`: the extension-host suite (test/vscode/suite/, mocha, the VS Code API).
//
//   npm run test:vscode                    in code-server 4.99.4 (VS Code 1.99.3), Node extension
//                                          host, driven through Debian's Chromium: works offline,
//                                          installs what it needs with test/e2e/setup.sh
//   npm run test:vscode -- --electron      in desktop VS Code via @vscode/test-electron's runTests
//                                          (downloads VS Code: laptops, hosted CI; fails here)
//   ... -- --grep <regexp>                 only the tests whose full title matches
//   ... -- --group main|restricted|web     one group (default: all three; Restricted Mode and web are code-server only)
//   IDSYNC_VSCODE_BREAK=server npm run test:vscode   the staged extension's servers (Node and web) throw at start
//
// Group `web` runs the `main` tests again against the web extension (a staged copy whose
// package.json has only the `browser` entry) in code-server's web-worker extension host, from
// test/vscode/.build/suite.web.js; what those tests need of Node (the CLI's expected diagnostics,
// files, digests) they ask of a small HTTP server of this runner on 127.0.0.1 (`oracle` below).
//
// The same tests module (test/vscode/.build/suite.js, exports run()) runs in both. In code-server
// it is started the way a development host starts it: the workbench address's `payload` parameter
// carries extensionDevelopmentPath and extensionTestsPath (see
// shared/notes/vscode-api-tests-and-web-offline.md); the extension host's console comes back
// through `codeAutomationLog` and run()'s result through `codeAutomationExit`.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, parseArgs } from 'node:util';
import { buildSuite, WEB_SUITE_BUNDLE } from './build.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../..');
const FIXTURE = join(ROOT, 'test/e2e/fixtures/workspace');
const ARTIFACTS = join(HERE, '.build/artifacts');
const GROUP_TIMEOUT_MS = Number(process.env.IDSYNC_VSCODE_GROUP_TIMEOUT_MS ?? 240000);

const { values: opts } = parseArgs({
  options: {
    electron: { type: 'boolean', default: false },
    grep: { type: 'string' },
    group: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    'no-setup': { type: 'boolean', default: false },
  },
});
if (opts.group && !['main', 'restricted', 'web'].includes(opts.group)) fail(`--group ${opts.group}: expected main, restricted or web`);

const t0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;
function fail(message) {
  console.error(`test:vscode: ${message}`);
  process.exit(1);
}
function step(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) fail(`${what} failed (exit ${r.status})`);
}

// ---- build: the extension bundles, the suite bundle, a staged copy of the extension ------------
if (!opts['no-build']) step('npm', ['run', '--silent', 'build'], 'npm run build');
for (const f of ['dist/client.js', 'dist/server.js', 'dist/cli.js', 'dist/web/client.js', 'dist/web/server.js']) if (!existsSync(join(ROOT, f))) fail(`${f} is missing: run npm run build`);
const suite = await buildSuite();

/** The extension as it is packaged (what .vscodeignore lets in), in a folder of its own. */
function stageExtension() {
  const dir = mkdtempSync(join(tmpdir(), 'idsync-vscode-ext-'));
  for (const f of ['package.json', 'dist', 'syntaxes', 'schemas', 'language-configuration.json', 'README.md', 'LICENSE']) {
    if (existsSync(join(ROOT, f))) cpSync(join(ROOT, f), join(dir, f), { recursive: true });
  }
  if (process.env.IDSYNC_VSCODE_BREAK === 'server') {
    for (const f of ['dist/server.js', 'dist/web/server.js']) writeFileSync(join(dir, f), "throw new Error('idsync test:vscode: server broken on purpose (IDSYNC_VSCODE_BREAK=server)');\n");
    console.log('test:vscode: IDSYNC_VSCODE_BREAK=server: the staged dist/server.js and dist/web/server.js throw at start');
  }
  return dir;
}
/** The web extension: the staged copy without `main`, so code-server runs it in the web-worker extension host. */
function stageWebExtension(from) {
  const dir = mkdtempSync(join(tmpdir(), 'idsync-vscode-web-ext-'));
  cpSync(from, dir, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  delete pkg.main;
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  // The tests module inside the extension's folder: VS Code runs a tests module in the extension
  // host of the extension whose folder holds it (outside every extension, a vscode-remote: module
  // goes to the Node host).
  mkdirSync(join(dir, 'test'), { recursive: true });
  cpSync(WEB_SUITE_BUNDLE, join(dir, 'test/suite.web.js'));
  return dir;
}
const extension = stageExtension();
const webExtension = stageWebExtension(extension);
const temps = [extension, webExtension];
const cleanup = () => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
};
process.on('exit', cleanup);

function workspaceCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'idsync-vscode-ws-'));
  cpSync(FIXTURE, dir, { recursive: true });
  temps.push(dir);
  return dir;
}

if (opts.electron) await runElectron();
else await runCodeServer();

// ---- desktop VS Code (@vscode/test-electron) ------------------------------------------------------
async function runElectron() {
  const require = createRequire(import.meta.url);
  let runTests;
  try {
    ({ runTests } = require('@vscode/test-electron'));
  } catch {
    fail('@vscode/test-electron is not installed: run npm ci');
  }
  if (opts.group === 'web') fail('--electron --group web: the web-worker extension host runs in code-server (npm run test:vscode)');
  if (opts.group === 'restricted') {
    fail('--electron --group restricted: @vscode/test-electron always passes --disable-workspace-trust (out/runTest.js), so Restricted Mode runs in code-server only (npm run test:vscode)');
  }
  console.log('test:vscode --electron: desktop VS Code through @vscode/test-electron (group main; Restricted Mode runs in code-server only: runTests always passes --disable-workspace-trust)');
  try {
    const code = await runTests({
      extensionDevelopmentPath: extension,
      extensionTestsPath: suite,
      // VSCODE_EXECUTABLE: a VS Code already on the machine instead of a download.
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      launchArgs: [workspaceCopy(), '--disable-extensions'],
      extensionTestsEnv: { IDSYNC_VSCODE_GROUP: 'main', IDSYNC_VSCODE_GREP: opts.grep ?? '' },
    });
    console.log(`test:vscode --electron: passed (exit ${code}) in ${secs(Date.now() - t0)}`);
  } catch (e) {
    const msg = String(e?.message ?? e);
    if (/download|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|getaddrinfo|update\.code\.visualstudio\.com|fetch failed/i.test(msg)) {
      fail(
        `could not get desktop VS Code (${msg.split('\n')[0]}).\n` +
          '  --electron downloads VS Code from update.code.visualstudio.com (or uses VSCODE_EXECUTABLE=<path to a VS Code binary>);\n' +
          '  this machine cannot reach it. Nothing was tested. Run `npm run test:vscode` (code-server) here instead.',
      );
    }
    fail(`the suite failed in desktop VS Code: ${msg}`);
  }
}

// ---- code-server + Chromium -----------------------------------------------------------------------
async function runCodeServer() {
  if (!opts['no-setup']) step('bash', [join(ROOT, 'test/e2e/setup.sh')], 'test/e2e/setup.sh');
  const { CODE_SERVER_BIN, CHROMIUM, CHROMIUM_ARGS, freePort } = await import('../e2e/harness.mjs');
  const { chromium } = await import('playwright-core');
  const groups = opts.group ? [opts.group] : ['main', 'restricted', 'web'];
  const results = [];
  for (const group of groups) {
    const started = Date.now();
    const code = await runGroup(group, { CODE_SERVER_BIN, CHROMIUM, CHROMIUM_ARGS, freePort, chromium });
    results.push({ group, code, ms: Date.now() - started });
    console.log(`test:vscode: group ${group} ${code === 0 ? 'passed' : 'FAILED'} (${secs(Date.now() - started)})`);
  }
  const failed = results.filter((r) => r.code !== 0);
  console.log(`\ntest:vscode (code-server): ${results.map((r) => `${r.group} ${r.code === 0 ? 'passed' : 'failed'} in ${secs(r.ms)}`).join(', ')}; total ${secs(Date.now() - t0)}`);
  if (failed.length) {
    console.log(`logs: ${ARTIFACTS.slice(ROOT.length + 1)}/<group>/ (code-server.log, user-data/logs/*/exthost1/)`);
    process.exitCode = 1;
  }
}

async function runGroup(group, { CODE_SERVER_BIN, CHROMIUM, CHROMIUM_ARGS, freePort, chromium }) {
  const dir = join(ARTIFACTS, group);
  rmSync(dir, { recursive: true, force: true });
  const userData = join(dir, 'user-data');
  const extensionsDir = join(dir, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const trusted = group !== 'restricted';
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'git.enabled': false,
    'files.autoSave': 'off',
    // Restricted Mode without the modal dialog: trust on, never prompt, the folder stays untrusted.
    ...(trusted ? {} : { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' }),
  };
  writeFileSync(join(userData, 'User/settings.json'), JSON.stringify(settings, null, 2));
  const configFile = join(dir, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\n');
  const workspace = workspaceCopy();
  const web = group === 'web';
  const helper = web ? await oracle(workspace) : undefined;
  if (helper) {
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode/idsync-test.json'), JSON.stringify({ oracle: helper.url, group, grep: opts.grep ?? '' }));
  }
  const port = await freePort();
  const args = [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(trusted ? ['--disable-workspace-trust'] : []),
    '--config', configFile,
    '--user-data-dir', userData,
    '--extensions-dir', extensionsDir,
  ];
  const env = { ...process.env, IDSYNC_VSCODE_GROUP: group, IDSYNC_VSCODE_GREP: opts.grep ?? '' };
  delete env.IDSYNC_SERVER_CRASH_AFTER_MS;
  const log = createWriteStream(join(dir, 'code-server.log'));
  const server = spawn(CODE_SERVER_BIN, args, { cwd: workspace, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let exited;
  server.on('exit', (code, signal) => (exited = { code, signal }));
  for (const s of [server.stdout, server.stderr]) s.on('data', (d) => ((out += d), log.write(d)));
  let browser;
  const kill = (sig) => {
    try {
      process.kill(-server.pid, sig);
    } catch {
      /* gone */
    }
  };
  const onSignal = () => (kill('SIGKILL'), process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const listening = await new Promise((resolve) => {
      const deadline = Date.now() + 30000;
      const tick = () => {
        if (/HTTP server listening on/.test(out)) return resolve(true);
        if (exited || Date.now() > deadline) return resolve(false);
        setTimeout(tick, 100);
      };
      tick();
    });
    if (!listening) {
      console.log(`test:vscode: code-server did not start (${exited ? `exited ${JSON.stringify(exited)}` : 'no "HTTP server listening" in 30 s'}):\n${out}`);
      return 1;
    }
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(web ? webExtension : extension)],
      ['extensionTestsPath', remote(web ? join(webExtension, 'test/suite.web.js') : suite)],
    ];
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    let resolveExit;
    const exit = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      (type === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    await page.goto(url);
    let timer;
    const code = await Promise.race([
      exit,
      new Promise((r) => (timer = setTimeout(() => {
        console.log(`test:vscode: group ${group}: no result from the extension host within ${GROUP_TIMEOUT_MS / 1000} s`);
        r(1);
      }, GROUP_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    return code;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (browser) await browser.close().catch(() => {});
    helper?.close();
    if (!exited) {
      const gone = new Promise((r) => server.once('exit', r));
      kill('SIGTERM');
      const t = setTimeout(() => kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(t);
      kill('SIGKILL');
    }
    log.end();
  }
}

// ---- the web group's helper server ------------------------------------------------------------------
/**
 * What the suite in the web-worker extension host cannot do without Node (test/vscode/suite/env-web.ts):
 * POST /check {overrides, args} runs `idsync check . --format json` on a copy of the workspace;
 * /repo-file, /read, /write, /rm read and write files (the repository's read-only, the workspace's);
 * /sha256 digests with node:crypto. Loopback only; CORS open (the worker's origin is code-server's).
 */
async function oracle(workspace) {
  const inside = (root, rel) => {
    const p = resolve(root, String(rel));
    if (p !== root && !p.startsWith(root + sep)) throw new Error(`${rel} is outside ${root}`);
    return p;
  };
  const ops = {
    check({ overrides = {}, args = [] }) {
      const dir = mkdtempSync(join(tmpdir(), 'idsync-vscode-expect-'));
      try {
        cpSync(workspace, dir, { recursive: true, filter: (src) => !relative(workspace, src).split(sep).includes('.vscode') });
        for (const [rel, text] of Object.entries(overrides)) writeFileSync(inside(dir, rel), text);
        const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'check', '.', '--format', 'json', ...args], { cwd: dir, encoding: 'utf8' });
        if (r.status !== 0 && r.status !== 1) throw new Error(`idsync check exited ${r.status}: ${r.stderr}`);
        return JSON.parse(r.stdout);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    'repo-file': ({ rel }) => {
      const p = inside(ROOT, rel);
      return { text: existsSync(p) ? readFileSync(p, 'utf8') : null };
    },
    read: ({ rel }) => ({ text: readFileSync(inside(workspace, rel), 'utf8') }),
    write: ({ rel, text }) => (writeFileSync(inside(workspace, rel), text), {}),
    rm: ({ rel }) => (rmSync(inside(workspace, rel), { force: true }), {}),
    sha256: ({ text }) => ({ hex: createHash('sha256').update(String(text)).digest('hex') }),
  };
  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'POST');
    res.setHeader('Access-Control-Allow-Headers', 'content-type');
    if (req.method === 'OPTIONS') return void res.end();
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const op = ops[(req.url ?? '').slice(1)];
      try {
        if (req.method !== 'POST' || !op) throw new Error(`no such operation: ${req.method} ${req.url}`);
        const out = JSON.stringify(op(JSON.parse(body || '{}')));
        res.setHeader('content-type', 'application/json');
        res.end(out);
      } catch (e) {
        res.statusCode = 500;
        res.end(String(e?.stack ?? e));
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}
