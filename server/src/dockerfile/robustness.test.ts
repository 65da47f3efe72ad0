// Malformed input never makes a rule throw (a throwing rule is isolated and logged by the linter;
// this test fails on any such log) and never hangs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyConfig } from '../config/config';
import { lintDockerfile } from './lint';
import { dockerfileRules } from './rules';

const PIECES = ['FROM', ' ', 'RUN', '\\\n', '<<EOF\n', 'EOF\n', '"', "'", '$', '${', '}', '|', '&&', '(', ')', '\n', '# hadolint ignore=',
  'DL3008', ',', 'COPY --from=', 'a', '/', ':', '@', '[', ']', '--mount=type=cache,target=/x ', 'apt-get install ', 'ONBUILD ', 'ARG X=',
  'ENV A=$A ', 'LABEL a=', '`', '\r\n', '\r', '\uFEFF', 'USER ', 'WORKDIR ', 'ADD ', 'EXPOSE 99999', '-y ', 'AS ', 'SHELL ["pwsh"]\n',
  '# escape=`\n', 'pip install ', 'CMD ', 'HEALTHCHECK ', '--platform=$X ', 'MAINTAINER '];

test('random fragments of Dockerfile syntax never make a rule throw', () => {
  const config = { ...emptyConfig(), rules: Object.fromEntries(dockerfileRules.map((r) => [r.meta.id, 'warning' as const])),
    labelSchema: { a: 'url' }, strictLabels: true, trustedRegistries: ['docker.io'] };
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const failures: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => { failures.push(String(args[0])); };
  try {
    for (let i = 0; i < 400; i++) {
      let text = '';
      const length = 5 + Math.floor(random() * 60);
      for (let k = 0; k < length; k++) text += PIECES[Math.floor(random() * PIECES.length)];
      lintDockerfile(text, config);
    }
  } finally {
    console.error = original;
  }
  assert.deepEqual(failures.slice(0, 3), []);
});
