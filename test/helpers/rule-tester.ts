/**
 * Table tests for rules, in the manner of ESLint's RuleTester: each valid case must produce no
 * diagnostic of the rule; each invalid case lists exactly the diagnostics expected (code
 * implied, message, range) and, for fixable rules, the full text after applying each
 * diagnostic's preferred (or first) fix.
 */
import * as assert from 'node:assert/strict';
import { applyEdits } from 'jsonc-parser';
import { lintText, ALL_RULES, EMPTY_SPACE } from '../../server/src/engine';
import type { Rule, SpaceConfig, Diagnostic, Severity } from '../../server/src/engine';

export interface ExpectedDiagnostic {
  message: string | RegExp;
  /** [startLine, startChar, endLine, endChar], 0-based. */
  range: [number, number, number, number];
  severity?: Severity;
}

export interface InvalidCase {
  name?: string;
  text: string;
  space?: Partial<SpaceConfig>;
  errors: ExpectedDiagnostic[];
  /** Full text after applying the preferred fix of the first diagnostic; null when no fix is offered. */
  output?: string | null;
}

export interface ValidCase {
  name?: string;
  text: string;
  space?: Partial<SpaceConfig>;
}

export function spaceOf(partial?: Partial<SpaceConfig>): SpaceConfig {
  return { ...EMPTY_SPACE, ...partial };
}

/** Lints with all rules and keeps the diagnostics of one rule (so rule interplay is real). */
export function diagnosticsOf(rule: Rule, text: string, space?: Partial<SpaceConfig>): Diagnostic[] {
  return lintText(text, { space: spaceOf(space) }).diagnostics.filter((d) => d.code === rule.code);
}

export function preferredFix(d: Diagnostic) {
  return d.fixes?.find((f) => f.isPreferred) ?? d.fixes?.[0];
}

export function ruleTable(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.code}`, () => {
    it('is registered with metadata', () => {
      assert.ok(ALL_RULES.includes(rule), 'rule is in ALL_RULES');
      assert.match(rule.code, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(rule.description.length > 10);
    });
    const seen = new Set<string>();
    for (const [i, c] of cases.valid.entries()) {
      it(`valid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        assert.ok(!seen.has(c.text), 'duplicate case');
        seen.add(c.text);
        assert.deepEqual(diagnosticsOf(rule, c.text, c.space).map((d) => d.message), []);
      });
    }
    for (const [i, c] of cases.invalid.entries()) {
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        assert.ok(!seen.has(c.text), 'duplicate case');
        seen.add(c.text);
        const got = diagnosticsOf(rule, c.text, c.space);
        assert.equal(got.length, c.errors.length, `expected ${c.errors.length} diagnostics, got: ${JSON.stringify(got.map((d) => d.message))}`);
        got.forEach((d, j) => {
          const e = c.errors[j];
          if (typeof e.message === 'string') assert.equal(d.message, e.message);
          else assert.match(d.message, e.message);
          assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], e.range, `range of "${d.message}"`);
          assert.equal(d.severity, e.severity ?? rule.defaultSeverity);
        });
        if (rule.fixable) {
          assert.ok(c.output !== undefined, 'a fixable rule needs an output assertion in every invalid case');
        }
        if (c.output !== undefined) {
          const fix = got[0] && preferredFix(got[0]);
          if (c.output === null) assert.equal(fix, undefined, 'expected no fix');
          else {
            assert.ok(fix, 'expected a fix');
            const out = applyEdits(c.text, fix.edits);
            assert.notEqual(out, c.text, 'fix changes nothing');
            assert.equal(out, c.output);
          }
        }
      });
    }
  });
}
