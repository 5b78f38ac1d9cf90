import * as assert from 'node:assert/strict';
import { renderPreviewMarkdown, renderPreviewText, escapeMarkdown, sanitizeText } from '../../server/src/engine';
import { preview, fixture, config, SHA, FB } from './helpers';

/** marked is what VS Code renders hover Markdown with (ESM-only: loaded with a real dynamic import). */
const importEsm = new Function('s', 'return import(s)') as (s: string) => Promise<{ marked: { parse(md: string, o?: object): string } }>;

const HOSTILE: [string, string] = ['<b>evil</b>](javascript:alert(1)).json', fixture('hostile.json')];

describe('preview markdown: escaping', () => {
  it('escapes every ASCII punctuation, HTML and invisible characters', () => {
    assert.equal(escapeMarkdown('<img src=x onerror=alert(1)>'), '&lt;img src\\=x onerror\\=alert\\(1\\)&gt;');
    assert.equal(escapeMarkdown('](javascript:alert(1))'), '\\]\\(javascript\\:alert\\(1\\)\\)');
    assert.equal(escapeMarkdown('[x](http://e)'), '\\[x\\]\\(http\\:\\/\\/e\\)');
    assert.equal(escapeMarkdown('a|b `c` *d* _e_ # ! & ~'), 'a\\|b \\`c\\` \\*d\\* \\_e\\_ \\# \\! &amp; \\~');
    assert.equal(escapeMarkdown('&lt;'), '&amp;lt\\;');
    assert.equal(escapeMarkdown('line\nbreak\u202egnp.exe'), 'line\\\\u\\{a\\}break\\\\u\\{202e\\}gnp\\.exe');
    assert.equal(sanitizeText('\u001b[31mred'), '\\u{1b}[31mred');
  });

  it('escapes exactly as the rule says, character by character, on random text', () => {
    // The rule, written out one character at a time: invisible characters shown as \u{hex}
    // first, then each ASCII punctuation character backslash-escaped, except & < > (entities).
    const reference = (s: string) =>
      [...sanitizeText(s)]
        .map((c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : /^[!-/:-@[-`{-~]$/.test(c) ? '\\' + c : c))
        .join('');
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const alphabet = ['a', 'Z', '0', ' ', '\n', '\u202e', '\u00ad', '\ud800', '\udc00', '😀', 'é', ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x21 + i)), '[', '\\', '`', '{', '~'];
    for (let i = 0; i < 2000; i++) {
      const s = Array.from({ length: next() % 24 }, () => alphabet[next() % alphabet.length]).join('');
      assert.equal(escapeMarkdown(s), reference(s), JSON.stringify(s));
    }
  });

  it('a hostile profile renders as text: no HTML element, no link, no autolink', async () => {
    const p = preview({ audience: { key: 'x' }, destination: { slug: 'my-crm-function' }, idSyncConfiguration: [
      { externalId: 'email', strategy: 'all', mapTo: '<i>k</i>' },
      { externalId: 'user_id', strategy: 'all', mapTo: '[k](http://e)' },
      { externalId: 'ios.idfa', strategy: 'all', mapTo: 'ios_idfa' },
    ], connectionSettings: { sendMobileIds: true } }, [HOSTILE, ['jane@example.com http://e www.x.com', '[]']]);
    const md = renderPreviewMarkdown(p);
    for (const bad of ['<img', '<b>', '<i>', '](javascript', '[x](', '[k](', 'http://', '(1)']) assert.ok(!md.includes(bad), `markdown contains ${bad}`);
    const { marked } = await importEsm('marked');
    const html = marked.parse(md, { gfm: true });
    assert.ok(!/<(img|a|b|i|script)\b/i.test(html), html);
    assert.ok(!/href=/i.test(html), html);
    // The values are all there, as text.
    for (const text of ['&lt;img src=x onerror=alert(1)&gt;', '](javascript:alert(1))', '[x](http://e)', 'jane@example.com http://e www.x.com', '&lt;b&gt;evil&lt;/b&gt;](javascript:alert(1)).json'])
      assert.ok(html.includes(text), `${text} in ${html}`);
  });
});

describe('preview markdown: the hover table', () => {
  const cfg = config(FB, [
    { externalId: 'email', strategy: 'all', mapTo: 'EMAIL' },
    { externalId: 'ios.idfa', strategy: 'last', mapTo: 'MADID' },
  ]);
  const SAM: [string, string] = ['samples/sam.jsonc', fixture('sam.external-ids.jsonc')];

  it('one compact table per profile, with exit events and notes', () => {
    const md = renderPreviewMarkdown(preview(cfg, [SAM, ['samples/broken.json', fixture('broken.json')]]), { hashLength: 12 });
    assert.equal(
      md,
      [
        '**ID Sync preview** — Facebook Custom Audiences (personas\\-facebook\\-custom\\-audiences), Customized Setup',
        '',
        '---',
        '',
        '**samples\\/sam\\.jsonc** — Customized Setup, 2 events',
        '',
        '| Segment | Destination key | Strategy | Value | Destination receives | Notes |',
        '|---|---|---|---|---|---|',
        '| email | EMAIL | all | sam\\@example\\.org | 22e7ba7a5786… (SHA\\-256) | uncertain\\: normalisation \\(Facebook\\\'s guidance to senders\\, assumed applied by Segment\\) |',
        `|  |  |  | ${SHA['jane@example.com']} | 6a2f1064f0f8… (SHA\\-256) | already SHA\\-256\\, but Facebook Custom Audiences hashes EMAIL again\\: the platform receives a double hash that cannot match |`,
        '| ios\\.idfa | MADID | last | — | *nothing* | skipped: ios\\.idfa is a mobile advertising id\\: Segment sends it only when Send Mobile IDs is on \\(connectionSettings\\.sendMobileIds\\: true\\) |',
        '',
        '*Audience Exit:* 2 events (ID Sync ignored: all ID combinations): email → EMAIL ×2',
        '',
        '---',
        '',
        '**samples\\/broken\\.json**: cannot preview: Sample profile is broken\\: Not valid JSON\\: Comma expected at line 4\\, column 5\\.',
        '',
      ].join('\n'),
    );
  });

  it('masked: raw and normalised values are gone, what the destination receives stays', () => {
    const md = renderPreviewMarkdown(preview(config(FB, [{ externalId: 'email', strategy: 'last', mapTo: 'EMAIL' }]), [['jane.json', fixture('jane.profile-api.json')]]), { mask: true, exit: false });
    assert.equal(
      md,
      [
        '**ID Sync preview** — Facebook Custom Audiences (personas\\-facebook\\-custom\\-audiences), Customized Setup',
        '',
        '---',
        '',
        '**jane\\.json** — Customized Setup, 1 event',
        '',
        '| Segment | Destination key | Strategy | Destination receives | Notes |',
        '|---|---|---|---|---|',
        `| email | EMAIL | last | ${SHA['jane.doe@example.com']} (SHA\\-256) | uncertain\\: normalisation \\(Facebook\\'s guidance to senders\\, assumed applied by Segment\\) |`,
        '',
      ].join('\n'),
    );
    assert.ok(!md.toLowerCase().includes('jane.doe') && !md.includes('jane\\.doe'));
  });

  it('one entry only (hover over an idSyncConfiguration entry)', () => {
    const md = renderPreviewMarkdown(preview(cfg, [SAM]), { entryIndex: 1, exit: false });
    assert.deepEqual(
      md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Segment')),
      ['| ios\\.idfa | MADID | last | — | *nothing* | skipped: ios\\.idfa is a mobile advertising id\\: Segment sends it only when Send Mobile IDs is on \\(connectionSettings\\.sendMobileIds\\: true\\) |'],
    );
  });
});

describe('preview markdown: the hover options', () => {
  it('events adds an Events column; maxValues caps the values of a row with a "… N more" line', () => {
    const profile = JSON.stringify(['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com'].map((id, i) => ({ type: 'email', id, created_at: `2024-01-0${i + 1}T00:00:00Z` })));
    const p = preview(config(FB, [{ externalId: 'email', strategy: 'all', mapTo: 'EMAIL' }]), [['p.json', profile]]);
    const rows = (md: string) => md.split('\n').filter((l) => l.startsWith('|'));
    assert.deepEqual(rows(renderPreviewMarkdown(p, { events: true, maxValues: 2, hashLength: 8, exit: false })), [
      '| Segment | Destination key | Strategy | Value | Destination receives | Events | Notes |',
      '|---|---|---|---|---|---|---|',
      `| email | EMAIL | all | a\\@example\\.com | ${SHA['a@example.com'].slice(0, 8)}… (SHA\\-256) | 4 | uncertain\\: normalisation \\(Facebook\\'s guidance to senders\\, assumed applied by Segment\\) |`,
      `|  |  |  | b\\@example\\.com | ${SHA['b@example.com'].slice(0, 8)}… (SHA\\-256) |  |  |`,
      '|  |  |  | *… 2 more* |  |  |  |',
    ]);
    assert.deepEqual(rows(renderPreviewMarkdown(p, { events: true, maxValues: 2, hashLength: 8, exit: false, mask: true })).slice(2), [
      `| email | EMAIL | all | ${SHA['a@example.com'].slice(0, 8)}… (SHA\\-256) | 4 | uncertain\\: normalisation \\(Facebook\\'s guidance to senders\\, assumed applied by Segment\\) |`,
      `|  |  |  | ${SHA['b@example.com'].slice(0, 8)}… (SHA\\-256) |  |  |`,
      '|  |  |  | *… 2 more* |  |  |',
    ]);
    // One value over the cap is shown rather than replaced by "… 1 more".
    assert.equal(rows(renderPreviewMarkdown(p, { maxValues: 3, exit: false })).length, 6);
  });
});

describe('preview text', () => {
  it('control characters in values cannot reach the terminal', () => {
    const p = preview(config('x-dest', [{ externalId: 'email', strategy: 'all', mapTo: 'e' }]), [['p\u001b[2J.json', '[{"type":"email","id":"a\\u001b[31m\\u202eb"}]']]);
    const text = renderPreviewText(p, { exit: false });
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u202e]/.test(text), JSON.stringify(text));
    assert.ok(text.includes('p\\u{1b}[2J.json: Customized Setup, 1 event'));
    assert.ok(text.includes('"a\\u001b[31m\\u{202e}b" -> "a\\u001b[31m\\u{202e}b"'));
  });
});
