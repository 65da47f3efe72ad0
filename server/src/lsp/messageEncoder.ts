// The bytes of the messages the server writes over stdio. A publishDiagnostics of a 2,000-line
// Dockerfile is ~400 KB, re-sent on every keystroke with nearly the same diagnostics: the
// diagnostics are the same objects from one publish to the next (diagnostics.ts), so each one's
// UTF-8 JSON is made once and the message is copied together from them. Stringifying it whole,
// then encoding it, cost ~2 ms per keystroke.
import type { Message, NotificationMessage } from 'vscode-languageserver/node';

/** UTF-8 JSON of each diagnostic of large publishes, by object: diagnostics are never modified. */
const diagnosticJson = new WeakMap<object, Buffer>();
/** Publishes with at least this many diagnostics keep their diagnostics' JSON. */
const KEPT_FROM = 64;
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}}');

/** `JSON.stringify(message)` as UTF-8, with the diagnostics of a large publishDiagnostics reused. */
export function encodeMessage(message: Message): Buffer {
  const { method, params } = message as Partial<NotificationMessage>;
  const diagnostics = (params as { diagnostics?: unknown } | undefined)?.diagnostics;
  // Small publishes are cheap to stringify: their diagnostics' JSON is not kept (with every file
  // of a workspace open, that would be megabytes for documents nobody types in).
  if (method !== 'textDocument/publishDiagnostics' || !Array.isArray(diagnostics) || diagnostics.length < KEPT_FROM) {
    return Buffer.from(JSON.stringify(message), 'utf8');
  }
  const { diagnostics: _, ...rest } = params as { diagnostics: unknown[] };
  const { params: __, ...envelope } = message as NotificationMessage;
  // `{…,"params":{…}}`: the diagnostics go in before the last two braces.
  const head = JSON.stringify({ ...envelope, params: rest });
  const separator = Object.keys(rest).length ? ',' : '';
  const parts: Buffer[] = [Buffer.from(`${head.slice(0, -2)}${separator}"diagnostics":[`, 'utf8')];
  diagnostics.forEach((diagnostic, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(jsonOf(diagnostic));
  });
  parts.push(CLOSE);
  return Buffer.concat(parts);
}

function jsonOf(diagnostic: unknown): Buffer {
  if (typeof diagnostic !== 'object' || diagnostic === null) return Buffer.from(JSON.stringify(diagnostic) ?? 'null', 'utf8');
  let json = diagnosticJson.get(diagnostic);
  if (json === undefined) diagnosticJson.set(diagnostic, json = Buffer.from(JSON.stringify(diagnostic), 'utf8'));
  return json;
}
