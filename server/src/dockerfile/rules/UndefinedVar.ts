import type { Instruction, Property } from 'dockerfile-ast';
import type { Range } from '../../core/finding';
import { buildModel, type BuildModel, type BuildStage, type StageScope } from '../buildkit/model';
import { scanVariables, suggest } from '../buildkit/variables';
import { sourceWord, type SourceWord } from '../buildkit/words';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** Instructions whose words BuildKit expands itself (RUN/CMD/ENTRYPOINT are left to the shell). */
const EXPANDED = new Set(['ENV', 'LABEL', 'COPY', 'ADD', 'WORKDIR', 'USER', 'VOLUME', 'STOPSIGNAL', 'ARG']);

/**
 * Variables the official images set in their config. We do not pull base images, so a stage
 * built on an image other than `scratch` may use these without declaring them.
 */
const COMMON_IMAGE_ENV = new Set([
  'LANG', 'LC_ALL', 'LANGUAGE', 'TZ', 'JAVA_HOME', 'JAVA_VERSION', 'JDK_VERSION', 'JRE_HOME', 'PYTHON_VERSION',
  'PYTHON_PIP_VERSION', 'PYTHON_SETUPTOOLS_VERSION', 'PYTHON_GET_PIP_URL', 'PYTHON_GET_PIP_SHA256', 'PYTHON_SHA256',
  'GPG_KEY', 'GPG_KEYS', 'NODE_VERSION', 'YARN_VERSION', 'GOLANG_VERSION', 'GOPATH', 'GOTOOLCHAIN', 'RUBY_VERSION',
  'RUBY_MAJOR', 'RUBY_DOWNLOAD_SHA256', 'GEM_HOME', 'BUNDLE_APP_CONFIG', 'BUNDLE_SILENCE_ROOT_WARNING', 'PHP_VERSION',
  'PHP_INI_DIR', 'PHPIZE_DEPS', 'PHP_CFLAGS', 'PHP_CPPFLAGS', 'PHP_LDFLAGS', 'PHP_URL', 'PHP_ASC_URL', 'PHP_SHA256',
  'NGINX_VERSION', 'NJS_VERSION', 'NJS_RELEASE', 'PKG_RELEASE', 'DYNPKG_RELEASE', 'MAVEN_HOME', 'MAVEN_CONFIG',
  'GRADLE_HOME', 'GRADLE_VERSION', 'RUSTUP_HOME', 'CARGO_HOME', 'RUST_VERSION', 'DOTNET_VERSION', 'ASPNET_VERSION',
  'ASPNETCORE_HTTP_PORTS', 'DOTNET_RUNNING_IN_CONTAINER', 'APP_UID', 'CATALINA_HOME', 'TOMCAT_VERSION', 'TOMCAT_MAJOR',
  'HTTPD_PREFIX', 'HTTPD_VERSION', 'PG_MAJOR', 'PG_VERSION', 'PGDATA', 'MYSQL_MAJOR', 'MYSQL_VERSION',
  'MARIADB_VERSION', 'MONGO_VERSION', 'MONGO_MAJOR', 'REDIS_VERSION', 'ERLANG_VERSION', 'ELIXIR_VERSION',
  'OTP_VERSION', 'REBAR3_VERSION', 'PERL_VERSION', 'SSL_CERT_FILE', 'VIRTUAL_ENV', 'CONDA_DIR', 'NVIDIA_VISIBLE_DEVICES',
  'NVIDIA_DRIVER_CAPABILITIES', 'CUDA_VERSION', 'LD_LIBRARY_PATH',
]);

/** BuildKit's own build args that never become environment variables. */
const NON_ENV_ARGS = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);

/** BuildKit UndefinedVar: `$X` in an instruction BuildKit expands, with X never defined. */
export const UndefinedVar: DockerfileRule = {
  meta: dockerfileRuleMeta('UndefinedVar', 'warning', 'Variables should be defined before their use'),
  check(context, report) {
    const model = buildModel(context);
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        if (!EXPANDED.has(instruction.getKeyword())) continue;
        const scope = model.scopeBefore.get(instruction);
        if (!scope) continue;
        const reported = new Set<string>();
        for (const word of expandedWords(model, instruction)) {
          for (const use of scanVariables(word.text, model.escape)) {
            if (reported.has(use.name) || isDefined(use.name, scope, stage)) continue;
            if (use.modifier && !use.modifier.includes('?')) continue;
            reported.add(use.name);
            const hint = suggest(use.name, [...scope.env.keys(), ...scope.args]);
            report({
              range: word.rangeOf(use.start, use.end),
              message: `Usage of undefined variable '$${use.name}'${hint ? ` (did you mean $${hint}?)` : ''}`,
            });
          }
        }
      }
    }
  },
  examples: {
    bad: [
      'FROM alpine:3.20\nCOPY $SRC /app',
      'FROM alpine:3.20\nARG VERSION=1\nENV APP_VERSION=${VERSOIN}',
      'ARG TAG=1\nFROM alpine:3.20\nLABEL tag=$TAG',
      'FROM scratch\nENV PATH=$JAVA_HOME/bin:$PATH',
    ],
    good: [
      'FROM alpine:3.20\nARG SRC=.\nCOPY $SRC /app',
      'ARG TAG=1\nFROM alpine:3.20\nARG TAG\nLABEL tag=$TAG',
      'FROM alpine:3.20\nENV A=1\nENV B=$A PATH=/opt/bin:$PATH',
      "FROM alpine:3.20\nLABEL x='$LITERAL' y=\\$ALSO_LITERAL",
      'FROM alpine:3.20\nRUN echo $UNDEFINED_IN_SHELL',
      'FROM alpine:3.20\nWORKDIR ${APP_DIR:-/app}',
      'FROM openjdk:21\nENV PATH=$JAVA_HOME/bin:$PATH',
      'FROM alpine:3.20 AS base\nENV ROOT=/srv\nFROM base\nWORKDIR $ROOT',
    ],
  },
};

function isDefined(name: string, scope: StageScope, stage: BuildStage): boolean {
  return scope.env.has(name) || scope.args.has(name) || NON_ENV_ARGS.has(name)
    || (stage.externalBase && COMMON_IMAGE_ENV.has(name));
}

/** The words of an instruction that BuildKit expands, as written in the document. */
function expandedWords(model: BuildModel, instruction: Instruction): SourceWord[] {
  const keyword = instruction.getKeyword();
  if (keyword === 'ENV' || keyword === 'LABEL' || keyword === 'ARG') {
    const properties = (instruction as unknown as { getProperties(): Property[] }).getProperties();
    return properties.map((p) => p.getValueRange()).filter((r): r is Range => r !== null).map((r) => sourceWord(model, r));
  }
  const words: SourceWord[] = [];
  const firstLine = instruction.getRange().start.line;
  const heredoc = /<</.test(model.textOf(instruction.getRange()));
  for (const argument of instruction.getArguments()) {
    // Heredoc bodies are file contents, not expanded words (unless the shell runs them).
    if (heredoc && argument.getRange().start.line !== firstLine) continue;
    if (argument.getValue().startsWith('<<')) continue;
    words.push(sourceWord(model, argument.getRange()));
  }
  const flags = (instruction as unknown as { getFlags?(): { getName(): string; getValueRange(): Range | null }[] }).getFlags?.() ?? [];
  for (const flag of flags) {
    const range = flag.getValueRange();
    if (range && ['chown', 'chmod'].includes(flag.getName().toLowerCase())) words.push(sourceWord(model, range));
  }
  return words;
}
