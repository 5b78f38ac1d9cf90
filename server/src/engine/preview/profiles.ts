/**
 * Sample profiles for the preview: the identifiers of one Segment profile, read from a JSON
 * (JSONC tolerated) file in one of three shapes:
 *
 * 1. the Profile API `GET .../profiles/<id>/external_ids` response:
 *    `{"data": [{"type", "id", "created_at", "source_id", "collection", "encoding", ...}], "cursor": {...}}`
 * 2. `{"external_ids": [...], "traits": {...}}` (an optional `segment_id` is allowed)
 * 3. a bare array of external ids.
 *
 * Parsing never throws: a broken profile is a `ProfileError` with a position; a broken item
 * inside a good profile is left out with a warning (also positioned).
 */
import type { Node } from 'jsonc-parser';
import { parseDocument } from '../lint/parse';
import { propertyValue } from '../json';

export interface ProfileExternalId {
  /** The identifier type, e.g. "email", "ios.idfa", "phone". */
  type: string;
  /** The value. */
  id: string;
  /** `created_at` as written in the file (when it is a valid timestamp). */
  createdAt?: string;
  /** 0-based index of the item in the file's list: the tie-breaker of the ordering. */
  position: number;
  /** Offset of the item in the profile text. */
  offset: number;
}

export interface ProfileProblem {
  message: string;
  offset: number;
  length: number;
  /** 0-based line and character (LSP convention); messages show them 1-based. */
  line: number;
  character: number;
}

export type ProfileShape = 'profile-api' | 'external-ids' | 'array';

export interface SampleProfile {
  shape: ProfileShape;
  externalIds: ProfileExternalId[];
  traits?: Record<string, unknown>;
  /** Items that were left out, and why. */
  warnings: ProfileProblem[];
  /**
   * A Profile API page with `cursor.has_more: true`: the profile has more external ids than the
   * file holds (segment-docs src/unify/profile-api.md, Pagination). Offset/length of `has_more`.
   */
  partial?: { offset: number; length: number };
}

/** `limit`: the profile is over one of the size limits below (not broken, too big to preview). */
export type ProfileParseResult = { ok: true; profile: SampleProfile } | { ok: false; error: ProfileProblem; limit?: true };

/**
 * Longest profile text read (characters). A Segment profile has at most 1,000 identity mappings
 * (MAX_PROFILE_EXTERNAL_IDS); a Profile API page of them with created_at, source_id, collection and
 * encoding is about 250 KB, so 1 MiB leaves room for traits and formatting. Longer texts are not
 * parsed at all.
 */
export const MAX_PROFILE_SIZE = 1024 * 1024;
/**
 * Most external ids in one profile: Engage keeps at most 1,000 identity mappings per profile
 * (segment-docs src/unify/profile-api-limits.md, "Identity Mappings"). A sample listing more is not
 * a profile Segment can hold; it is not previewed.
 */
export const MAX_PROFILE_EXTERNAL_IDS = 1000;

const count = (n: number) => n.toLocaleString('en-US');

/** "line 3, column 5" (1-based) for messages. */
export function formatPosition(p: { line: number; character: number }): string {
  return `line ${p.line + 1}, column ${p.character + 1}`;
}

const ITEM_ARRAY_KEYS = ['data', 'external_ids'] as const;

