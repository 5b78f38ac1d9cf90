/**
 * Keeps docs/rules in step with the registry: a page per rule naming its default severity and
 * fixability, a row per rule in docs/rules/README.md, no page or row for a rule that does not
 * exist, and examples that do what the page says (the bad one triggers the rule, the good one
 * is clean).
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ALL_RULES, ENGINE_DIAGNOSTICS, lintText } from '../../server/src/engine';
import type { ConfigModel } from '../../server/src/engine';
import { loadSampleProfiles, resolveSampleProfiles } from '../../server/src/engine/preview/samples';
import { space } from '../helpers/config';

const DOCS = resolve(__dirname, '../../../docs/rules');
const read = (name: string) => readFileSync(join(DOCS, name), 'utf8');
const EXAMPLE_SPACE = space('{ "customIdentifiers": ["phone", "crm_id", "shopify_id"] }');
/** The examples live in /w/x.idsync.json; /w/samples/profiles/jane.json is the only profile there. */
const EXAMPLE_FILES: Record<string, string> = {
  '/w/samples/profiles/jane.json': '{ "external_ids": [{ "type": "email", "id": "jane@example.com", "created_at": "2024-01-01T00:00:00Z" }] }',
};
const exampleSamples = (model: ConfigModel) =>
  loadSampleProfiles({ readFile: (p) => EXAMPLE_FILES[p] }, resolveSampleProfiles('/w/x.idsync.json', model, undefined, '/w').filter((r) => r.origin === 'config'));
const lintExample = (text: string) => lintText(text, { space: EXAMPLE_SPACE, samples: exampleSamples });

function example(page: string, heading: 'Bad' | 'Good'): string {
  const m = new RegExp(`^## ${heading}\\n\\n\`\`\`jsonc\\n([\\s\\S]*?)\\n\`\`\`$`, 'm').exec(page);
  assert.ok(m, `a "## ${heading}" section with a jsonc example`);
  return m[1];
}

describe('rule docs', () => {
  const readme = read('README.md');

  for (const rule of ALL_RULES) {
    describe(rule.code, () => {
      const file = join(DOCS, `${rule.code}.md`);
      it('has a page with its code as title, its default severity and fixability', () => {
        assert.ok(existsSync(file), `docs/rules/${rule.code}.md exists`);
        const page = read(`${rule.code}.md`);
        assert.equal(page.split('\n')[0], `# ${rule.code}`);
        const sev = /^Default severity: `(\w+)`/m.exec(page);
        assert.ok(sev, 'names a default severity');
        assert.equal(sev[1], rule.defaultSeverity);
        assert.match(page, new RegExp(`^Fixable: ${rule.fixable ? 'yes' : 'no'}$`, 'm'));
        assert.equal(/^## Quick fix$/m.test(page), !!rule.fixable, 'a "Quick fix" section exactly when the rule is fixable');
        assert.match(page, /^Source: \S/m);
      });

      it('has a row in the README table', () => {
        const row = readme.split('\n').find((l) => l.startsWith(`| [\`${rule.code}\`](${rule.code}.md) |`));
        assert.ok(row, 'row present');
        const cells = row.split(' | ');
        assert.equal(cells[1], `\`${rule.defaultSeverity}\``);
        assert.equal(cells[2], rule.fixable ? 'yes' : 'no');
      });

      it('its bad example triggers it and its good example is clean', () => {
        const page = read(`${rule.code}.md`);
        const bad = lintExample(example(page, 'Bad')).diagnostics.map((d) => d.code);
        assert.ok(bad.includes(rule.code), `bad example reports ${rule.code}; got ${JSON.stringify(bad)}`);
        const good = lintExample(example(page, 'Good')).diagnostics.map((d) => `${d.code}: ${d.message}`);
        assert.deepEqual(good, []);
      });
    });
  }

  it('documents no rule that does not exist', () => {
    const codes = new Set(ALL_RULES.map((r) => r.code));
    const engine = new Set(ENGINE_DIAGNOSTICS.map((d) => d.code));
    const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.slice(0, -3));
    assert.deepEqual(pages.filter((p) => !codes.has(p) && !engine.has(p)), []);
    const rows = [...readme.matchAll(/^\| \[`([a-z-]+)`\]/gm)].map((m) => m[1]);
    assert.deepEqual([...rows].sort(), [...codes].sort());
  });
});

describe('engine diagnostics docs', () => {
  const readme = read('README.md');
  for (const d of ENGINE_DIAGNOSTICS) {
    it(`${d.code}: a page with its code as title and severity, listed in the rules README (not as a rule row)`, () => {
      const page = read(`${d.code}.md`);
      assert.equal(page.split('\n')[0], `# ${d.code}`);
      assert.match(page, new RegExp(`^\\*\\*Severity:\\*\\* ${d.defaultSeverity} \\(fixed\\) · \\*\\*Reported by:\\*\\* the engine, not a rule`, 'm'));
      const line = `- [\`${d.code}\`](${d.code}.md) (\`${d.defaultSeverity}\`): `;
      assert.ok(readme.split('\n').some((l) => l.startsWith(line)), `README line starting ${line}`);
    });
  }
});

describe('project README', () => {
  const text = readFileSync(resolve(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  for (const rule of ALL_RULES) {
    it(`lists ${rule.code} with its default severity and fixability`, () => {
      const row = text.split('\n').find((l) => l.startsWith(`| [\`${rule.code}\`](docs/rules/${rule.code}.md) |`));
      assert.ok(row, `README.md rules table has a row for ${rule.code}`);
      const cells = row.split(' | ');
      assert.equal(cells[1], `\`${rule.defaultSeverity}\``);
      assert.equal(cells[2], rule.fixable ? 'yes' : 'no');
    });
  }
  it('gives the two commands a newcomer runs', () => {
    assert.match(text, /^npm ci && npm start\b/m);
    assert.match(text, /^npm ci && npm test\b/m);
  });
});
