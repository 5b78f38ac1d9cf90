/**
 * No network access anywhere: the shipped bundles (built by `npm test`'s pretest) must not load
 * an HTTP/TLS/UDP client or use browser network APIs. `net` is allowed in the extension and the
 * server only because vscode-jsonrpc uses it for the local IPC pipe/socket between them (and the
 * CLI, which needs no IPC, must not load it at all).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const DIST = resolve(__dirname, '../../../dist');
const FORBIDDEN_MODULES = ['http', 'https', 'http2', 'tls', 'dgram', 'dns', 'undici', 'node-fetch', 'axios', 'ws'];
const FORBIDDEN_APIS = [/\bfetch\s*\(/, /\bXMLHttpRequest\b/, /\bnew\s+WebSocket\b/, /\bEventSource\b/, /\bsendBeacon\b/];
const TELEMETRY = [/applicationinsights/i, /@vscode\/extension-telemetry/, /TelemetryReporter/];

function requiredModules(code: string): string[] {
  const out = new Set<string>();
  for (const m of code.matchAll(/require\(\s*["'](?:node:)?([^"'/]+)[^"']*["']\s*\)/g)) out.add(m[1]);
  for (const m of code.matchAll(/\bimport\(\s*["'](?:node:)?([^"'/]+)[^"']*["']\s*\)/g)) out.add(m[1]);
  return [...out].sort();
}

describe('no network access, no telemetry (bundle scan)', () => {
  for (const bundle of ['cli.js', 'server.js', 'client.js']) {
    describe(`dist/${bundle}`, () => {
      const code = readFileSync(resolve(DIST, bundle), 'utf8');
      it('loads no network module', () => {
        const bad = requiredModules(code).filter((m) => FORBIDDEN_MODULES.includes(m));
        assert.deepEqual(bad, []);
      });
      it('uses no browser network API', () => {
        assert.deepEqual(FORBIDDEN_APIS.filter((re) => re.test(code)).map(String), []);
      });
      it('ships no telemetry library', () => {
        assert.deepEqual(TELEMETRY.filter((re) => re.test(code)).map(String), []);
      });
    });
  }
  it('the CLI does not even load `net`', () => {
    assert.ok(!requiredModules(readFileSync(resolve(DIST, 'cli.js'), 'utf8')).includes('net'));
  });
  it('the scan would catch a network client (self-check)', () => {
    assert.deepEqual(requiredModules('const h=require("node:https");const x=require("net")'), ['https', 'net']);
    assert.ok(FORBIDDEN_APIS[0].test('await fetch("https://x")'));
  });
});
