// "Scan in Harbor" and the report fetch against Harbor's recorded JSON (the shapes in
// ../shared/fixtures/testbed-generated), through a request function standing in for the
// registry client.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseImageReference, type ImageReference } from '../image/reference';
import { HARBOR_ALPINE, fixtureText } from './fixtures.testutil';
import { fetchHarborReport, harborArtifactPath, harborScanStatus, scanInHarbor, X_ACCEPT_VULNERABILITIES, type HarborRequest } from './harbor';

const ref = (text: string): ImageReference => {
  const r = parseImageReference(text);
  assert.ok(r.ok);
  return r.reference;
};
const artifact = () => JSON.parse(fixtureText(HARBOR_ALPINE, 'artifacts.json'))[0];
const addition = () => JSON.parse(fixtureText(HARBOR_ALPINE, 'vulnerabilities-addition.json'));
const MIME = 'application/vnd.security.vulnerability.report; version=1.1';

test('artifact paths: project split off, nested repository double-encoded, digest preferred over tag', () => {
  assert.equal(harborArtifactPath(ref('harbor.example/library/alpine:3.10')), '/api/v2.0/projects/library/repositories/alpine/artifacts/3.10');
  assert.equal(harborArtifactPath(ref('harbor.example/team/apps/web:1')), '/api/v2.0/projects/team/repositories/apps%252Fweb/artifacts/1');
  const digest = 'sha256:' + 'ab'.repeat(32);
  assert.equal(harborArtifactPath(ref(`harbor.example/library/alpine:3.10@${digest}`)), `/api/v2.0/projects/library/repositories/alpine/artifacts/${encodeURIComponent(digest)}`);
  assert.equal(harborArtifactPath(ref('harbor.example/library/alpine')), '/api/v2.0/projects/library/repositories/alpine/artifacts/latest');
  // The recorded addition link uses the same path.
  assert.ok(artifact().addition_links.vulnerabilities.href.startsWith('/api/v2.0/projects/library/repositories/alpine/artifacts/'));
});

test('fetchHarborReport asks for the scanner report media types and parses the addition', async () => {
  const calls: [string, string, Record<string, string>][] = [];
  const request: HarborRequest = async (method, path, headers) => { calls.push([method, path, headers]); return addition(); };
  const report = await fetchHarborReport(request, ref('harbor.example/library/alpine:3.10'));
  assert.equal(report.findings.length, 4);
  assert.deepEqual(calls, [['GET', '/api/v2.0/projects/library/repositories/alpine/artifacts/3.10/additions/vulnerabilities', { 'X-Accept-Vulnerabilities': X_ACCEPT_VULNERABILITIES }]]);
  assert.ok(X_ACCEPT_VULNERABILITIES.includes(MIME));
});

test('an empty addition (never scanned) says to scan first', async () => {
  await assert.rejects(fetchHarborReport(async () => ({}), ref('harbor.example/library/alpine:3.10')), /Scan in Harbor/);
});

test('scanInHarbor triggers, polls until Success, then fetches the report', async () => {
  const statuses = ['Pending', 'Running', 'Success'];
  const calls: string[] = [];
  const seen: string[] = [];
  const request: HarborRequest = async (method, path) => {
    calls.push(`${method} ${path}`);
    if (method === 'POST') return undefined;
    if (path.endsWith('/additions/vulnerabilities')) return addition();
    const a = artifact();
    a.scan_overview[MIME].scan_status = statuses.shift();
    return a;
  };
  const report = await scanInHarbor(request, ref('harbor.example/library/alpine:3.10'), { intervalMs: 1, onStatus: (s) => seen.push(s) });
  assert.equal(report.findings.length, 4);
  assert.deepEqual(seen, ['Pending', 'Running', 'Success']);
  assert.equal(calls[0], 'POST /api/v2.0/projects/library/repositories/alpine/artifacts/3.10/scan');
  assert.equal(calls.filter((c) => c.includes('with_scan_overview=true')).length, 3);
  assert.equal(calls.at(-1), 'GET /api/v2.0/projects/library/repositories/alpine/artifacts/3.10/additions/vulnerabilities');
});

test('scanInHarbor reports a failed scan and honours cancel', async () => {
  const failing: HarborRequest = async (method) => {
    if (method === 'POST') return undefined;
    const a = artifact();
    a.scan_overview[MIME].scan_status = 'Error';
    return a;
  };
  await assert.rejects(scanInHarbor(failing, ref('harbor.example/library/alpine:3.10'), { intervalMs: 1 }), /status "Error"/);
  const controller = new AbortController();
  const running: HarborRequest = async (method) => {
    if (method === 'POST') return undefined;
    const a = artifact();
    a.scan_overview[MIME].scan_status = 'Running';
    controller.abort(new Error('cancelled by user'));
    return a;
  };
  await assert.rejects(scanInHarbor(running, ref('harbor.example/library/alpine:3.10'), { intervalMs: 50, signal: controller.signal }), /cancelled by user/);
});

test('scan status of an artifact without a scan overview', () => {
  assert.equal(harborScanStatus({}), 'Not Scanned');
  assert.equal(harborScanStatus(artifact()), 'Success');
});
