import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintIn } from '../testing';
import { pod, sites } from './ruleTesting';

test('image-reference-invalid: each grammar error on the image: line, with the reason', () => {
  for (const [image, reason] of [
    ['ghcr.io/Acme/app:1', /lowercase/], ['acme/App:1', /lowercase/], ['"nginx:"', /tag is empty/],
    [`nginx@sha256:${'a'.repeat(10)}`, /64/], ['http://ghcr.io/a/b', /URL scheme/], ['"nginx: 1"', /whitespace/], ['{name: x}', /string/],
  ] as const) {
    const findings = lintIn({ '/ws/p.yaml': pod(`    image: ${image}\n`) }, '/ws/p.yaml').filter((f) => f.code === 'image-reference-invalid');
    assert.equal(findings.length, 1, image);
    assert.equal(findings[0]!.range.start.line, 6);
    assert.match(findings[0]!.message, reason, image);
  }
});

test('image-reference-invalid: placeholders of templating tools are not judged', () => {
  for (const image of ['${IMAGE}', '$IMAGE', '$(IMAGE)', '<IMAGE>']) assert.deepEqual(sites('image-reference-invalid', pod(`    image: ${image}\n`)), [], image);
});
