import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deploymentYaml, lintIn } from '../testing';
import { pod, sites } from './ruleTesting';

test('image-tag-missing: a registry port is not a tag', () => {
  assert.deepEqual(sites('image-tag-missing', pod('    image: localhost:5000/app\n')), [[6, 4, 29]]);
  assert.deepEqual(sites('image-tag-missing', pod('    image: localhost:5000/app:1.0\n')), []);
  assert.deepEqual(sites('image-tag-missing', pod(`    image: app@sha256:${'1'.repeat(64)}\n`)), []);
});

test('image-tag-missing: not when a kustomization pins the image (newTag or digest)', () => {
  const deploy = deploymentYaml('ghcr.io/acme/web');
  const codes = (kustomization: string) => lintIn({ '/ws/d.yaml': deploy, '/ws/kustomization.yaml': kustomization }, '/ws/d.yaml').map((f) => f.code);
  assert.deepEqual(codes('resources: [d.yaml]\nimages:\n- name: ghcr.io/acme/web\n  newTag: "1.0"\n'), []);
  assert.deepEqual(codes(`resources: [d.yaml]\nimages:\n- name: ghcr.io/acme/web\n  digest: sha256:${'2'.repeat(64)}\n`), []);
  assert.deepEqual(codes('resources: [d.yaml]\nimages:\n- name: ghcr.io/acme/other\n  newTag: "1.0"\n'), ['image-tag-missing']);
});
