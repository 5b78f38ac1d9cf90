/**
 * The three views of an `idsync diff` report: text (terminals, CI logs), markdown (pull-request
 * comments, `$GITHUB_STEP_SUMMARY`) and json (scripts; shape in docs/cli.md). Raw profile values
 * are shown only with `showValues`; by default each value is shown as the destination receives
 * it (hashed where the destination hashes). Every value from a file is made safe: invisible and
 * control characters become `\u{..}` (text) and Markdown is escaped (markdown).
 */
import { escapeMarkdown, sanitizeText } from '../../engine';
import type { EntryInfo, FileDiff, ProfileDiff, SentValue } from './compare';

export interface DiffReport {
  base: { ref: string; commit: string };
  showValues: boolean;
  files: FileDiff[];
  /** Files that could not be compared ("path: reason"), also on stderr: the summary must not read as "nothing changed". */
  problems?: string[];
}

const MASK = '***';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summaryCounts(files: FileDiff[]) {
  const by = (s: string) => files.filter((f) => f.status === s).length;
  return {
    files: files.length,
    added: by('added'),
    modified: by('modified'),
    renamed: by('renamed'),
    deleted: by('deleted'),
    errors: files.reduce((n, f) => n + (f.lint?.errors ?? 0), 0),
  };
}

function headline(report: DiffReport): string {
  const c = summaryCounts(report.files);
  const failed = report.problems?.length ?? 0;
  const notCompared = failed > 0 ? `${plural(failed, 'file')} could not be compared` : '';
  if (c.files === 0) return failed > 0 ? notCompared : 'no *.idsync.json changed';
  const parts = (['added', 'modified', 'renamed', 'deleted'] as const).filter((s) => c[s] > 0).map((s) => `${c[s]} ${s}`);
  return `${plural(c.files, 'config')} changed (${parts.join(', ')})${failed > 0 ? `; ${notCompared}` : ''}`;
}

function lintLine(l: NonNullable<FileDiff['lint']>): string {
  return `${plural(l.errors, 'error')}, ${plural(l.warnings, 'warning')}, ${plural(l.infos, 'info')}`;
}

function json(v: unknown): string {
  return v === undefined ? '(absent)' : JSON.stringify(v);
}

function hasConfigChange(f: FileDiff): boolean {
  const e = f.entries;
  return f.changes.length + e.added.length + e.removed.length + e.changed.length > 0 || e.reordered;
}

function hasSendChange(p: ProfileDiff): boolean {
  return p.added.length + p.removed.length + p.changed.length > 0 || p.events.before !== p.events.after;
}

function targetText(f: FileDiff): string {
  if (f.target.kind === null) return '(no audience or journey)';
  return `${f.target.kind} ${f.target.name ?? '(unnamed)'}${f.target.existing ? ' (existing)' : ''}`;
}

function destinationText(f: FileDiff): string {
  const { before, after } = f.destination;
  if (f.status === 'added') return after ?? '(none)';
  if (f.status === 'deleted') return before ?? '(none)';
  return before === after ? after ?? '(none)' : `${before ?? '(none)'} -> ${after ?? '(none)'}`;
}

// ---------------------------------------------------------------------------------------------
// text

function entryText(e: EntryInfo): string {
  return `${e.externalId}${e.mapTo !== null ? ` -> ${e.mapTo}` : ''} [${e.strategy ?? 'no strategy'}]`;
}

function valueText(v: SentValue, showValues: boolean): string {
  const sent = JSON.stringify(v.sent);
  return showValues ? `${JSON.stringify(v.value)} sent as ${sent}` : sent;
}

