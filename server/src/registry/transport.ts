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
  const req = (secure ? https : http).request(request.url, { method: request.method, headers, agent: agentFor(request) }, (res) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('error', reject);
    res.on('end', () => {
      const flat: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      resolve({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks), url: request.url });
    });
  });
  req.setTimeout(request.timeoutMs, () => {
    const error = new Error(`no answer within ${request.timeoutMs} ms`) as NodeJS.ErrnoException;
    error.code = 'ETIMEDOUT';
    req.destroy(error);
  });
  req.on('error', reject);
  req.end(request.body);
});
