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
