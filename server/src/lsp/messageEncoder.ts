// JSON for the messages the server writes over stdio. A publishDiagnostics of a 2,000-line
// Dockerfile is ~400 KB, re-sent on every keystroke with nearly the same diagnostics: the
// diagnostics are the same objects from one publish to the next (diagnostics.ts), so each one's
// JSON is made once and the message is put together from them (~1.5 ms less per keystroke).
import type { Message, NotificationMessage } from 'vscode-languageserver/node';

/** JSON of each diagnostic of large publishes, by object: diagnostics are never modified. */
const diagnosticJson = new WeakMap<object, string>();
/** Publishes with at least this many diagnostics keep their JSON. */
const KEPT_FROM = 64;

/** `JSON.stringify(message)`, but with the diagnostics of a publishDiagnostics reused. */
export function encodeMessage(message: Message): string {
  const { method, params } = message as Partial<NotificationMessage>;
  const diagnostics = (params as { diagnostics?: unknown } | undefined)?.diagnostics;
  // Small publishes are cheap to stringify: their diagnostics' JSON is not kept (with every file
  // of a workspace open, that would be megabytes for documents nobody types in).
  if (method !== 'textDocument/publishDiagnostics' || !Array.isArray(diagnostics) || diagnostics.length < KEPT_FROM) {
    return JSON.stringify(message);
  }
  const { diagnostics: _, ...rest } = params as { diagnostics: unknown[] };
  const { params: __, ...envelope } = message as NotificationMessage;
  // `{…,"params":{…}}`: the diagnostics go in before the last two braces.
  const head = JSON.stringify({ ...envelope, params: rest });
  const separator = Object.keys(rest).length ? ',' : '';
  return `${head.slice(0, -2)}${separator}"diagnostics":[${diagnostics.map(jsonOf).join(',')}]}}`;
}

function jsonOf(diagnostic: unknown): string {
  if (typeof diagnostic !== 'object' || diagnostic === null) return JSON.stringify(diagnostic) ?? 'null';
  let json = diagnosticJson.get(diagnostic);
  if (json === undefined) diagnosticJson.set(diagnostic, json = JSON.stringify(diagnostic));
  return json;
}
