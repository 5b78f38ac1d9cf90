/**
 * The GitHub Action (action.yml): its steps' scripts are read from the file with a small parser
 * for this file's known shape (no YAML dependency) and run with bash as GitHub runs composite
 * `run:` steps (`bash --noprofile --norc -eo pipefail`), against a fixture repository with a
 * pull-request-like change. `uses:` steps (actions/setup-node) are not run. The set-up step runs
 * as written: dist/cli.js exists (npm test builds it) with this version, so it takes its
 * "released dist/cli.js" branch. With IDSYNC_ACTION_TIMING=1 one more test times the steps of
 * the action before and after the packed-CLI change, from clean copies (docs/ci.md has the figures).
 * Also: the workflow examples in docs/ci.md only use inputs the action declares.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { commitAll, FB, git, initRepo, JANE, REPO, run, tempDir, write } from './helpers';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  shell?: string;
  workingDirectory?: string;
  env: Record<string, string>;
  with: Record<string, string>;
  run?: string;
}

interface ActionFile {
  inputs: Record<string, { default: string }>;
  steps: Step[];
  using: string;
}

function scalar(v: string): string {
  const t = v.trim();
  if (t.startsWith('"') && t.endsWith('"')) return JSON.parse(t);
  if (t.startsWith("'") && t.endsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
  return t;
}

/** Reads action.yml: inputs with their defaults, runs.using, and the steps (with env, with, run blocks). */
export function parseAction(text: string): ActionFile {
  const lines = text.split('\n');
  const out: ActionFile = { inputs: {}, steps: [], using: '' };
  let section = '';
  let input = '';
  let step: Step | undefined;
  let map: 'env' | 'with' | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*(#|$)/.test(line)) continue;
    const top = /^(\w[\w-]*):/.exec(line);
    if (top) {
      section = top[1];
      continue;
    }
    if (section === 'inputs') {
      const name = /^ {2}([\w-]+):\s*$/.exec(line);
      if (name) {
        input = name[1];
        out.inputs[input] = { default: '' };
        continue;
      }
      const def = /^ {4}default:(.*)$/.exec(line);
      if (def) out.inputs[input].default = scalar(def[1]);
      continue;
    }
    if (section !== 'runs') continue;
    const using = /^ {2}using:(.*)$/.exec(line);
    if (using) {
      out.using = scalar(using[1]);
      continue;
    }
    if (/^ {2}steps:\s*$/.test(line)) continue;
    const item = /^ {4}- (.*)$/.exec(line);
    const field = item ? item[1] : /^ {6}(\S.*)$/.exec(line)?.[1];
    if (field !== undefined) {
      if (item) {
        step = { env: {}, with: {} };
        out.steps.push(step);
      }
      map = undefined;
      const m = /^([\w-]+):(.*)$/.exec(field);
      if (!m || !step) throw new Error(`action.yml line ${i + 1}: unexpected ${JSON.stringify(line)}`);
      const [, key, rest] = m;
      if (key === 'env' || key === 'with') map = key;
      else if (key === 'run' && rest.trim() === '|') {
        const body: string[] = [];
        while (i + 1 < lines.length && (/^ {8}/.test(lines[i + 1]) || lines[i + 1].trim() === '')) body.push(lines[++i].slice(8));
        step.run = body.join('\n').replace(/\n*$/, '\n');
      } else if (key === 'name') step.name = scalar(rest);
      else if (key === 'id') step.id = scalar(rest);
      else if (key === 'uses') step.uses = scalar(rest);
      else if (key === 'shell') step.shell = scalar(rest);
      else if (key === 'working-directory') step.workingDirectory = scalar(rest);
      else throw new Error(`action.yml line ${i + 1}: unknown step key ${key}`);
      continue;
    }
    const kv = /^ {8}([\w-]+):(.*)$/.exec(line);
    if (kv && step && map) {
      step[map][kv[1]] = scalar(kv[2]);
      continue;
    }
    throw new Error(`action.yml line ${i + 1}: unexpected ${JSON.stringify(line)}`);
  }
  return out;
}

