/**
 * What a command gets from the outside world. `main.ts` passes the real process streams;
 * tests pass string collectors, so every command also runs in-process.
 */

export interface Output {
  write(text: string): void;
  /** True when the stream is a terminal (colors are only used on one). */
  isTTY?: boolean;
}

export interface CliIO {
  stdout: Output;
  stderr: Output;
  /** Absolute working directory: relative paths are resolved against it, output paths are relative to it. */
  cwd: string;
  env: Record<string, string | undefined>;
  /** The script a worker thread runs to check files in parallel (the bundle itself); without it, one thread. */
  workerScript?: string;
}

/** A command of the `idsync` CLI. Add one by adding a module under commands/ and a line in the registry. */
export interface Command {
  name: string;
  /** One line for `idsync --help`. */
  summary: string;
  /** The full text of `idsync <name> --help`. */
  usage: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(argv: string[], io: CliIO): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** A usage error: printed as `idsync <cmd>: <message>` plus a pointer to --help, exit code 2. */
export class UsageError extends Error {}

/** How every command prints a usage error: the message, the usage line, a pointer to --help. */
export function usageErrorText(command: string, usage: string, message: string): string {
  return `idsync ${command}: ${printable(message)}\n${usage.split('\n')[0]}\nRun 'idsync ${command} --help' for the options.\n`;
}

/**
 * Replaces control characters (C0, DEL, C1) with visible escapes, so file content or file names
 * can neither break a line-oriented report nor send escape sequences to a terminal.
 */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    switch (c) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0');
    }
  });
}

/**
 * Whether to color terminal output. In order: `--no-color` turns it off; a non-empty FORCE_COLOR
 * turns it on (off when "0" or "false"), as in Node itself; a non-empty NO_COLOR turns it off;
 * otherwise colors are used only when stdout is a terminal (and TERM is not "dumb").
 */
export function useColor(io: CliIO, noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  const no = io.env.NO_COLOR;
  if (no !== undefined && no !== '') return false;
  return io.stdout.isTTY === true && io.env.TERM !== 'dumb';
}

/** ANSI styles; identity functions when colors are off. */
export interface Styles {
  bold(s: string): string;
  dim(s: string): string;
  underline(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
}

export function styles(color: boolean): Styles {
  const wrap = (open: number, close: number) => (s: string) => (color ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    underline: wrap(4, 24),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    blue: wrap(34, 39),
    green: wrap(32, 39),
  };
}
