/**
 * The dispatcher and the small commands: --help, --version, unknown commands, `rules`, and the
 * top-level guard (in-process, with a command that throws).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectGolden, FIXTURES, REPO, run } from './harness';
import { runCli } from '../../server/src/cli/cli';
import { COMMANDS } from '../../server/src/cli/commands';
import type { CliIO, Command } from '../../server/src/cli/io';
import { ALL_RULES, docsUrl } from '../../server/src/engine';

function memoryIO(cwd = FIXTURES): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s) => void (out += s) },
    stderr: { write: (s) => void (err += s) },
    cwd,
    env: {},
    out: () => out,
    err: () => err,
  };
}

describe('idsync dispatcher and commands', () => {
  it('--help, help <cmd> and <cmd> --help', () => {
    expectGolden('help', run(['--help']));
    expectGolden('help-check', run(['check', '--help']));
    expectGolden('help-rules', run(['help', 'rules']));
    assert.equal(run(['check', 'tree', '-h']).stdout, run(['help', 'check']).stdout);
  });

  it('--version prints the package.json version', () => {
    const r = run(['--version']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version + '\n');
    assert.equal(run(['-v']).stdout, r.stdout);
  });

  it('no command, an unknown command or option: usage on stderr, exit 2', () => {
    for (const [name, args] of [
      ['usage-no-command', []],
      ['usage-unknown-command', ['chek', 'tree']],
      ['usage-unknown-global-option', ['--verbose']],
      ['usage-help-unknown-command', ['help', 'nope']],
    ] as Array<[string, string[]]>) {
      const r = run(args);
      assert.equal(r.status, 2, `${name}; stderr: ${r.stderr}`);
      assert.equal(r.stdout, '', name);
      expectGolden(name, r);
    }
  });

  it('rules: every registered rule with severity, fixable, description and docs URL', () => {
    const r = run(['rules']);
    assert.equal(r.status, 0, r.stderr);
    const sorted = [...ALL_RULES].sort((a, b) => (a.code < b.code ? -1 : 1));
    const blocks = r.stdout.trimEnd().split(/\n(?=\S)/);
    assert.equal(blocks.length, sorted.length);
    blocks.forEach((block, i) => {
      const rule = sorted[i];
      const [head, desc, url] = block.split('\n');
      assert.deepEqual(head.split(/\s+/), [rule.code, rule.defaultSeverity, ...(rule.fixable ? ['fixable'] : [])]);
      assert.equal(desc, `  ${rule.description}`);
      assert.equal(url, `  ${docsUrl(rule.code)}`);
    });
    const json = JSON.parse(run(['rules', '--format', 'json']).stdout);
    assert.deepEqual(
      json.rules,
      sorted.map((x) => ({ code: x.code, defaultSeverity: x.defaultSeverity, fixable: x.fixable === true, description: x.description, docsUrl: docsUrl(x.code) })),
    );
    const bad = run(['rules', '--format', 'yaml']);
    assert.equal(bad.status, 2, bad.stderr);
    assert.equal(bad.stderr.split('\n')[0], "idsync rules: unknown format 'yaml': use text or json");
  });

  it('runs in-process with the same output as the bundle', async () => {
    const io = memoryIO();
    const code = await runCli(['check', 'tree', '-f', 'json'], io);
    const r = run(['check', 'tree', '-f', 'json']);
    assert.equal(code, r.status, `in-process stderr: ${io.err()}; bundle stderr: ${r.stderr}`);
    assert.equal(io.out(), r.stdout);
    assert.equal(io.err(), r.stderr);
  });

  it('an unexpected error is one line, "idsync: internal error: ...", exit 2, no stack trace', async () => {
    const boom: Command = {
      name: 'boom',
      summary: 'throws',
      usage: 'Usage: idsync boom\n',
      async run() {
        throw new TypeError('something broke\n    at somewhere (file.js:1:1)');
      },
    };
    const io = memoryIO();
    assert.equal(await runCli(['boom'], io, [...COMMANDS, boom]), 2);
    assert.equal(io.err(), 'idsync: internal error: something broke\n');
    assert.equal(io.out(), '');
  });

  it('the registry: a command is one module and one line (names unique, help for each)', async () => {
    const names = COMMANDS.map((c) => c.name);
    assert.deepEqual(names, [...new Set(names)]);
    for (const c of COMMANDS) {
      const io = memoryIO();
      assert.equal(await runCli([c.name, '--help'], io), 0);
      assert.equal(io.out(), c.usage);
      assert.ok(c.usage.startsWith(`Usage: idsync ${c.name}`));
    }
  });
});
