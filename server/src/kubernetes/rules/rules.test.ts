// The shared Kubernetes rule test: every rule's examples, and the documentation page beside each.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { emptyConfig, type ShipshapeConfig } from '../../config/config';
import { lintKubernetes } from '../lint';
import { kubernetesRules } from './index';

/** Raise every rule (including those off by default) so the examples exercise them. */
const allOn: ShipshapeConfig = {
  ...emptyConfig(),
  trustedRegistries: ['ghcr.io/acme'],
  rules: Object.fromEntries(kubernetesRules.map((r) => [r.meta.id, 'warning' as const])),
};

const codesOf = (text: string) => lintKubernetes('/examples/pod.yaml', text, allOn).map((f) => f.code);

for (const rule of kubernetesRules) {
  const id = rule.meta.id;
  test(`${id}: bad examples report ${id}`, () => {
    assert.ok(rule.examples.bad.length > 0, 'at least one bad example');
    for (const example of rule.examples.bad) {
      const codes = codesOf(example);
      assert.ok(codes.includes(id), `expected ${id} for:\n${example}\ngot ${codes.join(', ') || 'nothing'}`);
    }
  });
  test(`${id}: good examples do not report ${id}`, () => {
    assert.ok(rule.examples.good.length > 0, 'at least one good example');
    for (const example of rule.examples.good) {
      const codes = codesOf(example);
      assert.ok(!codes.includes(id), `unexpected ${id} for:\n${example}`);
    }
  });
  test(`${id}: has a documentation page`, () => {
    assert.ok(existsSync(join(process.cwd(), rule.meta.docs)), `missing ${rule.meta.docs}`);
  });
}
