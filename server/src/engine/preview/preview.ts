/**
 * The preview: which identifier values a sample profile would send to the destination, and
 * what the destination receives after normalisation and hashing. Computed once here; the
 * CLI (`idsync preview`), the hover and the webview are views of the same `ProfilePreview`.
 *
 * Semantics and every assumption are documented in docs/preview.md.
 */
import type { DestinationCatalog } from '../catalogs/catalog';
import { findDestination, listedKeyType } from '../catalogs/catalog';
import type { SampleProfile, ProfileExternalId } from './profiles';
import { parseTimestamp } from './profiles';
import type { LoadedProfile } from './samples';
import type { ConfigPreview, DestinationInfo, PreviewEntry, PreviewInput, ProfilePreview } from './types';
import { customized, defaultSetup, exitRows, EXIT_NOTE } from './rows';
import type { ProfileContext } from './values';

export type { PreviewValue, PreviewEntry, ExitPreview, ProfilePreview, DestinationInfo, PreviewInput, ConfigPreview, Strategy } from './types';
export { EXIT_NOTE } from './rows';

/** The destination of a config (the space's catalog first, then the built-in one). */
export function destinationInfo(input: PreviewInput): { info: DestinationInfo; catalog: DestinationCatalog | undefined } {
  const slug = input.model.destinationSlug ?? null;
  const catalog = findDestination(slug ?? undefined, input.catalogs, input.space);
  return {
    info: { slug, displayName: catalog?.displayName ?? slug ?? '(no destination)', known: !!catalog },
    catalog,
  };
}

/** Previews every loaded profile of a config. */
export function previewAll(input: PreviewInput, profiles: readonly LoadedProfile[]): ConfigPreview {
  const { info, catalog } = destinationInfo(input);
  const notes: string[] = [];
  if (!catalog) {
    notes.push(
      info.slug === null
        ? 'The config names no destination: values are shown as provided (normalisation and hashing unknown).'
        : `Destination "${info.slug}" is in no catalog: values are shown as provided (normalisation and hashing unknown).`,
    );
  }
  const lkt = catalog?.listKeyTypeSetting;
  if (lkt) {
    const value = input.model.connectionSettingValues[lkt.setting];
    const values = Object.keys(lkt.values);
    if (value === undefined || value === null) {
      notes.push(`connectionSettings.${lkt.setting} is not set: ${info.displayName} matches each list on one External ID Type (${values.map((v) => `"${v}"`).join(' or ')}), chosen when the audience is connected; the preview sends every key.`);
    } else if (typeof value !== 'string' || listedKeyType(lkt, value) === undefined) {
      notes.push(`connectionSettings.${lkt.setting} is ${JSON.stringify(value)}, not ${values.map((v) => `"${v}"`).join(' or ')}: the preview sends every key.`);
    }
  }
  if (input.model.setup === 'default') {
    if (input.model.entries.length > 0) notes.push('Default Setup: the idSyncConfiguration entries are ignored (ID Sync needs Customized Setup).');
    if (!catalog?.defaultSetup) notes.push(`${info.displayName} has no documented default setup: assumed every value of email and user_id (Public API description of the default).`);
  }
  return {
    destination: info,
    setup: input.model.setup,
    notes,
    profiles: profiles.map((p) => previewConfig(input, p)),
  };
}

