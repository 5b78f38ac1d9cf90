/**
 * A real Neovim drives `idsync-language-server --stdio` configured only by a snippet read from
 * README.md (so the README's snippets are the ones tested): diagnostics per file equal `idsync
 * check --format json`, the space file's problems and unsaved edits, completion in `"mapTo": ""`,
 * the built-in omnifunc's completion, hover, the CodeLens run through vim.lsp.codelens.run (the
 * server's idsync.server.preview), a code action applied through vim.lsp.buf.code_action, formatting.
 * The harness is test/editors/neovim/test.lua; `nvim` is Debian's package (.ci/run installs it),
 * or IDSYNC_NVIM=/path/to/nvim for another version. Without nvim every test is skipped with the reason.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const HARNESS = path.join(ROOT, 'test/editors/neovim');
const NVIM = process.env.IDSYNC_NVIM || 'nvim';
const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3, hint: 4 };

/** The lua block that follows `<!-- neovim-snippet: ID -->` in README.md. */
export function readmeSnippet(id: string): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const m = new RegExp(`<!-- neovim-snippet: ${id.replace('.', '\\.')} -->\\n\`\`\`lua\\n([\\s\\S]*?)\\n\`\`\`\\n`).exec(readme);
  assert.ok(m, `README.md has no lua block after <!-- neovim-snippet: ${id} -->`);
  return m[1] + '\n';
}

function nvimVersion(): { version?: [number, number, number]; reason?: string } {
  const r = spawnSync(NVIM, ['--version'], { encoding: 'utf8', timeout: 10000 });
  if (r.error) return { reason: `${NVIM} cannot be run (${(r.error as NodeJS.ErrnoException).code}): install Debian's neovim (apt-get install neovim; .ci/run does) or set IDSYNC_NVIM` };
  const m = /NVIM v(\d+)\.(\d+)\.(\d+)/.exec(r.stdout);
  if (!m) return { reason: `${NVIM} --version printed no NVIM version: ${r.stdout.slice(0, 80)} ${r.stderr}` };
  return { version: [Number(m[1]), Number(m[2]), Number(m[3])] };
}
const NV = nvimVersion();

interface Diag { code: string; severity: number; message: string; lnum: number; col: number; end_lnum: number; end_col: number }
interface Result {
  version: string;
  error?: string;
  config: { filetype: string; syntax: string; commentstring: string; commentGroup: string; keyGroup: string; diagnostics: Diag[] };
  client: { name: string; root: string; clients: number };
  space: { filetype: string; sameClient: boolean; diagnostics: Diag[]; editedText: string; configDiagnosticsAfterEdit: Diag[] };
  completion: { items: Array<{ label: string; insertText: string; textEdit: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string } }>; omnifunc: { phoneLine?: string; words: string[] }; omnifuncPrefix: { phoneLine?: string; words: string[] } };
  hover: { lines: string[] };
  codeLens: Array<{ line: number; title: string; command: string }>;
  codeLensRun: { messages: Array<{ type: number; message: string }>; notified: Array<{ message: string; level: number }> };
  codeAction: { titles: string[]; text: string };
  formatting: { text: string };
  registrations: Array<{ method: string }>;
  log: string[];
}

/** Runs the harness in a fresh copy of the workspace (a repository: it has .git) with `snippet` as init.lua. */
function runNeovim(snippet: string): { result: Result; ws: string } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-nvim-'));
  const ws = path.join(tmp, 'ws');
  fs.mkdirSync(path.join(ws, '.git'), { recursive: true });
  for (const f of fs.readdirSync(path.join(HARNESS, 'workspace'))) fs.copyFileSync(path.join(HARNESS, 'workspace', f), path.join(ws, f));
  // The snippet runs `idsync-language-server` from PATH, as an npm install provides it.
  const bin = path.join(tmp, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'idsync-language-server'), `#!/bin/sh\nexec '${process.execPath}' '${path.join(ROOT, 'dist/server.js')}' "$@"\n`, { mode: 0o755 });
  const init = path.join(tmp, 'init.lua');
  fs.writeFileSync(init, snippet);
  const out = path.join(tmp, 'result.json');
  const home = path.join(tmp, 'home');
  const env = {
    ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data'),
    XDG_STATE_HOME: path.join(home, 'state'), XDG_CACHE_HOME: path.join(home, 'cache'),
    PATH: `${bin}${path.delimiter}${process.env.PATH}`, IDSYNC_WS: ws, IDSYNC_OUT: out,
  };
  const r = spawnSync(NVIM, ['--headless', '-i', 'NONE', '-n', '-u', init, '-c', `luafile ${path.join(HARNESS, 'test.lua')}`], { cwd: ws, env, encoding: 'utf8', timeout: 90000 });
  assert.ok(fs.existsSync(out), `nvim wrote no result (status ${r.status}, signal ${r.signal}): ${r.stderr}${r.stdout}`);
  const result = JSON.parse(fs.readFileSync(out, 'utf8')) as Result;
  assert.equal(result.error, undefined, `the harness failed in Neovim ${result.version}: ${result.error}\nstderr: ${r.stderr}`);
  assert.equal(r.status, 0, `nvim exited ${r.status}: ${r.stderr}`);
  return { result, ws };
}

