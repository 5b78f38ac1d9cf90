/**
 * The protocol-free features, with a cursor marker `|` in the text: completion candidates
 * (labels in order, replaced range, text after applying), hover markdown (escaped), and the
 * code-action building blocks (disable-next-line edit, fix-all selection).
 */
import * as assert from 'node:assert/strict';
import { applyEdits } from 'jsonc-parser';
import { builtinCatalogs, EMPTY_SPACE, lintText, parseSpaceFile, RULE_CODES } from '../../server/src/engine';
import type { SpaceConfig } from '../../server/src/engine';
import { completionsAt } from '../../server/src/engine';
import { hoverAt } from '../../server/src/engine';
import { disableNextLineEdit, fixAllEdits } from '../../server/src/lsp/code-actions';
import { escapeInline } from '../../server/src/engine';

const catalogs = builtinCatalogs();
const SPACE_TEXT = `{
  "customIdentifiers": ["phone"],
  "destinations": { "my-crm": { "displayName": "CRM *sync* <img src=x>", "input": "freeText", "identifiers": ["crm_id", { "key": "email_sha", "label": "Email [hashed](javascript:x)", "suggestedFor": ["email"] }] } }
}`;
const space: SpaceConfig = parseSpaceFile('/ws/idsync.space.json', SPACE_TEXT, RULE_CODES).config;

