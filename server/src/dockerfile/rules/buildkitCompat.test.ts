// BuildKit compatibility: the Dockerfile snippets of BuildKit's own lint tests
// (moby/buildkit frontend/dockerfile/dockerfile_lint_test.go, revision 641a8fd), with BuildKit's
// expected warnings: rule, 1-based line and message (BuildKit's "Detail", which `docker build
// --check` prints and users compare). Snippets keep their leading newline, so line numbers are
// BuildKit's. Where BuildKit's test has both build-time (progress) and `--check` (unmarshal)
// expectations, the `--check` ones are used: Shipshape lints every stage, like `--check`.
//
// Each case compares the whole set of BuildKit-check findings (the 20 engine-free checks), not
// just one rule: a warning BuildKit does not give is a failure too.
// `skip`: the case needs something Shipshape has no notion of (an engine, base image config,
// build args that change the lint configuration, a check that is not implemented).
// `deliberate`: Shipshape differs on purpose (see README.md); the case then asserts `ours`.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { emptyConfig } from '../../config/config';
import { lintDockerfile } from '../lint';
import { buildkitChecks, isBuildkitCheck } from './buildkit';

/** [rule, 1-based line, message?] */
type Warning = [string, number, string?];

interface BkCase {
  /** BuildKit's test function. */
  test: string;
  text: string;
  dockerignore?: string;
  /** Build args BuildKit's test sets; informational where they do not change the lint result. */
  buildArgs?: Record<string, string>;
  warnings: Warning[];
  /** BuildKit's `error=true` turns the warnings into a failed build: our findings are errors. */
  error?: boolean;
  skip?: string;
  deliberate?: string;
  ours?: Warning[];
  note?: string;
  /** Compare only these checks' findings (documentation examples show one check each). */
  only?: string[];
}

const c = (test: string, text: string, warnings: Warning[] = [], opts: Partial<BkCase> = {}): BkCase => ({ test, text, warnings, ...opts });
/** An example of BuildKit's check documentation (frontend/dockerfile/linter/docs/<Rule>.md): only that check is compared. */
const doc = (rule: string, text: string, warnings: Warning[] = [], opts: Partial<BkCase> = {}): BkCase =>
  ({ test: `docs/${rule}`, text, warnings, only: [rule], ...opts });

// Messages, as BuildKit formats them (linter/ruleset.go).
const m = {
  stageNameCasing: (name: string) => `Stage name '${name}' should be lowercase`,
  fromAsCasing: (as: string, from: string) => `'${as}' and '${from}' keywords' casing do not match`,
  casing: (cmd: string, casing: 'lowercase' | 'uppercase') => `Command '${cmd}' should match the case of the command majority (${casing})`,
  duplicate: (name: string) => `Duplicate stage name "${name}", stage names should be unique`,
  reserved: (name: string) => `Stage name should not use the same name as reserved stage "${name}"`,
  jsonArgs: (cmd: string) => `JSON arguments recommended for ${cmd} to prevent unintended behavior related to OS signals`,
  maintainer: 'Maintainer instruction is deprecated in favor of using label',
  undefinedArgInFrom: (arg: string, suggest?: string) => `FROM argument '${arg}' is not declared${suggest ? ` (did you mean ${suggest}?)` : ''}`,
  workdir: (dir: string) => `Relative workdir "${dir}" can have unexpected results if the base image changes`,
  undefinedVar: (name: string, suggest?: string) => `Usage of undefined variable '$${name}'${suggest ? ` (did you mean $${suggest}?)` : ''}`,
  multiple: (cmd: string) => `Multiple ${cmd} instructions should not be used in the same stage because only the last one will be used`,
  legacy: (cmd: string) => `"${cmd} key=value" should be used instead of legacy "${cmd} key value" format`,
  redundant: (raw: string) => `Setting platform to predefined ${raw} in FROM is redundant as this is the default behavior`,
  secret: (instruction: string, key: string) => `Do not use ARG or ENV instructions for sensitive data (${instruction} "${key}")`,
  invalidDefault: (base: string) => `Default value for ARG ${base} results in empty or invalid base image name`,
  platformConst: (platform: string) => `FROM --platform flag should not use constant value "${platform}"`,
  ignored: (verb: 'Copy' | 'Add', file: string) => `Attempting to ${verb} file "${file}" that is excluded by .dockerignore`,
  exposeCasing: (port: string) => `Defined protocol '${port}' in EXPOSE instruction should be lowercase`,
  exposeFormat: (port: string) => `EXPOSE instruction should not define an IP address or host-port mapping, found '${port}'`,
};