export function parseProfile(text: string): ProfileParseResult {
  if (text.length > MAX_PROFILE_SIZE) {
    return {
      ok: false,
      limit: true,
      error: {
        message: `The profile is ${count(text.length)} characters long, over the limit of ${count(MAX_PROFILE_SIZE)}: it is not read. A Segment profile holds at most ${count(MAX_PROFILE_EXTERNAL_IDS)} external ids; keep a few representative ones.`,
        offset: 0,
        length: 0,
        line: 0,
        character: 0,
      },
    };
  }
  let doc;
  try {
    doc = parseDocument(text);
  } catch (e) {
    // parseDocument does not throw on bad input; this is a last line of defence.
    return { ok: false, error: { message: `The profile could not be read: ${(e as Error).message}`, offset: 0, length: 0, line: 0, character: 0 } };
  }
  const lines = doc.lines;
  const problem = (message: string, offset: number, length: number): ProfileProblem => {
    const pos = lines.positionAt(offset);
    return { message, offset, length, line: pos.line, character: pos.character };
  };
  const fail = (message: string, node?: Node): ProfileParseResult => ({
    ok: false,
    error: problem(message, node?.offset ?? 0, node?.length ?? 0),
  });

  const emptyMessage = 'The profile is empty: expected a Profile API external_ids response, {"external_ids": [...]} or an array of external ids.';
  if (!doc.root && isBlank(text, doc.comments)) return fail(emptyMessage);
  if (doc.errors.length) {
    const e = doc.errors[0];
    const pos = lines.positionAt(e.offset);
    return { ok: false, error: problem(`Not valid JSON: ${e.message} at ${formatPosition(pos)}.`, e.offset, e.length) };
  }
  const root = doc.root;
  if (!root) return fail(emptyMessage);

  let items: Node;
  let shape: ProfileShape;
  let traits: Record<string, unknown> | undefined;
  let partial: SampleProfile['partial'];
  if (root.type === 'array') {
    items = root;
    shape = 'array';
  } else if (root.type === 'object') {
    const data = propertyValue(root, 'data');
    const ext = propertyValue(root, 'external_ids');
    const error = propertyValue(root, 'error');
    if (data && ext) return fail('The profile has both "data" and "external_ids": keep one list of external ids.', root);
    const list = data ?? ext;
    if (!list) {
      if (error) {
        const msg = propertyValue(error, 'message');
        return fail(
          `This is a Profile API error response${msg?.type === 'string' ? ` ("${msg.value}")` : ''}, not a profile: save the response of a profile that exists.`,
          error,
        );
      }
      return fail(`Expected "data" (a Profile API external_ids response) or "external_ids" at ${formatPosition(lines.positionAt(root.offset))}.`, root);
    }
    const key = data ? ITEM_ARRAY_KEYS[0] : ITEM_ARRAY_KEYS[1];
    if (list.type !== 'array') {
      return fail(`"${key}" must be an array of external ids, not ${describe(list)}, at ${formatPosition(lines.positionAt(list.offset))}.`, list);
    }
    items = list;
    shape = data ? 'profile-api' : 'external-ids';
    const hasMore = propertyValue(propertyValue(root, 'cursor'), 'has_more');
    if (hasMore?.value === true) partial = { offset: hasMore.offset, length: hasMore.length };
    const traitsNode = propertyValue(root, 'traits');
    if (traitsNode) {
      if (traitsNode.type === 'object') traits = nodeToValue(traitsNode) as Record<string, unknown>;
      else return fail(`"traits" must be an object, not ${describe(traitsNode)}, at ${formatPosition(lines.positionAt(traitsNode.offset))}.`, traitsNode);
    }
  } else {
    return fail(`A profile must be an object or an array, not ${describe(root)}.`, root);
  }

  const listed = items.children?.length ?? 0;
  if (listed > MAX_PROFILE_EXTERNAL_IDS) {
    const r = fail(
      `The profile lists ${count(listed)} external ids, over the limit of ${count(MAX_PROFILE_EXTERNAL_IDS)} (Engage keeps at most ${count(MAX_PROFILE_EXTERNAL_IDS)} identity mappings per profile): it is not previewed. Keep a few representative ones.`,
      items,
    );
    return { ...r, limit: true } as ProfileParseResult;
  }
  const externalIds: ProfileExternalId[] = [];
  const warnings: ProfileProblem[] = [];
  (items.children ?? []).forEach((item, position) => {
    const where = formatPosition(lines.positionAt(item.offset));
    const warn = (msg: string, node: Node = item) => warnings.push(problem(`${msg} (item ${position + 1}, ${where}): left out.`, node.offset, node.length));
    if (item.type !== 'object') return warn(`An external id must be an object with "type" and "id", not ${describe(item)}`);
    const type = propertyValue(item, 'type');
    const id = propertyValue(item, 'id');
    if (!type) return warn('An external id without "type"');
    if (type.type !== 'string' || type.value === '') return warn('"type" must be a non-empty string', type);
    if (!id) return warn(`The external id of type "${type.value}" has no "id"`);
    if (id.type !== 'string' || id.value === '') return warn(`"id" must be a non-empty string`, id);
    const entry: ProfileExternalId = { type: type.value as string, id: id.value as string, position, offset: item.offset };
    const created = propertyValue(item, 'created_at');
    if (created && created.type !== 'null') {
      if (created.type === 'string' && parseTimestamp(created.value as string)) entry.createdAt = created.value as string;
      else
        warnings.push(
          problem(
            `"created_at" ${created.type === 'string' ? '' : `(${describe(created)}) `}is not an ISO 8601 timestamp (item ${position + 1}, ${where}): the value is ordered as if it had none.`,
            created.offset,
            created.length,
          ),
        );
    }
    externalIds.push(entry);
  });
  return { ok: true, profile: { shape, externalIds, traits, warnings, ...(partial ? { partial } : {}) } };
}

/** True when the text holds nothing but whitespace and comments. */
function isBlank(text: string, comments: ReadonlyArray<{ offset: number; length: number }>): boolean {
  let rest = '';
  let at = 0;
  for (const c of comments) {
    rest += text.slice(at, c.offset);
    at = c.offset + c.length;
  }
  rest += text.slice(at);
  return rest.trim() === '';
}

function describe(node: Node): string {
  switch (node.type) {
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return 'null';
  }
}

function nodeToValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const p of node.children ?? []) {
        const k = p.children?.[0]?.value as string;
        const v = p.children?.[1];
        if (v && !Object.prototype.hasOwnProperty.call(out, k)) Object.defineProperty(out, k, { value: nodeToValue(v), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(nodeToValue);
    default:
      return node.value ?? null;
  }
}

/**
 * A sortable key for an ISO 8601 timestamp: [epoch milliseconds, sub-millisecond digits], so
 * the Profile API's microseconds ("2017-11-30T06:05:01.40468Z") still order correctly.
 * A timestamp without a time zone is read as UTC. Undefined when the text is not a timestamp.
 */
export function parseTimestamp(text: string): [number, number] | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', tz] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 24 || Number(mi) > 59 || Number(s) > 60) return undefined;
  let ms = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) return undefined;
  const digits = frac.padEnd(9, '0');
  ms += Number(digits.slice(0, 3));
  const sub = Number(digits.slice(3));
  if (tz && tz !== 'Z' && tz !== 'z') {
    const sign = tz[0] === '-' ? -1 : 1;
    const hh = Number(tz.slice(1, 3));
    const mm = Number(tz.replace(':', '').slice(3, 5) || '0');
    ms -= sign * (hh * 60 + mm) * 60000;
  }
  return [ms, sub];
}

/** Orders two external ids oldest first: by created_at; undated after dated; ties by file position. */
export function compareByAge(a: ProfileExternalId, b: ProfileExternalId): number {
  const ta = a.createdAt ? parseTimestamp(a.createdAt) : undefined;
  const tb = b.createdAt ? parseTimestamp(b.createdAt) : undefined;
  if (ta && tb) {
    if (ta[0] !== tb[0]) return ta[0] - tb[0];
    if (ta[1] !== tb[1]) return ta[1] - tb[1];
  } else if (ta && !tb) return -1;
  else if (!ta && tb) return 1;
  return a.position - b.position;
}
