// One dockerfile-ast parse per document version: the rules, ShellCheck's script extraction on
// open/save and the code actions all read the same text, and a parse of a 2,000-line file costs
// tens of milliseconds. A parse is never modified after it is made, so sharing it is safe.
//
// (Memoizing dockerfile-ast's getters on top of this was measured and did not pay: most
// getters are called once per instruction per lint, and the copies cost as much as they saved.)
import { DockerfileParser, type Dockerfile } from 'dockerfile-ast';

const RECENT_LIMIT = 8;
const recent = new Map<string, Dockerfile>();

/** Parses `text`, or returns the parse already made of exactly this text. */
export function parseDockerfile(text: string): Dockerfile {
  const hit = recent.get(text);
  if (hit) {
    recent.delete(text);
    recent.set(text, hit);
    return hit;
  }
  const dockerfile = DockerfileParser.parse(text);
  recent.set(text, dockerfile);
  if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value!);
  return dockerfile;
}