// Why cases are skipped or differ.
const BUILD_ARG_CONFIG = 'the BUILDKIT_DOCKERFILE_CHECK build arg overrides `# check=`; Shipshape has no build args';
const NOT_IMPLEMENTED = 'InvalidDefinitionDescription is experimental in BuildKit and not one of the checks Shipshape implements';
const EXPERIMENTAL_ON = 'CopyIgnoredFile is experimental in BuildKit (off unless `# check=experimental=CopyIgnoredFile`); Shipshape runs it by default';
const MASTER = 'from BuildKit master (testExposeProtoCasing / testExposeInvalidFormat), newer than revision 641a8fd';

const cases: BkCase[] = [
  // testRuleCheckOption
  c('testRuleCheckOption', '#check=skip=all\nFROM scratch as base\ncopy Dockerfile .\n'),
  c('testRuleCheckOption', '#check=skip=all;error=true\nFROM scratch as base\ncopy Dockerfile .\n'),
  c('testRuleCheckOption', '#check=skip=ConsistentInstructionCasing,FromAsCasing\nFROM scratch as base\ncopy Dockerfile .\n'),
  c('testRuleCheckOption', '#check=skip=ConsistentInstructionCasing,FromAsCasing;error=true\nFROM scratch as base\ncopy Dockerfile .\n'),
  c('testRuleCheckOption', '#check=skip=ConsistentInstructionCasing\nFROM scratch as base\ncopy Dockerfile .\n',
    [['FromAsCasing', 2, m.fromAsCasing('as', 'FROM')]]),
  c('testRuleCheckOption', '#check=skip=ConsistentInstructionCasing;error=true\nFROM scratch as base\ncopy Dockerfile .\n',
    [['FromAsCasing', 2, m.fromAsCasing('as', 'FROM')]], { error: true }),
  c('testRuleCheckOption', '#check=skip=all\nFROM scratch as base\ncopy Dockerfile .\n',
    [['FromAsCasing', 2, m.fromAsCasing('as', 'FROM')]],
    { error: true, buildArgs: { BUILDKIT_DOCKERFILE_CHECK: 'skip=ConsistentInstructionCasing;error=true' }, skip: BUILD_ARG_CONFIG }),
  c('testRuleCheckOption', '#check=error=true\nFROM scratch as base\ncopy Dockerfile .\n', [],
    { buildArgs: { BUILDKIT_DOCKERFILE_CHECK: 'skip=all' }, skip: BUILD_ARG_CONFIG }),

  // testStageName
  c('testStageName', `
# warning: stage name should be lowercase
#
FROM scratch AS BadStageName

# warning: 'as' should match 'FROM' cmd casing.
#
FROM scratch as base2

FROM scratch AS base3
`, [['StageNameCasing', 4, m.stageNameCasing('BadStageName')], ['FromAsCasing', 8, m.fromAsCasing('as', 'FROM')]]),
  c('testStageName', `
# warning: 'AS' should match 'from' cmd casing.
#
from scratch AS base

from scratch as base2
`, [['FromAsCasing', 4, m.fromAsCasing('AS', 'from')]]),

  // testNoEmptyContinuation
  c('testNoEmptyContinuation', `
FROM scratch
# warning: empty continuation line
COPY Dockerfile \\

.
COPY Dockerfile \\
.
`, [['NoEmptyContinuation', 6, 'Empty continuation line']]),

  // testConsistentInstructionCasing
  c('testConsistentInstructionCasing', `
# warning: 'FROM' should be either lowercased or uppercased
#
From scratch as base
FROM scratch AS base2
`, [['ConsistentInstructionCasing', 4, m.casing('From', 'uppercase')]]),
  c('testConsistentInstructionCasing', `
FROM scratch
# warning: 'copy' should match command majority's casing (uppercase)
copy Dockerfile /foo
COPY Dockerfile /bar
`, [['ConsistentInstructionCasing', 4, m.casing('copy', 'uppercase')]]),
  c('testConsistentInstructionCasing', `
# warning: 'frOM' should be either lowercased or uppercased
#
frOM scratch as base
from scratch as base2
`, [['ConsistentInstructionCasing', 4, m.casing('frOM', 'lowercase')]]),
  c('testConsistentInstructionCasing', `
from scratch
# warning: 'COPY' should match command majority's casing (lowercase)
COPY Dockerfile /foo
copy Dockerfile /bar
`, [['ConsistentInstructionCasing', 4, m.casing('COPY', 'lowercase')]]),
  c('testConsistentInstructionCasing', `
# warning: 'from' should match command majority's casing (uppercase)
#
from scratch
COPY Dockerfile /foo
COPY Dockerfile /bar
COPY Dockerfile /baz
`, [['ConsistentInstructionCasing', 4, m.casing('from', 'uppercase')]]),
  c('testConsistentInstructionCasing', `
# warning: 'FROM' should match command majority's casing (lowercase)
#
FROM scratch
copy Dockerfile /foo
copy Dockerfile /bar
copy Dockerfile /baz
`, [['ConsistentInstructionCasing', 4, m.casing('FROM', 'lowercase')]]),
  c('testConsistentInstructionCasing', '\nfrom scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\n'),
  c('testConsistentInstructionCasing', '\nFROM scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\n'),
  c('testConsistentInstructionCasing', "\nFROM alpine\nRUN <<'EOT'\nenv\nEOT\n"),

  // testDuplicateStageName
  c('testDuplicateStageName', '\nFROM scratch AS b\nFROM scratch AS b\n', [['DuplicateStageName', 3, m.duplicate('b')]]),
  c('testDuplicateStageName', '\nFROM scratch AS b1\nFROM scratch AS b2\n'),

  // testReservedStageName
  c('testReservedStageName', '\nFROM scratch AS scratch\nFROM scratch AS context\n',
    [['ReservedStageName', 2, m.reserved('scratch')], ['ReservedStageName', 3, m.reserved('context')]]),
  c('testReservedStageName', '\nFROM scratch\nFROM scratch AS a\n'),

  // testJSONArgsRecommended
  c('testJSONArgsRecommended', '\nFROM scratch\nCMD mycommand\n', [['JSONArgsRecommended', 3, m.jsonArgs('CMD')]]),
  c('testJSONArgsRecommended', '\nFROM scratch\nENTRYPOINT mycommand\n', [['JSONArgsRecommended', 3, m.jsonArgs('ENTRYPOINT')]]),
  c('testJSONArgsRecommended', '\nFROM scratch\nSHELL ["/usr/bin/customshell"]\nCMD mycommand\n'),
  c('testJSONArgsRecommended', '\nFROM scratch\nSHELL ["/usr/bin/customshell"]\nENTRYPOINT mycommand\n'),
  c('testJSONArgsRecommended', '\nFROM scratch AS base\nSHELL ["/usr/bin/customshell"]\n\nFROM base\nCMD mycommand\n'),
  c('testJSONArgsRecommended', '\nFROM scratch AS base\nSHELL ["/usr/bin/customshell"]\n\nFROM base\nENTRYPOINT mycommand\n'),

  // testMaintainerDeprecated
  c('testMaintainerDeprecated', '\nFROM scratch\nMAINTAINER me@example.org\n', [['MaintainerDeprecated', 3, m.maintainer]]),
  c('testMaintainerDeprecated', '\nFROM scratch\nLABEL org.opencontainers.image.authors="me@example.org"\n'),

  // testWarningsBeforeError (BuildKit then fails on the unknown instruction; the warnings stand)
  c('testWarningsBeforeError', '\nFROM scratch AS BadStageName\nMAINTAINER me@example.org\nBADCMD\n',
    [['StageNameCasing', 2, m.stageNameCasing('BadStageName')], ['MaintainerDeprecated', 3, m.maintainer]]),

  // testUndeclaredArg
  c('testUndeclaredArg', '\nARG base=scratch\nFROM $base\nCOPY Dockerfile .\n'),
  c('testUndeclaredArg', '\nARG BUILDPLATFORM=linux/amd64\nFROM --platform=$BUILDPLATFORM scratch\nCOPY Dockerfile .\n'),
  c('testUndeclaredArg', '\nFROM --platform=$BUILDPLATFORM scratch\nCOPY Dockerfile .\n'),
  c('testUndeclaredArg', '\nARG DEBUG\nFROM scratch${DEBUG}\nCOPY Dockerfile .\n'),
  c('testUndeclaredArg', '\nARG DEBUG\nFROM scra${DEBUG:-tch}\nCOPY Dockerfile .\n'),
  c('testUndeclaredArg', '\nARG DEBUG=""\nFROM scratch${DEBUG-@bogus}\nCOPY Dockerfile .\n'),
  c('testUndeclaredArg', '\nFROM --platform=$BULIDPLATFORM scratch\nCOPY Dockerfile .\n',
    [['UndefinedArgInFrom', 2, m.undefinedArgInFrom('BULIDPLATFORM', 'BUILDPLATFORM')]]),
  c('testUndeclaredArg', '\nARG MY_OS=linux\nARG MY_ARCH=amd64\nFROM --platform=linux/${MYARCH} busybox\nCOPY Dockerfile .\n\t',
    [['UndefinedArgInFrom', 4, m.undefinedArgInFrom('MYARCH', 'MY_ARCH')]]),
  c('testUndeclaredArg', '\nARG tag=latest\nFROM busybox:${tag}${version} AS b\nCOPY Dockerfile .\n',
    [['UndefinedArgInFrom', 3, m.undefinedArgInFrom('version')]]),

  // testWorkdirRelativePath
  c('testWorkdirRelativePath', '\nFROM scratch\nWORKDIR app/\n', [['WorkdirRelativePath', 3, m.workdir('app/')]]),
  c('testWorkdirRelativePath', '\nFROM scratch AS a\nWORKDIR /app\n\nFROM a AS b\nWORKDIR subdir/\n'),

  // testUnmatchedVars
  c('testUnmatchedVars', '\nFROM scratch\nARG foo\nCOPY Dockerfile${foo} .\n'),
  c('testUnmatchedVars', '\nFROM alpine AS base\nARG foo=Dockerfile\n\nFROM base\nCOPY $foo .\n'),
  c('testUnmatchedVars', '\nFROM alpine\nRUN echo $PATH\n'),
  c('testUnmatchedVars', '\nFROM alpine\nCOPY $foo .\nARG foo=bar\nRUN echo $foo\n', [['UndefinedVar', 3, m.undefinedVar('foo')]]),
  c('testUnmatchedVars', '\nFROM alpine\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\nARG DIR_CONFIG=config/\nCOPY $DIR_ASSET .\n\t',
    [['UndefinedVar', 6, m.undefinedVar('DIR_ASSET', 'DIR_ASSETS')]]),
  c('testUnmatchedVars', '\nFROM alpine\nENV PATH=$PAHT:/tmp/bin\n\t\t', [['UndefinedVar', 3, m.undefinedVar('PAHT', 'PATH')]]),

  // testMultipleInstructionsDisallowed
  c('testMultipleInstructionsDisallowed', `
FROM scratch
ENTRYPOINT ["/myapp"]
ENTRYPOINT ["/myotherapp"]
CMD ["/myapp"]
CMD ["/myotherapp"]
HEALTHCHECK CMD ["/myapp"]
HEALTHCHECK CMD ["/myotherapp"]
`, [['MultipleInstructionsDisallowed', 3, m.multiple('ENTRYPOINT')], ['MultipleInstructionsDisallowed', 5, m.multiple('CMD')],
    ['MultipleInstructionsDisallowed', 7, m.multiple('HEALTHCHECK')]]),
  c('testMultipleInstructionsDisallowed', `
FROM scratch
ENTRYPOINT ["/myapp"]
CMD ["/myapp"]
HEALTHCHECK CMD ["/myapp"]
COPY <<EOF /a.txt
Hello, World!
EOF
ENTRYPOINT ["/myotherapp"]
CMD ["/myotherapp"]
HEALTHCHECK CMD ["/myotherapp"]
`, [['MultipleInstructionsDisallowed', 3, m.multiple('ENTRYPOINT')], ['MultipleInstructionsDisallowed', 4, m.multiple('CMD')],
    ['MultipleInstructionsDisallowed', 5, m.multiple('HEALTHCHECK')]]),
  c('testMultipleInstructionsDisallowed', `
FROM scratch AS a
ENTRYPOINT ["/myapp"]
CMD ["/myapp"]
HEALTHCHECK CMD ["/myapp"]

FROM a AS b
ENTRYPOINT ["/myotherapp"]
CMD ["/myotherapp"]
HEALTHCHECK CMD ["/myotherapp"]
`),

  // testLegacyKeyValueFormat
  c('testLegacyKeyValueFormat', '\nFROM scratch\nENV testkey value\nLABEL key value\n',
    [['LegacyKeyValueFormat', 3, m.legacy('ENV')], ['LegacyKeyValueFormat', 4, m.legacy('LABEL')]]),
  c('testLegacyKeyValueFormat', '\nFROM scratch\nENV testkey=value\nLABEL key=value\n'),
  c('testLegacyKeyValueFormat', '\nFROM scratch AS a\n\nFROM a AS b\nENV testkey value\nLABEL key value\n\nFROM a AS c\n',
    [['LegacyKeyValueFormat', 5, m.legacy('ENV')], ['LegacyKeyValueFormat', 6, m.legacy('LABEL')]],
    { note: "--check (unmarshal) expectations; BuildKit's test lists lines 3/4 there but does not compare lines in that mode: the instructions are on 5/6" }),

  // testBaseImagePlatformMismatch
  c('testBaseImagePlatformMismatch', '\nFROM busybox\n', [], { skip: 'InvalidBaseImagePlatform needs the pulled image config (engine)' }),

  // testAllTargetUnmarshal
  c('testAllTargetUnmarshal', '\nFROM scratch AS first\nCOPY $foo .\n\nFROM scratch AS second\nCOPY $bar .\n',
    [['UndefinedVar', 3, m.undefinedVar('foo')], ['UndefinedVar', 6, m.undefinedVar('bar')]]),

  // testRedundantTargetPlatform
  c('testRedundantTargetPlatform', '\nFROM --platform=$TARGETPLATFORM scratch\n', [['RedundantTargetPlatform', 2, m.redundant('$TARGETPLATFORM')]]),
  c('testRedundantTargetPlatform', '\nFROM --platform=${TARGETPLATFORM} scratch\n', [['RedundantTargetPlatform', 2, m.redundant('${TARGETPLATFORM}')]]),

  // testSecretsUsedInArgOrEnv
  c('testSecretsUsedInArgOrEnv', `
FROM scratch
ARG SECRET_PASSPHRASE
ENV SUPER_Secret=foo
ENV password=bar secret=baz
ARG super_duper_secret_token=foo auth=bar
ENV apikey=bar sunflower=foo
ENV git_key=
ENV PUBLIC_KEY=
ARG public_token
`, [['SecretsUsedInArgOrEnv', 3, m.secret('ARG', 'SECRET_PASSPHRASE')], ['SecretsUsedInArgOrEnv', 4, m.secret('ENV', 'SUPER_Secret')],
    ['SecretsUsedInArgOrEnv', 5, m.secret('ENV', 'password')], ['SecretsUsedInArgOrEnv', 5, m.secret('ENV', 'secret')],
    ['SecretsUsedInArgOrEnv', 6, m.secret('ARG', 'super_duper_secret_token')], ['SecretsUsedInArgOrEnv', 6, m.secret('ARG', 'auth')],
    ['SecretsUsedInArgOrEnv', 7, m.secret('ENV', 'apikey')], ['SecretsUsedInArgOrEnv', 8, m.secret('ENV', 'git_key')]]),

  // testInvalidDefaultArgInFrom (the build args only make BuildKit's build succeed; the check
  // judges the defaults, so they do not change the expected warnings)
  c('testInvalidDefaultArgInFrom', '\nARG VERSION\nFROM busybox:$VERSION\n', [['InvalidDefaultArgInFrom', 3, m.invalidDefault('busybox:$VERSION')]],
    { buildArgs: { VERSION: 'latest' } }),
  c('testInvalidDefaultArgInFrom', '\nARG IMAGE\nFROM $IMAGE\n', [['InvalidDefaultArgInFrom', 3, m.invalidDefault('$IMAGE')]],
    { buildArgs: { IMAGE: 'busybox:latest' } }),
  c('testInvalidDefaultArgInFrom', '\nARG SFX="box:"\nFROM busy${SFX}\n', [['InvalidDefaultArgInFrom', 3, m.invalidDefault('busy${SFX}')]],
    { buildArgs: { SFX: 'box:latest' } }),
  c('testInvalidDefaultArgInFrom', '\nARG VERSION="latest"\nFROM busybox:${VERSION}\n', [], { buildArgs: { VERSION: 'latest' } }),
  c('testInvalidDefaultArgInFrom', '\nARG BUSYBOX_VARIANT=""\nFROM busybox:stable${BUSYBOX_VARIANT}\n', [], { buildArgs: { BUSYBOX_VARIANT: '-musl' } }),
  c('testInvalidDefaultArgInFrom', '\n\tARG BUSYBOX_VARIANT\n\tFROM busybox:stable${BUSYBOX_VARIANT}\n\t', [], { buildArgs: { BUSYBOX_VARIANT: '-musl' } }),

  // testFromPlatformFlagConstDisallowed
  c('testFromPlatformFlagConstDisallowed', '\nFROM --platform=linux/amd64 scratch\n', [['FromPlatformFlagConstDisallowed', 2, m.platformConst('linux/amd64')]]),
  c('testFromPlatformFlagConstDisallowed', '\nFROM --platform=linux/amd64 scratch AS my_amd64_stage\n'),
  c('testFromPlatformFlagConstDisallowed', '\nFROM --platform=linux/amd64 scratch AS linux\n'),

  // testCopyIgnoredFiles
  c('testCopyIgnoredFiles', '\nFROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n', [], {
    dockerignore: '\nDockerfile\n', deliberate: EXPERIMENTAL_ON,
    ours: [['CopyIgnoredFile', 3, m.ignored('Copy', 'Dockerfile')], ['CopyIgnoredFile', 4, m.ignored('Add', 'Dockerfile')]],
  }),
  c('testCopyIgnoredFiles', '# check=experimental=CopyIgnoredFile\nFROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n',
    [['CopyIgnoredFile', 3, m.ignored('Copy', 'Dockerfile')], ['CopyIgnoredFile', 4, m.ignored('Add', 'Dockerfile')]], { dockerignore: '\nDockerfile\n' }),
  c('testCopyIgnoredFiles', '# check=skip=all;experimental=CopyIgnoredFile\nFROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n',
    [['CopyIgnoredFile', 3, m.ignored('Copy', 'Dockerfile')], ['CopyIgnoredFile', 4, m.ignored('Add', 'Dockerfile')]], { dockerignore: '\nDockerfile\n' }),
  c('testCopyIgnoredFiles', '\nFROM scratch AS base\nCOPY Dockerfile /foobar\nADD Dockerfile /windy\n\nFROM base\nCOPY --from=base /foobar /Dockerfile\n', [],
    { dockerignore: '\nfoobar\n' }),

  // testDefinitionDescription
  c('testDefinitionDescription', '# check=experimental=InvalidDefinitionDescription\n# foo this is the foo\nARG foo=bar\n', [], { skip: NOT_IMPLEMENTED }),
  c('testDefinitionDescription', '# check=experimental=InvalidDefinitionDescription\n# bar this is the bar\nARG foo=bar\n', [], { skip: NOT_IMPLEMENTED }),

  // Newer than the stored revision: BuildKit master's EXPOSE tests.
  c('testExposeProtoCasing', 'FROM scratch\nEXPOSE 80/TcP 8080/TCP 8080/udp\n',
    [['ExposeProtoCasing', 2, m.exposeCasing('80/TcP')], ['ExposeProtoCasing', 2, m.exposeCasing('8080/TCP')]], { note: MASTER }),
  c('testExposeInvalidFormat', 'FROM scratch\nEXPOSE 127.0.0.1:80:80 [::1]:8080:8080 5000:5000 8000\n',
    [['ExposeInvalidFormat', 2, m.exposeFormat('127.0.0.1:80:80')], ['ExposeInvalidFormat', 2, m.exposeFormat('[::1]:8080:8080')],
      ['ExposeInvalidFormat', 2, m.exposeFormat('5000:5000')]], { note: MASTER }),

  // The examples of BuildKit's check documentation (linter/docs/*.md). Their "Output" lines are
  // not always what BuildKit prints (quotes differ); messages here follow linter/ruleset.go.
  doc('FromAsCasing', 'FROM debian:latest as builder', [['FromAsCasing', 1, m.fromAsCasing('as', 'FROM')]]),
  doc('FromAsCasing', 'FROM debian:latest AS deb-builder'),
  doc('FromAsCasing', 'from debian:latest as deb-builder'),
  doc('ConsistentInstructionCasing', 'FROM alpine:latest AS builder\nrun apk --no-cache add build-base\n\nFROM builder AS build1\ncopy source1.cpp source.cpp',
    [['ConsistentInstructionCasing', 2, m.casing('run', 'uppercase')], ['ConsistentInstructionCasing', 5, m.casing('copy', 'uppercase')]],
    { note: 'a 2:2 tie goes to uppercase' }),
  doc('ConsistentInstructionCasing', 'FROM alpine:latest AS builder\nRUN apk --no-cache add build-base\n\nFROM builder AS build1\nCOPY source1.cpp source.cpp'),
  doc('ConsistentInstructionCasing', 'from alpine:latest as builder\nrun apk --no-cache add build-base\n\nfrom builder as build1\ncopy source1.cpp source.cpp'),
  doc('JSONArgsRecommended', 'FROM alpine\nENTRYPOINT my-program start\n# entrypoint becomes: /bin/sh -c my-program start', [['JSONArgsRecommended', 2, m.jsonArgs('ENTRYPOINT')]]),
  doc('JSONArgsRecommended', 'FROM alpine\nENTRYPOINT ["my-program", "start"]\n# entrypoint becomes: my-program start'),
  doc('JSONArgsRecommended', 'FROM alpine\nRUN apk add bash\nSHELL ["/bin/bash", "-c"]\nENTRYPOINT echo "hello world"'),
  doc('MultipleInstructionsDisallowed', 'FROM alpine\nCMD echo "Hello, Norway!"\nCMD echo "Hello, Sweden!"\n# Only "Hello, Sweden!" will be printed',
    [['MultipleInstructionsDisallowed', 2, m.multiple('CMD')]]),
  doc('MultipleInstructionsDisallowed', 'FROM alpine\nCMD echo "Hello, Norway!"; echo "Hello, Sweden!"'),
  doc('MultipleInstructionsDisallowed', 'FROM python:alpine\nRUN apk add curl\nHEALTHCHECK --interval=1s --timeout=3s \\\n  CMD curl -f http://localhost:8080 || exit 1\nCMD python -m http.server 8080'),
  doc('LegacyKeyValueFormat', 'ENV DEPS \\\n    curl \\\n    git \\\n    make', [['LegacyKeyValueFormat', 1, m.legacy('ENV')]]),
  doc('LegacyKeyValueFormat', 'ENV DEPS="\\\n    curl \\\n    git \\\n    make"'),
  doc('LegacyKeyValueFormat', 'FROM alpine\nARG foo=bar'),
  doc('LegacyKeyValueFormat', 'FROM alpine\nARG foo bar', [['LegacyKeyValueFormat', 2, m.legacy('ARG')]],
    { skip: 'the documentation calls `ARG foo bar` legacy, but BuildKit parses it as two ARGs (foo, bar) and its parser only reports ENV/LABEL; not verifiable without the engine' }),
  doc('UndefinedVar', 'FROM alpine AS base\nCOPY $foo .', [['UndefinedVar', 2, m.undefinedVar('foo')]]),
  doc('UndefinedVar', 'FROM alpine AS base\nARG foo\nCOPY $foo .'),
  doc('UndefinedVar', 'FROM alpine AS base\nARG VERSION=$foo', [['UndefinedVar', 2, m.undefinedVar('foo')]]),
  doc('UndefinedVar', 'FROM python AS base\nARG VERSION=$PYTHON_VERSION', [],
    { note: "BuildKit knows PYTHON_VERSION from the python image's config; Shipshape from its list of official images' variables" }),
  doc('UndefinedVar', 'FROM alpine\nENV PATH=$PAHT:/app/bin', [['UndefinedVar', 2, m.undefinedVar('PAHT', 'PATH')]]),
  doc('SecretsUsedInArgOrEnv', 'FROM scratch\nARG AWS_SECRET_ACCESS_KEY', [['SecretsUsedInArgOrEnv', 2, m.secret('ARG', 'AWS_SECRET_ACCESS_KEY')]]),
  doc('InvalidDefaultArgInFrom', 'ARG TAG\nFROM busybox:${TAG}', [['InvalidDefaultArgInFrom', 2, m.invalidDefault('busybox:${TAG}')]]),
  doc('InvalidDefaultArgInFrom', 'ARG TAG=latest\nFROM busybox:${TAG}'),
  doc('InvalidDefaultArgInFrom', 'ARG VARIANT\nFROM busybox:stable${VARIANT}'),
  doc('WorkdirRelativePath', 'FROM nginx AS web\nWORKDIR usr/share/nginx/html\nCOPY public .', [['WorkdirRelativePath', 2, m.workdir('usr/share/nginx/html')]]),
  doc('WorkdirRelativePath', 'FROM nginx AS web\nWORKDIR /usr/share/nginx/html\nCOPY public .'),
  doc('ExposeProtoCasing', 'FROM alpine\nEXPOSE 80/TcP', [['ExposeProtoCasing', 2, m.exposeCasing('80/TcP')]]),
  doc('ExposeProtoCasing', 'FROM alpine\nEXPOSE 80/tcp'),
  doc('ExposeInvalidFormat', 'FROM alpine\nEXPOSE 127.0.0.1:80:80', [['ExposeInvalidFormat', 2, m.exposeFormat('127.0.0.1:80:80')]]),
  doc('ExposeInvalidFormat', 'FROM alpine\nEXPOSE 80:80', [['ExposeInvalidFormat', 2, m.exposeFormat('80:80')]]),
  doc('ExposeInvalidFormat', 'FROM alpine\nEXPOSE 80'),

  // Derived from BuildKit's sources, not from an upstream test: parser.parseMaybeJSON (exec form
  // only when the arguments parse as a JSON array), util/suggest.Search (distance < 3), and the
  // shell lexer (every `${X…}` form of an unset X counts as unmatched).
  c('derived/JSONArgsRecommended', '\nFROM scratch\nCMD ["mycommand", "start",]\n', [['JSONArgsRecommended', 3, m.jsonArgs('CMD')]]),
  c('derived/JSONArgsRecommended', '\nFROM scratch\nENTRYPOINT ["mycommand"] start\n', [['JSONArgsRecommended', 3, m.jsonArgs('ENTRYPOINT')]]),
  c('derived/JSONArgsRecommended', '\nFROM scratch\nCMD [mycommand, start]\n', [['JSONArgsRecommended', 3, m.jsonArgs('CMD')]]),
  c('derived/JSONArgsRecommended', '\nFROM scratch\nCMD ["mycommand", \\\n    "start"]\n'),
  c('derived/UndefinedVar', '\nFROM scratch\nENV A=1\nCOPY $B /x\n', [['UndefinedVar', 4, m.undefinedVar('B', 'A')]]),
  c('derived/UndefinedVar', '\nFROM scratch\nCOPY ${SRC:-.} /app\nLABEL v=${VERSION:+set}\n',
    [['UndefinedVar', 3, m.undefinedVar('SRC')], ['UndefinedVar', 4, m.undefinedVar('VERSION')]],
    { deliberate: 'a `${X:-default}` / `${X:+alt}` fallback says the author expects X to be unset: Shipshape does not report it (BuildKit does)', ours: [] }),
  c('derived/SecretsUsedInArgOrEnv', '\nFROM scratch\nARG GPG_KEY\nENV DB_PASSWORD_FILE=/run/secrets/db\nARG SIGNING_KEY_ID\n',
    [['SecretsUsedInArgOrEnv', 3, m.secret('ARG', 'GPG_KEY')], ['SecretsUsedInArgOrEnv', 4, m.secret('ENV', 'DB_PASSWORD_FILE')],
      ['SecretsUsedInArgOrEnv', 5, m.secret('ARG', 'SIGNING_KEY_ID')]],
    { deliberate: 'names that only say where a secret lives or identify one (`*_FILE`, `*_ID`, `GPG_KEY`) hold no secret', ours: [] }),
  c('derived/SecretsUsedInArgOrEnv', '\nFROM scratch\nARG AWS_ACCESS_KEY_ID\nENV TOKENIZER=x MONKEY=1\n',
    [['SecretsUsedInArgOrEnv', 3, m.secret('ARG', 'AWS_ACCESS_KEY_ID')]]),
];

