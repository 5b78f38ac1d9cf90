// End-to-end harness: a real VS Code (code-server 4.99.4 = VS Code 1.99.3) driven in Debian's
// headless Chromium through playwright-core. Plain ESM so it runs with no compile step.
//
//   const s = await Session.start({ name: 'smoke', vsix, fixture, trust: true });
//   try { await s.openFile('notes.smoke'); ... } finally { await s.close(); }
//
// Every wait is on UI state (a selector, a text, a file on disk) with a timeout; a timeout throws
// an E2eError that names the step and what was expected.
import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const E2E_DIR = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(E2E_DIR, '../..');
export const CACHE_DIR = join(E2E_DIR, '.cache');
export const ARTIFACTS_DIR = join(E2E_DIR, 'artifacts');
export const CODE_SERVER_BIN = join(CACHE_DIR, 'code-server/node_modules/.bin/code-server');
export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
/** Flags for Chromium on a machine with a closed network (see shared/notes/real-vscode-offline.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Default time for one UI wait. Extension host start on 2 cores is the slow part (a few seconds). */
export const DEFAULT_TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 20000);

const IS_MAC = false; // code-server in Chromium on Linux: Ctrl-based keybindings.
const MOD = IS_MAC ? 'Meta' : 'Control';

/** A failure that says which step was running and what was expected. */
export class E2eError extends Error {
  constructor(step, expected, detail) {
    super(`[${step}] expected ${expected}${detail ? ` — ${detail}` : ''}`);
    this.name = 'E2eError';
  }
}

/** Polls `probe` until it returns a value other than undefined/false/null, or throws E2eError. */
export async function waitFor(probe, { step, expected, timeout = DEFAULT_TIMEOUT, interval = 100, describe }) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (last !== undefined && last !== false && last !== null) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      let seen = '';
      if (describe) {
        try {
          seen = `saw: ${await describe()}`;
        } catch {
          /* nothing more to say */
        }
      } else if (lastError) {
        seen = `last error: ${lastError.message.split('\n')[0]}`;
      }
      throw new E2eError(step, `${expected} within ${timeout} ms`, seen);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** A free TCP port on loopback. */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Runs a command to completion; resolves with its output, rejects with it on a non-zero exit. */
export function run(cmd, args, { cwd = ROOT, step = cmd, env } = {}) {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (e) => rej(new E2eError(step, `\`${cmd}\` to start`, e.message)));
    child.on('close', (code) => {
      if (code === 0) res(out);
      else rej(new E2eError(step, `\`${cmd} ${args.join(' ')}\` to exit 0`, `exit ${code}:\n${out.trim()}`));
    });
  });
}

/** Packages an extension folder into a .vsix with the project's vsce (no dependencies bundled). */
export async function packageVsix(extensionDir, outFile) {
  mkdirSync(dirname(outFile), { recursive: true });
  rmSync(outFile, { force: true });
  const vsce = join(ROOT, 'node_modules/.bin/vsce');
  if (!existsSync(vsce)) throw new E2eError('package vsix', `${vsce} (run npm ci)`);
  await run(vsce, ['package', '--no-dependencies', '-o', outFile], { cwd: extensionDir, step: 'package vsix' });
  if (!existsSync(outFile)) throw new E2eError('package vsix', `vsce to write ${outFile}`);
  return outFile;
}

/**
 * Builds and packages the real extension the way a release does (`npm run package`: esbuild
 * bundles into dist/, then vsce), finds the `idsync-<version>.vsix` it wrote in the project root
 * and moves it to `outFile` (under artifacts/, ignored).
 */
export async function buildAndPackageProject(outFile = join(ARTIFACTS_DIR, 'idsync.vsix')) {
  const step = 'build and package (npm run package)';
  const before = Date.now();
  await run('npm', ['run', 'package', '--silent'], { cwd: ROOT, step });
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const found = readdirSync(ROOT).filter((f) => /^idsync-.*\.vsix$/.test(f));
  const vsix = found.find((f) => f === `idsync-${version}.vsix`);
  if (!vsix) throw new E2eError(step, `npm run package to write idsync-${version}.vsix in ${ROOT}`, `found: ${found.join(', ') || '(no .vsix)'}`);
  if (statSync(join(ROOT, vsix)).mtimeMs < before - 1000) throw new E2eError(step, `a fresh ${vsix}`, 'the file is older than this run');
  mkdirSync(dirname(outFile), { recursive: true });
  rmSync(outFile, { force: true });
  renameSync(join(ROOT, vsix), outFile);
  return outFile;
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
  'editor.hover.delay': 300,
  'git.enabled': false,
  'security.workspace.trust.startupPrompt': 'always',
};

