import type { Property } from 'dockerfile-ast';
import { buildModel } from '../buildkit/model';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** BuildKit LegacyKeyValueFormat: `ENV key value` instead of `ENV key=value`. */
export const LegacyKeyValueFormat: DockerfileRule = {
  meta: dockerfileRuleMeta('LegacyKeyValueFormat', 'warning', 'Legacy key/value format with whitespace separator should not be used'),
  check(context, report) {
    const model = buildModel(context);
    for (const { node: instruction } of context.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'ENV' && keyword !== 'LABEL') continue;
      const properties = (instruction as unknown as { getProperties(): Property[] }).getProperties();
      for (const property of properties) {
        if (property.getAssignmentOperator() !== null || property.getValueRange() === null) continue;
        const name = instruction.getInstruction();
        const raw = model.textOf(property.getValueRange()!);
        const range = property.getRange();
        const single = range.start.line === range.end.line && !/["'\\`]/.test(raw);
        const value = /\s/.test(raw) ? `"${raw}"` : raw;
        report({
          range,
          message: `"${name} key=value" should be used instead of legacy "${name} key value" format`,
          fixes: single ? [{ title: `Use ${name} ${property.getName()}=…`, preferred: true,
            edits: [{ range, newText: `${property.getName()}=${value}` }] }] : undefined,
        });
        break;
      }
    }
  },
  examples: {
    bad: ['FROM alpine:3.20\nENV PORT 8080', 'FROM alpine:3.20\nLABEL maintainer Jane Doe'],
    good: ['FROM alpine:3.20\nENV PORT=8080', 'FROM alpine:3.20\nLABEL a=b c="d e"', 'FROM alpine:3.20\nARG VERSION'],
  },
};
