/**
 * Entry point of the `idsync` bin (bundled into dist/cli.js). Wires the CLI to the process:
 * streams, working directory, environment and exit code. No stack trace ever reaches the user.
 */
import { runCli } from './cli';
import { writeReason } from './files';
import type { CliIO } from './io';
import { runAsCheckWorker } from './parallel';

function fail(e: unknown): void {
  process.stderr.write(`idsync: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
}

function main(): void {
  // A closed pipe (`idsync check | head`) is not an error worth a trace; a failed write (a full
  // disk, `> /dev/full`) is reported in the words of every other I/O error, exit code 2.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`idsync: cannot write to standard output: ${writeReason(e)}\n`);
    process.exit(2);
  });
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);

  const io: CliIO = {
    stdout: { write: (s) => void process.stdout.write(s), isTTY: process.stdout.isTTY === true },
    stderr: { write: (s) => void process.stderr.write(s), isTTY: process.stderr.isTTY === true },
    cwd: process.cwd(),
    env: process.env,
    workerScript: __filename,
  };
  runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  }, fail);
}

// The same bundle is the worker thread of a parallel `idsync check` (parallel.ts).
if (!runAsCheckWorker()) main();
