/**
 * The web extension's bundles (dist/web/client.js in the web-worker extension host,
 * dist/web/server.js in a worker of its own) hold nothing of Node: no require of a module other
 * than `vscode` (the client), no `node:` import, no use of Node-only globals (process, Buffer,
 * __dirname, setImmediate...). esbuild's platform 'browser' already fails the build on a Node
 * built-in; this also catches a package whose code reaches for Node's globals at run time.
 * package.json's `browser` entry names the web client, and the two entries load different files.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/** Node-only uses, each with what it catches. Strings of catalog data ("... to process.") do not match these. */
export const NODE_ONLY: Array<[RegExp, string]> = [
  [/\brequire\(\s*["'`](?!vscode["'`])[^"'`]*["'`]\s*\)/g, 'require of a module'],
  [/["'`]node:[a-z_/]+["'`]/g, 'node module specifier'],
  [/\bprocess\.(env|argv|exit|cwd|platform|pid|on|once|nextTick|stdout|stderr|stdin|versions|version|hrtime|memoryUsage|execPath|execArgv|kill|emitWarning)\b/g, 'process'],
  [/\bBuffer\.(from|alloc|allocUnsafe|isBuffer|concat|byteLength)\b/g, 'Buffer'],
  [/\b__dirname\b|\b__filename\b/g, '__dirname/__filename'],
  // (a call of the global, not vscode-jsonrpc's own RAL timer method `ral.timer.setImmediate(...)` or its definition)
  [/(?<![.\w$])setImmediate\((?![^)]*\)\s*\{)/g, 'setImmediate'],
  [/\brequire\.resolve\b/g, 'require.resolve'],
];

export function nodeOnlyUses(code: string): string[] {
  const out: string[] = [];
  for (const [re, what] of NODE_ONLY) {
    for (const m of code.matchAll(re)) out.push(`${what}: ${code.slice(Math.max(0, m.index! - 40), m.index! + m[0].length + 20).replace(/\s+/g, ' ')}`);
  }
  return out;
}

describe('web extension bundles', () => {
  it('the scan finds Node-only code (so the check below can fail)', () => {
    assert.deepEqual(
      nodeOnlyUses('const fs=require("fs");import("node:path");if(process.env.X)Buffer.from("a");x=__dirname;setImmediate(f);const v=require("vscode");s="wait to process."').map((u) => u.split(':')[0]),
      ['require of a module', 'node module specifier', 'process', 'Buffer', '__dirname/__filename', 'setImmediate'],
    );
  });

  for (const bundle of ['dist/web/client.js', 'dist/web/server.js']) {
    it(`${bundle}: no require (other than vscode), node: import or Node-only global`, () => {
      const file = path.join(ROOT, bundle);
      assert.ok(fs.existsSync(file), `${bundle} is missing: run npm run build`);
      assert.deepEqual(nodeOnlyUses(fs.readFileSync(file, 'utf8')), []);
    });
  }

  it('the desktop bundles do use Node (the scan reads real bundles)', () => {
    assert.ok(nodeOnlyUses(fs.readFileSync(path.join(ROOT, 'dist/server.js'), 'utf8')).length > 0);
  });

  it('package.json: `browser` is the web client, `main` the desktop one; virtual workspaces: limited, saying where they work', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal(pkg.browser, './dist/web/client.js');
    assert.equal(pkg.main, './dist/client.js');
    // The web extension reads through vscode.workspace.fs; the desktop one (documentSelector scheme
    // file) does not check a virtual workspace's files: "limited", with the reason.
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
    assert.match(pkg.capabilities.virtualWorkspaces.description, /vscode\.dev.*desktop VS Code.*not checked/s);
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces, { supported: true });
  });
});
