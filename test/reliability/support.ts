/**
 * Shared by the bounded property tests (`npm test`) and the long fuzz run (`npm run fuzz`):
 * input generators, mutations of realistic configs, and the invariant checks. Every check
 * throws an AssertionError that names the broken guarantee; it returns normally otherwise.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { applyEdits, parseTree } from 'jsonc-parser';
import { builtinCatalogs, lintText, parseDocument, parseSpaceFile, RULE_CODES, EMPTY_SPACE } from '../../server/src/engine';
import type { DestinationCatalog, Diagnostic, LintOptions, LintResult, SpaceConfig, TextEdit } from '../../server/src/engine';
import { MAX_MESSAGE_LENGTH } from '../../server/src/engine/lint/lint';
import { LineIndex } from '../../server/src/engine/line-index';
import { parseDirectives } from '../../server/src/engine/lint/suppressions';

/** Source directory of the reliability suite (tests run from out/, fixtures stay in test/). */
export const SUITE_DIR = path.resolve(__dirname, '../../../test/reliability');
export const FIXTURE_DIR = path.join(SUITE_DIR, 'fixtures');
export const REGRESSION_DIR = path.join(SUITE_DIR, 'regressions');

export function fixtures(): Array<{ name: string; text: string }> {
  return fs
    .readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.idsync.json'))
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(FIXTURE_DIR, name), 'utf8') }));
}

/** Regression inputs saved by the fuzzer (JSON files `{ "text": ... }`, lossless for lone surrogates). */
export function regressions(): Array<{ name: string; text: string }> {
  if (!fs.existsSync(REGRESSION_DIR)) return [];
  return fs
    .readdirSync(REGRESSION_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => ({ name, text: (JSON.parse(fs.readFileSync(path.join(REGRESSION_DIR, name), 'utf8')) as { text: string }).text }));
}

/** The spaces configs are linted with: none, and one with custom identifiers and severity overrides. */
export const SPACES: readonly SpaceConfig[] = [
  EMPTY_SPACE,
  {
    customIdentifiers: new Set(['phone', 'shopify_id', 'crm_id']),
    destinations: new Map(),
    rules: new Map([
      ['too-many-all', 'warning'],
      ['invalid-strategy', 'info'],
      ['unused-disable-directive', 'error'],
    ]),
  },
];

// ---------------------------------------------------------------------------------------------
// Invariants of lintText / parseSpaceFile

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);

