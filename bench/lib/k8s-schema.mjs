// The Kubernetes JSON schema for yaml-language-server, built offline from
// /work/shared/k8s-schema/_definitions.json (see its SOURCES.md). yaml-language-server's
// `kubernetes` keyword means yannh's `<version>-standalone-strict/all.json`; we derive the same
// shape locally: `all.json` = a `oneOf` of `$ref`s to every definition, and the "-strict" flavour
// = `additionalProperties: false` on every object schema that lists `properties`. The files are
// written to a temp dir and handed to the server as `file://` schema URIs: nothing is downloaded.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SHARED_DEFINITIONS = '/work/shared/k8s-schema/_definitions.json';

function strict(schema) {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    // `properties` maps names to schemas: recurse into each schema, not into the map itself.
    out[key] = key === 'properties' && value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, strict(sub)]))
      : strict(value);
  }
  if (out.properties && typeof out.properties === 'object' && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

/** Writes `all.json` + `_definitions.json` under `dir`; returns the `file://` URI of all.json. */
export function writeKubernetesSchema(dir, { strictFlavour = true } = {}) {
  mkdirSync(dir, { recursive: true });
  const source = JSON.parse(readFileSync(SHARED_DEFINITIONS, 'utf8'));
  const definitions = {};
  for (const [name, schema] of Object.entries(source.definitions)) definitions[name] = strictFlavour ? strict(schema) : schema;
  writeFileSync(join(dir, '_definitions.json'), JSON.stringify({ definitions }));
  const all = {
    $schema: 'http://json-schema.org/schema#',
    oneOf: Object.keys(definitions)
      .filter((name) => definitions[name]['x-kubernetes-group-version-kind'])
      .map((name) => ({ $ref: `_definitions.json#/definitions/${name}` })),
  };
  const allPath = join(dir, 'all.json');
  writeFileSync(allPath, JSON.stringify(all));
  return pathToFileURL(allPath).href;
}