export function renderDiffText(report: DiffReport): string {
  const out: string[] = [];
  out.push(`idsync diff against ${report.base.ref} (${report.base.commit.slice(0, 12)}): ${headline(report)}`);
  for (const p of report.problems ?? []) out.push(`  not compared: ${p}`);
  for (const f of report.files) {
    out.push('');
    out.push(`${f.status} ${f.path}${f.status === 'renamed' ? ` (from ${f.oldPath})` : ''}`);
    out.push(`  ${targetText(f)}, destination ${destinationText(f)}`);
    if (f.status === 'modified' || f.status === 'renamed') {
      if (!hasConfigChange(f)) out.push('  configuration: no change');
      else out.push('  configuration:');
    } else out.push(`  configuration: ${f.status === 'added' ? 'new file' : 'file deleted'}`);
    for (const c of f.changes) out.push(`    ${c.path}: ${json(c.before)} -> ${json(c.after)}`);
    for (const e of f.entries.added) out.push(`    + ${entryText(e)}`);
    for (const e of f.entries.removed) out.push(`    - ${entryText(e)}`);
    for (const c of f.entries.changed) {
      if (c.before.strategy !== c.after.strategy) out.push(`    ~ ${c.after.externalId}: strategy ${c.before.strategy ?? '(none)'} -> ${c.after.strategy ?? '(none)'}`);
      if (c.before.mapTo !== c.after.mapTo) out.push(`    ~ ${c.after.externalId}: mapTo ${c.before.mapTo ?? '(none)'} -> ${c.after.mapTo ?? '(none)'}`);
    }
    if (f.entries.reordered) out.push('    entries reordered (order matters where a destination limits how many identifiers it takes)');
    if (f.profiles.length > 0) {
      out.push(`  sample profiles (${report.showValues ? 'raw values, then what the destination receives' : 'values as the destination receives them'}):`);
      for (const p of f.profiles) {
        if (p.error !== null) {
          out.push(`    ${p.profile}: not previewed: ${p.error}`);
          continue;
        }
        const ev = (n: number | null) => (n === null ? 'none' : String(n));
        out.push(`    ${p.profile}: events ${ev(p.events.before)} -> ${ev(p.events.after)}${hasSendChange(p) ? '' : ' (no change)'}`);
        for (const v of p.added) out.push(`      + ${v.externalId} -> ${v.key}: ${valueText(v, report.showValues)}`);
        for (const v of p.removed) out.push(`      - ${v.externalId} -> ${v.key}: ${valueText(v, report.showValues)}`);
        for (const c of p.changed) {
          out.push(
            `      ~ ${c.after.externalId}${report.showValues ? ` ${JSON.stringify(c.after.value)}` : ''}: ${c.before.key} ${JSON.stringify(c.before.sent)} -> ${c.after.key} ${JSON.stringify(c.after.sent)}`,
          );
        }
        if (p.unchanged > 0 && (p.events.before !== null && p.events.after !== null)) out.push(`      = ${plural(p.unchanged, 'value')} unchanged`);
      }
    }
    if (f.warnings.length > 0) {
      out.push('  warnings:');
      for (const w of f.warnings) out.push(`    ! ${w.message}`);
    }
    if (f.lint) out.push(`  lint (new version): ${lintLine(f.lint)}`);
  }
  return out.map(sanitizeText).join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// markdown

function md(s: string): string {
  return escapeMarkdown(s);
}

function mdValue(v: unknown): string {
  return v === undefined ? '*absent*' : md(JSON.stringify(v));
}

function mdHash(s: string): string {
  return /^[a-f0-9]{64}$/i.test(s) ? `${s.slice(0, 12)}…` : s;
}

function mdSent(v: SentValue, showValues: boolean): string {
  const sent = md(mdHash(JSON.stringify(v.sent).slice(1, -1)));
  return showValues ? `${md(JSON.stringify(v.value))} → ${sent}` : sent;
}

function mdEntry(e: EntryInfo): string {
  return `${md(e.strategy ?? '(no strategy)')} → ${e.mapTo !== null ? md(e.mapTo) : '*no mapTo*'}`;
}

function mdDestination(f: FileDiff): string {
  const { before, after } = f.destination;
  const one = (s: string | null) => (s === null ? '*none*' : md(s));
  if (f.status === 'added') return one(after);
  if (f.status === 'deleted') return one(before);
  return before === after ? one(after) : `${one(before)} → ${one(after)}`;
}

const STATUS_TITLE: Record<FileDiff['status'], string> = { added: 'Added', modified: 'Modified', renamed: 'Renamed', deleted: 'Deleted' };

function mdConfigRows(f: FileDiff): string[] {
  const rows: string[] = [];
  for (const c of f.changes) rows.push(`| ${c.before === undefined ? 'added' : c.after === undefined ? 'removed' : 'changed'} | ${md(c.path)} | ${mdValue(c.before)} | ${mdValue(c.after)} |`);
  for (const e of f.entries.added) rows.push(`| added | entry ${md(e.externalId)} |  | ${mdEntry(e)} |`);
  for (const e of f.entries.removed) rows.push(`| removed | entry ${md(e.externalId)} | ${mdEntry(e)} |  |`);
  for (const c of f.entries.changed) rows.push(`| changed | entry ${md(c.after.externalId)} | ${mdEntry(c.before)} | ${mdEntry(c.after)} |`);
  if (f.entries.reordered) rows.push('| changed | entry order |  | reordered |');
  return rows;
}

export function renderDiffMarkdown(report: DiffReport): string {
  const out: string[] = [];
  out.push(`## ID Sync review: ${md(headline(report))}`);
  out.push('');
  out.push(
    `Compared with ${md(report.base.ref)} (${md(report.base.commit.slice(0, 12))}). ` +
      (report.showValues
        ? 'Profile values are shown raw and as the destination receives them.'
        : 'Profile values are shown as the destination receives them (hashes shortened); raw values are hidden (idsync diff --show-values shows them).'),
  );
  if (report.problems?.length) {
    out.push('', '> [!CAUTION]', '> These files could not be compared (see the log):');
    for (const p of report.problems) out.push(`> - ${md(p)}`);
  }
  if (report.files.length === 0) return out.join('\n') + '\n';
  out.push('');
  out.push('| File | Change | Target | Destination | Lint (new version) |');
  out.push('|---|---|---|---|---|');
  for (const f of report.files) {
    out.push(
      `| ${md(f.path)} | ${f.status}${f.status === 'renamed' ? ` from ${md(f.oldPath ?? '')}` : ''} | ${md(targetText(f))} | ${mdDestination(f)} | ${f.lint ? md(lintLine(f.lint)) : '–'} |`,
    );
  }
  for (const f of report.files) {
    out.push('');
    out.push(`### ${STATUS_TITLE[f.status]}: ${md(f.path)}`);
    if (f.status === 'renamed') out.push('', `Renamed from ${md(f.oldPath ?? '')}.`);
    if (f.warnings.length > 0) {
      out.push('');
      out.push('> [!WARNING]');
      for (const w of f.warnings) out.push(`> - ${md(w.message)}`);
    }
    out.push('');
    out.push('**Configuration**');
    out.push('');
    const rows = mdConfigRows(f);
    if (rows.length === 0) out.push(f.status === 'deleted' ? 'File deleted.' : 'No change.');
    else out.push('| Change | Setting | Before | After |', '|---|---|---|---|', ...rows);
    out.push('');
    out.push('**What the sample profiles send**');
    out.push('');
    if (f.profiles.length === 0) out.push('No sample profile.');
    for (const p of f.profiles) {
      if (p.error !== null) {
        out.push(`- ${md(p.profile)}: not previewed: ${md(p.error)}`);
        continue;
      }
      const ev = (n: number | null) => (n === null ? '–' : String(n));
      const rows: string[] = [];
      for (const v of p.added) rows.push(`| added | ${md(v.externalId)} → ${md(v.key)} |  | ${mdSent(v, report.showValues)} |`);
      for (const v of p.removed) rows.push(`| removed | ${md(v.externalId)} → ${md(v.key)} | ${mdSent(v, report.showValues)} |  |`);
      for (const c of p.changed) {
        rows.push(`| changed | ${md(c.after.externalId)} | ${md(c.before.key)}: ${mdSent(c.before, report.showValues)} | ${md(c.after.key)}: ${mdSent(c.after, report.showValues)} |`);
      }
      const unchanged = p.unchanged > 0 && p.events.before !== null && p.events.after !== null ? `, ${plural(p.unchanged, 'value')} unchanged` : '';
      out.push(`${md(p.profile)}: events ${ev(p.events.before)} → ${ev(p.events.after)}${rows.length === 0 ? ' (no change)' : unchanged}`);
      if (rows.length > 0) out.push('', '| Change | Identifier → key | Before | After |', '|---|---|---|---|', ...rows);
      out.push('');
    }
    if (out[out.length - 1] === '') out.pop();
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// json

function maskValue(v: SentValue, showValues: boolean): SentValue {
  return showValues ? v : { ...v, value: MASK };
}

export function diffToJson(report: DiffReport): unknown {
  const show = report.showValues;
  return {
    base: report.base,
    valuesShown: show,
    summary: summaryCounts(report.files),
    problems: report.problems ?? [],
    files: report.files.map((f) => ({
      ...f,
      profiles: f.profiles.map((p) => ({
        ...p,
        added: p.added.map((v) => maskValue(v, show)),
        removed: p.removed.map((v) => maskValue(v, show)),
        changed: p.changed.map((c) => ({ before: maskValue(c.before, show), after: maskValue(c.after, show) })),
      })),
    })),
  };
}