/** Every guarantee about one diagnostic list over `text`. */
export function checkDiagnostics(text: string, diagnostics: readonly Diagnostic[], what: string): void {
  const lines = new LineIndex(text);
  let prev: Diagnostic | undefined;
  for (const d of diagnostics) {
    const at = `${what}: ${d.code} "${String(d.message).slice(0, 80)}"`;
    assert.match(d.code, /^[a-z]+(-[a-z]+)*$/, `${at}: code`);
    assert.ok(SEVERITIES.has(d.severity), `${at}: severity ${d.severity}`);
    assert.ok(typeof d.message === 'string' && d.message.trim().length > 0, `${at}: empty message`);
    assert.ok(d.message.length <= MAX_MESSAGE_LENGTH, `${at}: message of ${d.message.length} characters`);
    assert.ok(Number.isInteger(d.offset) && Number.isInteger(d.length), `${at}: offset/length not integers`);
    assert.ok(d.offset >= 0 && d.length >= 0 && d.offset + d.length <= text.length, `${at}: [${d.offset}, +${d.length}] outside a text of ${text.length}`);
    assert.deepEqual(d.range, lines.range(d.offset, d.length), `${at}: range disagrees with offset/length`);
    assert.equal(lines.offsetAt(d.range.start), d.offset, `${at}: range start does not map back to offset`);
    assert.equal(lines.offsetAt(d.range.end), d.offset + d.length, `${at}: range end does not map back`);
    assert.ok(d.range.end.line < lines.lineCount, `${at}: line ${d.range.end.line} of ${lines.lineCount}`);
    assert.ok(typeof d.pointer === 'string' && (d.pointer === '' || d.pointer.startsWith('/')), `${at}: pointer ${d.pointer}`);
    for (const fix of d.fixes ?? []) {
      assert.ok(fix.title.trim().length > 0, `${at}: fix without title`);
      assert.ok(fix.edits.length > 0, `${at}: fix "${fix.title}" has no edits`);
      for (const e of fix.edits) {
        assert.ok(e.offset >= 0 && e.length >= 0 && e.offset + e.length <= text.length, `${at}: fix "${fix.title}" edits outside the text`);
      }
      const sorted = [...fix.edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
      for (let i = 1; i < sorted.length; i++) {
        assert.ok(sorted[i - 1].offset + sorted[i - 1].length <= sorted[i].offset, `${at}: fix "${fix.title}" has overlapping edits`);
      }
    }
    if (prev) {
      assert.ok(prev.offset < d.offset || (prev.offset === d.offset && prev.length <= d.length), `${what}: not sorted (${prev.code}@${prev.offset} before ${d.code}@${d.offset})`);
    }
    prev = d;
  }
}

/** Lints twice (must agree), then checks both diagnostic lists. */
export function checkLint(text: string, options: LintOptions = {}): LintResult {
  const a = lintText(text, options);
  const b = lintText(text, options);
  assert.deepStrictEqual({ d: b.diagnostics, s: b.suppressed }, { d: a.diagnostics, s: a.suppressed }, 'lintText is not deterministic');
  checkDiagnostics(text, a.diagnostics, 'diagnostics');
  checkDiagnostics(text, a.suppressed, 'suppressed');
  for (const d of a.suppressed) assert.ok(d.suppressed, 'a suppressed diagnostic without its suppression');
  for (const d of a.diagnostics) assert.equal(d.suppressed, undefined, 'a listed diagnostic marked suppressed');
  return a;
}

export function checkSpaceFile(text: string): void {
  const a = parseSpaceFile('/ws/idsync.space.json', text, RULE_CODES);
  const b = parseSpaceFile('/ws/idsync.space.json', text, RULE_CODES);
  assert.deepStrictEqual(b, a, 'parseSpaceFile is not deterministic');
  checkDiagnostics(text, a.diagnostics, 'space diagnostics');
}

/** Every node of the syntax tree lies inside the text, and so does every comment and syntax error. */
export function checkTree(text: string): void {
  const doc = parseDocument(text);
  const inside = (o: number, l: number, what: string) => assert.ok(o >= 0 && l >= 0 && o + l <= text.length, `${what} [${o}, +${l}] outside a text of ${text.length}`);
  const stack = doc.root ? [doc.root] : [];
  while (stack.length) {
    const n = stack.pop()!;
    inside(n.offset, n.length, `${n.type} node`);
    if (n.children) stack.push(...n.children);
  }
  for (const c of doc.comments) inside(c.offset, c.length, 'comment');
  for (const e of doc.errors) inside(e.offset, e.length, 'syntax error');
  // Where the text is valid, the one-pass tree is jsonc-parser's own tree.
  if (doc.errors.length === 0 && !doc.text.startsWith('\uFEFF')) {
    const strip = (n: unknown) => JSON.stringify(n, (k, v) => (k === 'parent' || k === 'colonOffset' ? undefined : v));
    assert.equal(strip(doc.root), strip(parseTree(text, [], { allowTrailingComma: true, disallowComments: false })), 'tree differs from jsonc-parser parseTree');
  }
}

/** Everything checkable about one text: its tree, as a config with each space, and as a space file. */
export function checkAll(text: string): void {
  checkTree(text);
  for (const space of SPACES) checkLint(text, { space });
  checkSpaceFile(text);
}

// ---------------------------------------------------------------------------------------------
// Quick-fix properties

/** Where an offset of the edited text was in the original: a point, or the span an edit replaced. */
export function mapBack(edits: readonly TextEdit[], offset: number): { from: number; to: number } {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  let delta = 0;
  for (const e of sorted) {
    const newStart = e.offset + delta;
    const newEnd = newStart + e.content.length;
    if (offset < newStart) break;
    if (offset < newEnd) return { from: e.offset, to: e.offset + e.length };
    delta += e.content.length - e.length;
  }
  return { from: offset - delta, to: offset - delta };
}

function samePlace(m: { from: number; to: number }, offset: number): boolean {
  return offset === m.from || (offset > m.from && offset < m.to);
}

/**
 * Applies every fix of every diagnostic of `text` (each on its own, to the original) and checks:
 * the result has no more syntax errors; the targeted diagnostic is gone (no diagnostic of the same
 * code and message at the same place, mapped through the edits: a pointer alone is ambiguous for
 * comments and shifts when an array item is removed);
 * no new error-severity diagnostic appears (each error after the fix has one of the same code at
 * the same place before it); every comment the edits do not touch is still there, unchanged.
 * Returns the number of fixes checked.
 */
export function checkFixes(text: string, options: LintOptions = {}): number {
  const before = lintText(text, options);
  const beforeDoc = parseDocument(text);
  let checked = 0;
  for (const d of before.diagnostics) {
    for (const fix of d.fixes ?? []) {
      checked++;
      const where = `fix "${fix.title}" of ${d.code} "${d.message.slice(0, 60)}" (pointer "${d.pointer}", offset ${d.offset})`;
      const out = applyEdits(text, fix.edits);
      assert.notEqual(out, text, `${where}: changes nothing`);
      const afterDoc = parseDocument(out);
      assert.ok(
        afterDoc.errors.length <= beforeDoc.errors.length,
        `${where}: ${beforeDoc.errors.length} syntax errors before, ${afterDoc.errors.length} after:\n${out}`,
      );
      const after = lintText(out, options);
      const placed = after.diagnostics.map((a) => ({ a, m: mapBack(fix.edits, a.offset) }));
      const still = placed.find(({ a, m }) => a.code === d.code && a.message === d.message && samePlace(m, d.offset));
      assert.equal(still?.a.message, undefined, `${where}: still reported after the fix:\n${out}`);
      const revealed = renamedValues(beforeDoc.root, fix.edits);
      const checkedByCatalog = catalogErrors(before, after, out, options);
      const noLongerNeeded = resolvedSuppressions(beforeDoc, before, after, fix.edits);
      for (const { a, m } of placed) {
        if (a.severity !== 'error') continue;
        if (revealed.some((v) => a.offset >= v.from && a.offset + a.length <= v.to)) continue;
        if (checkedByCatalog(a)) continue;
        const had = before.diagnostics.some((b) => b.severity === 'error' && b.code === a.code && samePlace(m, b.offset));
        assert.ok(had || noLongerNeeded(a, m), `${where}: new error ${a.code} "${a.message}" at offset ${a.offset}:\n${out}`);
      }
      checkComments(text, beforeDoc.comments, out, afterDoc.comments, fix.edits, where);
    }
  }
  return checked;
}

/**
 * A fix can resolve, besides its own diagnostic, a problem that a directive suppressed elsewhere
 * (removing a duplicate entry also ends a duplicate-map-to suppressed on another entry's line).
 * The directive is then reported unused: that report says the suppression is no longer needed,
 * it is not a problem the fix made. An unused-disable-directive error after the fix counts as
 * such when its directive, before the fix, suppressed a diagnostic (of the code the report names,
 * or of any code for a directive without codes) that lies outside the fix's edits and that the
 * fixed text no longer has at its place. A directive whose suppressed problem the edits deleted
 * (the line it applies to removed) still counts as new. Every other error still counts as new.
 */
function resolvedSuppressions(
  beforeDoc: ReturnType<typeof parseDocument>,
  before: LintResult,
  after: LintResult,
  edits: readonly TextEdit[],
): (a: Diagnostic, m: { from: number; to: number }) => boolean {
  if (before.suppressed.length === 0) return () => false;
  const directives = parseDirectives(beforeDoc);
  const afterAll = [...after.diagnostics, ...after.suppressed];
  const deleted = (o: number) => edits.some((e) => o >= e.offset && o < e.offset + e.length);
  return (a, m) => {
    if (a.code !== 'unused-disable-directive' || m.from !== m.to) return false;
    const d = directives.find((x) => m.from >= x.comment.offset && m.from < x.comment.offset + x.comment.length);
    if (!d) return false;
    const code = d.codes.find((c) => c.offset === m.from)?.code;
    if (d.codes.length > 0 && code === undefined) return false;
    return before.suppressed.some(
      (b) =>
        (code === undefined || b.code === code) &&
        (d.kind === 'file' || b.range.start.line === d.line) &&
        !deleted(b.offset) &&
        !afterAll.some((x) => x.code === b.code && samePlace(mapBack(edits, x.offset), b.offset)),
    );
  };
}

/**
 * When a fix makes a destination catalog apply that did not before (a misspelled slug corrected,
 * a misspelled "destination" key renamed), the catalog's checks run on entries for the first
 * time. Their errors were hidden by the misspelling, not made by the edit: an error counts as
 * revealed when linting the fixed text without that destination catalog does not report it.
 * Every other error still counts as new.
 */
function catalogErrors(before: LintResult, after: LintResult, out: string, options: LintOptions): (d: Diagnostic) => boolean {
  const dest = after.destination;
  if (!dest || before.destination) return () => false;
  const catalogs = options.catalogs ?? builtinCatalogs();
  const space = options.space ?? EMPTY_SPACE;
  const without = (m: ReadonlyMap<string, DestinationCatalog>) => new Map([...m].filter(([slug]) => slug !== dest.slug));
  const blind = lintText(out, {
    ...options,
    catalogs: { ...catalogs, destinations: without(catalogs.destinations) },
    space: { ...space, destinations: without(space.destinations) },
  });
  const key = (d: Diagnostic) => `${d.code}@${d.offset}+${d.length}:${d.message}`;
  const still = new Set(blind.diagnostics.map(key));
  return (d) => !still.has(key(d));
}

/**
 * For a fix that only renames property keys (every edit replaces exactly a key string, e.g.
 * "Rename to \"idSyncConfiguration\""): the spans, in the fixed text, of the renamed properties'
 * values. A misspelled key hides its value from every rule; the rename puts it into effect, so
 * errors inside it are errors the misspelling hid, not errors the edit made. Errors anywhere else,
 * and on the key itself, still count as new. For any other fix: none.
 */
export function renamedValues(root: ReturnType<typeof parseDocument>['root'], edits: readonly TextEdit[]): Array<{ from: number; to: number }> {
  const keys = new Map<number, { length: number; value: { offset: number; length: number } | undefined }>();
  const stack = root ? [root] : [];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'property' && n.children?.[0]) {
      const k = n.children[0];
      keys.set(k.offset, { length: k.length, value: n.children[1] });
    }
    if (n.children) stack.push(...n.children);
  }
  const renames = edits.map((e) => ({ e, key: keys.get(e.offset) }));
  if (!renames.every(({ e, key }) => key && key.length === e.length && /^"[^"\\]*"$/.test(e.content))) return [];
  const shift = (o: number) => o + edits.reduce((d, e) => (e.offset + e.length <= o ? d + e.content.length - e.length : d), 0);
  return renames.flatMap(({ key }) => (key!.value ? [{ from: shift(key!.value.offset), to: shift(key!.value.offset + key!.value.length) }] : []));
}