/** Previews one sample profile against a config. A broken profile gives a preview with `error` set. */
export function previewConfig(input: PreviewInput, loaded: LoadedProfile): ProfilePreview {
  const { model } = input;
  const { catalog } = destinationInfo(input);
  const exitNote = EXIT_NOTE;
  const empty: ProfilePreview = {
    profile: loaded.display,
    error: null,
    setup: model.setup,
    identifiers: [],
    events: 0,
    exit: { identifiers: [], events: 0, note: exitNote },
    notes: [],
  };
  if (!loaded.profile) {
    empty.error = loaded.error ?? loaded.problem?.message ?? 'The profile could not be read.';
    if (loaded.problem) empty.errorPosition = { line: loaded.problem.line, character: loaded.problem.character };
    return empty;
  }
  const profile = loaded.profile;
  const ctx: ProfileContext = { input, catalog, profile, byType: groupsOf(profile) };

  const identifiers = model.setup === 'customized' ? customized(ctx, model.entries) : defaultSetup(ctx);
  const exit = exitRows(ctx, model.setup === 'customized' ? model.entries : []);
  const notes = profile.warnings.map((w) => w.message);
  if (profile.partial) {
    notes.unshift('Partial profile: a Profile API page with cursor.has_more true, so the profile has more external ids than this file; "first", "last" and "all" are computed over this page only.');
  }
  return {
    ...empty,
    identifiers,
    events: sum(identifiers),
    exit: { identifiers: exit, events: sum(exit), note: exitNote },
    notes,
    ...(profile.partial ? { partial: true } : {}),
  };
}

function sum(entries: PreviewEntry[]): number {
  return entries.reduce((n, e) => n + e.events, 0);
}

/** Groups of a profile, computed once per (immutable) profile: editors preview the same profile again on every edit. */
const GROUPS = new WeakMap<SampleProfile, Map<string, ProfileExternalId[]>>();

function groupsOf(profile: SampleProfile): Map<string, ProfileExternalId[]> {
  let groups = GROUPS.get(profile);
  if (!groups) GROUPS.set(profile, (groups = groupByType(profile.externalIds)));
  return groups;
}

/** Values of each type, oldest first: `compareByAge` order, with each timestamp parsed once. */
function groupByType(ids: readonly ProfileExternalId[]): Map<string, ProfileExternalId[]> {
  type Keyed = { id: ProfileExternalId; t: [number, number] | undefined };
  const map = new Map<string, Keyed[]>();
  for (const id of ids) {
    const k: Keyed = { id, t: id.createdAt ? parseTimestamp(id.createdAt) : undefined };
    const list = map.get(id.type);
    if (list) list.push(k);
    else map.set(id.type, [k]);
  }
  const byAge = (a: Keyed, b: Keyed): number => {
    if (a.t && b.t) {
      if (a.t[0] !== b.t[0]) return a.t[0] - b.t[0];
      if (a.t[1] !== b.t[1]) return a.t[1] - b.t[1];
    } else if (a.t && !b.t) return -1;
    else if (!a.t && b.t) return 1;
    return a.id.position - b.id.position;
  };
  const out = new Map<string, ProfileExternalId[]>();
  for (const [type, list] of map) out.set(type, list.sort(byAge).map((k) => k.id));
  return out;
}

/** The JSON shape of the CLI (`idsync preview --format json`). `mask` replaces raw values by "***". */
export function previewToJson(preview: ConfigPreview, options: { mask?: boolean; configErrors?: number } = {}): unknown {
  const row = (e: PreviewEntry) => ({
    externalId: e.externalId,
    mapTo: e.mapTo,
    key: e.key,
    strategy: e.strategy,
    values: e.values.map((v) => (options.mask ? '***' : v.raw)),
    sent: e.values.map((v) => v.sent),
    ...(options.mask ? {} : { normalized: e.values.map((v) => v.normalized ?? null) }),
    events: e.events,
    skipped: e.skipped,
    notes: [...e.notes, ...e.values.flatMap((v) => v.notes)],
  });
  return {
    destination: preview.destination,
    setup: preview.setup,
    ...(options.configErrors !== undefined ? { configErrors: options.configErrors } : {}),
    notes: preview.notes,
    profiles: preview.profiles.map((p) => ({
      profile: p.profile,
      ...(p.error !== null ? { error: p.error } : {}),
      setup: p.setup,
      identifiers: p.identifiers.map(row),
      events: p.events,
      exit: { identifiers: p.exit.identifiers.filter((e) => e.events > 0).map(row), events: p.exit.events },
      ...(p.partial ? { partial: true } : {}),
      notes: p.notes,
    })),
  };
}
