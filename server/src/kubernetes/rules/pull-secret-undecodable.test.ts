import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codes, deploymentYaml, lintIn } from '../testing';

const secret = (data: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\ntype: kubernetes.io/dockerconfigjson\n${data}`;

test('reported on the key line of the Secret, even if nothing uses it', () => {
  const findings = lintIn({ '/ws/s.yaml': secret('data:\n  .dockerconfigjson: "%%%"\n') }, '/ws/s.yaml');
  assert.deepEqual(findings.map((f) => [f.code, f.range.start.line]), [['pull-secret-undecodable', 5]]);
  assert.match(findings[0]!.message, /base64/);
  assert.ok(!findings[0]!.message.includes('%%%'), 'the value is not echoed');
});

test('a missing key is reported on data:', () => {
  const findings = lintIn({ '/ws/s.yaml': secret('data:\n  other: e30=\n') }, '/ws/s.yaml');
  assert.deepEqual(findings.map((f) => [f.code, f.range.start.line]), [['pull-secret-undecodable', 4]]);
});

test('the using Pod gets no cascade (no no-auth, no needed)', () => {
  const files = { '/ws/d.yaml': deploymentYaml('registry.acme.com/web:1', { pullSecrets: ['regcred'] }), '/ws/s.yaml': secret(`data:\n  .dockerconfigjson: ${Buffer.from('{"credsStore":"x"}').toString('base64')}\n`) };
  assert.deepEqual(codes(lintIn(files, '/ws/d.yaml')), []);
  assert.deepEqual(codes(lintIn(files, '/ws/s.yaml')), ['pull-secret-undecodable']);
});

test('templated and placeholder data is never undecodable', () => {
  assert.deepEqual(lintIn({ '/ws/s.yaml': secret('data:\n  .dockerconfigjson: ${DOCKER_CONFIG}\n') }, '/ws/s.yaml'), []);
  assert.deepEqual(lintIn({ '/ws/chart/templates/s.yaml': secret('data:\n  .dockerconfigjson: {{ .Values.dockerconfig | b64enc }}\n') }, '/ws/chart/templates/s.yaml'), []);
  assert.deepEqual(lintIn({ '/ws/s.yaml': secret('') }, '/ws/s.yaml'), [], 'no data at all: filled in elsewhere');
});