function checkComments(
  text: string,
  comments: ReturnType<typeof parseDocument>['comments'],
  out: string,
  outComments: ReturnType<typeof parseDocument>['comments'],
  edits: readonly TextEdit[],
  where: string,
): void {
  const outAt = new Map(outComments.map((c) => [c.offset, c]));
  for (const c of comments) {
    const end = c.offset + c.length;
    const touched = edits.some((e) => (e.offset < end && c.offset < e.offset + e.length) || (e.offset > c.offset && e.offset < end));
    if (touched) continue;
    let delta = 0;
    for (const e of edits) if (e.offset + e.length <= c.offset) delta += e.content.length - e.length;
    const moved = outAt.get(c.offset + delta);
    const original = text.slice(c.offset, end);
    assert.ok(moved && moved.length === c.length && out.slice(moved.offset, moved.offset + moved.length) === original, `${where}: comment ${JSON.stringify(original)} lost or changed:\n${out}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Generators

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

export const TOKENS: readonly string[] = [
  '{', '}', '[', ']', ':', ',', '"', '\\', ' ', '\t', '\n', '\r\n', '\r',
  '"audience"', '"journey"', '"destination"', '"slug"', '"idSyncConfiguration"', '"externalId"', '"strategy"', '"mapTo"',
  '"connectionSettings"', '"sendMobileIds"', '"setup"', '"samples"', '"key"', '"existing"', '"name"', '"$schema"',
  '"all"', '"last"', '"first"', '"Last Added"', '"All"', '"default"', '"customized"',
  '"email"', '"ios.idfa"', '"android.idfa"', '"user_id"', '"Shopify_ID"', '"EMAIL"', '"MADID"', '"ios_idfa"',
  '"personas-facebook-custom-audiences"', '"actions-snap-audiences"', '"adwords-remarketing-lists"',
  '"customIdentifiers"', '"destinations"', '"rules"', '"input"', '"identifiers"', '"off"', '"error"',
  'true', 'false', 'null', '0', '-1', '1.5e3', '1e400', '-0.0e-0', '123456789012345678901234567890', 'NaN', 'Infinity', '-', '.',
  '// c\n', '/* c */', '/*', '*/', '//', '/**/',
  '// idsync-disable-next-line too-many-all\n', '/* idsync-disable-file */', '// idsync-disable-line invalid-strategy -- why\n',
  '// idsync-disable-next-line nope, too-many-al\n', '/* idsync-disable-next-line */',
  '\uFEFF', '\u0000', '\uD800', '\uDC00', '😀', '\u2028', '\u202E', 'é', 'e\u0301',
  '"\\u12"', '"\\uD800"', '"\\x"', '"a\nb"', '"\\"', '"\\u0000"',
];

/** Random text of any code units. */
export const arbRawText = fc.oneof(fc.string({ unit: codeUnit, maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }));

/** A soup of JSON-ish tokens. */
export const arbTokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }).map((t) => t.join(''));

const GAPS = ['', ' ', '\n  ', ' // note\n  ', ' /* note */ ', '/**/', '\n// idsync-disable-next-line too-many-all\n', '\n  /* idsync-disable-next-line invalid-strategy -- ok */\n', ' /* multi\n line */ '];

/** Renders a JSON value as JSONC, with comments, odd spacing and trailing commas from `choices`. */
export function renderJsonc(value: unknown, choices: readonly number[], eol: string): string {
  let i = 0;
  const pick = (n: number) => choices[i++ % choices.length] % n;
  const gap = () => GAPS[pick(GAPS.length)].replace(/\n/g, eol);
  const render = (v: unknown, depth: number): string => {
    if (Array.isArray(v)) {
      const items = v.map((x) => gap() + render(x, depth + 1) + gap());
      return '[' + items.join(',') + (items.length && pick(3) === 0 ? ',' : '') + gap() + ']';
    }
    if (v && typeof v === 'object') {
      const items = Object.entries(v as Record<string, unknown>).map(([k, x]) => gap() + JSON.stringify(k) + gap() + ':' + gap() + render(x, depth + 1) + gap());
      return '{' + items.join(',') + (items.length && pick(3) === 0 ? ',' : '') + gap() + '}';
    }
    if (typeof v === 'number' && pick(8) === 0) return ['1e400', '-1e400', '123456789012345678901234567890', '0.0000000000000000000001'][pick(4)];
    return JSON.stringify(v) ?? 'null';
  };
  return gap() + render(value, 0) + gap();
}

const arbChoices = fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 64 });
const arbEol = fc.constantFrom('\n', '\r\n');

/** Any JSON value, rendered as JSONC. */
export const arbJsoncValue = fc.tuple(fc.jsonValue({ maxDepth: 4 }), arbChoices, arbEol).map(([v, c, eol]) => renderJsonc(v, c, eol));

const IDENTIFIERS = ['email', 'user_id', 'anonymous_id', 'phone', 'ios.idfa', 'android.idfa', 'ios.id', 'ga_client_id', 'group_id', 'Shopify_ID', 'shopify_id', 'traits.email', 'context.ip', ''];
const STRATEGIES = ['first', 'last', 'all', 'Last Added', 'last added', 'First Added', 'first_added', 'All', 'LAST ADDED', 'newest', 'oldest', 'none', ''];
const MAP_TO = ['EMAIL', 'PHONE', 'MADID', 'EXTERN_ID', 'email', 'phone', 'mobile_id', 'ios_idfa', 'ios.idfa', 'android_idfa', 'Email'];
const SLUGS = ['personas-facebook-custom-audiences', 'adwords-remarketing-lists', 'actions-snap-audiences', 'actions-reddit-audiences', 'personas-facebok-custom-audiences', 'my-crm-function'];

const sometimesWrong = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });

const arbEntry = sometimesWrong(
  fc.record(
    {
      externalId: sometimesWrong(fc.oneof(fc.constantFrom(...IDENTIFIERS), fc.string({ maxLength: 12 }))),
      strategy: sometimesWrong(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...STRATEGIES) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) })),
      mapTo: sometimesWrong(fc.constantFrom(...MAP_TO)),
      extra: fc.constant(true),
    },
    { requiredKeys: ['externalId', 'strategy'] },
  ),
);

/** Config-shaped values: mostly the format, sometimes wrong types, typos and label strategies. */
export const arbConfigValue = fc.record(
  {
    $schema: fc.constant('../schemas/idsync.schema.json'),
    name: sometimesWrong(fc.string({ maxLength: 20 })),
    audience: sometimesWrong(fc.record({ key: fc.constantFrom('vip', 'all_users'), existing: sometimesWrong(fc.boolean()) }, { requiredKeys: [] })),
    journey: fc.record({ name: fc.constant('Onboarding'), step: fc.constant('Send') }),
    destination: sometimesWrong(fc.record({ slug: sometimesWrong(fc.constantFrom(...SLUGS)), id: fc.constant('dst_1') }, { requiredKeys: [] })),
    connectionSettings: sometimesWrong(fc.record({ sendMobileIds: sometimesWrong(fc.boolean()), other: fc.nat() }, { requiredKeys: [] })),
    setup: sometimesWrong(fc.constantFrom('default', 'customized', 'Customized')),
    idSyncConfiguration: sometimesWrong(fc.array(arbEntry, { maxLength: 8 })),
    samples: fc.constant(['samples/profiles/jane.json']),
    destinaton: fc.constant({}),
  },
  { requiredKeys: [] },
);

export const arbConfigText = fc.tuple(arbConfigValue, arbChoices, arbEol).map(([v, c, eol]) => renderJsonc(v, c, eol));

const WRONG_VALUES = [
  '42', '-0', '1e400', '-1e-400', '123456789012345678901234567890', '0x1F', 'true', 'null', '{}', '[]', '[1, 2]', '{"a": 1}', '""',
  '"\\uD800"', '"\\u0000"', '"' + '💥'.repeat(20) + '"', '"\u202Eevil"', '"\uFEFF"', '"idsync-disable-file"', '"' + 'x'.repeat(300) + '"',
];
const VALUE_TOKEN = /"(?:[^"\\\r\n]|\\.)*"|-?\d[\d.eE+-]*|\btrue\b|\bfalse\b|\bnull\b/g;

export type Mutation =
  | { kind: 'delete' | 'duplicate'; at: number; len: number }
  | { kind: 'insert'; at: number; what: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'wrong-type'; index: number; what: string }
  | { kind: 'eol'; to: '\r\n' | '\n' | '\r' }
  | { kind: 'bom' };

export function mutate(text: string, m: Mutation): string {
  const pos = (at: number) => at % (text.length + 1);
  switch (m.kind) {
    case 'delete': {
      const i = pos(m.at);
      return text.slice(0, i) + text.slice(i + m.len);
    }
    case 'duplicate': {
      const i = pos(m.at);
      return text.slice(0, i + m.len) + text.slice(i, i + m.len) + text.slice(i + m.len);
    }
    case 'insert': {
      const i = pos(m.at);
      return text.slice(0, i) + m.what + text.slice(i);
    }
    case 'truncate':
      return text.slice(0, pos(m.at));
    case 'wrong-type': {
      const tokens = [...text.matchAll(VALUE_TOKEN)];
      if (!tokens.length) return text;
      const t = tokens[m.index % tokens.length];
      return text.slice(0, t.index) + m.what + text.slice(t.index! + t[0].length);
    }
    case 'eol':
      return text.replace(/\r\n|\r|\n/g, m.to);
    case 'bom':
      return '\uFEFF' + text;
  }
}

export const arbMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), what: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: codeUnit, maxLength: 4 })) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('wrong-type' as const), index: fc.nat(), what: fc.constantFrom(...WRONG_VALUES) }),
  fc.record({ kind: fc.constant('eol' as const), to: fc.constantFrom('\r\n' as const, '\n' as const, '\r' as const) }),
  fc.constant({ kind: 'bom' as const }),
);

/** A realistic config with 1 to 6 mutations (wrong types weigh the same as byte damage). */
export function arbMutatedConfig(bases: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...bases), fc.array(arbMutation, { minLength: 1, maxLength: 6 }))
    .map(([text, ms]) => ms.reduce(mutate, text));
}

/** Only type substitutions: the text stays valid JSONC, so fixes have a well-formed document to work on. */
export function arbRetypedConfig(bases: readonly string[]): fc.Arbitrary<string> {
  const retype = fc.record({ kind: fc.constant('wrong-type' as const), index: fc.nat(), what: fc.constantFrom(...WRONG_VALUES) });
  return fc.tuple(fc.constantFrom(...bases), fc.array(retype, { minLength: 1, maxLength: 4 })).map(([text, ms]) => ms.reduce(mutate, text));
}
