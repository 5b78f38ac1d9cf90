/**
 * `--format json`: one line, `{"files":[{"path","diagnostics":[{"code","severity","message","range"}]}]}`,
 * 0-based LSP positions, keys in that order. Every checked file is listed, clean ones with [].
 */
import type { Formatter } from './report';

export const json: Formatter = (report) => {
  const files = report.files.map((f) => ({
    path: f.path,
    ...(f.fixed !== undefined ? { fixed: f.fixed } : {}),
    diagnostics: f.diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      range: {
        start: { line: d.range.start.line, character: d.range.start.character },
        end: { line: d.range.end.line, character: d.range.end.character },
      },
    })),
  }));
  return JSON.stringify({ files }) + '\n';
};
