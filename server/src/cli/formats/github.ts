/**
 * `--format github`: GitHub Actions workflow commands, one per problem, which GitHub shows as
 * annotations on the pull request:
 *   ::error file=<path>,line=<l>,col=<c>,endLine=<l>,endColumn=<c>,title=<code>::<message>
 * info and hint become `notice`. Data escapes %, CR and LF; property values also escape : and ,.
 */
import type { Formatter } from './report';

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
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
