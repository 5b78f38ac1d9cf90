/**
 * Entry of the bundled language server (`dist/server.js`, bin `idsync-language-server`).
 * Transports: `--stdio` (other editors), `--node-ipc` (the VS Code client), `--socket=<port>`, `--pipe=<name>`.
 */
import { createConnection, ProposedFeatures, StreamMessageWriter } from 'vscode-languageserver/node';
import { startServer } from './server';
import { stdioReader } from './framing';

const USAGE = `idsync-language-server: the idsync language server (LSP) for *.idsync.json files.

Usage: idsync-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>

Editors start it with one of these transports; it then speaks the Language Server Protocol.
`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (args.includes('--version')) {
  process.stdout.write('0.1.0\n');
  process.exit(0);
}
if (!args.some((a) => /^--(stdio|node-ipc|socket|pipe)(=|$)/.test(a))) {
  process.stderr.write(`${USAGE}\nerror: no transport given (for example --stdio).\n`);
  process.exit(2);
}

// A test hook for the end-to-end suite (never set by users): the process exits with code 99 this
// many milliseconds after the start, as if it had crashed, so the client's restart can be observed.
// Documented in docs/reliability.md.
const crashAfter = process.env.IDSYNC_SERVER_CRASH_AFTER_MS;
if (crashAfter && /^\d+$/.test(crashAfter)) {
  setTimeout(() => {
    process.stderr.write('idsync-language-server: exiting on purpose (IDSYNC_SERVER_CRASH_AFTER_MS is set, a test hook)\n');
    process.exit(99);
  }, Number(crashAfter));
}

let connection;
if (args.includes('--stdio')) {
  // stdio with loud framing errors (see framing.ts): a header without Content-Length, a negative
  // or non-numeric one, or a body that is not JSON-RPC ends the process with code 1.
  const reader = stdioReader(process.stdin, (why) => {
    process.stderr.write(`idsync-language-server: ${why}. The connection cannot recover; exiting.\n`);
    process.exit(1);
  });
  connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  // What vscode-languageserver does for a stdio stream it creates itself: exit when the input ends
  // (0 after a shutdown request), and keep console output off stdout, which carries the protocol.
  const ended = () => process.exit(reader.shutdownRequested ? 0 : 1);
  process.stdin.on('end', ended);
  process.stdin.on('close', ended);
  const toStderr = (...a: unknown[]) => void process.stderr.write(a.map(String).join(' ') + '\n');
  console.log = console.info = console.warn = console.debug = console.trace = toStderr;
} else {
  connection = createConnection(ProposedFeatures.all);
}
startServer(connection);
connection.listen();