function at(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'cursor marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

function complete(marked: string, s: SpaceConfig = EMPTY_SPACE) {
  const { text, offset } = at(marked);
  const items = completionsAt(text, offset, { catalogs, space: s });
  return { text, items, labels: items.map((i) => i.label), apply: (label: string) => {
    const c = items.find((i) => i.label === label);
    assert.ok(c, `no candidate ${label} in ${items.map((i) => i.label).join(', ')}`);
    return applyEdits(text, [{ offset: c.replaceOffset, length: c.replaceLength, content: c.insertText }]);
  } };
}

describe('completion (protocol-free)', () => {
  it('offers the whole-file snippet in an empty file', () => {
    const r = complete('|');
    assert.deepEqual(r.labels, ['New ID Sync configuration']);
    assert.match(r.items[0].insertText, /^\{\n\t"name": "\$\{1:VIP customers to Facebook\}",\n/);
  });

  it('offers the keys of nested objects, minus those present, and completes a quoted key', () => {
    const r = complete('{ "audience": { "key": "vip", "|" } }');
    assert.deepEqual(r.labels, ['id', 'name', 'existing']);
    assert.equal(r.apply('existing'), '{ "audience": { "key": "vip", "existing": ${1|true,false|} } }');
  });

  it('inserts only the key when a colon already follows', () => {
    const r = complete('{ "idSyncConfiguration": [{ "str|": "last" }] }');
    assert.deepEqual(r.labels, ['externalId', 'strategy', 'mapTo']);
    assert.equal(r.apply('strategy'), '{ "idSyncConfiguration": [{ "strategy": "last" }] }');
    assert.equal(r.items[1].snippet, false);
  });

  it('offers an entry snippet inside idSyncConfiguration', () => {
    const r = complete('{ "idSyncConfiguration": [ | ] }');
    assert.deepEqual(r.labels, ['New idSyncConfiguration entry']);
    assert.equal(r.apply('New idSyncConfiguration entry'), '{ "idSyncConfiguration": [ { "externalId": "$1", "strategy": "${2|last,first,all|}", "mapTo": "$3" } ] }');
  });

  it('offers connectionSettings keys from the destination catalog', () => {
    const r = complete('{ "destination": { "slug": "personas-facebook-custom-audiences" }, "connectionSettings": { | } }');
    assert.deepEqual(r.labels, ['sendMobileIds']);
    assert.match(r.items[0].documentation!, /MADID/);
  });

  it('offers every destination slug with its display name, space destinations first', () => {
    const r = complete('{ "destination": { "slug": "|" } }', space);
    assert.deepEqual(r.labels, ['my-crm', ...catalogs.destinations.keys()]);
    assert.equal(r.labels.length, 1 + catalogs.destinations.size);
    const detail = (label: string) => r.items.find((i) => i.label === label)?.detail;
    assert.equal(detail('personas-facebook-custom-audiences'), 'Facebook Custom Audiences · classic list destination');
    assert.equal(detail('actions-reddit-audiences'), 'Reddit Audiences · audience destination (Actions)');
    assert.equal(detail('mixpanel'), 'Mixpanel (Legacy) · event destination (classic)');
    assert.equal(detail('actions-mixpanel'), 'Mixpanel (Actions) · event destination (Actions)');
    assert.equal(detail('my-crm'), 'CRM *sync* <img src=x> · idsync.space.json');
    // Space-file text is escaped in the documentation.
    assert.match(r.items[0].documentation!, /^\*\*CRM \\\*sync\\\* &lt;img src=x&gt;\*\*/);
  });

  it('completes a value with no quotes yet, adding them', () => {
    const r = complete('{ "idSyncConfiguration": [{ "strategy": | }] }');
    assert.deepEqual(r.labels, ['first', 'last', 'all']);
    assert.equal(r.apply('last'), '{ "idSyncConfiguration": [{ "strategy": "last" }] }');
  });

  it('inside a string replaces the content only, without quotes; an unterminated string gets its closing quote', () => {
    const r = complete('{ "idSyncConfiguration": [{ "strategy": "la|" }] }');
    const last = r.items.find((i) => i.label === 'last')!;
    assert.deepEqual([last.insertText, last.replaceOffset, last.replaceLength, last.filterText], ['last', 41, 2, undefined]);
    assert.equal(r.apply('last'), '{ "idSyncConfiguration": [{ "strategy": "last" }] }');
    const open = complete('{ "idSyncConfiguration": [{ "strategy": "la|\n}] }');
    const l2 = open.items.find((i) => i.label === 'last')!;
    assert.deepEqual([l2.insertText, l2.replaceOffset, l2.replaceLength], ['last"', 41, 2]);
    assert.equal(open.apply('last'), '{ "idSyncConfiguration": [{ "strategy": "last"\n}] }');
    // A key with its value to add replaces the closing quote too.
    const key = complete('{ "idSyncConfiguration": [{ "str|" }] }');
    const strategy = key.items.find((i) => i.label === 'strategy')!;
    assert.deepEqual([strategy.insertText, strategy.replaceOffset, strategy.replaceLength], ['strategy": "${1|first,last,all|}"', 29, 4]);
  });

  it('puts the key suggested for the entry\'s externalId first (space destination)', () => {
    const r = complete('{ "destination": { "slug": "my-crm" }, "idSyncConfiguration": [{ "externalId": "email", "mapTo": "|" }] }', space);
    assert.deepEqual(r.labels, ['email_sha', 'crm_id']);
  });

  it('offers nothing inside comments', () => {
    assert.deepEqual(complete('{ // "strategy": "|\n}').labels, []);
  });
});

describe('hover (protocol-free)', () => {
  const hover = (marked: string, s: SpaceConfig = EMPTY_SPACE) => {
    const { text, offset } = at(marked);
    return hoverAt(text, offset, { catalogs, space: s });
  };

  it('explains keys from the format', () => {
    const h = hover('{ "set|up": "default" }')!;
    assert.equal(h.markdown.split('\n')[0], '**`setup`** (string: `default` | `customized`)');
    assert.deepEqual([h.offset, h.length], [2, 7]);
  });

  it('shows a strategy\'s catalog entry', () => {
    const h = hover('{ "idSyncConfiguration": [{ "strategy": "a|ll" }] }')!;
    assert.match(h.markdown, /^\*\*All\*\* \(`all`\)\n\nSends every value found on the profile, one event per value\.\n\nAt most 3 entries can use `all`\./);
    assert.match(h.markdown, /Source: public-api-sdk-typescript model\/iDSyncConfigurationInput\.ts/);
  });

  it('shows a destination key with its hashing', () => {
    const h = hover('{ "destination": { "slug": "personas-facebook-custom-audiences" }, "idSyncConfiguration": [{ "mapTo": "PH|ONE" }] }')!;
    assert.match(h.markdown, /Sent as: digits-only, strip-leading-zeros, SHA-256 hash\./);
  });

  it('escapes values from the file and space-file catalog text', () => {
    const h = hover('{ "destination": { "slug": "[x](javascript:alert(1)) <b>|" } }')!;
    assert.equal(h.markdown, '`[x](javascript:alert(1)) <b>`: a destination slug in no catalog (built-in or `idsync.space.json`).');
    const tick = hover('{ "idSyncConfiguration": [{ "externalId": "`<img>`|" }] }')!;
    assert.equal(tick.markdown, "\\`&lt;img&gt;\\`: neither a default identifier nor one of the space's `customIdentifiers`.");
    const crm = hover('{ "destination": { "slug": "my-c|rm" } }', space)!;
    assert.doesNotMatch(crm.markdown, /<img|\]\(/);
  });

  it('escapes every markdown and HTML character', () => {
    assert.equal(escapeInline('a*b_c<d>&[e](f) `g`\nh'), 'a\\*b\\_c&lt;d&gt;&amp;\\[e\\]\\(f\\) \\`g\\` h');
  });
});

describe('code-action building blocks', () => {
  it('inserts a disable-next-line comment with the line\'s indentation and line ending', () => {
    const text = '{\r\n\t\t"a": 1\r\n}';
    const e = disableNextLineEdit(text, 1, 'too-many-all');
    assert.equal(applyEdits(text, [e]), '{\r\n\t\t// idsync-disable-next-line too-many-all\r\n\t\t"a": 1\r\n}');
  });

  it('does not repeat a code the comment above already names', () => {
    const text = '{\n  // idsync-disable-next-line too-many-all\n  "a": 1\n}';
    const e = disableNextLineEdit(text, 2, 'too-many-all');
    assert.equal(applyEdits(text, [e]), '{\n  // idsync-disable-next-line too-many-all\n  // idsync-disable-next-line too-many-all\n  "a": 1\n}');
  });

  it('fix-all takes preferred fixes only, skipping overlapping ones', () => {
    const text = '{ "idSyncConfiguration": [{ "strategy": "Last Added" }, { "strategy": "nonsense" }] }';
    const { diagnostics } = lintText(text);
    const edits = fixAllEdits(diagnostics);
    assert.equal(applyEdits(text, edits), '{ "idSyncConfiguration": [{ "strategy": "last" }, { "strategy": "nonsense" }] }');
    const twice = fixAllEdits([...diagnostics, ...diagnostics]);
    assert.equal(applyEdits(text, twice), '{ "idSyncConfiguration": [{ "strategy": "last" }, { "strategy": "nonsense" }] }');
  });
});
