/**
 * Argument parsing over Node's `util.parseArgs`, with our own short, stable messages for
 * unknown options and missing values (Node's wording varies between versions).
 */
import { parseArgs } from 'node:util';
import { UsageError } from './io';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
}

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export function parseCommandArgs(argv: string[], options: Record<string, OptionSpec>): Parsed {
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const t of tokens ?? []) {
    if (t.kind !== 'option') continue;
    const spec = options[t.name];
    if (!spec) throw new UsageError(`unknown option '${t.rawName}'`);
    if (spec.type === 'string' && t.value === undefined) throw new UsageError(`option '${t.rawName}' needs a value`);
    if (spec.type === 'boolean' && t.inlineValue) throw new UsageError(`option '${t.rawName}' takes no value`);
  }
  return { values: values as Parsed['values'], positionals };
}

/** True when `-h`/`--help` appears before a `--` terminator. */
export function wantsHelp(argv: string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '-h' || a === '--help') return true;
  }
  return false;
}

/** `--max-file-size <n>`: a whole number of characters, 1 or more (undefined when not given). */
export function parseMaxFileSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`--max-file-size needs a whole number of characters (1 or more), not '${value}'`);
  }
  return Number(value);
}

/** The help lines of `--max-file-size`, the same in every command that reads configs. */
export const MAX_FILE_SIZE_HELP = `      --max-file-size <n>  a file longer than n characters (about bytes) gets one
                           file-too-large error instead of being analysed
                           (default 4194304)`;

/** POSIX shell quoting for a command the user is told to run (a path may hold spaces or quotes). */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
