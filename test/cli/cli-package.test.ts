/**
 * The CLI as a user installs it: `scripts/pack-cli.mjs` packs `@idsync/cli` (npm pack in a staging
 * folder), the tarball is installed into an empty folder with `npm install --offline` and an
 * empty cache (so nothing can come from a registry), and the installed `idsync` runs check,
 * preview, diff and export with the same output as the built bundle in this checkout.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { REPO, run } from './harness';
import { commitAll, FB, initRepo, JANE, tempDir, write } from '../review/helpers';

const CONFIG = `{
  "audience": { "key": "vip_customers", "id": "aud_1", "existing": false },
  "destination": { "slug": "${FB}", "id": "dst_1" },
  "connectionSettings": { "sendMobileIds": true },
  "idSyncConfiguration": [
    { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" }
  ],
  "samples": ["../samples/jane.json"]
}
`;

describe('the CLI package (@idsync/cli, npm pack, installed offline)', function () {
  this.timeout(120000);
  let dir = '';
  let tarball = '';
  let bin = '';
  let ws = '';
  let base = '';

  before(() => {
    dir = tempDir('idsync-cli-package-');
    const out = execFileSync(process.execPath, [path.join(REPO, 'scripts', 'pack-cli.mjs'), '--out', path.join(dir, 'pack')], { cwd: REPO, encoding: 'utf8' });
    tarball = out.trim();
    assert.equal(tarball, path.join(dir, 'pack', `idsync-cli-${JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version}.tgz`));
    const project = path.join(dir, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{ "private": true }\n');
    const env = { PATH: process.env.PATH ?? '', HOME: dir, npm_config_userconfig: path.join(dir, 'no-npmrc'), npm_config_cache: path.join(dir, 'empty-cache') };
    const r = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: project, env, encoding: 'utf8' });
    assert.equal(r.status, 0, `npm install of the tarball, offline:\n${r.stdout}\n${r.stderr}`);
    bin = path.join(project, 'node_modules', '.bin', 'idsync');

    // A repository with one config changed since the base commit (for diff).
    ws = path.join(dir, 'ws');
    fs.mkdirSync(ws);
    initRepo(ws);
    write(ws, 'samples/jane.json', JANE);
    write(ws, 'configs/vip.idsync.json', CONFIG);
    base = commitAll(ws, 'base');
    write(ws, 'configs/vip.idsync.json', CONFIG.replace('"last"', '"Last Added"'));
    write(ws, 'configs/all.idsync.json', CONFIG.replace('"last"', '"all"').replace('vip_customers', 'all_customers'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the tarball holds the bundle, package.json, README and LICENSE; no dependency; only it is installed', () => {
    const list = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    assert.deepEqual(list, ['package/LICENSE', 'package/README.md', 'package/cli.js', 'package/package.json']);
    const installed = JSON.parse(fs.readFileSync(path.join(dir, 'project', 'node_modules', '@idsync', 'cli', 'package.json'), 'utf8'));
    assert.equal(installed.name, '@idsync/cli');
    assert.deepEqual(installed.bin, { idsync: 'cli.js' });
    for (const k of ['dependencies', 'optionalDependencies', 'peerDependencies', 'scripts']) assert.equal(installed[k], undefined, k);
    assert.equal(installed.repository.url, JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).repository.url);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'project', 'node_modules')).filter((n) => !n.startsWith('.')), ['@idsync']);
    assert.equal(fs.readFileSync(path.join(dir, 'project', 'node_modules', '@idsync', 'cli', 'cli.js'), 'utf8'), fs.readFileSync(path.join(REPO, 'dist', 'cli.js'), 'utf8'));
  });

  const cases: Array<[string, string[], number]> = [
    ['check', ['check', '--format', 'json'], 1],
    ['preview', ['preview', 'configs/all.idsync.json'], 0],
    ['diff', ['diff', '--base', '<base>', '--format', 'text'], 0],
    ['export', ['export', '--template', 'configs/all.idsync.json'], 0],
    ['export (refused)', ['export', '--template', 'configs/vip.idsync.json'], 1],
    ['--version', ['--version'], 0],
  ];
  for (const [name, args, status] of cases) {
    it(`the installed idsync runs ${name} as the bundle does`, () => {
      const argv = args.map((a) => (a === '<base>' ? base : a));
      const env = { PATH: process.env.PATH ?? '', HOME: dir };
      const r = spawnSync(bin, argv, { cwd: ws, env, encoding: 'utf8' });
      assert.equal(r.status, status, `idsync ${argv.join(' ')}: ${r.stderr}`);
      const expected = run(argv, { cwd: ws });
      assert.equal(expected.status, status, expected.stderr);
      assert.equal(r.stdout, expected.stdout);
      assert.equal(r.stderr, expected.stderr);
      assert.notEqual(r.stdout + r.stderr, '', 'some output');
    });
  }

  it('workflows in the docs never run npx or install idsync by name: the Action, or a checksum-verified release tarball', () => {
    const docs = ['README.md', ...fs.readdirSync(path.join(REPO, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
    let installs = 0;
    for (const doc of docs) {
      const text = fs.readFileSync(path.join(REPO, doc), 'utf8');
      for (const m of text.matchAll(/```ya?ml\n([\s\S]*?)```/g)) {
        const block = m[1];
        assert.doesNotMatch(block, /\bnpx\b/, `${doc}: npx in a workflow`);
        for (const line of block.split('\n')) {
          const install = /npm (?:install|i|add)\b(.*)$/.exec(line);
          if (!install) continue;
          installs++;
          const targets = install[1].split(/\s+/).filter((a) => a && !a.startsWith('-'));
          assert.ok(targets.length > 0 && targets.every((t) => t.startsWith('./') && t.endsWith('.tgz')), `${doc}: installs by name: ${line.trim()}`);
          assert.match(block, /sha256sum --check --strict/, `${doc}: a tarball installed without its checksum checked`);
        }
      }
    }
    assert.ok(installs >= 2, 'docs/cli.md shows the pinned install');
  });
});
