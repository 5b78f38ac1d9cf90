// Runs the end-to-end suites (what `npm run test:e2e` runs after test/e2e/setup.sh).
// A small step runner: numbered steps, a screenshot after each step (and on failure), the steps
// after a failure in the same suite are skipped, and the last line is `N passed, N failed`.
//
//   node test/e2e/run.mjs            every suite except opt-in ones (today: idsync)
//   node test/e2e/run.mjs smoke      only the named suite(s)
import { mkdirSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import { ARTIFACTS_DIR, CHROMIUM, E2E_DIR, ROOT, Session } from './harness.mjs';

const only = process.argv.slice(2);
const suitesDir = join(E2E_DIR, 'suites');
// A suite that exports `optIn = true` (the harness's own smoke suite) runs only when named.
const suiteFiles = [];
for (const f of readdirSync(suitesDir).filter((f) => f.endsWith('.mjs')).sort()) {
  const name = f.replace(/\.mjs$/, '');
  if (only.length ? only.includes(name) : !(await import(pathToFileURL(join(suitesDir, f)).href)).optIn) suiteFiles.push(f);
}
if (suiteFiles.length === 0) {
  console.error(`no suite matches ${only.join(', ')} in ${relative(ROOT, suitesDir)}`);
  process.exit(2);
}

mkdirSync(ARTIFACTS_DIR, { recursive: true });
const counts = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
let n = 0;
const t0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;

console.log(`e2e: code-server 4.99.4 (VS Code 1.99.3) in ${CHROMIUM}; artifacts in ${relative(ROOT, ARTIFACTS_DIR)}/`);

for (const file of suiteFiles) {
  const name = file.replace(/\.mjs$/, '');
  const mod = await import(pathToFileURL(join(suitesDir, file)).href);
  console.log(`\n[${name}] ${mod.title ?? ''}`);
  const sessions = [];
  let broken = false; // a step failed: skip the rest of this session
  let fatal = false; // a step outside any session failed: skip the rest of the suite
  let current; // the session the screenshots come from

  const t = {
    /** A numbered step; skipped when an earlier step of this suite failed. */
    async step(title, fn) {
      n += 1;
      const label = `${n}. ${title}`;
      if (broken || fatal) {
        counts.skipped += 1;
        console.log(`  ${label} ... skipped (an earlier step failed)`);
        return undefined;
      }
      if (current) current.at(label);
      const started = Date.now();
      try {
        const value = await fn(current);
        let shot = '';
        if (current && !current.closed) shot = await current.screenshot(title).catch(() => '');
        counts.passed += 1;
        console.log(`  ${label} ... ok (${secs(Date.now() - started)})${shot ? `  ${relative(ROOT, shot)}` : ''}`);
        return value;
      } catch (e) {
        broken = true;
        if (!current || current.closed) fatal = true; // nothing to go on with (e.g. no .vsix)
        counts.failed += 1;
        const message = describeError(label, e);
        let shot = '';
        if (current && !current.closed) shot = await current.screenshot(`${title}-FAILED`).catch(() => '');
        console.log(`  ${label} ... FAILED (${secs(Date.now() - started)})`);
        console.log(message.replace(/^/gm, '     '));
        if (shot) console.log(`     screenshot: ${relative(ROOT, shot)}`);
        if (current) console.log(`     code-server log and user data: ${relative(ROOT, current.dir)}/`);
        failures.push(`${name}: ${message.split('\n')[0]}`);
        return undefined;
      }
    },
    /** A step that starts a Session (closed when the suite ends); later steps drive it. */
    async session(title, opts) {
      broken = false; // a new session starts from a clean slate
      return t.step(title, async () => {
        const s = await Session.start({ ...opts, name: opts.name ?? name });
        sessions.push(s);
        current = s;
        s.at(`${n}. ${title}`);
        return s;
      });
    },
    /** Ends a session now (e.g. before starting the next one, to spare the 2 cores). */
    async end(s) {
      if (!s) return;
      await s.close();
      if (current === s) current = undefined;
    },
  };

  try {
    await mod.default(t);
  } catch (e) {
    counts.failed += 1;
    console.log(`  suite ${name} crashed outside a step: ${e?.stack ?? e}`);
    failures.push(`${name}: crashed: ${e?.message ?? e}`);
  } finally {
    await Promise.allSettled(sessions.map((s) => s.close()));
  }
}

/** One failure as text: E2eError messages as they are; assertions with expected and actual. */
function describeError(label, e) {
  if (e?.name === 'E2eError') return e.message;
  if (e?.code === 'ERR_ASSERTION') {
    const where = (e.stack ?? '').split('\n').find((l) => l.includes('/suites/'))?.trim() ?? '';
    const show = (v) => inspect(v, { depth: 4, breakLength: Infinity });
    const detail = e.generatedMessage ? e.message : `${e.message}: expected ${show(e.expected)} (${e.operator}), got ${show(e.actual)}`;
    return `[${label}] ${detail}${where ? `\n(${where})` : ''}`;
  }
  // Playwright errors carry a long call log: keep the first line and where in the suite it was.
  const where = (e?.stack ?? '').split('\n').filter((l) => /\/(suites|harness)/.test(l)).slice(0, 2).map((l) => l.trim());
  return `[${label}] ${String(e?.message ?? e).split('\n')[0]}${where.length ? `\n(${where.join('; ')})` : ''}`;
}

console.log(`\nduration ${secs(Date.now() - t0)}; ${counts.skipped} skipped`);
if (failures.length) console.log(`failures:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
console.log(`${counts.passed} passed, ${counts.failed} failed`);
process.exitCode = counts.failed > 0 || counts.skipped > 0 ? 1 : 0;