/** Selectors checked against code-server 4.99.4 (VS Code 1.99.3). */
export const SEL = {
  workbench: '.monaco-workbench',
  statusbar: '.monaco-workbench .part.statusbar',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRows: '.quick-input-widget .quick-input-list .monaco-list-row',
  activeEditor: '.editor-group-container.active .editor-instance .monaco-editor',
  activeTab: '.editor-group-container.active .tabs-container .tab.active',
  problemsPanel: '.markers-panel',
  problemsRows: '.markers-panel .monaco-list-row',
  suggestRows: '.suggest-widget.visible .monaco-list-row',
  hover: '.monaco-hover:not(.hidden)',
  actionWidget: '.action-widget',
  actionRows: '.action-widget .monaco-list-row.action',
  toasts: '.notifications-toasts .notification-toast',
  dialog: '.monaco-dialog-box',
  banner: '.monaco-workbench .part.banner',
  webviewOuter: 'iframe.webview',
  webviewInner: '#active-frame',
};

const openSessions = new Set();

export class Session {
  /**
   * Starts code-server with a fresh user-data and extensions dir, installs `vsix` (optional), copies
   * `fixture` (a folder) to a temp workspace, opens it in Chromium and waits for the workbench.
   * `afterInstall(extensionsDir)` (optional) runs after the install and before code-server starts
   * (e.g. to break the installed copy on purpose); `logLevel` is passed as `--log` (e.g. 'trace').
   * @param {{name: string, vsix?: string, fixture: string, trust?: boolean, timeout?: number,
   *   afterInstall?: (extensionsDir: string) => void | Promise<void>, logLevel?: string}} opts
   */
  static async start(opts) {
    const s = new Session(opts);
    try {
      await s.#start();
    } catch (e) {
      await s.screenshot('start-FAILED').catch(() => {});
      await s.close();
      throw e;
    }
    return s;
  }

  constructor({ name, vsix, fixture, trust = true, timeout = DEFAULT_TIMEOUT, afterInstall, logLevel }) {
    this.afterInstall = afterInstall;
    this.logLevel = logLevel;
    this.name = name;
    this.vsix = vsix;
    this.fixture = fixture;
    this.trust = trust;
    this.timeout = timeout;
    this.dir = join(ARTIFACTS_DIR, name);
    this.shot = 0;
    this.step = 'start';
    this.server = undefined;
    this.browser = undefined;
    this.page = undefined;
    this.workspace = undefined;
    this.closed = false;
    openSessions.add(this);
  }

