/**
 * The preview panel's HTML: the body (`renderPreviewHtml`, engine) and the document around it
 * (`webviewDocument`, client). Hostile values stay text; the document has a strict
 * Content-Security-Policy and no script at all.
 */
import * as assert from 'node:assert/strict';
import { renderPreviewHtml, escapeHtml, PREVIEW_COLUMNS } from '../../server/src/engine';
import { webviewDocument, contentSecurityPolicy, cspSources, makeNonce, errorBody } from '../../client/src/webview-html';
import { preview, config, FB, SHA, fixture } from './helpers';

const HOSTILE_VALUES = ['<img src=x onerror=alert(1)>', '"><script>alert(1)</script>', '](javascript:alert(1))', "' onmouseover='alert(1)", '[x](http://e)'];
const NONCE = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';

/** Every tag in the document: only these may appear, whatever the data. */
const ALLOWED_TAGS = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'main', 'header', 'h1', 'h2', 'h3', 'p', 'span', 'code', 'ul', 'li', 'section', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'div']);
const ALLOWED_ATTRS = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'nonce', 'id', 'class', 'data-profile', 'data-entry', 'scope', 'colspan']);

function tagsOf(html: string): Array<{ tag: string; attrs: string[] }> {
  const out: Array<{ tag: string; attrs: string[] }> = [];
  for (const m of html.matchAll(/<\/?([!a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)) {
    const attrs = [...m[2].matchAll(/([a-zA-Z-]+)(?:="[^"]*")?/g)].map((a) => a[1]).filter((a) => a.toLowerCase() !== 'doctype' && a !== 'html');
    out.push({ tag: m[1].toLowerCase(), attrs: m[1].toLowerCase() === '!doctype' ? [] : attrs });
  }
  return out;
}

function hostilePreview() {
  const profile = JSON.stringify(HOSTILE_VALUES.map((id, i) => ({ type: i === 0 ? 'email' : 'user_id', id, created_at: `2024-01-0${i + 1}T00:00:00Z` })));
  return preview(config('my-crm-function', [
    { externalId: 'email', strategy: 'all', mapTo: '<i>k</i>' },
    { externalId: 'user_id', strategy: 'all', mapTo: '"><b>k</b>' },
  ]), [['<b>evil</b>"><script>.json', profile]]);
}

describe('preview panel HTML', () => {
  it('escapes &, <, >, quotes and backticks, and shows invisible characters', () => {
    assert.equal(escapeHtml(`<img src=x onerror="alert('1')">&\``), '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;&#96;');
    assert.equal(escapeHtml('a\u202eb\u0000'), 'a\\u{202e}b\\u{0}');
  });

  it('hostile values, keys and paths are text: only the builder\'s own tags and attributes appear', () => {
    const body = renderPreviewHtml(hostilePreview(), { title: 'ID Sync preview: <x>.idsync.json' });
    const doc = webviewDocument({ title: 'ID Sync preview: <x>.idsync.json', body, cspSource: 'https://*.vscode-cdn.net', nonce: NONCE });
    for (const t of tagsOf(doc)) {
      assert.ok(ALLOWED_TAGS.has(t.tag), `unexpected <${t.tag}>`);
      for (const a of t.attrs) assert.ok(ALLOWED_ATTRS.has(a.toLowerCase()), `unexpected attribute ${a} on <${t.tag}>`);
    }
    for (const bad of ['<script', '<img', '<b>', '<i>', 'href=']) assert.ok(!doc.includes(bad), `${bad} in the document`);
    // Every value is there, escaped.
    for (const v of HOSTILE_VALUES) assert.ok(doc.includes(`<code>${escapeHtml(v)}</code>`), `${v} shown as text`);
    assert.ok(doc.includes('data-profile="&lt;b&gt;evil&lt;/b&gt;&quot;&gt;&lt;script&gt;.json"'));
    assert.ok(doc.includes('<h2 class="profile-path">&lt;b&gt;evil&lt;/b&gt;&quot;&gt;&lt;script&gt;.json</h2>'));
    assert.ok(doc.includes('<td class="key"><code>&lt;i&gt;k&lt;/i&gt;</code></td>'));
    assert.ok(doc.includes('<title>ID Sync preview: &lt;x&gt;.idsync.json</title>'));
  });

  it('has a strict Content-Security-Policy: nothing but the nonce\'d style, no script', () => {
    const doc = webviewDocument({ title: 't', body: '<main id="idsync-preview"></main>', cspSource: 'https://*.vscode-cdn.net', nonce: NONCE });
    const csp = contentSecurityPolicy('https://*.vscode-cdn.net', NONCE);
    assert.equal(
      csp,
      `default-src 'none'; style-src https://*.vscode-cdn.net 'nonce-${NONCE}'; img-src 'none'; script-src 'none'; font-src 'none'; connect-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'`,
    );
    const metas = doc.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g) ?? [];
    assert.deepEqual(metas, [`<meta http-equiv="Content-Security-Policy" content="${csp}">`]);
    assert.ok(doc.indexOf('Content-Security-Policy') < doc.indexOf('<style'), 'the policy comes before any style');
    assert.equal((doc.match(/<style nonce="([^"]+)">/g) ?? []).length, 1);
    assert.ok(doc.includes(`<style nonce="${NONCE}">`));
    assert.ok(!/<script/i.test(doc));
    // Nothing in cspSource can end the directive or the attribute; a malformed nonce is not used.
    const odd = webviewDocument({ title: 't', body: '', cspSource: `x; script-src *"><script>`, nonce: `"><script>` });
    assert.ok(!odd.includes('<script') && !odd.includes('script-src *'), odd);
    assert.ok(odd.includes(`style-src 'nonce-invalid-nonce';`), odd);
    assert.equal(cspSources(`https://*.vscode-cdn.net 'self' vscode-resource: http://localhost:8080 x; "><b>`), `https://*.vscode-cdn.net 'self' vscode-resource: http://localhost:8080`);
  });

  it('makes 32-character alphanumeric nonces', () => {
    let i = 0;
    const nonce = makeNonce((n) => Uint8Array.from({ length: n }, () => i++ * 7));
    assert.match(nonce, /^[A-Za-z0-9]{32}$/);
    assert.equal(nonce.slice(0, 4), 'AHOV');
  });

  it('per profile: the path, a table with the seven columns, the Audience Exit variant and notes', () => {
    const cfg = config(FB, [
      { externalId: 'email', strategy: 'all', mapTo: 'EMAIL' },
      { externalId: 'ios.idfa', strategy: 'last', mapTo: 'MADID' },
    ]);
    const html = renderPreviewHtml(preview(cfg, [['samples/sam.jsonc', fixture('sam.external-ids.jsonc')], ['broken.json', fixture('broken.json')]]), { title: 'ID Sync preview: fb.idsync.json' });
    const head = `<thead><tr>${PREVIEW_COLUMNS.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>`;
    assert.deepEqual([...PREVIEW_COLUMNS], ['Segment identifier', 'Destination key', 'Strategy', 'Values (raw)', 'Sent (as received)', 'Events', 'Skipped']);
    assert.equal(html.split(head).length - 1, 2, 'the identifiers table and the exit table');
    assert.ok(html.includes('<h1 id="preview-title">ID Sync preview: fb.idsync.json</h1>'));
    assert.ok(html.includes('<p class="destination">Destination: <span id="preview-destination">Facebook Custom Audiences (<code>personas-facebook-custom-audiences</code>)</span>, Customized Setup. 2 sample profiles.</p>'));
    const row = html.split('\n').find((l) => l.startsWith('<tr data-entry="0"'))!;
    assert.equal(
      row,
      '<tr data-entry="0"><td class="segment"><code>email</code></td><td class="key"><code>EMAIL</code></td><td class="strategy">all</td>' +
        '<td class="raw"><div class="value"><code>sam@example.org</code> <span class="when">2022-01-01T00:00:00Z</span></div>' +
        `<div class="value"><code>${SHA['jane@example.com']}</code> <span class="when">2022-06-01T00:00:00Z</span></div></td>` +
        `<td class="sent"><div class="value"><code>${SHA['sam@example.org']}</code> <span class="how">SHA-256</span></div>` +
        `<div class="value"><code>${SHA['sha(jane@example.com)']}</code> <span class="how">SHA-256</span><div class="note">already SHA-256, but Facebook Custom Audiences hashes EMAIL again: the platform receives a double hash that cannot match</div></div></td>` +
        '<td class="events">2</td><td class="skipped"><span class="none">—</span></td></tr>',
    );
    assert.match(html, /<tr data-entry="1" class="skipped-row">.*<td class="events">0<\/td><td class="skipped">ios\.idfa is a mobile advertising id: Segment sends it only when Send Mobile IDs is on/);
    assert.ok(html.includes('<h3 class="exit-title">Audience Exit events: 2 events</h3>'));
    assert.ok(html.includes('<section class="profile error" data-profile="broken.json">\n<h2 class="profile-path">broken.json</h2>\n<p class="error">Cannot preview: Sample profile is broken: Not valid JSON: Comma expected at line 4, column 5.</p>\n</section>'));
  });

  it('masked: no raw or normalised value anywhere, what the destination receives stays', () => {
    const p = preview(config(FB, [{ externalId: 'email', strategy: 'all', mapTo: 'EMAIL' }]), [['jane.json', fixture('jane.profile-api.json')]]);
    const html = renderPreviewHtml(p, { mask: true });
    assert.ok(!/jane|doe|example/i.test(html.replace(/data-profile="jane\.json"|>jane\.json</g, '')), html);
    assert.ok(html.includes('<p class="masked-note">'));
    assert.ok(html.includes(SHA['jane.doe@example.com']));
  });

  it('an error body escapes its message', () => {
    assert.equal(errorBody('ID Sync preview: <a>', 'bad "<b>"'), '<main id="idsync-preview">\n<header><h1 id="preview-title">ID Sync preview: &lt;a&gt;</h1></header>\n<p class="error">bad &quot;&lt;b&gt;&quot;</p>\n</main>\n');
  });
});
