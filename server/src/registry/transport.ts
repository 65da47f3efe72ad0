// One HTTP exchange with a registry (node:http/https, so each registry can have its own CA file
// or skip verification). Bodies are buffered: registry JSON is small and blobs go through
// `RegistryClient` which checks their digest anyway.
import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';

export interface TransportRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Uint8Array;
  /**
   * A body streamed piece by piece instead of `body` (blob uploads: never the whole blob in
   * memory). Give `content-length` in `headers`. Written with backpressure; if the registry
   * answers before the body is complete, the rest is not sent and the connection is dropped.
   * An error thrown by the stream fails the request with that error.
   */
  bodyStream?: AsyncIterable<Uint8Array>;
  /** PEM CA bundle added to Node's trust store for this request. */
  ca?: string | Buffer;
  /** Skip TLS verification (the registry's "insecure" setting). */
  insecure?: boolean;
  /** Milliseconds without any answer/progress before giving up. */
  timeoutMs: number;
}

export interface TransportResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  url: URL;
}

export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** Agents are shared per CA/insecure setting so connections are kept alive across requests. */
const agents = new Map<string, http.Agent>();

function agentFor(request: TransportRequest): http.Agent {
  const secure = request.url.protocol === 'https:';
  const key = secure ? `https:${request.insecure ? 'insecure' : ''}:${request.ca ? String(request.ca) : ''}` : 'http';
  let agent = agents.get(key);
  if (!agent) {
    agent = secure
      ? new https.Agent({ keepAlive: true, maxSockets: 16, ...(request.ca ? { ca: caBundle(request.ca) } : {}), rejectUnauthorized: !request.insecure })
      : new http.Agent({ keepAlive: true, maxSockets: 16 });
    agents.set(key, agent);
  }
  return agent;
}

/** Node replaces its default CAs when `ca` is given; keep the public roots as well. */
function caBundle(ca: string | Buffer): string[] {
  return [...tls.rootCertificates, String(ca)];
}

export const nodeTransport: Transport = (request) => new Promise((resolve, reject) => {
  const secure = request.url.protocol === 'https:';
  const headers: Record<string, string> = { ...request.headers };
  if (request.body) headers['content-length'] = String(request.body.length);
  let answered = false;
  let bodyComplete = !request.bodyStream;
  const req = (secure ? https : http).request(request.url, { method: request.method, headers, agent: agentFor(request) }, (res) => {
    answered = true;
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('error', reject);
    res.on('end', () => {
      const flat: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      // An early answer to a streamed body: the connection is mid-body, never reuse it.
      if (!bodyComplete) req.destroy();
      resolve({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks), url: request.url });
    });
  });
  req.setTimeout(request.timeoutMs, () => {
    const error = new Error(`no answer within ${request.timeoutMs} ms`) as NodeJS.ErrnoException;
    error.code = 'ETIMEDOUT';
    req.destroy(error);
  });
  req.on('error', reject);
  if (!request.bodyStream) {
    req.end(request.body);
    return;
  }
  const source = request.bodyStream;
  void (async () => {
    for await (const piece of source) {
      if (answered || req.destroyed) return;
      if (!req.write(piece)) {
        await new Promise<void>((done) => {
          const settle = (): void => { req.off('drain', settle); req.off('close', settle); done(); };
          req.on('drain', settle);
          req.on('close', settle);
        });
      }
    }
    if (answered || req.destroyed) return;
    bodyComplete = true;
    req.end();
  })().catch((error: unknown) => req.destroy(error as Error));
});
