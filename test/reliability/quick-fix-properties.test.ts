/**
 * Every quick fix of every rule (whatever lintText returns, so new rules are covered as they
 * are registered), on every realistic fixture and on fuzzed variants of them: the result parses
 * at least as well, the targeted diagnostic is gone, no new error appears, and every comment
 * outside the edited range is unchanged.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { Rule } from '../../server/src/engine';
import { ALL_RULES } from '../../server/src/engine';
import { arbConfigText, arbMutatedConfig, arbRetypedConfig, checkFixes, fixtures, regressions, SPACES } from './support';
import { SEED } from './engine-properties.test';

const FIXTURES = fixtures();
const texts = FIXTURES.map((f) => f.text);

function fixesHold(arb: fc.Arbitrary<string>, numRuns: number): number {
  let checked = 0;
  fc.assert(
    fc.property(arb, (text) => {
      for (const space of SPACES) checked += checkFixes(text, { space });
    }),
    { seed: SEED, numRuns },
  );
  return checked;
}

describe('reliability: quick fixes', () => {
  let total = 0;
  for (const { name, text } of FIXTURES) {
    it(`every fix offered on ${name}`, () => {
      for (const space of SPACES) total += checkFixes(text, { space });
    });
  }

  it('the fixtures exercise fixes of several rules', () => {
    assert.ok(total >= 20, `only ${total} fixes checked on the fixtures`);
  });

  it('every fix on fixtures with wrong-typed values substituted', () => {
    assert.ok(fixesHold(arbRetypedConfig(texts), 150) > 100);
  });

  it('every fix on damaged fixtures (deleted/duplicated characters, truncation, BOM, EOL)', () => {
    fixesHold(arbMutatedConfig(texts), 200);
  });

  it('every fix on generated config-shaped values', () => {
    assert.ok(fixesHold(arbConfigText, 40) > 50);
  });

  it('every fix on inputs saved from fuzz runs', () => {
    for (const { text } of regressions()) for (const space of SPACES) checkFixes(text, { space });
  });

  describe('the checker itself fails on bad fixes', () => {
    const text = `{
  // keep me
  "idSyncConfiguration": [ { "externalId": "email", "strategy": "bad" /* and me */ } ]
}`;
    const at = text.indexOf('"bad"');
    const ruleWith = (title: string, edits: (t: string) => Array<{ offset: number; length: number; content: string }>): Rule => ({
      code: 'test-rule',
      defaultSeverity: 'error',
      description: 'A rule whose fix is broken on purpose.',
      check(ctx) {
        const bad = ctx.model.entries[0]?.strategy;
        if (bad?.value === 'bad') ctx.report({ node: bad, message: 'Bad strategy.', fixes: [{ title, edits: edits(ctx.model.doc.text) }] });
      },
    });
    const cases: Array<[string, Rule, RegExp]> = [
      ['a fix that eats a comment', ruleWith('eat', () => [{ offset: at, length: 5, content: '"last" /*' }]), /comment "\/\* and me \*\/" lost/],
      ['a fix that leaves the problem', ruleWith('noop', () => [{ offset: at, length: 5, content: '"bad" ' }]), /still reported/],
      ['a fix that breaks the syntax', ruleWith('break', () => [{ offset: at, length: 5, content: '"last' }]), /syntax errors before/],
      ['a fix that changes nothing', ruleWith('same', () => [{ offset: at, length: 5, content: '"bad"' }]), /changes nothing/],
    ];
    for (const [name, rule, expected] of cases) {
      it(name, () => {
        assert.throws(() => checkFixes(text, { rules: [...ALL_RULES, rule] }), expected);
      });
    }
    // A directive left above a removed line is a new error (unused-disable-directive is one in
    // SPACES[1]); one whose suppressed problem the fix resolved elsewhere is not (the narrowing).
    const withDirective = `{
  "idSyncConfiguration": [
    { "externalId": "email", "strategy": "last", "mapTo": "x" },
    // idsync-disable-next-line duplicate-map-to
    { "externalId": "phone", "strategy": "last", "mapTo": "x" },
    { "externalId": "user_id", "strategy": "bad" }
  ]
}`;
    const removing = (line: string): Rule => ({
      ...ruleWith('remove', () => []),
      check(ctx) {
        const bad = ctx.model.entries[2]?.strategy;
        const start = withDirective.indexOf(line);
        const end = withDirective.indexOf('\n', start) + 1;
        if (bad?.value === 'bad') ctx.report({ node: bad, message: 'Bad strategy.', fixes: [{ title: 'remove', edits: [{ offset: start, length: end - start, content: '' }, ...(line.includes('user_id') ? [] : [{ offset: bad.offset, length: 5, content: '"last"' }])] }] });
      },
    });
    it('a fix that leaves a directive above the line it removes', () => {
      assert.throws(() => checkFixes(withDirective, { rules: [...ALL_RULES, removing('    { "externalId": "phone"')], space: SPACES[1] }), /new error unused-disable-directive "Unused suppression: "duplicate-map-to"/);
    });
    it('not a bad fix: one that also resolves a problem a directive suppressed on a line it keeps', () => {
      assert.equal(checkFixes(withDirective, { rules: [...ALL_RULES, removing('    { "externalId": "email"')], space: SPACES[1] }) > 0, true);
    });
  });
});
