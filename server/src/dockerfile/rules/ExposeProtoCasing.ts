import { buildModel } from '../buildkit/model';
import { exposedPorts } from '../buildkit/expose';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** BuildKit ExposeProtoCasing: `EXPOSE 80/TCP` — protocols are lowercase. */
export const ExposeProtoCasing: DockerfileRule = {
  meta: dockerfileRuleMeta('ExposeProtoCasing', 'warning', 'Protocol in EXPOSE instruction should be lowercase'),
  check(context, report) {
    for (const port of exposedPorts(buildModel(context))) {
      const slash = port.value.lastIndexOf('/');
      if (slash < 0) continue;
      const proto = port.value.slice(slash + 1);
      if (proto === proto.toLowerCase()) continue;
      const fixed = port.raw.slice(0, port.raw.lastIndexOf('/') + 1) + port.raw.slice(port.raw.lastIndexOf('/') + 1).toLowerCase();
      report({
        range: port.range,
        message: `Defined protocol '${port.value}' in EXPOSE instruction should be lowercase`,
        fixes: port.raw === port.value ? [{ title: `Change to '${fixed}'`, preferred: true, edits: [{ range: port.range, newText: fixed }] }] : undefined,
      });
    }
  },
  examples: {
    bad: ['FROM alpine:3.20\nEXPOSE 80/TCP', 'FROM alpine:3.20\nEXPOSE 80/tcp 53/UDP'],
    good: ['FROM alpine:3.20\nEXPOSE 80/tcp 53/udp 8080'],
  },
};
