// The shared rule test: every rule's examples, and the documentation page beside each rule.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { emptyConfig } from '../../config/config';
import { lintDockerfile } from '../lint';
import { dockerfileRules } from './index';

/** Raise every rule (including those off by default) so the examples exercise them. */
const allOn = { ...emptyConfig(), rules: Object.fromEntries(dockerfileRules.map((r) => [r.meta.id, 'warning' as const])) };

for (const rule of dockerfileRules) {
  const id = rule.meta.id;
  const config = { ...allOn, ...rule.exampleConfig, rules: allOn.rules };
  test(`${id}: bad examples report ${id}`, () => {
    assert.ok(rule.examples.bad.length > 0, 'at least one bad example');
    for (const example of rule.examples.bad) {
      const codes = lintDockerfile(example, config).map((f) => f.code);
      assert.ok(codes.includes(id), `expected ${id} for:\n${example}\ngot ${codes.join(', ') || 'nothing'}`);
    }
  });
  test(`${id}: good examples do not report ${id}`, () => {
    assert.ok(rule.examples.good.length > 0, 'at least one good example');
    for (const example of rule.examples.good) {
      const codes = lintDockerfile(example, config).map((f) => f.code);
      assert.ok(!codes.includes(id), `unexpected ${id} for:\n${example}`);
    }
  });
  test(`${id}: has a documentation page (what, why, bad, good, fix)`, () => {
    const page = join(process.cwd(), rule.meta.docs);
    assert.ok(existsSync(page), `missing ${rule.meta.docs}`);
    const text = readFileSync(page, 'utf8');
    for (const section of ['## What', '## Why', '## Bad', '## Good', '## Fix']) assert.ok(text.includes(section), `${rule.meta.docs}: no "${section}" section`);
  });
}