/** The findings of BuildKit's checks, as [rule, 1-based line, message], sorted like BuildKit. */
function lint(kase: BkCase): { warnings: Warning[]; severities: string[] } {
  let dir: string | undefined;
  let path: string | undefined;
  if (kase.dockerignore !== undefined) {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-bk-'));
    path = join(dir, 'Dockerfile');
    writeFileSync(path, kase.text);
    writeFileSync(join(dir, '.dockerignore'), kase.dockerignore);
  }
  try {
    const findings = lintDockerfile(kase.text, emptyConfig(), path)
      .filter((f) => isBuildkitCheck(f.code) && (!kase.only || kase.only.includes(f.code)));
    const sorted = findings.map((f) => ({ w: [f.code, f.range.start.line + 1, f.message] as Warning, severity: f.severity }))
      .sort((a, b) => a.w[1] - b.w[1] || a.w[0].localeCompare(b.w[0]) || a.w[2]!.localeCompare(b.w[2]!));
    return { warnings: sorted.map((s) => s.w), severities: sorted.map((s) => s.severity) };
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

const sortWarnings = (list: Warning[]) => [...list].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]) || (a[2] ?? '').localeCompare(b[2] ?? ''));

const counters = new Map<string, number>();
for (const kase of cases) {
  const n = (counters.get(kase.test) ?? 0) + 1;
  counters.set(kase.test, n);
  const label = `${kase.test} #${n}${kase.deliberate ? ' [deliberate]' : ''}`;
  test(label, { skip: kase.skip }, () => {
    const expected = sortWarnings(kase.deliberate ? kase.ours! : kase.warnings);
    const { warnings, severities } = lint(kase);
    // Messages are compared where the case gives one.
    const actual = warnings.map((w, i) => (expected[i] && expected[i]!.length === 2 ? [w[0], w[1]] as Warning : w));
    const context = `\n${kase.text}\n(BuildKit: ${JSON.stringify(kase.warnings)}${kase.deliberate ? `; deliberate: ${kase.deliberate}` : ''})`;
    assert.deepEqual(actual, expected, context);
    if (kase.error) assert.ok(severities.every((s) => s === 'error'), `error=true: ${severities.join(', ')}`);
  });
}