/** `idsync check <dir> --format json`, as Neovim's diagnostics (0-based lines, hints left out: the CLI never prints them). */
function cliDiagnostics(dir: string): Map<string, Omit<Diag, never>[]> {
  const cli = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'check', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
  assert.ok(cli.status === 0 || cli.status === 1, `idsync check exited ${cli.status}: ${cli.stderr}`);
  const report = JSON.parse(cli.stdout) as { files: Array<{ path: string; diagnostics: Array<{ code: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }> }> };
  return new Map(report.files.map((f) => [f.path, f.diagnostics.map((d) => ({
    code: d.code, severity: SEVERITY[d.severity], message: d.message,
    lnum: d.range.start.line, col: d.range.start.character, end_lnum: d.range.end.line, end_col: d.range.end.character,
  }))]));
}
const shown = (ds: Diag[]) => ds.filter((d) => d.severity !== 4).map(({ code, severity, message, lnum, col, end_lnum, end_col }) => ({ code, severity, message, lnum, col, end_lnum, end_col }));

const SNIPPETS: Array<{ id: string; min: [number, number]; max?: [number, number]; label: string }> = [
  { id: '0.11', min: [0, 11], label: 'Neovim 0.11+ (vim.lsp.config)' },
  { id: '0.8', min: [0, 8], label: 'Neovim 0.8 to 0.10 (vim.lsp.start)' },
  { id: '0.7', min: [0, 7], max: [0, 7], label: 'Neovim 0.7 (vim.lsp.start_client)' },
];
const atLeast = (v: [number, number, number], m: [number, number]) => v[0] > m[0] || (v[0] === m[0] && v[1] >= m[1]);

