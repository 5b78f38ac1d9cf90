/**
 * Marketo Static Lists (Actions): what the bulk import CSV receives as email.
 * Independent implementation of action-destinations
 * packages/destination-actions/src/destinations/marketo-static-lists/functions.ts (formatData):
 * each value of payload.data is written as given, cells joined with ",".
 */
import * as assert from 'node:assert/strict';
import { PROFILE, byAge, previewWith, sent } from './marketing-helpers';

const SLUG = 'actions-marketo-static-lists';
/** The CSV cell of one email: formatData writes `payload.data[key] || ''`. */
const marketoCell = (v: string): string => v || '';

describe('preview: Marketo Static Lists (Actions) overlay', () => {
  it('emails go into the CSV unchanged, one event per email', () => {
    const p = previewWith(SLUG, [{ externalId: 'email', strategy: 'all', mapTo: 'email' }], PROFILE);
    assert.deepEqual(sent(p.identifiers[0]), byAge('email').map((v) => [v, marketoCell(v)]));
    assert.equal(p.identifiers[0].values[0].sent, 'j.o.h.n.smith@gmail.com');
    assert.equal(p.events, 5);
  });

  it('default setup sends every email; the exit event too', () => {
    const p = previewWith(SLUG, undefined, PROFILE, { setup: 'default' });
    assert.deepEqual(sent(p.identifiers[0]), byAge('email').map((v) => [v, marketoCell(v)]));
    assert.equal(p.exit.events, 5);
    assert.equal(p.identifiers.find((r) => r.externalId === 'user_id')?.skipped, 'not a default identifier of Marketo Static Lists (Actions): map it with Customized Setup to send it');
    assert.equal(p.identifiers.find((r) => r.externalId === 'phone')?.skipped, 'custom identifier: sent only through ID Sync (Customized Setup)');
  });
});
