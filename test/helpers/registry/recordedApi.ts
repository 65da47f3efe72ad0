// A local HTTP server answering with recorded responses of hosted registry APIs (Harbor, Docker
// Hub, Quay, GitHub, GitLab), keeping every request (method, URL, Authorization) for assertions.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RecordedAnswer = { status: number; body?: string; headers?: Record<string, string> };
export interface RecordedApi { server: Server; url: string; host: string; requests: { method: string; url: string; authorization?: string }[] }

export async function serveRecordedApi(route: (req: IncomingMessage, url: URL) => RecordedAnswer): Promise<RecordedApi> {
  const requests: RecordedApi['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method!, url: req.url!, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    const answer = route(req, new URL(req.url!, 'http://x'));
    res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
    res.end(answer.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url: `http://${host}`, host, requests };
}
