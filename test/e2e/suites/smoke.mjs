// Proves the harness end to end with a throwaway extension (fixtures/smoke-extension): package and
// install a .vsix, open a workspace, quick open, command palette + notification, Problems panel and
// squiggles, typing, hover, completion, quick fix, save, webview, and Restricted Mode.
// E2E_SMOKE_BREAK=1 packages a copy whose activate() throws, to see how a broken extension fails.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS_DIR, E2E_DIR, packageVsix } from '../harness.mjs';

export const title = 'throwaway smoke extension: proves install + drive + trust handling';
/** Not in the default run (the idsync suite drives the real extension); `node test/e2e/run.mjs smoke` runs it. */
export const optIn = true;

const EXT = join(E2E_DIR, 'fixtures/smoke-extension');
const WORKSPACE = join(E2E_DIR, 'fixtures/smoke-workspace');
const NOTES = 'first line is fine\nsecond line has a TODO here\nthird line\n';
const WARNING = 'smoke: TODO is not allowed';

/** Marker rows of the Problems panel (file rows have no "line" in their aria-label). */
const markers = (rows) => rows.filter((r) => / line \d+/i.test(r.label));

export default async function smoke(t) {
  const vsix = await t.step('package the smoke extension with vsce', async () => {
    let dir = EXT;
    if (process.env.E2E_SMOKE_BREAK) {
      dir = mkdtempSync(join(tmpdir(), 'idsync-e2e-broken-'));
      cpSync(EXT, dir, { recursive: true });
      appendFileSync(join(dir, 'extension.js'), "\nmodule.exports.activate = () => { throw new Error('broken on purpose'); };\n");
    }
    try {
      return await packageVsix(dir, join(ARTIFACTS_DIR, 'smoke-extension.vsix'));
    } finally {
      if (dir !== EXT) rmSync(dir, { recursive: true, force: true });
    }
  });

  const s = await t.session('start code-server (workspace trust off), install the vsix, open the workspace', {
    name: 'smoke',
    vsix,
    fixture: WORKSPACE,
    trust: true,
  });

  await t.step('quick open notes.smoke; the editor shows the file', async (s) => {
    await s.openFile('notes.smoke');
    assert.equal(await s.readEditorText(), NOTES, 'editor text of notes.smoke');
  });

  await t.step('Problems panel lists the TODO warning; squiggle on line 2 only', async (s) => {
    const rows = await s.waitForProblems((r) => markers(r).length === 1, `one marker "${WARNING}"`);
    const [m] = markers(rows);
    assert.match(m.label, /smoke: TODO is not allowed/, 'marker message');
    assert.match(m.label, /line 2 and character 19/i, 'marker position');
    assert.match(m.text, /no-todo/, 'marker code shown in the row');
    await s.waitForSquiggles((q) => q.length === 1 && q[0].line === 2 && q[0].severity === 'warning', 'one warning squiggle on line 2');
  });

  await t.step('command palette runs "Smoke: Say Hello"; the notification shows', async (s) => {
    await s.runCommand('Smoke: Say Hello');
    const text = await s.waitForNotification('Hello from the smoke extension');
    assert.match(text, /Hello from the smoke extension/);
  });

  await t.step('hover on "second" shows the provider text', async (s) => {
    const text = await s.hoverAt('second');
    assert.match(text, /Smoke hover: second/, 'hover text');
    // left open for the step's screenshot; the next step's click into the editor closes it
  });

  await t.step('completion at the end of line 3 lists smoke-alpha, smoke-beta, smoke-gamma', async (s) => {
    await s.goTo(3, 'third line'.length + 1);
    await s.type(' ');
    await s.triggerSuggest();
    const items = await s.readSuggestItems();
    for (const want of ['smoke-alpha', 'smoke-beta', 'smoke-gamma']) assert.ok(items.includes(want), `suggest items include ${want}; saw ${items.join(', ')}`);
  });

  await t.step('quick fix "Replace TODO with DONE" from Ctrl+. fixes the text and clears the problem', async (s) => {
    await s.dismiss(); // the suggest widget of the previous step
    const at = await s.positionOf('TODO');
    await s.goTo(at.line, at.column);
    const items = await s.openQuickFixMenu();
    assert.ok(items.some((i) => i.includes('Replace TODO with DONE')), `quick fix menu lists the fix; saw ${items.join(' | ')}`);
    await s.pickQuickFix('Replace TODO with DONE');
    assert.equal(await s.readEditorText(), 'first line is fine\nsecond line has a DONE here\nthird line \n', 'text after the quick fix');
    await s.waitForProblems((r) => markers(r).length === 0, 'no markers after the fix');
    await s.waitForSquiggles((q) => q.length === 0, 'none after the fix');
  });

  await t.step('typing a new TODO on line 1 brings the warning back; save writes the file', async (s) => {
    await s.goTo(1, 'first line is fine'.length + 1);
    await s.type(' TODO');
    const rows = await s.waitForProblems((r) => markers(r).length === 1 && /line 1 and character 20/i.test(markers(r)[0].label), 'the new marker at line 1, character 20');
    assert.match(markers(rows)[0].label, /smoke: TODO is not allowed/);
    await s.waitForSquiggles((q) => q.length === 1 && q[0].line === 1, 'one squiggle on line 1');
    const onDisk = await s.saveAndReadFile('notes.smoke');
    assert.equal(onDisk, 'first line is fine TODO\nsecond line has a DONE here\nthird line \n', 'saved file');
  });

  await t.step('"Smoke: Show Webview" opens a webview with the preview content', async (s) => {
    await s.runCommand('Smoke: Show Webview');
    assert.equal(await s.readWebview('#smoke-title'), 'Smoke preview');
    assert.match(await s.readWebview('#smoke-table'), /user_id\s+u-123/);
  });

  await t.end(s);

  const r = await t.session('start code-server WITHOUT --disable-workspace-trust', {
    name: 'smoke-restricted',
    vsix,
    fixture: WORKSPACE,
    trust: false,
  });

  await t.step('the workspace trust dialog asks "Do you trust the authors…"', async (r) => {
    const dialog = await r.trustDialogText();
    assert.ok(dialog, 'the workspace trust dialog is shown');
    assert.match(dialog, /Do you trust the authors of the files in this folder\?/);
  });

  await t.step('answer "No, I don\'t trust the authors": Restricted Mode banner and status bar item', async (r) => {
    await r.answerTrustDialog(false);
    assert.match(await r.restrictedModeBanner(), /Restricted Mode is intended for safe code browsing/);
    assert.match(await r.statusBarText(), /Restricted Mode/);
  });

  await t.step('in Restricted Mode the extension still reports the TODO (untrustedWorkspaces: supported)', async (r) => {
    await r.openFile('notes.smoke');
    const rows = await r.waitForProblems((x) => markers(x).length === 1, `one marker "${WARNING}"`);
    assert.match(markers(rows)[0].label, /line 2 and character 19/i);
  });
}