  async #start() {
    if (!existsSync(CODE_SERVER_BIN)) throw new E2eError('start', `code-server at ${CODE_SERVER_BIN} (run test/e2e/setup.sh)`);
    if (!existsSync(CHROMIUM)) throw new E2eError('start', `Chromium at ${CHROMIUM} (run test/e2e/setup.sh)`);
    rmSync(this.dir, { recursive: true, force: true });
    const userData = join(this.dir, 'user-data');
    const extensions = join(this.dir, 'extensions');
    mkdirSync(join(userData, 'User'), { recursive: true });
    mkdirSync(extensions, { recursive: true });
    writeFileSync(join(userData, 'User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
    // --config: code-server otherwise reads (and on first run writes) ~/.config/code-server/config.yaml.
    const configFile = join(this.dir, 'code-server.yaml');
    writeFileSync(configFile, 'auth: none\n');
    const common = ['--config', configFile, '--user-data-dir', userData, '--extensions-dir', extensions];

    if (this.vsix) {
      this.step = 'install vsix';
      const out = await run(CODE_SERVER_BIN, [...common, '--install-extension', this.vsix], { step: this.step });
      if (!/successfully installed/i.test(out)) {
        throw new E2eError(this.step, `"successfully installed" from code-server --install-extension`, out.trim());
      }
      this.installOutput = out.trim();
    }
    this.extensionsDir = extensions;
    this.userDataDir = userData;
    if (this.afterInstall) await this.afterInstall(extensions);

    this.workspace = mkdtempSync(join(tmpdir(), `idsync-e2e-${this.name}-`));
    cpSync(this.fixture, this.workspace, { recursive: true });

    this.step = 'start code-server';
    this.port = await freePort();
    const args = [
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${this.port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      ...(this.trust ? ['--disable-workspace-trust'] : []),
      ...(this.logLevel ? ['--log', this.logLevel] : []),
      ...common,
      this.workspace,
    ];
    const log = createWriteStream(join(this.dir, 'code-server.log'));
    // detached: its own process group, so close() can end code-server and everything it started.
    this.server = spawn(CODE_SERVER_BIN, args, { cwd: this.workspace, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let serverOut = '';
    let exited;
    this.server.on('exit', (code, signal) => (exited = { code, signal }));
    for (const stream of [this.server.stdout, this.server.stderr]) {
      stream.on('data', (d) => {
        serverOut += d;
        log.write(d);
      });
    }
    await waitFor(
      () => {
        if (exited) throw new E2eError(this.step, 'code-server to keep running', `it exited ${JSON.stringify(exited)}:\n${serverOut}`);
        return /HTTP server listening on/.test(serverOut);
      },
      { step: this.step, expected: '"HTTP server listening on" from code-server', timeout: 30000, describe: () => serverOut.trim() || '(no output)' },
    ).catch((e) => {
      // An early exit is more telling than the timeout.
      if (exited) throw new E2eError(this.step, 'code-server to keep running', `it exited ${JSON.stringify(exited)}:\n${serverOut}`);
      throw e;
    });

    this.step = 'launch chromium';
    this.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const context = await this.browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: this.url() });
    this.page = await context.newPage();
    this.page.setDefaultTimeout(this.timeout);
    this.consoleErrors = [];
    this.page.on('console', (m) => {
      if (m.type() === 'error') this.consoleErrors.push(m.text());
    });
    this.page.on('pageerror', (e) => this.consoleErrors.push(String(e)));

    this.step = 'open workbench';
    await this.page.goto(`${this.url()}/?folder=${encodeURIComponent(this.workspace)}`);
    await this.waitForWorkbench();
  }

  url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Sets the step name used in failure messages and screenshots. */
  at(step) {
    this.step = step;
    return this;
  }

  /** Waits until a selector is visible; returns its locator. */
  async waitVisible(selector, expected = `${selector} to be visible`, timeout = this.timeout) {
    const loc = this.page.locator(selector).first();
    try {
      await loc.waitFor({ state: 'visible', timeout });
    } catch {
      throw new E2eError(this.step, `${expected} within ${timeout} ms`);
    }
    return loc;
  }

  /** Waits until a selector is hidden or gone. */
  async waitHidden(selector, expected = `${selector} to be hidden`, timeout = this.timeout) {
    try {
      await this.page.locator(selector).first().waitFor({ state: 'hidden', timeout });
    } catch {
      throw new E2eError(this.step, `${expected} within ${timeout} ms`);
    }
  }

  /** Waits for the workbench: the editor area and the status bar are on screen. */
  async waitForWorkbench(timeout = 60000) {
    await this.waitVisible(`${SEL.workbench} .part.editor`, 'the VS Code workbench (.monaco-workbench .part.editor)', timeout);
    await this.waitVisible(SEL.statusbar, 'the status bar', timeout);
  }

  // ---- workspace trust --------------------------------------------------------------------------

  /** The workspace-trust dialog ("Do you trust the authors…"), if it is shown; its text otherwise undefined. */
  async trustDialogText(timeout = this.timeout) {
    const dialog = this.page.locator(SEL.dialog).filter({ hasText: /trust the authors/i }).first();
    try {
      await dialog.waitFor({ state: 'visible', timeout });
    } catch {
      return undefined;
    }
    return (await dialog.innerText()).trim();
  }

  /** Answers the trust dialog: trust=false keeps Restricted Mode. */
  async answerTrustDialog(trust) {
    const dialog = await this.waitVisible(`${SEL.dialog}:has-text("trust the authors")`, 'the workspace trust dialog');
    const label = trust ? /Yes, I trust the authors/i : /No, I don't trust the authors/i;
    await dialog.getByRole('button', { name: label }).click();
    await this.waitHidden(SEL.dialog, 'the trust dialog to close');
    await this.waitForRestrictedMode(!trust);
  }

  /**
   * Waits until the workbench is (restricted=true) or is not (false) in Restricted Mode, as the
   * status bar's "Restricted Mode" item tells. It shows from the start while the dialog is open.
   */
  async waitForRestrictedMode(restricted) {
    let text = '';
    await waitFor(async () => (text = await this.statusBarText()).includes('Restricted Mode') === restricted, {
      step: this.step,
      expected: restricted ? 'the "Restricted Mode" status bar item' : 'no "Restricted Mode" status bar item (trusted)',
      describe: () => text,
    });
  }

  /** Text of the Restricted Mode banner, waiting for it. */
  async restrictedModeBanner() {
    const banner = await this.waitVisible(`${SEL.banner}:has-text("Restricted Mode")`, 'the "Restricted Mode" banner');
    return (await banner.innerText()).trim();
  }

  /** The status bar's text (items joined by " | "). */
  async statusBarText() {
    await this.waitVisible(SEL.statusbar, 'the status bar');
    const items = await this.page.locator(`${SEL.statusbar} .statusbar-item`).allInnerTexts();
    return items.map((t) => t.trim()).filter(Boolean).join(' | ');
  }

  // ---- quick input (quick open, command palette) ------------------------------------------------

  async #pickQuickInput(text, match, expected) {
    const box = await this.waitVisible(SEL.quickInputBox, 'the quick input box');
    await box.fill(text);
    // The list re-renders while results arrive (recent items first, then search results), so
    // remember the matching row's aria-label and click through a locator that re-resolves.
    const label = await waitFor(
      async () => {
        const labels = await this.page
          .locator(SEL.quickInputRows)
          .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
        return labels.find(match);
      },
      { step: this.step, expected, describe: () => this.#quickInputRowsText() },
    );
    await this.page.locator(`${SEL.quickInputRows}[aria-label=${JSON.stringify(label)}]`).first().click();
    await this.waitHidden(SEL.quickInput, 'the quick input to close after picking');
  }

  async #quickInputRowsText() {
    const labels = await this.page.locator(SEL.quickInputRows).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent));
    return labels.length ? labels.join(' | ') : '(no rows)';
  }

  /** Quick open (Ctrl+P) a workspace-relative path and wait for its editor tab to be active. */
  async openFile(relPath) {
    const step = this.step;
    const name = basename(relPath);
    await this.focusWorkbench();
    await this.page.keyboard.press(`${MOD}+p`);
    await this.#pickQuickInput(relPath, (label) => label.includes(name), `quick open to list ${relPath}`);
    await this.waitVisible(`${SEL.activeTab}[aria-label*="${name}"]`, `an active editor tab for ${name}`);
    await this.waitVisible(`${SEL.activeEditor} .view-lines`, `the editor for ${name}`);
    this.step = step;
  }

  /** Runs a command from the command palette (F1) by its title as shown, e.g. "Smoke: Say Hello". */
  async runCommand(title) {
    await this.focusWorkbench();
    await this.page.keyboard.press('F1');
    await this.#pickQuickInput(
      `>${title}`,
      (label) => label === title || label.startsWith(`${title},`) || label.startsWith(`${title} `) || label.split(',')[0].trim() === title,
      `the command palette to list "${title}"`,
    );
  }

  /** Clicks somewhere neutral so keyboard shortcuts reach the workbench, not an input. */
  async focusWorkbench() {
    await this.page.keyboard.press('Escape');
  }

  // ---- notifications ----------------------------------------------------------------------------

  /** Waits for a notification toast containing `text`; returns its full text. */
  async waitForNotification(text) {
    const toast = this.page.locator(SEL.toasts).filter({ hasText: text }).first();
    try {
      await toast.waitFor({ state: 'visible', timeout: this.timeout });
    } catch {
      const seen = await this.page.locator(SEL.toasts).allInnerTexts().catch(() => []);
      throw new E2eError(this.step, `a notification containing "${text}" within ${this.timeout} ms`, `saw: ${seen.length ? seen.join(' | ') : '(no notifications)'}`);
    }
    return (await toast.innerText()).trim();
  }

  // ---- problems panel ---------------------------------------------------------------------------

  /** Opens the Problems panel (Ctrl+Shift+M) if it is not visible. */
  async openProblemsPanel() {
    if (!(await this.page.locator(SEL.problemsPanel).first().isVisible())) {
      await this.focusWorkbench();
      await this.page.keyboard.press(`${MOD}+Shift+m`);
    }
    await this.waitVisible(SEL.problemsPanel, 'the Problems panel (.markers-panel)');
  }

  /**
   * Rows of the Problems panel: file rows and marker rows, each `{ label, text }` where label is the
   * aria-label (for a marker: "<message> at line L column C in <file>" or similar) and text what is shown.
   */
  async readProblemsPanel() {
    await this.openProblemsPanel();
    // A virtual list: DOM order need not be screen order; data-index is the row's place in the list.
    const rows = await this.page.locator(SEL.problemsRows).evaluateAll((els) =>
      els.map((e) => ({ index: Number(e.getAttribute('data-index') ?? 0), label: e.getAttribute('aria-label') ?? '', text: (e.textContent ?? '').trim() })),
    );
    return rows.sort((a, b) => a.index - b.index);
  }

  /** Waits until `accept(rows)` is true for the Problems panel rows; returns the rows. */
  async waitForProblems(accept, expected) {
    await this.openProblemsPanel();
    let rows = [];
    await waitFor(
      async () => {
        rows = await this.readProblemsPanel();
        return accept(rows);
      },
      { step: this.step, expected: `the Problems panel to show ${expected}`, describe: () => rows.map((r) => r.label || r.text).join(' | ') || '(empty)' },
    );
    return rows;
  }

  // ---- editor -----------------------------------------------------------------------------------

  /** Squiggles in the visible part of the active editor: [{ line (1-based), severity }]. */
  async readSquiggles() {
    return this.page.locator(SEL.activeEditor).first().evaluate((editor) => {
      const topOf = (el) => parseFloat(el.style.top);
      const lineAt = new Map();
      for (const n of editor.querySelectorAll('.margin-view-overlays > div')) {
        const num = n.querySelector('.line-numbers');
        if (num) lineAt.set(topOf(n), Number(num.textContent));
      }
      const out = [];
      for (const row of editor.querySelectorAll('.view-overlays > div')) {
        for (const s of row.querySelectorAll('[class*="squiggly-"]')) {
          const m = /squiggly-(error|warning|info|hint)/.exec(s.className);
          if (m) out.push({ line: lineAt.get(topOf(row)), severity: m[1] });
        }
      }
      return out.sort((a, b) => a.line - b.line);
    });
  }

  /** Waits until `accept(squiggles)` holds; returns them. */
  async waitForSquiggles(accept, expected) {
    let last = [];
    await waitFor(
      async () => {
        last = await this.readSquiggles();
        return accept(last);
      },
      { step: this.step, expected: `squiggles ${expected}`, describe: () => JSON.stringify(last) },
    );
    return last;
  }

  /** Clicks into the active editor so that it has keyboard focus. */
  async focusEditor() {
    const editor = await this.waitVisible(`${SEL.activeEditor} .view-lines`, 'an active editor');
    if (await this.page.locator(`${SEL.activeEditor}.focused`).count()) return;
    await this.page.keyboard.press('Escape'); // a hover or suggest widget could sit where we click
    await editor.click({ position: { x: 5, y: 5 } });
    await this.waitVisible(`${SEL.activeEditor}.focused`, 'the editor to have focus');
  }

  /** Moves the cursor to 1-based line/column with "Go to Line/Column" (Ctrl+G). */
  async goTo(line, column = 1) {
    await this.focusEditor();
    await this.page.keyboard.press(`${MOD}+g`);
    const box = await this.waitVisible(SEL.quickInputBox, 'the Go to Line input');
    await box.fill(`:${line}:${column}`); // ':' is the Go to Line prefix of quick access; fill replaces it
    await box.press('Enter');
    await this.waitHidden(SEL.quickInput, 'Go to Line to close');
    await this.waitVisible(`${SEL.activeEditor}.focused`, 'the editor to have focus after Go to Line');
    await waitFor(
      async () => {
        const text = await this.page.locator(`${SEL.statusbar} #status\\.editor\\.selection`).innerText().catch(() => '');
        return text.includes(`Ln ${line}, Col ${column}`);
      },
      { step: this.step, expected: `the cursor at Ln ${line}, Col ${column} (status bar)`, describe: () => this.page.locator(`${SEL.statusbar} #status\\.editor\\.selection`).innerText() },
    );
  }

  /** 1-based position of the first occurrence of `text` (after `after` if given) in the active editor. */
  async positionOf(text, { after } = {}) {
    const content = await this.readEditorText();
    const from = after ? content.indexOf(after) : 0;
    if (from < 0) throw new E2eError(this.step, `"${after}" in the editor text`);
    const at = content.indexOf(text, from);
    if (at < 0) throw new E2eError(this.step, `"${text}" in the editor text`, `text is:\n${content}`);
    const before = content.slice(0, at).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1 };
  }

  /** Shows the hover at a position (keyboard: Ctrl+K Ctrl+I) and returns its text. */
  async hoverAt(lineOrText, column) {
    const pos = typeof lineOrText === 'string' ? await this.positionOf(lineOrText) : { line: lineOrText, column };
    await this.goTo(pos.line, pos.column + (typeof lineOrText === 'string' ? 1 : 0));
    await this.page.keyboard.press(`${MOD}+k`);
    await this.page.keyboard.press(`${MOD}+i`);
    const hover = await this.waitVisible(SEL.hover, `a hover (.monaco-hover) at line ${pos.line}, column ${pos.column}`);
    let text = '';
    await waitFor(async () => (text = (await hover.innerText()).trim()).length > 0 && !/^Loading/.test(text), {
      step: this.step,
      expected: 'the hover to have content',
      describe: () => text,
    });
    return text;
  }

  /** Closes hovers/suggest/menus. */
  async dismiss() {
    await this.page.keyboard.press('Escape');
  }

  /** Triggers completion (Ctrl+Space) at the cursor and waits for the suggest widget. */
  async triggerSuggest() {
    await this.waitVisible(`${SEL.activeEditor}.focused`, 'the editor to have focus before triggering completion');
    await this.page.keyboard.press(`${MOD}+Space`);
    await this.waitVisible(SEL.suggestRows, 'the suggest widget (.suggest-widget .monaco-list-row)');
  }

  /** Labels of the suggest widget rows on screen (the list is virtual: only rows in view). */
  async readSuggestItems() {
    await this.waitVisible(SEL.suggestRows, 'the suggest widget rows');
    return this.page
      .locator(`${SEL.suggestRows} .label-name`)
      .evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
  }

  /** Opens the quick fix menu (Ctrl+.) at the cursor; returns the item labels. */
  async openQuickFixMenu() {
    await this.waitVisible(`${SEL.activeEditor}.focused`, 'the editor to have focus before Ctrl+.');
    await this.page.keyboard.press(`${MOD}+.`);
    await this.waitVisible(SEL.actionRows, 'the quick fix menu (.action-widget) with actions');
    return this.page.locator(SEL.actionRows).evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
  }

  /**
   * Picks the quick fix menu item whose text includes `label`, with the keyboard: the action widget
   * lies under a `.context-view-pointerBlock` layer that takes mouse clicks.
   */
  async pickQuickFix(label) {
    const rows = this.page.locator(SEL.actionRows);
    const texts = await rows.allInnerTexts();
    const index = texts.findIndex((t) => t.includes(label));
    if (index < 0) throw new E2eError(this.step, `a quick fix "${label}" in the menu`, `saw: ${texts.join(' | ')}`);
    const focusedText = () => this.page.locator(`${SEL.actionRows}.focused`).innerText({ timeout: 1000 }).catch(() => '');
    for (let i = 0; i <= texts.length && !(await focusedText()).includes(label); i++) {
      await this.page.keyboard.press('ArrowDown');
    }
    if (!(await focusedText()).includes(label)) {
      throw new E2eError(this.step, `the arrow keys to reach the quick fix "${label}"`, `focused: ${await focusedText()}`);
    }
    await this.page.keyboard.press('Enter');
    await this.waitHidden(SEL.actionWidget, 'the quick fix menu to close');
  }

  /**
   * The full text of the active editor, through the clipboard (select all + copy). The cursor is
   * put back at the start of the document afterwards. Newlines as in the model (LF in fixtures).
   */
  async readEditorText() {
    await this.focusEditor();
    await this.page.evaluate(() => navigator.clipboard.writeText('\u0000e2e-empty\u0000'));
    await this.page.keyboard.press(`${MOD}+a`);
    await this.page.keyboard.press(`${MOD}+c`);
    const text = await waitFor(
      async () => {
        const t = await this.page.evaluate(() => navigator.clipboard.readText());
        return t === '\u0000e2e-empty\u0000' ? undefined : t;
      },
      { step: this.step, expected: 'the editor text on the clipboard after select all + copy', timeout: 5000 },
    );
    await this.page.keyboard.press(`${MOD}+Home`);
    return text.replace(/\r\n/g, '\n');
  }

  /** Types text at the cursor in the active editor. */
  async type(text) {
    await this.waitVisible(`${SEL.activeEditor}.focused`, 'the editor to have focus before typing');
    await this.page.keyboard.type(text);
  }

  /** Saves the active editor (Ctrl+S), waits until the tab is no longer dirty, returns the text on disk. */
  async saveAndReadFile(relPath) {
    await this.page.keyboard.press(`${MOD}+s`);
    await waitFor(async () => !(await this.page.locator(`${SEL.activeTab}.dirty`).count()), {
      step: this.step,
      expected: `${relPath} to be saved (tab not dirty)`,
    });
    return readFileSync(join(this.workspace, relPath), 'utf8');
  }

  // ---- running extensions -----------------------------------------------------------------------

  /**
   * Opens "Developer: Show Running Extensions" and returns the activation time the workbench shows
   * for the extension whose display name is `displayName`: { text: 'Activation: 873ms', ms: 873 }.
   * ("Startup Activation" when it was activated at startup.)
   */
  async activationTimeOf(displayName) {
    await this.runCommand('Developer: Show Running Extensions');
    const row = this.page.locator('.editor-group-container.active .monaco-list-row').filter({ has: this.page.locator('.name', { hasText: displayName }) }).first();
    let text = '';
    await waitFor(async () => /(\d+)\s*ms/.test((text = await row.locator('.activation-time').innerText({ timeout: 1000 }).catch(() => ''))), {
      step: this.step,
      expected: `"Running Extensions" to show an activation time for ${displayName}`,
      describe: async () => (await this.page.locator('.editor-group-container.active').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 400) || '(nothing)',
    });
    return { text: text.trim(), ms: Number(/(\d+)\s*ms/.exec(text)[1]) };
  }

  // ---- webviews ---------------------------------------------------------------------------------

  /** The inner document of the (last opened) webview: a FrameLocator. Webviews are nested iframes. */
  webview() {
    return this.page.frameLocator(`${SEL.webviewOuter} >> nth=-1`).frameLocator(SEL.webviewInner);
  }

  /** Waits until the webview shows `selector`; returns its text. */
  async readWebview(selector) {
    const loc = this.webview().locator(selector).first();
    try {
      await loc.waitFor({ state: 'visible', timeout: this.timeout });
    } catch {
      throw new E2eError(this.step, `the webview (iframe.webview > #active-frame) to show ${selector} within ${this.timeout} ms`);
    }
    return (await loc.innerText()).trim();
  }

  // ---- artifacts and shutdown -------------------------------------------------------------------

  /** Saves a screenshot test/e2e/artifacts/<session>/<NN>-<name>.png; returns the path. */
  async screenshot(name) {
    if (!this.page) return undefined;
    this.shot += 1;
    const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-|-$/g, '');
    const file = join(this.dir, `${String(this.shot).padStart(2, '0')}-${safe}.png`);
    await this.page.screenshot({ path: file, timeout: 10000 });
    return file;
  }

  /** Closes the browser and ends code-server (its whole process group); removes the temp workspace. */
  async close() {
    if (this.closed) return;
    this.closed = true;
    openSessions.delete(this);
    if (this.browser) await this.browser.close().catch(() => {});
    if (this.server && this.server.exitCode === null && this.server.signalCode === null) {
      const exited = new Promise((r) => this.server.once('exit', r));
      const kill = (sig) => {
        try {
          process.kill(-this.server.pid, sig);
        } catch {
          /* already gone */
        }
      };
      kill('SIGTERM');
      const t = setTimeout(() => kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
      kill('SIGKILL'); // anything left in the group (extension host, file watcher)
    }
    if (this.workspace) rmSync(this.workspace, { recursive: true, force: true });
  }
}

// Sessions still open when the process is interrupted or exits are ended (no orphan code-server).
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    await Promise.allSettled([...openSessions].map((s) => s.close()));
    process.exit(130);
  });
}
process.on('exit', () => {
  for (const s of openSessions) {
    try {
      if (s.server?.pid) process.kill(-s.server.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});
