/** `idsync rules`: the lint rules with their default severity, fixability, description and docs link. */
import { ALL_RULES, docsUrl } from '../../engine';
import { parseCommandArgs } from '../args';
import { Command, EXIT_OK, UsageError } from '../io';

const USAGE = `Usage: idsync rules [options]

Lists the lint rules: code, default severity, whether the editor offers a quick fix,
what the rule reports and its documentation.

Options:
  -f, --format <name>   text (default) or json
  -h, --help            show this help
`;

export const rules: Command = {
  name: 'rules',
  summary: 'List the lint rules with their default severity',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      format: { type: 'string', short: 'f' },
      help: { type: 'boolean', short: 'h' },
    });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const format = (values.format as string | undefined) ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format '${format}': use text or json`);
    const list = [...ALL_RULES]
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .map((r) => ({ code: r.code, defaultSeverity: r.defaultSeverity, fixable: r.fixable === true, description: r.description, docsUrl: docsUrl(r.code) }));
    if (format === 'json') {
      io.stdout.write(JSON.stringify({ rules: list }, null, 2) + '\n');
      return EXIT_OK;
    }
    const wc = Math.max(...list.map((r) => r.code.length));
    const ws = Math.max(...list.map((r) => r.defaultSeverity.length));
    let out = '';
    for (const r of list) {
      out += `${r.code.padEnd(wc)}  ${r.defaultSeverity.padEnd(ws)}  ${r.fixable ? 'fixable' : ''}`.trimEnd() + '\n';
      out += `  ${r.description}\n  ${r.docsUrl}\n`;
    }
    io.stdout.write(out);
    return EXIT_OK;
  },
};