interface StepRun {
  id: string;
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

/** Runs the action's `run:` steps like the runner: expressions substituted, stops at the first failure. */
function runAction(action: ActionFile, workspace: string, inputs: Record<string, string>, github: Record<string, string>, extraEnv: Record<string, string> = {}) {
  const summary = path.join(workspace, '..', `summary-${path.basename(workspace)}.md`);
  const output = path.join(workspace, '..', `output-${path.basename(workspace)}.txt`);
  fs.writeFileSync(summary, '');
  fs.writeFileSync(output, '');
  const values: Record<string, string> = {};
  const expr = (s: string) =>
    s.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => {
      if (name.startsWith('inputs.')) return values[name.slice(7)] ?? assert.fail(`unknown input ${name}`);
      if (name.startsWith('github.')) return github[name.slice(7)] ?? assert.fail(`unknown context ${name}`);
      return assert.fail(`unknown expression ${name}`);
    });
  for (const [k, v] of Object.entries(action.inputs)) values[k] = inputs[k] ?? expr(v.default);
  const runs: StepRun[] = [];
  for (const step of action.steps) {
    if (step.run === undefined) continue;
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: workspace, GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output, GITHUB_WORKSPACE: workspace };
    for (const [k, v] of Object.entries(step.env)) env[k] = expr(v);
    Object.assign(env, extraEnv);
    const cwd = step.workingDirectory ? path.resolve(workspace, expr(step.workingDirectory)) : workspace;
    const started = process.hrtime.bigint();
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { cwd, env, encoding: 'utf8', timeout: 300000 });
    runs.push({ id: step.id ?? '?', status: r.status, stdout: r.stdout, stderr: r.stderr, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
    if (r.status !== 0) break;
  }
  return { runs, summary: fs.readFileSync(summary, 'utf8'), output: fs.readFileSync(output, 'utf8') };
}

const BASE_CONFIG = `{
  "audience": { "key": "vip_customers", "existing": true },
  "destination": { "slug": "${FB}" },
  "connectionSettings": { "sendMobileIds": true },
  "idSyncConfiguration": [
    { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" }
  ],
  "samples": ["../samples/profiles/jane.json"]
}
`;

