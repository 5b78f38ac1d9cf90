/**
 * The `idsync` CLI dispatcher: `idsync <command> [options]`, `--help`, `--version`. Commands
 * come from the registry (commands/index.ts). Nothing here touches `process`: main.ts does.
 */
import { closest } from '../engine';
import { wantsHelp } from './args';
import { COMMANDS } from './commands';
import { CliIO, Command, EXIT_OK, EXIT_USAGE, UsageError, usageErrorText } from './io';
import { VERSION } from './version';

export function mainUsage(commands: readonly Command[]): string {
  const w = Math.max(...commands.map((c) => c.name.length));
  return `Usage: idsync <command> [options]

Config-as-code for Segment Engage ID Sync: lints *.idsync.json files.

Commands:
${commands.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`).join('\n')}

Options:
  -h, --help     show this help (idsync <command> --help for a command's options)
  -v, --version  print the version

Documentation: https://github.com/idsync/idsync/blob/main/docs/cli.md
`;
}

/** Runs the CLI; resolves to the exit code. Never throws: an unexpected error is exit code 2. */
export async function runCli(argv: readonly string[], io: CliIO, commands: readonly Command[] = COMMANDS): Promise<number> {
  try {
    return await dispatch([...argv], io, commands);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    io.stderr.write(`idsync: internal error: ${message.split(/\r?\n/)[0]}\n`);
    return EXIT_USAGE;
  }
}

async function dispatch(argv: string[], io: CliIO, commands: readonly Command[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(mainUsage(commands));
    return EXIT_USAGE;
  }
  if (first === '-h' || first === '--help' || first === 'help') {
    const named = first === 'help' ? rest[0] : undefined;
    if (named !== undefined) {
      const cmd = commands.find((c) => c.name === named);
      if (!cmd) return usageError(io, `idsync: unknown command '${named}'`, commands);
      io.stdout.write(cmd.usage);
      return EXIT_OK;
    }
    io.stdout.write(mainUsage(commands));
    return EXIT_OK;
  }
  if (first === '-v' || first === '--version') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }
  if (first.startsWith('-')) return usageError(io, `idsync: unknown option '${first}'`, commands);
  const cmd = commands.find((c) => c.name === first);
  if (!cmd) {
    const near = closest(first, commands.map((c) => c.name));
    return usageError(io, `idsync: unknown command '${first}'${near ? ` (did you mean '${near}'?)` : ''}`, commands);
  }
  if (wantsHelp(rest)) {
    io.stdout.write(cmd.usage);
    return EXIT_OK;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(usageErrorText(cmd.name, cmd.usage, e.message));
    return EXIT_USAGE;
  }
}

function usageError(io: CliIO, message: string, commands: readonly Command[]): number {
  io.stderr.write(`${message}\n\n${mainUsage(commands)}`);
  return EXIT_USAGE;
}
