import type { Env } from 'dockerfile-ast';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3044: `ENV A=1 B=$A` — B sees A's value from before this ENV, not 1. */
export const DL3044: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3044', 'error', 'Do not refer to an environment variable within the same `ENV` statement where it is defined.'),
  check(context, report) {
    for (const info of context.all('ENV', true)) {
      const properties = (info.node as Env).getProperties();
      const defined = new Set<string>();
      for (const property of properties) {
        const valueRange = property.getValueRange();
        if (valueRange) {
          const start = context.offsetAt(valueRange.start);
          const raw = context.text.slice(start, context.offsetAt(valueRange.end));
          for (const ref of references(raw)) {
            // `ENV PATH=/a:$PATH` is fine (the old value); a second `PATH=…$PATH` in the same ENV is not.
            if (defined.has(ref.name)) {
              report({ range: context.rangeOf(start + ref.start, start + ref.end), message: `Do not refer to an environment variable within the same \`ENV\` statement where it is defined (\`${ref.name}\`)` });
            }
          }
        }
        defined.add(property.getName());
      }
    }
  },
  examples: {
    bad: ['FROM debian:12\nENV APP_HOME=/app APP_BIN=$APP_HOME/bin', 'FROM debian:12\nENV A=1 \\\n    B="${A}/x"'],
    good: ['FROM debian:12\nENV APP_HOME=/app\nENV APP_BIN=$APP_HOME/bin', 'FROM debian:12\nENV PATH=/app/bin:$PATH', "FROM debian:12\nENV A=1 B='$A'"],
  },
};

/** `$NAME` and `${NAME…}` outside single quotes, with offsets into `raw`. */
function references(raw: string): { name: string; start: number; end: number }[] {
  const found: { name: string; start: number; end: number }[] = [];
  let single = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') { i++; continue; }
    if (c === "'") { single = !single; continue; }
    if (c !== '$' || single) continue;
    const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(raw.slice(i));
    if (m) { found.push({ name: (m[1] ?? m[2])!, start: i, end: i + m[0].length }); i += m[0].length - 1; }
  }
  return found;
}
