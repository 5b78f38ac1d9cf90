/**
 * `--format github`: GitHub Actions workflow commands, one per problem, which GitHub shows as
 * annotations on the pull request:
 *   ::error file=<path>,line=<l>,col=<c>,endLine=<l>,endColumn=<c>,title=<code>::<message>
 * info and hint become `notice`. Data escapes control characters, %, CR and LF; property values
 * also escape : and ,.
 */
import type { Formatter } from './report';

/**
 * Data of a workflow command: terminal control characters (ESC, BEL, the rest of C0 but CR and
 * LF, DEL, C1) become visible `\xNN` escapes, as in stylish, so a file name or value cannot send
 * escape sequences (colors, OSC 8 links, title changes) to the log; then %, CR and LF are
 * encoded as GitHub expects.
 */
export function escapeData(s: string): string {
  return s
    .replace(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, (c) => '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0'))
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const github: Formatter = (report) => {
  let out = '';
  for (const f of report.files) {
    for (const d of f.diagnostics) {
      const level = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      const props = [
        `file=${escapeProperty(f.path)}`,
        `line=${d.range.start.line + 1}`,
        `col=${d.range.start.character + 1}`,
        `endLine=${d.range.end.line + 1}`,
        `endColumn=${d.range.end.character + 1}`,
        `title=${escapeProperty(d.code)}`,
      ];
      out += `::${level} ${props.join(',')}::${escapeData(d.message)}\n`;
    }
  }
  return out;
};
