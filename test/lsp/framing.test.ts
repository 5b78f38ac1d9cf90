/**
 * Framing errors on stdio: `node dist/server.js --stdio` given a header without Content-Length,
 * a negative or non-numeric Content-Length, or a body that is not JSON-RPC must exit with code 1
 * and say why on stderr (before, it stayed alive but deaf until stdin closed). Waits on the exit
 * event with a timeout; no sleeps.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withTimeout } from './helpers/client';

const ROOT = path.resolve(__dirname, '../../..');
const SERVER = path.join(ROOT, 'dist/server.js');

function frame(body: string, header = `Content-Length: ${Buffer.byteLength(body)}`): string {
  return `${header}\r\n\r\n${body}`;
}

const INITIALIZE = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });

/** Starts the server, writes `input` (after an initialize when `afterInit`), and waits for the exit. */
async function run(input: string, afterInit: boolean): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    if (afterInit) {
      const answered = new Promise<void>((resolve) =>
        child.stdout.on('data', (d) => {
          stdout += d;
          if (stdout.includes('"id":1')) resolve();
        }),
      );
      child.stdin.write(frame(INITIALIZE));
      await withTimeout(answered, 10000, `initialize answer; stderr: ${stderr}`);
    } else child.stdout.on('data', (d) => (stdout += d));
    child.stdin.write(input); // stdin stays open: the server must exit by itself
    const code = await withTimeout(exited, 10000, `server exit after a bad frame; stderr: ${stderr}`);
    return { code, stderr, stdout };
  } finally {
    if (child.exitCode === null) child.kill();
  }
}

describe('idsync-language-server --stdio: framing errors end the process loudly', () => {
  before(() => assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run npm run build`));

  const cases: Array<[string, string, RegExp]> = [
    ['a header without Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}', /Header must provide a Content-Length property/],
    ['a negative Content-Length', frame('{"jsonrpc":"2.0","method":"initialized","params":{}}', 'Content-Length: -5'), /unreadable input from the client|not a JSON-RPC 2\.0 message/],
    ['a Content-Length of -1 and nothing after it', 'Content-Length: -1\r\n\r\n', /unreadable input from the client/],
    ['a Content-Length that is not a number', frame('{}', 'Content-Length: twelve'), /Content-Length value must be a number\. Got twelve/],
    ['a body that is not JSON', frame('{"jsonrpc": "2.0", "method": '), /unreadable input from the client/],
    ['a body that is JSON but not JSON-RPC', frame('[1,2,3]'), /not a JSON-RPC 2\.0 message: \[1,2,3\]/],
  ];
  for (const [what, input, message] of cases) {
    // The first two also after a successful initialize (a session that worked, then lost step).
    for (const afterInit of cases.indexOf(cases.find((c) => c[0] === what)!) < 2 ? [false, true] : [false]) {
      it(`${what}${afterInit ? ', after initialize' : ', as the first message'}: exit code 1 and the reason on stderr`, async function () {
        this.timeout(25000);
        const r = await run(input, afterInit);
        assert.equal(r.code, 1, `exit code; stderr: ${r.stderr}`);
        assert.match(r.stderr, /^idsync-language-server: .+\. The connection cannot recover; exiting\.$/m, `stderr: ${r.stderr}`);
        assert.match(r.stderr, message, `stderr: ${r.stderr}`);
      });
    }
  }

  it('a well-framed session still works and exits 0 after shutdown and exit', async function () {
    this.timeout(25000);
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const answered = (id: number) => new Promise<void>((resolve) => child.stdout.on('data', (d) => ((stdout += d), stdout.includes(`"id":${id}`) && resolve())));
    const a1 = answered(1);
    child.stdin.write(frame(INITIALIZE));
    await withTimeout(a1, 10000, `initialize; stderr: ${stderr}`);
    const a2 = answered(2);
    child.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'shutdown' })));
    await withTimeout(a2, 10000, `shutdown; stderr: ${stderr}`);
    child.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', method: 'exit' })));
    assert.equal(await withTimeout(exited, 10000, `exit; stderr: ${stderr}`), 0, `stderr: ${stderr}`);
  });

  it('stdin closing without shutdown exits 1 (as before)', async function () {
    this.timeout(25000);
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.stdin.end();
    assert.equal(await withTimeout(exited, 10000, `exit; stderr: ${stderr}`), 1, `stderr: ${stderr}`);
  });
});
