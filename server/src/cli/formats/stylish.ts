/**
 * `--format stylish` (default), in the manner of ESLint's: problems grouped by file as
 * `line:col  severity  message  code` (1-based), then a summary line. Prints nothing when clean.
 */
import { printable, styles } from '../io';
import { bucket, count, Formatter } from './report';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const stylish: Formatter = (report, options) => {
  const s = styles(options.color);
  let out = '';
  for (const file of report.files) {
    if (file.diagnostics.length === 0) continue;
    const rows = file.diagnostics.map((d) => ({
      line: String(d.range.start.line + 1),
      col: String(d.range.start.character + 1),
      severity: d.severity,
      message: printable(d.message),
      code: d.code,
    }));
    const w = (k: 'line' | 'col' | 'severity') => Math.max(...rows.map((r) => r[k].length));
    const wl = w('line');
    const wc = w('col');
    const ws = w('severity');
    out += `\n${s.underline(printable(file.path))}\n`;
    for (const r of rows) {
      const color = bucket(r.severity) === 'error' ? s.red : bucket(r.severity) === 'warning' ? s.yellow : s.blue;
      // The message is not padded to the longest one (long messages made every line ~300 columns).
      out += `  ${s.dim(`${r.line.padStart(wl)}:${r.col.padEnd(wc)}`)}  ${color(r.severity.padEnd(ws))}  ${r.message}  ${s.dim(r.code)}\n`;
    }
  }
  const c = count(report.files);
  const total = c.error + c.warning + c.info;
  if (total > 0) {
    const summary = `✖ ${plural(total, 'problem')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.info, 'info')})`;
    out += `\n${s.bold((c.error ? s.red : c.warning ? s.yellow : s.blue)(summary))}\n`;
  }
  return out;
};
