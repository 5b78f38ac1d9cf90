import * as assert from 'node:assert/strict';
import { normalize, normalizeStep } from '../../server/src/engine';

describe('normalize: keep step', () => {
  const keep = { keep: '[0-9a-f]{64}', flags: 'i', why: 'contains 64 hex digits' };
  const hex = 'AB'.repeat(32);

  it('a matching value is final: later steps do not apply, and a note says so', () => {
    const notes: string[] = [];
    assert.deepEqual(normalize(` x${hex} `, [keep, 'digits-only', { replace: '^', with: '+', why: 'plus' }], notes), { value: ` x${hex} ` });
    assert.deepEqual(notes, ['contains 64 hex digits: left as it is']);
  });

  it('a value that does not match goes on through the later steps', () => {
    const notes: string[] = [];
    assert.deepEqual(normalize('(202) 309-5976', [keep, 'digits-only', { replace: '^', with: '+', why: 'plus' }], notes), { value: '+2023095976' });
    assert.deepEqual(notes, []);
    assert.deepEqual(normalizeStep('abc', keep), { value: 'abc' });
    assert.deepEqual(normalizeStep(hex, keep), { value: hex, stop: true });
  });

  it('steps before the keep step still apply, and a drop before it wins', () => {
    assert.deepEqual(normalize(' ', [{ reject: '^\\s*$', why: 'blank' }, keep]), { value: null, dropped: 'blank' });
    assert.deepEqual(normalize(`  ${hex}`, ['trim', keep, 'lowercase']), { value: hex });
  });
});
