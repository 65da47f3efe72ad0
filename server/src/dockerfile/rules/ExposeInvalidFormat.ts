import { buildModel } from '../buildkit/model';
import { exposedPorts } from '../buildkit/expose';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** BuildKit ExposeInvalidFormat: EXPOSE takes container ports, never `ip:host:container`. */
export const ExposeInvalidFormat: DockerfileRule = {
  meta: dockerfileRuleMeta('ExposeInvalidFormat', 'warning',
    'IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release'),
  check(context, report) {
    for (const port of exposedPorts(buildModel(context))) {
      const parts = port.value.split(':');
      if (parts.length < 2) continue;
      const containerPort = parts[parts.length - 1]!;
      const fixes = port.raw === port.value && containerPort
        ? [{ title: `Expose only ${containerPort}`, preferred: true, edits: [{ range: port.range, newText: containerPort }] }]
        : undefined;
      report({ range: port.range, message: `EXPOSE instruction should not define an IP address or host-port mapping, found '${port.value}'`, fixes });
    }
  },
  examples: {
    bad: ['FROM alpine:3.20\nEXPOSE 80:80', 'FROM alpine:3.20\nEXPOSE 127.0.0.1:80:80/tcp'],
    good: ['FROM alpine:3.20\nEXPOSE 80 443/tcp 8000-8010'],
  },
};
