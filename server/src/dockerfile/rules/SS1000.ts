import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/**
 * SS1000: a rule id in a `# hadolint ignore=` pragma that no linter knows. hadolint silently
 * voids such a pragma; here the other ids still apply and the typo is shown.
 */
export const SS1000: DockerfileRule = {
  meta: dockerfileRuleMeta('SS1000', 'info', 'Unknown rule id in ignore pragma'),
  check(context, report) {
    const known = context.knownRuleIds;
    for (const pragma of context.pragmas.ignores) {
      for (const { id, range } of pragma.ids) {
        if (known.has(id) || /^SC\d{4}$/.test(id)) continue;
        const near = [...known].find((k) => k.toLowerCase() === id.toLowerCase());
        report({ range, message: `Unknown rule id \`${id}\` in ignore pragma${near ? ` (did you mean \`${near}\`?)` : ''}` });
      }
    }
  },
  examples: {
    bad: ['# hadolint ignore=DL9999\nFROM debian:12', '# hadolint ignore=DL3007,dl3006\nFROM debian:latest'],
    good: ['# hadolint ignore=DL3007,SC2086\nFROM debian:latest'],
  },
};