describe('the GitHub Action (action.yml)', () => {
  const action = parseAction(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8'));
  let repo: string;
  let base: string;

  before(() => {
    repo = tempDir('idsync-action-');
    fs.mkdirSync(path.join(repo, 'ws'));
    repo = path.join(repo, 'ws');
    initRepo(repo);
    write(repo, 'samples/profiles/jane.json', JANE);
    write(repo, 'configs/vip.idsync.json', BASE_CONFIG);
    base = commitAll(repo, 'base');
    // The pull request: email last -> all, and a new entry with a UI label as strategy (an error).
    write(
      repo,
      'configs/vip.idsync.json',
      BASE_CONFIG.replace(
        '{ "externalId": "email", "strategy": "last", "mapTo": "EMAIL" }',
        '{ "externalId": "email", "strategy": "all", "mapTo": "EMAIL" },\n    { "externalId": "ios.idfa", "strategy": "Last Added", "mapTo": "MADID" }',
      ),
    );
    commitAll(repo, 'pull request');
  });
  after(() => fs.rmSync(path.dirname(repo), { recursive: true, force: true }));

  it('has the known shape: composite, setup-node then set-up (released dist or from source), diff and check; no expression inside a script', () => {
    assert.equal(action.using, 'composite');
    assert.deepEqual(
      action.steps.map((s) => s.id ?? s.uses),
      ['actions/setup-node@v4', 'build', 'diff', 'check'],
    );
    assert.deepEqual(Object.keys(action.inputs).sort(), ['base', 'category', 'fail-on-warnings', 'format', 'max-warnings', 'node-version', 'paths', 'sarif-file', 'show-values', 'summary']);
    assert.equal(action.inputs.base.default, '${{ github.event.pull_request.base.sha }}');
    for (const s of action.steps) {
      if (s.run) {
        assert.equal(s.shell, 'bash');
        assert.doesNotMatch(s.run, /\$\{\{/, `step ${s.id}: inputs reach scripts through env only (no script injection)`);
      }
    }
    // The released bundle when it is there and of this version; else from source, with no
    // dependency install script run.
    assert.match(action.steps[1].run ?? '', /if \[ -f dist\/cli\.js \] && \[ "\$\(node dist\/cli\.js --version 2>\/dev\/null\)" = "\$want" \]; then/);
    assert.match(action.steps[1].run ?? '', /npm ci --no-audit --no-fund --ignore-scripts\n\s*npm run build/);
  });

  const github = () => ({ action_path: REPO, 'event.pull_request.base.sha': base, workspace: repo });

  it('annotations (default): the summary is idsync diff --format markdown; check annotates and fails on the error', () => {
    const r = runAction(action, repo, {}, github());
    assert.deepEqual(r.runs.map((s) => [s.id, s.status]), [['build', 0], ['diff', 0], ['check', 1]], r.runs.map((s) => `${s.id}: ${s.stderr}`).join('\n'));
    const version = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;
    assert.equal(r.runs[0].stdout, `idsync: using the released dist/cli.js (idsync ${version})\n`);
    assert.equal(r.runs[1].stdout, '');
    assert.equal(r.summary, run(['diff', '--base', base, '--format', 'markdown', '--', '.'], { cwd: repo }).stdout);
    assert.match(r.summary, /^## ID Sync review: 1 config changed \\\(1 modified\\\)\n/);
    assert.match(r.summary, /\| changed \| entry email \| last → EMAIL \| all → EMAIL \|/);
    assert.match(r.summary, /Existing audience/);
    assert.equal(
      r.runs[2].stdout,
      '::notice file=configs/vip.idsync.json,line=2,col=53,endLine=2,endColumn=57,title=existing-audience::This audience already syncs to the destination: the ID Sync configuration applies only to new data after about 5 minutes (the audience is not resynced), and Segment keeps no history to undo it. Segment recommends ID Sync on new audiences.\n' +
        '::error file=configs/vip.idsync.json,line=7,col=45,endLine=7,endColumn=57,title=invalid-strategy::Strategy "Last Added" is the UI label, not the API value: use "last" (sends only the most recently added value of the identifier).\n',
    );
    assert.equal(r.runs[2].stdout, run(['check', '--format', 'github', '--', '.'], { cwd: repo }).stdout);
  });

  it('sarif: writes the file, sets the output, same exit code as idsync check', () => {
    const r = runAction(action, repo, { format: 'sarif', 'sarif-file': 'out/idsync.sarif', summary: 'false', paths: 'configs', category: 'configs' }, github());
    assert.deepEqual(r.runs.map((s) => [s.id, s.status]), [['build', 0], ['diff', 0], ['check', 1]], r.runs.map((s) => `${s.id}: ${s.stderr}`).join('\n'));
    assert.equal(r.summary, '');
    assert.equal(r.output, 'sarif-file=out/idsync.sarif\n');
    const sarif = JSON.parse(fs.readFileSync(path.join(repo, 'out/idsync.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId), ['existing-audience', 'invalid-strategy']);
    assert.deepEqual(sarif.runs[0].automationDetails, { id: 'configs/' });
    fs.rmSync(path.join(repo, 'out'), { recursive: true });
  });

  it('a clean change passes; fail-on-warnings turns a warning into a failure; no base: no summary', () => {
    try {
      write(repo, 'configs/vip.idsync.json', BASE_CONFIG.replace('"last"', '"first"'));
      const ok = runAction(action, repo, {}, github());
      assert.deepEqual(ok.runs.map((s) => [s.id, s.status]), [['build', 0], ['diff', 0], ['check', 0]], ok.runs.map((s) => `${s.id}: ${s.stderr}`).join('\n'));
      assert.match(ok.summary, /\| changed \| entry email \| last → EMAIL \| first → EMAIL \|/);
      write(repo, 'configs/vip.idsync.json', BASE_CONFIG.replace('"existing": true', '"existing": true, "nmae": "x"'));
      const strict = runAction(action, repo, { 'fail-on-warnings': 'true' }, github());
      assert.deepEqual(strict.runs.map((s) => [s.id, s.status]), [['build', 0], ['diff', 0], ['check', 1]], strict.runs.map((s) => `${s.id}: ${s.stderr}`).join('\n'));
      assert.match(strict.runs[2].stdout, /^::warning file=configs\/vip\.idsync\.json,.*title=unknown-property::/m);
      const push = runAction(action, repo, {}, { ...github(), 'event.pull_request.base.sha': '' });
      assert.equal(push.runs[1].stdout, 'idsync: no base ref (not a pull request): no diff summary\n');
      assert.equal(push.summary, '');
      const badBase = runAction(action, repo, { base: 'no-such-ref' }, github());
      assert.equal(badBase.runs[1].status, 0, badBase.runs[1].stderr);
      assert.match(badBase.runs[1].stdout, /^::warning title=idsync diff::idsync diff could not compare with no-such-ref \(exit code 2\): see the log\n$/);
    } finally {
      git(repo, 'checkout', '--', '.');
    }
  });

  it('docs/ci.md: the workflows use the action with declared inputs only', () => {
    const doc = fs.readFileSync(path.join(REPO, 'docs', 'ci.md'), 'utf8');
    const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).filter((b) => /uses: idsync\/idsync@v1/.test(b));
    assert.ok(blocks.length >= 2, 'two complete workflows');
    for (const b of blocks) {
      const lines = b.split('\n');
      const at = lines.findIndex((l) => /uses: idsync\/idsync@v1/.test(l));
      const indent = /^(\s*)/.exec(lines[at])![1].length;
      const withAt = lines.findIndex((l, i) => i > at && /^\s*with:/.test(l));
      if (withAt < 0) continue;
      for (const l of lines.slice(withAt + 1)) {
        const m = /^(\s*)([\w-]+):/.exec(l);
        if (!m || m[1].length <= indent + 2) break;
        assert.ok(m[2] in action.inputs, `docs/ci.md uses an undeclared input: ${m[2]}`);
      }
      assert.match(b, /actions\/checkout@v4/);
    }
  });

  it('timing (IDSYNC_ACTION_TIMING=1): the steps before and after, from clean copies of the action', function () {
    if (process.env.IDSYNC_ACTION_TIMING !== '1') this.skip();
    this.timeout(900000);
    const before = process.env.IDSYNC_ACTION_TIMING_BASE ?? '8aafe34';
    const root = tempDir('idsync-action-timing-');
    // Warm: the machine's npm cache, preferred over the network (the figures leave out download
    // time). IDSYNC_ACTION_TIMING_COLD=1: an empty cache, every package from the registry, as on a
    // fresh GitHub-hosted runner.
    const cold = process.env.IDSYNC_ACTION_TIMING_COLD === '1';
    const npmEnv: Record<string, string> = cold
      ? { npm_config_cache: path.join(root, 'empty-npm-cache') }
      : { npm_config_cache: process.env.npm_config_cache ?? path.join(process.env.HOME ?? '/root', '.npm'), npm_config_prefer_offline: 'true' };
    const copy = (name: string, commit: string, withDist: boolean) => {
      const dir = path.join(root, name);
      fs.mkdirSync(dir);
      execFileSync('bash', ['-c', `git -C "$0" archive "$1" | tar -x -C "$2"`, REPO, commit, dir]);
      if (withDist) fs.cpSync(path.join(REPO, 'dist'), path.join(dir, 'dist'), { recursive: true }); // as a release commits it
      return dir;
    };
    const variants: Array<[string, string]> = [
      [`before (${before}, builds from source)`, copy('before', before, false)],
      ['after, a release (dist/cli.js committed)', copy('release', 'HEAD', true)],
      ['after, a fork (no dist/: from source)', copy('fork', 'HEAD', false)],
    ];
    const lines: string[] = [];
    for (const [label, actionPath] of variants) {
      const a = parseAction(fs.readFileSync(path.join(actionPath, 'action.yml'), 'utf8'));
      const r = runAction(a, repo, {}, { ...github(), action_path: actionPath }, npmEnv);
      assert.deepEqual(r.runs.map((x) => [x.id, x.status]), [['build', 0], ['diff', 0], ['check', 1]], r.runs.map((x) => x.stderr).join('\n'));
      if (label.includes('release')) assert.match(r.runs[0].stdout, /^idsync: using the released dist\/cli\.js/);
      else assert.doesNotMatch(r.runs[0].stdout, /using the released/);
      lines.push(`${cold ? 'cold' : 'warm'} cache, ${label}: ${r.runs.map((x) => `${x.id} ${x.seconds.toFixed(2)} s`).join(', ')}; total ${r.runs.reduce((t, x) => t + x.seconds, 0).toFixed(2)} s`);
    }
    fs.rmSync(root, { recursive: true, force: true });
    console.log(lines.map((l) => `      ${l}`).join('\n'));
  });
});
