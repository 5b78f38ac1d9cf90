/**
 * Limits: deep nesting, huge strings, thousands of entries and oversized files each end in a
 * clear, positioned message, never a hang or a stack overflow.
 */
import * as assert from 'node:assert/strict';
import { lintText, Workspace, ALL_RULES, DEFAULT_ENGINE_MAX_FILE_SIZE } from '../../server/src/engine';
import type { Diagnostic, LintOptions, Rule } from '../../server/src/engine';
import { elide, FIX_PARSE_BUDGET, MAX_MESSAGE_LENGTH } from '../../server/src/engine/lint/lint';
import { tooManyAll } from '../../server/src/engine/lint/rules/too-many-all';
import { unusedDisableDirective } from '../../server/src/engine/lint/rules/unused-disable-directive';
import { checkDiagnostics } from './support';

/**
 * Generous: these take well under a second on an idle machine. CPU time of this process, not
 * wall time, so a loaded machine (other jobs on both cores) does not fail the test.
 */
const MAX_MS = 5000;

function timedLint(text: string, options?: LintOptions, maxMs = MAX_MS) {
  const start = process.cpuUsage();
  const result = lintText(text, options);
  const used = process.cpuUsage(start);
  const ms = Math.round((used.user + used.system) / 1000);
  assert.ok(ms < maxMs, `took ${ms} ms of CPU time`);
  checkDiagnostics(text, result.diagnostics, 'diagnostics');
  return result;
}

const brief = (d: Diagnostic) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range });
const config = (entries: string, extra = '') => `{
  "audience": { "key": "vip" },
  "destination": { "slug": "actions-snap-audiences" },${extra}
  "idSyncConfiguration": [
${entries}
  ]
}`;
const allEntry = (i: number) => `    { "externalId": "email", "strategy": "all", "mapTo": "email" }${i < 0 ? '' : ','}`;
const entries = (n: number) => Array.from({ length: n }, (_, i) => allEntry(i === n - 1 ? -1 : i)).join('\n');
/**
 * Six entries with distinct identifiers, all "all", the first three clean: the limits
 * (too-many-all from the fourth, too-many-identifiers on the sixth) and what they bring apply,
 * and identifier-kind-mismatch on the fourth and fifth (device ids sent as phone numbers).
 * Identical entries would be duplicate-identifier errors, reported before too-many-all.
 */
const DISTINCT = [['email', 'email'], ['android.idfa', 'android_idfa'], ['ios.idfa', 'ios_idfa'], ['ios.id', 'phone'], ['android.id', 'phone'], ['ga_client_id', 'phone']];
const distinctEntries = (n: number) =>
  DISTINCT.slice(0, n)
    .map(([id, key], i) => `    { "externalId": "${id}", "strategy": "all", "mapTo": "${key}" }${i < n - 1 ? ',' : ''}`)
    .join('\n');
const NESTING = 'Nesting deeper than 1000 levels: the file is not analysed further.';