test('BuildKit compat: every check has ported cases; every skip and deliberate difference gives a reason', () => {
  const covered = new Set(cases.flatMap((k) => [...k.warnings, ...(k.ours ?? [])].map((w) => w[0])));
  for (const rule of buildkitChecks) assert.ok(covered.has(rule.meta.id), `no BuildKit case reports ${rule.meta.id}`);
  for (const k of cases) {
    if (k.skip !== undefined) assert.ok(k.skip.trim().length > 0);
    if (k.deliberate !== undefined) assert.ok(k.deliberate.trim().length > 0 && k.ours !== undefined);
  }
});

test('BuildKit compat: rule descriptions are BuildKit\'s', () => {
  const descriptions: Record<string, string> = {
    StageNameCasing: 'Stage names should be lowercase',
    FromAsCasing: "The 'as' keyword should match the case of the 'from' keyword",
    NoEmptyContinuation: 'Empty continuation lines will become errors in a future release',
    ConsistentInstructionCasing: 'All commands within the Dockerfile should use the same casing (either upper or lower)',
    DuplicateStageName: 'Stage names should be unique',
    ReservedStageName: 'Reserved words should not be used as stage names',
    JSONArgsRecommended: 'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals',
    MaintainerDeprecated: 'The MAINTAINER instruction is deprecated, use a label instead to define an image author',
    UndefinedArgInFrom: 'FROM command must use declared ARGs',
    WorkdirRelativePath: 'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes',
    UndefinedVar: 'Variables should be defined before their use',
    MultipleInstructionsDisallowed: 'Multiple instructions of the same type should not be used in the same stage',
    LegacyKeyValueFormat: 'Legacy key/value format with whitespace separator should not be used',
    RedundantTargetPlatform: 'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior',
    SecretsUsedInArgOrEnv: 'Sensitive data should not be used in the ARG or ENV commands',
    InvalidDefaultArgInFrom: 'Default value for global ARG results in an empty or invalid base image name',
    FromPlatformFlagConstDisallowed: 'FROM --platform flag should not use a constant value',
    CopyIgnoredFile: 'Attempting to Copy file that is excluded by .dockerignore',
    ExposeProtoCasing: 'Protocol in EXPOSE instruction should be lowercase',
    ExposeInvalidFormat: 'IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release',
  };
  for (const rule of buildkitChecks) assert.equal(rule.meta.title, descriptions[rule.meta.id], rule.meta.id);
});
