// "Scan in Harbor" through the real registry client against a local HTTP server that answers
// with Harbor's recorded JSON (../shared/fixtures/testbed-generated) and checks Basic auth.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { parseImageReference } from '../image/reference';
import { RegistryClient } from '../registry/client';
import { RegistryError } from '../registry/errors';
import { HARBOR_ALPINE, fixtureText } from './fixtures.testutil';
import { fetchHarborReport, scanInHarbor } from './harbor';
import { harborRequestVia } from './harborClient';

const MIME = 'application/vnd.security.vulnerability.report; version=1.1';
const BASE = '/api/v2.0/projects/library/repositories/alpine/artifacts/3.10';
let server: Server;
let host: string;
const seen: string[] = [];
let statuses: string[] = [];

function authorised(req: IncomingMessage): boolean {
  return req.headers.authorization === `Basic ${Buffer.from('robot$scan:pa55word').toString('base64')}`;
}

before(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} accept-vuln=${req.headers['x-accept-vulnerabilities'] ? 'yes' : 'no'}`);
    if (!authorised(req)) {
      res.writeHead(401, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'unauthorized' }] }));
    }
    res.setHeader('content-type', 'application/json');
    if (req.method === 'POST' && req.url === `${BASE}/scan`) { res.writeHead(202); return res.end(); }
    if (req.method === 'GET' && req.url === `${BASE}?with_scan_overview=true`) {
      const artifact = JSON.parse(fixtureText(HARBOR_ALPINE, 'artifacts.json'))[0];
      artifact.scan_overview[MIME].scan_status = statuses.shift() ?? 'Success';
      return res.end(JSON.stringify(artifact));
    }
    if (req.method === 'GET' && req.url === `${BASE}/additions/vulnerabilities`) return res.end(fixtureText(HARBOR_ALPINE, 'vulnerabilities-addition.json'));
    res.writeHead(404);
    res.end(JSON.stringify({ errors: [{ code: 'NOT_FOUND', message: 'artifact not found' }] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((r) => server.close(() => r())));

const ref = (text: string) => {
  const r = parseImageReference(text);
  assert.ok(r.ok);
  return r.reference;
};

test('Scan in Harbor through RegistryClient: POST scan, poll, fetch the report with Basic credentials', async () => {
  seen.length = 0;
  statuses = ['Running', 'Success'];
  const credential = { username: 'robot$scan', secret: 'pa55word' };
  const client = new RegistryClient({ url: host, credentials: credential, retries: 0 });
  const report = await scanInHarbor(harborRequestVia(client, host, credential), ref(`${host}/library/alpine:3.10`), { intervalMs: 5 });
  assert.equal(report.findings.length, 4);
  assert.equal(report.image?.digest, 'sha256:' + 'ab'.repeat(32));
  assert.deepEqual(seen, [
    `POST ${BASE}/scan accept-vuln=no`,
    `GET ${BASE}?with_scan_overview=true accept-vuln=yes`,
    `GET ${BASE}?with_scan_overview=true accept-vuln=yes`,
    `GET ${BASE}/additions/vulnerabilities accept-vuln=yes`,
  ]);
});

test('without credentials Harbor answers 401: a readable RegistryError, no crash', async () => {
  const client = new RegistryClient({ url: host, retries: 0 });
  await assert.rejects(fetchHarborReport(harborRequestVia(client, host), ref(`${host}/library/alpine:3.10`)),
    (e: unknown) => e instanceof RegistryError && e.kind === 'unauthorized' && /401/.test(e.message));
});

test('an unknown artifact is a not-found RegistryError', async () => {
  const credential = { username: 'robot$scan', secret: 'pa55word' };
  const client = new RegistryClient({ url: host, credentials: credential, retries: 0 });
  await assert.rejects(fetchHarborReport(harborRequestVia(client, host, credential), ref(`${host}/library/alpine:9.99`)),
    (e: unknown) => e instanceof RegistryError && e.kind === 'not-found' && !/pa55word/.test(e.message));
});