describe('reliability: limits', () => {
  describe('nesting 100,000 levels deep', () => {
    it('[[[[... : one syntax diagnostic at the first level too deep', () => {
      const r = timedLint('['.repeat(100_000));
      assert.deepEqual(r.diagnostics.map(brief), [
        { code: 'syntax', severity: 'error', message: NESTING, range: { start: { line: 0, character: 1000 }, end: { line: 0, character: 1001 } } },
      ]);
    });

    it('[[[[...]]]] closed: the same single diagnostic', () => {
      const r = timedLint('['.repeat(100_000) + ']'.repeat(100_000));
      assert.deepEqual(r.diagnostics.map((d) => [d.code, d.message, d.offset]), [['syntax', NESTING, 1000]]);
    });

    it('{"a":{"a":... : one syntax diagnostic', () => {
      const r = timedLint('{"a":'.repeat(100_000));
      assert.deepEqual(r.diagnostics.map((d) => [d.code, d.message, d.offset, d.length]), [['syntax', NESTING, 5000, 1]]);
    });

    it('deep nesting inside an entry value', () => {
      const text = config(`    { "externalId": "email", "strategy": "last", "mapTo": ${'['.repeat(100_000)} }`);
      const r = timedLint(text);
      assert.deepEqual(r.diagnostics.map((d) => [d.code, d.message]), [['syntax', NESTING]]);
      assert.equal(r.diagnostics[0].range.start.line, 4);
    });

    it('1,000 levels (the limit) is still analysed', () => {
      const r = timedLint(`{"name": ${'['.repeat(999)}${']'.repeat(999)}}`);
      assert.deepEqual(r.diagnostics.filter((d) => d.code === 'syntax'), []);
    });
  });

  describe('a 1 MB string', () => {
    const mb = 'x'.repeat(1 << 20);

    it('as a label: linted like any other value', () => {
      const r = timedLint(config(entries(1), `\n  "name": "${mb}",`));
      assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    });

    it('as a strategy: one diagnostic over the whole string, its message elided to a readable length', () => {
      const text = config(`    { "externalId": "email", "strategy": "${mb}", "mapTo": "email" }`);
      const [d, ...rest] = timedLint(text).diagnostics.filter((x) => x.code === 'invalid-strategy');
      assert.deepEqual(rest, []);
      assert.equal(d.length, mb.length + 2);
      assert.equal(d.message.length, MAX_MESSAGE_LENGTH);
      assert.match(d.message, /^Unknown strategy "x{100,}x … x+": use "first" \(oldest value\), "last" \(most recently added\) or "all" \(every value, one event each\)\.$/);
      assert.deepEqual(d.fixes?.[0].edits, [{ offset: d.offset, length: d.length, content: '"last"' }]);
    });

    it('as a comment and as a directive', () => {
      const text = `// ${mb}\n/* idsync-disable-next-line too-many-all -- ${mb} */\n${config(distinctEntries(2))}`;
      const r = timedLint(text);
      // mobile-ids-disabled: the Snap config maps ios.idfa with Send Mobile IDs unset (Snap's pages disagree: a warning).
      assert.deepEqual(r.diagnostics.map((d) => d.code), ['unused-disable-directive', 'mobile-ids-disabled']);
    });

    it('elision never splits a surrogate pair', () => {
      const s = '😀'.repeat(1000);
      for (const max of [99, 100, 101, 102]) {
        const e = elide(s, max);
        assert.ok(e.length <= max);
        assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(e), `lone surrogate at max ${max}`);
      }
      assert.equal(elide('short', 10), 'short');
    });
  });

  describe('10,000 idSyncConfiguration entries', () => {
    const text = config(entries(10_000));

    it('too-many-all alone: the first 1,000 diagnostics, then one saying how many more were omitted', () => {
      const r = timedLint(text, { rules: [tooManyAll] });
      assert.equal(r.diagnostics.length, 1001);
      assert.deepEqual(r.diagnostics.slice(0, 2).map((d) => [d.code, d.range.start.line]), [['too-many-all', 7], ['too-many-all', 8]]);
      const last = r.diagnostics[1000];
      const lines = text.split('\n');
      assert.deepEqual(brief(last), {
        code: 'too-many-problems',
        severity: 'warning',
        message: '8,997 more problems are not listed: only the first 1,000 of a file are (maxDiagnostics). Fix those and lint again.',
        range: { start: { line: lines.length - 1, character: 1 }, end: { line: lines.length - 1, character: 1 } },
      });
    });

    it('every registered rule: bounded output, still within the time limit', () => {
      const r = timedLint(text, {}, 2 * MAX_MS);
      assert.ok(r.diagnostics.length <= 1001, `${r.diagnostics.length} diagnostics`);
      assert.equal(r.diagnostics[r.diagnostics.length - 1].code, 'too-many-problems');
      assert.match(r.diagnostics[r.diagnostics.length - 1].message, /^[\d,]+ more problems are not listed/);
    });

    it('a suppression past the cap still counts as used', () => {
      const withDirective = config(entries(10_000).replace(/\n/g, (nl, i: number, all: string) => (i === all.indexOf('\n', all.length - 6000) ? '\n    // idsync-disable-next-line too-many-all -- reviewed\n' : nl)));
      const r = timedLint(withDirective, { rules: [tooManyAll, unusedDisableDirective] });
      assert.deepEqual(r.diagnostics.filter((d) => d.code === 'unused-disable-directive'), []);
      assert.equal(r.suppressed.length, 1);
      assert.match(r.diagnostics[1000].message, /^8,996 more problems/);
    });

    it('maxDiagnostics is an option', () => {
      const r = timedLint(config(entries(6)), { rules: [tooManyAll], maxDiagnostics: 2 });
      assert.deepEqual(r.diagnostics.map((d) => d.code), ['too-many-all', 'too-many-all', 'too-many-problems']);
      assert.equal(r.diagnostics[2].message, '1 more problem is not listed: only the first 2 of a file are (maxDiagnostics). Fix those and lint again.');
    });

    it('quick fixes that re-parse the file stop at a budget instead of taking minutes', () => {
      // Removing an array item is a targeted edit now (no re-parse); setting an object value still
      // goes through jsonc-parser's modify, which re-parses the whole file on every call.
      const setEach: Rule = {
        code: 'set-each',
        defaultSeverity: 'warning',
        description: 'Test rule: offers a fix on every entry that sets an object value (jsonc-parser modify re-parses the file each time).',
        check(ctx) {
          for (const e of ctx.model.entries) ctx.report({ node: e.node, message: 'Entry.', fixes: [{ title: 'Set', edits: ctx.setValue(['idSyncConfiguration', e.index, 'mapTo'], { key: 'email' }) }] });
        },
      };
      const r = timedLint(text, { rules: [setEach] }, 2 * MAX_MS);
      const withFix = r.diagnostics.filter((d) => d.fixes).length;
      assert.equal(withFix, Math.floor(FIX_PARSE_BUDGET / text.length));
      assert.equal(r.diagnostics.length, 1001);
    });
  });

  describe('files over the configured size', () => {
    it('exactly one file-too-large diagnostic, no parsing', () => {
      const text = '{ "broken": [ '.padEnd(101, ' ');
      const r = timedLint(text, { maxFileSize: 100 });
      assert.deepEqual(r.diagnostics.map(brief), [
        {
          code: 'file-too-large',
          severity: 'error',
          message: 'The file is 101 characters long, over the limit of 100 (maxFileSize): it is not analysed. A configuration is normally a few kilobytes; raise the limit if this file really is meant to be this big.',
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        },
      ]);
      assert.deepEqual(r.suppressed, []);
    });

    it('a file exactly at the limit is analysed', () => {
      // A complete configuration up to an unterminated string: only syntax errors, once analysed.
      const text = '{ "audience": { "key": "v" }, "destination": { "slug": "actions-snap-audiences" }, "name": "'.padEnd(100, ' ');
      const found = timedLint(text, { maxFileSize: 100 }).diagnostics.map((d) => [d.code, d.offset, d.length, d.message]);
      assert.deepEqual(found, [
        ['syntax', 91, 9, 'Unterminated string.'],
        ['syntax', 100, 0, 'Closing brace `}` expected.'],
      ]);
    });

    it('the default limit applies to a 5 MB file', () => {
      const text = config(entries(1), `\n  "name": "${'y'.repeat(5 << 20)}",`);
      const r = timedLint(text);
      assert.deepEqual(r.diagnostics.map((d) => d.code), ['file-too-large']);
      assert.match(r.diagnostics[0].message, new RegExp(`over the limit of ${DEFAULT_ENGINE_MAX_FILE_SIZE.toLocaleString('en-US')} \\(maxFileSize\\)`));
    });

    it('the workspace (CLI and language server) passes its limits through, for configs and space files', () => {
      const files = new Map([
        ['/ws/idsync.space.json', `{ "customIdentifiers": ["${'z'.repeat(200)}"] }`],
        ['/ws/a.idsync.json', config(distinctEntries(6))],
      ]);
      const ws = new Workspace({ readFile: (p) => files.get(p) }, '/ws', undefined, { limits: { maxFileSize: 150 } });
      const res = ws.lint('/ws/a.idsync.json', files.get('/ws/a.idsync.json')!);
      assert.deepEqual(res.result.diagnostics.map((d) => d.code), ['file-too-large']);
      assert.deepEqual(res.space?.diagnostics.map((d) => d.code), ['file-too-large']);
      ws.limits = { maxDiagnostics: 1 };
      ws.invalidate();
      assert.deepEqual(ws.lint('/ws/a.idsync.json', files.get('/ws/a.idsync.json')!).result.diagnostics.map((d) => d.code), [
        'mobile-ids-disabled', // ios.idfa with Send Mobile IDs unset (Snap: a warning), the first problem in the file
        'too-many-problems',
      ]);
      assert.ok(ALL_RULES.length > 0);
    });
  });
});