describe('Neovim with the README snippets (headless, real idsync-language-server)', function () {
  this.timeout(120000);

  it('the README has the three Neovim snippets and the docs point to them', () => {
    for (const s of SNIPPETS) assert.match(readmeSnippet(s.id), /idsync-language-server', '--stdio'/);
    const editor = fs.readFileSync(path.join(ROOT, 'docs/editor.md'), 'utf8');
    assert.doesNotMatch(editor, /```lua/, 'docs/editor.md links to the README snippets instead of copying them (no drift)');
  });

  for (const s of SNIPPETS) {
    describe(s.label, function () {
      let result: Result;
      let ws: string;
      before(function () {
        if (!NV.version) {
          console.log(`      skipped: ${NV.reason}`);
          return this.skip();
        }
        const v = NV.version;
        if (!atLeast(v, s.min) || (s.max && atLeast(v, [s.max[0], s.max[1] + 1]))) {
          console.log(`      skipped: this snippet is for ${s.label}; ${NVIM} is ${v.join('.')} (IDSYNC_NVIM=/path/to/nvim runs another version)`);
          return this.skip();
        }
        ({ result, ws } = runNeovim(readmeSnippet(s.id)));
      });

      it('gives configs and the space file the idsync filetype, one client rooted at the repository, and jsonc highlighting', () => {
        assert.deepEqual(
          { filetype: result.config.filetype, syntax: result.config.syntax, commentstring: result.config.commentstring, comment: result.config.commentGroup, key: result.config.keyGroup },
          { filetype: 'idsync', syntax: 'jsonc', commentstring: '// %s', comment: 'jsonLineComment', key: 'jsonKeyword' },
        );
        assert.deepEqual({ name: result.client.name, root: fs.realpathSync(result.client.root), clients: result.client.clients }, { name: 'idsync', root: fs.realpathSync(ws), clients: 1 });
        assert.deepEqual({ filetype: result.space.filetype, sameClient: result.space.sameClient }, { filetype: 'idsync', sameClient: true });
      });

      it('shows per file the diagnostics of `idsync check --format json` (config and idsync.space.json)', () => {
        const cli = cliDiagnostics(ws);
        const config = cli.get('facebook.idsync.json')!;
        assert.deepEqual(config.map((d) => d.code), ['invalid-strategy', 'unused-disable-directive', 'too-many-all']);
        assert.deepEqual(shown(result.config.diagnostics), config);
        assert.deepEqual(shown(result.space.diagnostics), cli.get('idsync.space.json'));
        assert.equal(result.space.diagnostics[0].message, 'Unknown rule "too-many-alls". Did you mean "too-many-all"? Run `idsync rules` for the list.');
      });

      it('sends unsaved edits of idsync.space.json: the config is re-checked as the CLI checks it with that space file', () => {
        const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-nvim-cli-'));
        fs.mkdirSync(path.join(copy, '.git'));
        fs.copyFileSync(path.join(ws, 'facebook.idsync.json'), path.join(copy, 'facebook.idsync.json'));
        fs.writeFileSync(path.join(copy, 'idsync.space.json'), result.space.editedText);
        assert.match(result.space.editedText, /"too-many-all": "off"/);
        const expected = cliDiagnostics(copy).get('facebook.idsync.json')!;
        assert.deepEqual(expected.map((d) => d.code), ['invalid-strategy', 'unused-disable-directive']);
        assert.deepEqual(shown(result.space.configDiagnosticsAfterEdit), expected);
        fs.rmSync(copy, { recursive: true, force: true });
      });

      it('completes inside "mapTo": "" with the Facebook keys, each replacing the string\'s content', () => {
        assert.deepEqual(result.completion.items.map((i) => i.label).sort(), ['EMAIL', 'EXTERN_ID', 'MADID', 'PHONE']);
        for (const i of result.completion.items) {
          assert.deepEqual({ insertText: i.insertText, textEdit: i.textEdit }, { insertText: i.label, textEdit: { range: { start: { line: 3, character: 81 }, end: { line: 3, character: 81 } }, newText: i.label } });
        }
      });

      it('built-in completion (omnifunc) turns "mapTo": "" and "mapTo": "PH" into "mapTo": "PHONE"', () => {
        // The harness calls vim.lsp.omnifunc, captures its complete(startcol, matches) and applies the
        // PHONE match as Vim's complete() does: the text from startcol to the cursor becomes its word.
        assert.deepEqual(result.completion.omnifunc.words.slice().sort(), ['EMAIL', 'EXTERN_ID', 'MADID', 'PHONE']);
        assert.equal(result.completion.omnifunc.phoneLine, '  "idSyncConfiguration": [{ "externalId": "phone", "strategy": "last", "mapTo": "PHONE" }]');
        // After typing PH: only PHONE matches, and it replaces PH.
        assert.deepEqual(result.completion.omnifuncPrefix.words, ['PHONE']);
        assert.equal(result.completion.omnifuncPrefix.phoneLine, '  "idSyncConfiguration": [{ "externalId": "phone", "strategy": "last", "mapTo": "PHONE" }]');
      });

      it('hovers "MADID" with its catalog entry', () => {
        assert.deepEqual(result.hover.lines.slice(0, 5), [
          '**Mobile advertiser ID** (`MADID` at Facebook Custom Audiences)',
          '',
          'Mobile advertising id (IDFA or AAID), sent unhashed; lower-cased with its hyphens kept (Facebook\'s guidance; assumed).',
          '',
          'Sent as: lowercase, sent unhashed.',
        ]);
      });

      it('runs the CodeLens "Preview sample profiles" (vim.lsp.codelens.run): the server shows the preview as a message', () => {
        assert.deepEqual(result.codeLens, [{ line: result.codeLens[0].line, title: 'Preview sample profiles (none found)', command: 'idsync.server.preview' }]);
        assert.deepEqual(result.codeLensRun.notified, [], 'no "does not support command" warning');
        assert.deepEqual(result.codeLensRun.messages, [{
          type: 3,
          message: 'ID Sync preview: facebook.idsync.json\n\nDestination: Facebook Custom Audiences (personas-facebook-custom-audiences), Customized Setup\n\nNo sample profiles.\n',
        }]);
      });

      it('applies the quick fix "Change to \\"last\\"" chosen in vim.lsp.buf.code_action()', () => {
        assert.deepEqual(result.codeAction.titles, ['Change to "last"', 'Disable invalid-strategy for the next line']);
        const original = fs.readFileSync(path.join(HARNESS, 'workspace/facebook.idsync.json'), 'utf8').replace(/\n$/, '');
        assert.equal(result.codeAction.text, original.replace('"strategy": "Last Added"', '"strategy": "last"'));
      });

      it('formats the buffer, keeping comments, the trailing comma and one-line objects on one line', () => {
        assert.equal(result.formatting.text, [
          '{',
          '  "audience": { "key": "vip" }, // the audience',
          '  "destination": {',
          '    "slug": "personas-facebook-custom-audiences"',
          '  },',
          '  "idSyncConfiguration": [',
          '    { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" },',
          '  ]',
          '}',
        ].join('\n'));
      });
    });
  }
});
