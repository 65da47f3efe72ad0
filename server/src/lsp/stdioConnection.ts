// The connection over `--stdio`, made here rather than by vscode-languageserver from the command
// line so that messages are written with messageEncoder.ts. What the library does for stdio is
// done here too: console output goes to the client's log (stdout is the protocol), and the
// server exits when its input closes.
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { encodeMessage } from './messageEncoder';

export function createStdioConnection(): Connection {
  const writer = new StreamMessageWriter(process.stdout, {
    charset: 'utf-8',
    contentTypeEncoder: { name: 'application/json', encode: (message) => Promise.resolve(encodeMessage(message)) },
  });
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), writer);
  let shutdownReceived = false;
  connection.onShutdown(() => { shutdownReceived = true; });
  const exit = () => process.exit(shutdownReceived ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  console.log = (...args: unknown[]) => connection.console.log(format(...args));
  console.info = (...args: unknown[]) => connection.console.info(format(...args));
  console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  return connection;
}
