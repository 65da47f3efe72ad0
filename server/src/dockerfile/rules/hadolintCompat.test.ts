// hadolint compatibility: the Dockerfile snippets of hadolint's own rule specs
// (test/Hadolint/Rule/DLxxxxSpec.hs, hadolint 2.15), with hadolint's expectation for each. Every
// case runs with the rule raised to warning. `onbuild` cases re-run the snippet with each `RUN`
// wrapped in `ONBUILD` (hadolint checks the instruction inside ONBUILD too). A case marked
// `deliberate` is one where Shipshape differs on purpose (see README.md, "Where Shipshape
// deliberately differs"): the test then asserts Shipshape's behaviour, the opposite of hadolint's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyConfig, type ShipshapeConfig } from '../../config/config';
import { lintDockerfile } from '../lint';

interface CompatCase {
  id: string;
  text: string;
  /** hadolint: reported (true), not reported (false), or reported exactly n times. */
  hadolint: boolean | number;
  onbuild?: boolean;
  config?: Partial<ShipshapeConfig>;
  /** Why Shipshape differs on purpose; the case then asserts the opposite of `hadolint`. */
  deliberate?: string;
  /** For counted cases that differ deliberately: Shipshape's count. */
  ours?: number;
}

interface Opts { config?: Partial<ShipshapeConfig>; deliberate?: string; ours?: number }
type Expect = (id: string, text: string | string[], opts?: Opts) => CompatCase;

const join = (text: string | string[]): string => (Array.isArray(text) ? text.join('\n') : text);
const yes: Expect = (id, text, opts = {}) => ({ id, text: join(text), hadolint: true, ...opts });
const no: Expect = (id, text, opts = {}) => ({ id, text: join(text), hadolint: false, ...opts });
const count = (n: number, id: string, text: string | string[], opts: Opts = {}): CompatCase => ({ id, text: join(text), hadolint: n, ...opts });
/** hadolint's ONBUILD variant: every `RUN` instruction wrapped in `ONBUILD`. */
const onbuild = (expect: Expect, id: string, text: string | string[], opts: Opts = {}): CompatCase[] => {
  const wrapped = join(text).split('\n').map((line) => (/^RUN\s/i.test(line) ? `ONBUILD ${line}` : line)).join('\n');
  return wrapped === join(text) ? [] : [{ ...expect(id, wrapped, opts), onbuild: true }];
};
const both = (expect: Expect, id: string, text: string | string[], opts: Opts = {}): CompatCase[] => [expect(id, text, opts), ...onbuild(expect, id, text, opts)];
const schema = (labels: Record<string, string>, strictLabels?: boolean): Opts => ({ config: { labelSchema: labels, ...(strictLabels ? { strictLabels } : {}) } });

// Deliberate differences (rules/README.md, "Where Shipshape deliberately differs").
const SHIPPED = 'image-content rules only look at stages that ship (the final stage and the stages it is built FROM)';
const NO_STAGE = 'instructions before the first FROM belong to no stage (not a valid Dockerfile; DL3061 reports it)';
const PARENT_MOUNT = 'a cache mount on /var/lib/apt covers /var/lib/apt/lists: the lists never reach the layer';
const LABEL_VARIABLE = 'a `$` in a label key is a variable the builder expands: the key is not known';
const GO_NO_DOT = 'a package path without a dot (std, main module, `go install tool`) cannot take @version';

const cases: CompatCase[] = ([
  // DL1001
  yes('DL1001', ['# hadolint ignore=DL3003', 'RUN foo bar']),
  no('DL1001', ['# hadolint shell=powershell', 'RUN foo bar']),
  no('DL1001', ['# foobar', 'RUN foo bar']),
  no('DL1001', ['FROM debian', 'RUN foo bar']),

  // DL3000
  yes('DL3000', 'WORKDIR relative/dir'),
  no('DL3000', 'WORKDIR /usr/local'),
  no('DL3000', 'WORKDIR ${work}'),
  yes('DL3000', "WORKDIR 'relative/dir'"),
  no('DL3000', "WORKDIR '/usr/local'"),
  yes('DL3000', 'WORKDIR "relative/dir"'),
  no('DL3000', 'WORKDIR "/usr/local"'),
  no('DL3000', 'WORKDIR "${dir}"'),
  no('DL3000', "WORKDIR 'C:\\'"),
  no('DL3000', 'WORKDIR "C:\\"'),
  no('DL3000', 'WORKDIR C:/'),
  no('DL3000', 'WORKDIR "C:/"'),

  // DL3001
  ...both(yes, 'DL3001', 'RUN top'),
  ...both(no, 'DL3001', 'RUN apt-get install ssh'),

  // DL3002
  yes('DL3002', ['FROM scratch', 'USER root']),
  no('DL3002', ['FROM scratch', 'USER foo']),
  yes('DL3002', ['FROM scratch', 'USER 0']),
  yes('DL3002', ['FROM scratch', 'USER root:root']),
  yes('DL3002', ['FROM scratch', 'USER 0:0']),
  no('DL3002', ['FROM scratch', 'USER root', 'RUN something', 'USER foo']),
  yes('DL3002', ['FROM debian as base', 'USER root', 'RUN something', 'FROM base', 'RUN something else']),
  yes('DL3002', ['FROM debian as base', 'USER root', 'RUN something', 'FROM scratch', 'USER foo', 'RUN something else'], { deliberate: SHIPPED }),
  no('DL3002', ['FROM debian as base', 'USER root', 'RUN something', 'USER foo', 'FROM scratch', 'RUN something else']),

  // DL3003
  no('DL3003', 'WORKDIR /opt'),
  yes('DL3003', 'RUN cd /opt'),

  // DL3004
  ...both(yes, 'DL3004', 'RUN sudo apt-get update'),
  ...both(no, 'DL3004', 'RUN apt-get install sudo'),
  ...both(yes, 'DL3004', 'RUN apt-get update && sudo apt-get install'),

  // DL3006
  yes('DL3006', 'FROM debian'),
  yes('DL3006', 'FROM debian AS builder'),
  no('DL3006', 'FROM ruby@sha256:f1dbca0f5dbc9'),
  no('DL3006', 'FROM ruby:2'),
  no('DL3006', 'FROM ${VALUE}'),
  ...both(no, 'DL3006', ['FROM golang:1.9.3-alpine3.7 AS build', 'RUN foo', 'FROM build as unit-test', 'RUN bar', 'FROM alpine:3.7', 'RUN baz']),
  ...both(yes, 'DL3006', ['FROM golang:1.9.3-alpine3.7 AS build', 'RUN foo', 'FROM node as unit-test', 'RUN bar', 'FROM alpine:3.7', 'RUN baz']),
  no('DL3006', 'FROM scratch'),

  // DL3007
  yes('DL3007', 'FROM debian:latest'),
  yes('DL3007', 'FROM debian:latest AS builder'),
  no('DL3007', 'FROM debian:jessie'),
  no('DL3007', 'FROM hub.docker.io/debian@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb'),
  no('DL3007', 'FROM debian:jessie AS builder'),

  // DL3008
  ...both(yes, 'DL3008', 'RUN apt-get update && apt-get install python'),
  ...both(no, 'DL3008', ['RUN apt-get update \\', ' && apt-get -yqq --no-install-recommends install nodejs=0.10 \\', ' && rm -rf /var/lib/apt/lists/*']),
  ...both(no, 'DL3008', ['RUN apt-get update && apt-get install --no-install-recommends -y \\', 'python-demjson=2.2.2* \\', 'wget=1.16.1* \\', 'git=1:2.5.0* \\', 'ruby=1:2.1.*']),
  ...both(no, 'DL3008', 'RUN apt-get install -y python=1.2.2'),
  ...both(no, 'DL3008', 'RUN apt-get install ./wkhtmltox_0.12.5-1.bionic_amd64.deb'),
  ...both(no, 'DL3008', 'RUN apt-get -y --no-install-recommends install nodejs=0.10'),
  ...both(no, 'DL3008', ['RUN set -e &&\\', ' echo "deb http://http.debian.net/debian jessie-backports main" > /etc/apt/sources.list.d/jessie-backports.list &&\\', ' apt-get update &&\\', ' apt-get install -y --no-install-recommends -t jessie-backports openjdk-8-jdk=8u131-b11-1~bpo8+1 &&\\', ' rm -rf /var/lib/apt/lists/*']),

  // DL3009
  ...both(yes, 'DL3009', ['FROM scratch', 'RUN apt-get update && apt-get install python']),
  no('DL3009', ['FROM ubuntu as foo', 'RUN apt-get update && apt-get install python', 'FROM scratch', 'RUN echo hey!']),
  onbuild(yes, 'DL3009', ['FROM ubuntu as foo', 'RUN apt-get update && apt-get install python', 'FROM scratch', 'RUN echo hey!'], { deliberate: SHIPPED }),
  ...both(yes, 'DL3009', ['FROM ubuntu as foo', 'RUN hey!', 'FROM scratch', 'RUN apt-get update && apt-get install python']),
  ...both(yes, 'DL3009', ['FROM ubuntu as foo', 'RUN apt-get update && apt-get install python', 'FROM foo', 'RUN hey!']),
  ...both(no, 'DL3009', ['FROM ubuntu as foo', 'RUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*', 'FROM foo', 'RUN hey!']),
  no('DL3009', ['FROM ubuntu as foo', 'RUN apt-get update && apt-get install python', 'FROM scratch', 'RUN hey!']),
  onbuild(yes, 'DL3009', ['FROM ubuntu as foo', 'RUN apt-get update && apt-get install python', 'FROM scratch', 'RUN hey!'], { deliberate: SHIPPED }),
  ...both(no, 'DL3009', ['FROM scratch', 'RUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*']),
  ...both(no, 'DL3009', ['RUN --mount=type=cache,target=/var/lib/apt/lists \\', '    apt-get update && apt-get install python']),
  ...both(no, 'DL3009', ['RUN --mount=type=cache,target=/var/lib/apt \\', '    --mount=type=cache,target=/var/cache/apt \\', '    rm -f /etc/apt/apt.conf.d/docker-clean && \\', '    apt-get update && apt-get install python']),
  ...both(no, 'DL3009', ['RUN rm -f /etc/apt/apt.conf.d/docker-clean', 'RUN --mount=type=cache,target=/var/cache/apt \\', '    --mount=type=cache,target=/var/lib/apt \\', '    apt-get update && apt-get install foo']),
  ...both(yes, 'DL3009', ['RUN --mount=type=cache,target=/var/cache/apt \\', '    rm -f /etc/apt/apt.conf.d/docker-clean && \\', '    apt-get update && apt-get install python']),
  ...both(yes, 'DL3009', ['RUN rm -f /etc/apt/apt.conf.d/docker-clean', 'RUN --mount=type=cache,target=/var/lib/apt \\', '    apt-get update && apt-get install python'], { deliberate: PARENT_MOUNT }),

  // DL3010
  yes('DL3010', ['COPY packaged-app.tar /usr/src/app', 'RUN tar -xf /usr/src/app/packaged-app.tar'], { deliberate: NO_STAGE }),
  yes('DL3010', ['FROM debian:11', ...['COPY packaged-app.tar /usr/src/app', 'RUN tar -xf /usr/src/app/packaged-app.tar']]),
  yes('DL3010', ['COPY packaged-app.tar /usr/src/app', 'WORKDIR /usr/src/app', 'RUN foo bar && echo something && tar -xf packaged-app.tar'], { deliberate: NO_STAGE }),
  yes('DL3010', ['FROM debian:11', ...['COPY packaged-app.tar /usr/src/app', 'WORKDIR /usr/src/app', 'RUN foo bar && echo something && tar -xf packaged-app.tar']]),
  yes('DL3010', ['COPY foo/bar/packaged-app.tar /foo.tar', 'RUN tar -xf /foo.tar'], { deliberate: NO_STAGE }),
  yes('DL3010', ['FROM debian:11', ...['COPY foo/bar/packaged-app.tar /foo.tar', 'RUN tar -xf /foo.tar']]),
  yes('DL3010', ['COPY build\\foo\\bar.tar.gz "C:\\Program Files\\Foo"', 'RUN tar -xf "C:\\Program Files\\Foo\\bar.tar.gz"'], { deliberate: NO_STAGE }),
  yes('DL3010', ['FROM debian:11', ...['COPY build\\foo\\bar.tar.gz "C:\\Program Files\\Foo"', 'RUN tar -xf "C:\\Program Files\\Foo\\bar.tar.gz"']]),
  yes('DL3010', ['COPY build\\foo\\bar.tar.gz "C:\\Program Files\\foo.tar.gz"', 'RUN tar -xf foo.tar.gz'], { deliberate: NO_STAGE }),
  yes('DL3010', ['FROM debian:11', ...['COPY build\\foo\\bar.tar.gz "C:\\Program Files\\foo.tar.gz"', 'RUN tar -xf foo.tar.gz']]),
  no('DL3010', ['COPY packaged-app.tar /usr/src/app', 'FROM debian:11 as newstage']),
  no('DL3010', 'COPY package.json /usr/src/app'),
  no('DL3010', 'COPY --from=builder /usr/local/share/some.tar /opt/some.tar'),

  // DL3011
  yes('DL3011', 'EXPOSE 80000'),
  no('DL3011', 'EXPOSE 60000'),

  // DL3012
  no('DL3012', 'FROM scratch'),
  no('DL3012', ['FROM scratch', 'HEALTHCHECK CMD /bin/bla']),
  no('DL3012', ['FROM scratch', 'HEALTHCHECK CMD /bin/bla1', 'FROM scratch', 'HEALTHCHECK CMD /bin/bla2']),
  yes('DL3012', ['FROM scratch', 'HEALTHCHECK CMD /bin/bla1', 'HEALTHCHECK CMD /bin/bla2']),

  // DL3013
  ...both(yes, 'DL3013', 'RUN pip2 install MySQL_python'),
  ...both(yes, 'DL3013', 'RUN pip3 install MySQL_python'),
  ...both(no, 'DL3013', 'RUN pip3 install MySQL_python==1.2.2'),
  ...both(no, 'DL3013', 'RUN pip3 install mypkg.whl'),
  ...both(no, 'DL3013', 'RUN pip3 install mypkg.tar.gz'),
  ...both(no, 'DL3013', 'RUN pip install -r requirements.txt'),
  ...both(no, 'DL3013', 'RUN pip install --requirement requirements.txt'),
  ...both(no, 'DL3013', 'RUN pip install .'),
  ...both(yes, 'DL3013', 'RUN pip install MySQL_python'),
  ...both(no, 'DL3013', 'RUN pip install MySQL_python==1.2.2'),
  ...both(no, 'DL3013', 'RUN pip install MySQL_python~=1.2.2'),
  ...both(no, 'DL3013', 'RUN pip install MySQL_python===1.2.2'),
  ...both(no, 'DL3013', 'RUN pip install --ignore-installed MySQL_python==1.2.2'),
  ...both(no, 'DL3013', 'RUN pip3 install --build /opt/yamllint yamllint==1.20.0'),
  ...both(no, 'DL3013', 'RUN pip3 install --prefix /opt/yamllint yamllint==1.20.0'),
  ...both(no, 'DL3013', 'RUN pip3 install --root /opt/yamllint yamllint==1.20.0'),
  ...both(no, 'DL3013', 'RUN pip3 install --target /opt/yamllint yamllint==1.20.0'),
  ...both(no, 'DL3013', 'RUN pip3 install --trusted-host host example==1.2.2'),
  ...both(no, 'DL3013', 'RUN python -m pip install example==1.2.2'),
  yes('DL3013', 'RUN python -m pip install example'),
  onbuild(yes, 'DL3013', 'RUN python -m pip install --index-url url example'),
  ...both(no, 'DL3013', 'RUN pip install git+https://github.com/rtfd/r-ext.git@0.6-alpha#egg=r-ext'),
  ...both(yes, 'DL3013', 'RUN pip install git+https://github.com/rtfd/read-ext.git#egg=read-ext'),
  ...both(no, 'DL3013', "RUN pip install 'alabaster>=0.7'"),
  ...both(no, 'DL3013', "RUN pip install 'alabaster<0.7'"),
  ...both(no, 'DL3013', "RUN pip install 'alabaster!=0.7'"),
  ...both(no, 'DL3013', 'RUN pip install MySQL_python==1.2.2 --user'),
  ...both(no, 'DL3013', 'RUN pip install MySQL_python==1.2.2 --disable-pip-version-check'),
  ...both(no, 'DL3013', 'RUN pip install --index-url https://eg.com/foo foobar==1.0.0'),
  ...both(no, 'DL3013', 'RUN pip install --index-url https://eg.com/foo --extra-index-url https://ex-eg.io/foo foobar==1.0.0'),
  ...both(no, 'DL3013', 'RUN pip install MySQL_python==1.2.2 --no-cache-dir'),
  ...both(no, 'DL3013', 'RUN pip install pykafka --constraint http://foo.bar.baz'),
  ...both(no, 'DL3013', 'RUN pip install pykafka -c http://foo.bar.baz'),
  ...both(no, 'DL3013', 'RUN pip install --index-url https://user:pass@eg.com/foo --extra-index-url https://user:pass@ex-eg.io/foo foobar==1.0.0'),

  // DL3014
  ...both(yes, 'DL3014', 'RUN apt-get install python'),
  ...both(no, 'DL3014', 'RUN apt-get install -yq python'),
  ...both(no, 'DL3014', 'RUN apt-get install -qq python'),
  ...both(no, 'DL3014', 'RUN apt-get install -y python'),
  ...both(no, 'DL3014', 'RUN apt-get -y install python'),
  ...both(no, 'DL3014', 'RUN apt-get --yes install python'),
  ...both(no, 'DL3014', 'RUN apt-get --assume-yes install python'),

  // DL3015
  ...both(no, 'DL3015', 'RUN apt-get install --no-install-recommends python'),
  ...both(yes, 'DL3015', 'RUN apt-get install python'),
  ...both(yes, 'DL3015', 'RUN apt-get -y install python'),
  ...both(no, 'DL3015', 'RUN apt-get -o APT::Install-Recommends=false install python'),

  // DL3016
  ...both(no, 'DL3016', 'RUN npm install'),
  ...both(no, 'DL3016', 'RUN npm install --progress=false'),
  ...both(no, 'DL3016', 'RUN npm install express@4.1.1'),
  ...both(no, 'DL3016', 'RUN npm install @myorg/privatepackage@">=0.1.0"'),
  ...both(no, 'DL3016', 'RUN npm install express@"4.1.1" sax@0.1.1'),
  ...both(no, 'DL3016', 'RUN npm install --global express@"4.1.1"'),
  ...both(no, 'DL3016', 'RUN npm install -g express@"4.1.1"'),
  ...both(no, 'DL3016', 'RUN npm install package-v1.2.3.tar'),
  ...both(no, 'DL3016', 'RUN npm install package-v1.2.3.tar.gz'),
  ...both(no, 'DL3016', 'RUN npm install package-v1.2.3.tgz'),
  ...both(no, 'DL3016', 'RUN npm install /folder'),
  ...both(no, 'DL3016', 'RUN npm install ./folder'),
  ...both(no, 'DL3016', 'RUN npm install ../folder'),
  ...both(no, 'DL3016', 'RUN npm install ~/folder'),
  ...both(no, 'DL3016', 'RUN npm install git+ssh://git@github.com:npm/npm.git#v1.0.27'),
  ...both(no, 'DL3016', 'RUN npm install git+http://isaacs@github.com/npm/npm#semver:^5.0'),
  ...both(no, 'DL3016', 'RUN npm install git+https://isaacs@github.com/npm/npm.git#v1.0.27'),
  ...both(no, 'DL3016', 'RUN npm install git://github.com/npm/npm.git#v1.0.27'),
  ...both(no, 'DL3016', 'RUN npm run --crazy install'),
  ...both(no, 'DL3016', 'RUN npm install @myorg/privatepackage@">=0.1.0 <0.2.0"'),
  ...both(yes, 'DL3016', 'RUN npm install express'),
  ...both(yes, 'DL3016', 'RUN npm install @myorg/privatepackage'),
  ...both(yes, 'DL3016', 'RUN npm install express sax@0.1.1'),
  ...both(yes, 'DL3016', 'RUN npm install --global express'),
  ...both(yes, 'DL3016', 'RUN npm install git+ssh://git@github.com:npm/npm.git'),
  ...both(yes, 'DL3016', 'RUN npm install git+http://isaacs@github.com/npm/npm'),
  ...both(yes, 'DL3016', 'RUN npm install git+https://isaacs@github.com/npm/npm.git'),
  ...both(yes, 'DL3016', 'RUN npm install git://github.com/npm/npm.git'),
  ...both(no, 'DL3016', 'RUN npm install --loglevel verbose sax@0.1.1'),
  ...both(no, 'DL3016', 'RUN npm install --registry https://example.com sax@0.1.1'),
  ...both(yes, 'DL3016', 'RUN npm install --registry https://example.com express'),
  ...both(yes, 'DL3016', 'RUN npm install --registry=https://example.com express'),

  // DL3018
  ...both(yes, 'DL3018', 'RUN apk add flex'),
  ...both(no, 'DL3018', 'RUN apk add flex=2.6.4-r1'),
  ...both(no, 'DL3018', 'RUN apk add --no-cache git~2.52.0'),
  ...both(no, 'DL3018', ['RUN apk add --no-cache flex=2.6.4-r1 \\', ' && pip install -r requirements.txt']),
  ...both(no, 'DL3018', ['RUN apk add --no-cache \\', 'flex=2.6.4-r1 \\', 'libffi=3.2.1-r3 \\', 'python2=2.7.13-r1 \\', 'libbz2=1.0.6-r5']),
  ...both(yes, 'DL3018', ['RUN apk add --no-cache \\', 'flex=2.6.4-r1 \\', 'libffi \\', 'python2=2.7.13-r1 \\', 'libbz2=1.0.6-r5']),
  ...both(no, 'DL3018', ['RUN apk add \\', '--virtual build-dependencies \\', 'python-dev=1.1.1 build-base=2.2.2 wget=3.3.3 \\', '&& pip install -r requirements.txt \\', '&& python setup.py install \\', '&& apk del build-dependencies']),
  ...both(no, 'DL3018', ['RUN apk add --no-cache \\', '--repository https://nl.alpinelinux.org/alpine/edge/testing \\', 'flow=0.78.0-r0']),
  ...both(no, 'DL3018', ['RUN apk add --no-cache \\', '--repository=https://nl.alpinelinux.org/alpine/edge/testing \\', 'flow=0.78.0-r0']),
  ...both(no, 'DL3018', ['RUN apk add --no-cache \\', '-X https://nl.alpinelinux.org/alpine/edge/testing \\', 'flow=0.78.0-r0']),
  ...both(no, 'DL3018', 'RUN apk add mypackage-1.1.1.apk'),

  // DL3019
  ...both(yes, 'DL3019', 'RUN apk add flex=2.6.4-r1'),
  ...both(no, 'DL3019', 'RUN apk add --no-cache flex=2.6.4-r1'),
  ...both(no, 'DL3019', 'RUN --mount=type=cache,target=/var/cache/apk apk add -U curl=7.77.0'),
  ...both(no, 'DL3019', 'RUN --mount=type=cache,target=/var/cache/foo apk add --no-cache -U curl=7.77.0'),
  ...both(yes, 'DL3019', 'RUN --mount=type=cache,target=/var/cache/foo apk add -U curl=7.77.0'),

  // DL3020
  no('DL3020', 'ADD file.tar /usr/src/app/'),
  no('DL3020', 'ADD file.gz /usr/src/app/'),
  no('DL3020', 'ADD file.bz2 /usr/src/app/'),
  no('DL3020', 'ADD file.xz /usr/src/app/'),
  no('DL3020', 'ADD file.tgz /usr/src/app/'),
  no('DL3020', 'ADD http://file.com /usr/src/app/'),
  yes('DL3020', 'ADD file /usr/src/app/'),
  yes('DL3020', 'ADD file.zip /usr/src/app/'),
  no('DL3020', 'ADD "file.tgz" /usr/src/app/'),
  no('DL3020', 'ADD "http://file.com" /usr/src/app/'),
  yes('DL3020', 'ADD "file.zip" /usr/src/app/'),

  // DL3021
  no('DL3021', 'COPY foo bar'),
  yes('DL3021', 'COPY foo bar baz'),
  no('DL3021', 'COPY foo bar baz/'),

  // DL3022
  yes('DL3022', 'COPY --from=foo bar .', { deliberate: NO_STAGE }),
  yes('DL3022', 'FROM debian:11\nCOPY --from=foo bar .'),
  yes('DL3022', ['FROM scratch', 'COPY --from=build foo .', 'FROM node as build', 'RUN baz']),
  no('DL3022', ['FROM scratch as build', 'RUN foo', 'FROM node', 'COPY --from=build foo .', 'RUN baz']),

  // DL3023
  yes('DL3023', ['FROM node as foo', 'COPY --from=foo bar .']),
  no('DL3023', ['FROM scratch as build', 'RUN foo', 'FROM node as run', 'COPY --from=build foo .', 'RUN baz']),

  // DL3024
  yes('DL3024', ['FROM node as foo', 'RUN something', 'FROM scratch as foo', 'RUN something']),
  no('DL3024', ['FROM scratch as build', 'RUN foo', 'FROM node as run', 'RUN baz']),

  // DL3025
  yes('DL3025', ['FROM node as foo', 'ENTRYPOINT something']),
  no('DL3025', ['FROM scratch as build', 'ENTRYPOINT ["foo", "bar"]']),
  yes('DL3025', ['FROM node as foo', 'CMD something']),
  no('DL3025', ['FROM scratch as build', 'CMD ["foo", "bar"]', 'CMD [ "foo", "bar" ]']),

  // DL3026 (allowedRegistries → trustedRegistries)
  no('DL3026', 'FROM random.com/debian'),
  yes('DL3026', 'FROM random.com/debian', { config: { trustedRegistries: ['docker.io'] } }),
  no('DL3026', 'FROM random.com/debian', { config: { trustedRegistries: ['x.com', 'random.com'] } }),
  no('DL3026', 'FROM scratch', { config: { trustedRegistries: ['x.com', 'random.com'] } }),
  no('DL3026', ['FROM ubuntu:18.04 AS builder1', 'FROM zemanlx/ubuntu:18.04 AS builder2', 'FROM docker.io/zemanlx/ubuntu:18.04 AS builder3'], { config: { trustedRegistries: ['docker.io'] } }),
  no('DL3026', ['FROM random.com/foo AS builder1', 'FROM builder1 AS builder2'], { config: { trustedRegistries: ['random.com'] } }),
  yes('DL3026', 'FROM x.com/debian', { config: { trustedRegistries: ['*.random.com'] } }),
  no('DL3026', 'FROM foo.random.com/debian', { config: { trustedRegistries: ['x.com', '*.random.com'] } }),
  no('DL3026', ['FROM ubuntu:18.04 AS builder1', 'FROM zemanlx/ubuntu:18.04 AS builder2', 'FROM docker.io/zemanlx/ubuntu:18.04 AS builder3'], { config: { trustedRegistries: ['*'] } }),

  // DL3027
  ...both(yes, 'DL3027', ['FROM ubuntu', 'RUN apt install python']),

  // DL3028
  ...both(yes, 'DL3028', 'RUN gem i bundler'),
  ...both(no, 'DL3028', 'RUN gem i bundler:1'),
  ...both(yes, 'DL3028', 'RUN gem i bunlder:1 nokogiri'),
  ...both(no, 'DL3028', 'RUN gem i bunlder:1 nokogiri:1'),
  ...both(yes, 'DL3028', 'RUN gem install bundler'),
  ...both(no, 'DL3028', 'RUN gem install bundler:1'),
  ...both(no, 'DL3028', "RUN gem install bundler -v '2.0.1'"),
  ...both(no, 'DL3028', "RUN gem install bundler --version '2.0.1'"),
  ...both(no, 'DL3028', "RUN gem install bundler --version='2.0.1'"),
  ...both(no, 'DL3028', 'RUN gem install bundler:2.0.1 -- --use-system-libraries=true'),
  ...both(no, 'DL3028', 'RUN gem install bundler:2.0.1 -- --use-system-libraries true'),
  ...both(no, 'DL3028', 'RUN gem install bundler:2.0.1 --use-system-libraries true'),
  ...both(no, 'DL3028', 'RUN gem install bundler:2.0.1 --use-system-libraries=true'),

  // DL3029
  yes('DL3029', 'FROM --platform=linux debian:jessie'),
  no('DL3029', 'FROM debian:jessie'),

  // DL3030
  ...both(yes, 'DL3030', 'RUN yum install httpd-2.4.24 && yum clean all'),
  ...both(no, 'DL3030', 'RUN yum install -y httpd-2.4.24 && yum clean all'),
  ...both(no, 'DL3030', 'RUN bash -c `# not even a yum command`'),

  // DL3032
  ...both(yes, 'DL3032', 'RUN yum install -y mariadb-10.4'),
  ...both(no, 'DL3032', 'RUN yum install -y mariadb-10.4 && yum clean all'),
  ...both(no, 'DL3032', 'RUN bash -c `# not even a yum command`'),

  // DL3033
  ...both(yes, 'DL3033', 'RUN yum install -y tomcat && yum clean all'),
  ...both(no, 'DL3033', 'RUN yum install -y tomcat-9.2 && yum clean all'),
  ...both(no, 'DL3033', 'RUN bash -c `# not even a yum command`'),
  ...both(no, 'DL3033', 'RUN yum install -y openssl-1:1.1.1k'),
  ...both(no, 'DL3033', 'RUN yum install -y rpm-sign-4.16.1.3'),
  ...both(no, 'DL3033', 'RUN yum install -y gcc-c++-1.1.1'),
  ...both(yes, 'DL3033', 'RUN yum module install -y tomcat && yum clean all'),
  ...both(no, 'DL3033', 'RUN yum module install -y tomcat:9 && yum clean all'),
  ...both(no, 'DL3033', 'RUN yum install -y "git-core-${GIT_VER}" && yum clean all'),
  no('DL3033', 'RUN yum install -y "which-${WHICH_VERSION}" && yum clean all'),
  no('DL3033', 'RUN yum install -y "rpm-sign-${VERSION}" && yum clean all'),
  no('DL3033', 'RUN yum install -y tomcat-$VERSION && yum clean all'),

  // DL3034
  ...both(yes, 'DL3034', 'RUN zypper install httpd=2.4.24 && zypper clean'),
  ...both(no, 'DL3034', 'RUN zypper install -n httpd=2.4.24 && zypper clean'),
  ...both(no, 'DL3034', 'RUN zypper install --non-interactive httpd=2.4.24 && zypper clean'),
  ...both(no, 'DL3034', 'RUN zypper install -y httpd=2.4.24 && zypper clean'),
  ...both(no, 'DL3034', 'RUN zypper install --no-confirm httpd=2.4.24 && zypper clean'),

  // DL3035
  ...both(yes, 'DL3035', 'RUN zypper dist-upgrade'),
  ...both(yes, 'DL3035', 'RUN zypper dup'),

  // DL3036
  ...both(yes, 'DL3036', 'RUN zypper install -y mariadb=10.4'),
  ...both(no, 'DL3036', 'RUN zypper install -y mariadb=10.4 && zypper clean'),
  ...both(no, 'DL3036', 'RUN zypper install -y mariadb=10.4 && zypper cc'),

  // DL3037
  ...both(yes, 'DL3037', 'RUN zypper install -y tomcat && zypper clean'),
  ...both(no, 'DL3037', 'RUN zypper install -y tomcat=9.0.39 && zypper clean'),
  ...both(no, 'DL3037', 'RUN zypper install -y tomcat\\>=9.0 && zypper clean'),
  ...both(no, 'DL3037', 'RUN zypper install -y tomcat\\>9.0 && zypper clean'),
  ...both(no, 'DL3037', 'RUN zypper install -y tomcat\\<=9.0 && zypper clean'),
  ...both(no, 'DL3037', 'RUN zypper install -y tomcat\\<9.0 && zypper clean'),
  ...both(no, 'DL3037', 'RUN zypper install -y tomcat-9.0.39-1.rpm && zypper clean'),

  // DL3038
  ...both(yes, 'DL3038', 'RUN dnf install httpd-2.4.24 && dnf clean all'),
  ...both(no, 'DL3038', 'RUN dnf install -y httpd-2.4.24 && dnf clean all'),
  ...both(no, 'DL3038', 'RUN notdnf install httpd'),

  // DL3040
  ...both(yes, 'DL3040', 'RUN dnf install -y mariadb-10.4'),
  ...both(yes, 'DL3040', 'RUN microdnf install -y mariadb-10.4'),
  onbuild(yes, 'DL3040', 'RUN dnf install -y mariadb-10.4 && microdnf clean all'),
  ...both(no, 'DL3040', 'RUN dnf install -y mariadb-10.4 && dnf clean all'),
  ...both(no, 'DL3040', 'RUN microdnf install -y mariadb-10.4 && microdnf clean all'),
  ...both(no, 'DL3040', 'RUN notdnf install mariadb'),
  ...both(no, 'DL3040', 'RUN dnf install -y mariadb-10.4 && rm -rf /var/cache/yum/*'),
  ...both(no, 'DL3040', 'RUN microdnf install -y mariadb-10.4 && rm -rf /var/cache/yum/*'),
  // Not ported: hadolint's "clean before install" case is the line `microdnf clean all && RUN dnf install -y …`,
  // which is not a Dockerfile instruction (no RUN to check).

  // DL3041
  ...both(yes, 'DL3041', 'RUN dnf install -y tomcat && dnf clean all'),
  yes('DL3041', 'RUN microdnf install -y tomcat && microdnf clean all'),
  ...both(yes, 'DL3041', 'RUN dnf install -y rpm-sign && dnf clean all'),
  yes('DL3041', 'RUN microdnf install -y rpm-sign && microdnf clean all'),
  ...both(no, 'DL3041', 'RUN dnf install -y tomcat-9.0.1 && dnf clean all'),
  ...both(no, 'DL3041', 'RUN microdnf install -y tomcat-9.0.1 && microdnf clean all'),
  ...both(no, 'DL3041', 'RUN notdnf install openssl-1:1.1.1k'),
  ...both(no, 'DL3041', 'RUN notdnf install tomcat'),
  ...both(no, 'DL3041', 'RUN dnf install -y rpm-sign-4.16.1.3 && dnf clean all'),
  ...both(no, 'DL3041', 'RUN microdnf install -y rpm-sign-4.16.1.3 && microdnf clean all'),
  ...both(no, 'DL3041', 'RUN dnf install -y gcc-c++-1.1.1'),
  ...both(no, 'DL3041', 'RUN microdnf install -y gcc-c++-1.1.1'),
  ...both(no, 'DL3041', 'RUN dnf install -y openssl-1:1.1.1k'),
  ...both(no, 'DL3041', 'RUN microdnf install -y openssl-1:1.1.1k'),
  ...both(yes, 'DL3041', 'RUN dnf module install -y tomcat && dnf clean all'),
  yes('DL3041', 'RUN microdnf module install -y tomcat && microdnf clean all'),
  ...both(no, 'DL3041', 'RUN dnf module install -y tomcat:9 && dnf clean all'),
  ...both(no, 'DL3041', 'RUN microdnf module install -y tomcat:9 && microdnf clean all'),
  ...both(no, 'DL3041', 'RUN notdnf module install tomcat'),
  ...both(no, 'DL3041', 'RUN dnf install -y "git-core-${GIT_VER}" && dnf clean all'),
  no('DL3041', 'RUN dnf install -y "rpm-sign-${VERSION}" && dnf clean all'),
  no('DL3041', 'RUN dnf install -y tomcat-$VERSION && dnf clean all'),
  no('DL3041', 'RUN microdnf install -y "git-core-${GIT_VER}" && microdnf clean all'),

  // DL3042
  ...both(yes, 'DL3042', 'RUN pip2 install MySQL_python'),
  ...both(yes, 'DL3042', 'RUN pip3 install MySQL_python'),
  ...both(yes, 'DL3042', 'RUN pip install MySQL_python'),
  ...both(no, 'DL3042', 'RUN pip2 install MySQL_python --no-cache-dir'),
  ...both(no, 'DL3042', 'RUN pip3 install --no-cache-dir MySQL_python'),
  ...both(no, 'DL3042', 'RUN pip install MySQL_python --no-cache-dir'),
  ...both(no, 'DL3042', 'RUN pipx install software'),
  ...both(no, 'DL3042', 'RUN pipenv install library'),
  ...['1', 'on', 'yes', 'true'].flatMap((v) => [
    no('DL3042', `ENV PIP_NO_CACHE_DIR=${v}\nRUN pip install MySQL_python`, { deliberate: NO_STAGE }),
    no('DL3042', `FROM python:3\nENV PIP_NO_CACHE_DIR=${v}\nRUN pip install MySQL_python`),
    no('DL3042', `RUN PIP_NO_CACHE_DIR=${v} pip install MySQL_python`),
    no('DL3042', `RUN export PIP_NO_CACHE_DIR=${v} && pip install MySQL_python`),
  ]),
  ...['0', 'off', 'no', 'false'].flatMap((v) => [
    yes('DL3042', `ENV PIP_NO_CACHE_DIR=${v}\nRUN pip install MySQL_python`),
    yes('DL3042', `RUN PIP_NO_CACHE_DIR=${v} pip install MySQL_python`),
    yes('DL3042', `RUN export PIP_NO_CACHE_DIR=${v} && pip install MySQL_python`),
  ]),
  no('DL3042', ['FROM debian:buster as base', 'ENV PIP_NO_CACHE_DIR=1', 'FROM base', 'RUN pip install six']),
  yes('DL3042', ['FROM debian:buster as base', 'ENV PIP_NO_CACHE_DIR=1', 'FROM debian:buster', 'RUN pip install six']),

  // DL3043
  yes('DL3043', 'ONBUILD ONBUILD RUN anything'),
  yes('DL3043', 'ONBUILD FROM debian:buster'),
  yes('DL3043', 'ONBUILD MAINTAINER "BoJack Horseman"'),
  ...['ADD anything anywhere', 'USER anything', 'LABEL bla="blubb"', 'STOPSIGNAL anything', 'COPY anything anywhere', 'RUN anything',
    'CMD anything', 'SHELL anything', 'WORKDIR anything', 'EXPOSE 69', 'VOLUME anything', 'ENTRYPOINT anything', 'ENV MYVAR="bla"',
    'ARG anything', 'HEALTHCHECK NONE'].map((i) => no('DL3043', `ONBUILD ${i}`)),
  no('DL3043', 'FROM debian:buster'),
  no('DL3043', 'MAINTAINER "Some Guy"'),

  // DL3044
  no('DL3044', 'ENV BLA="blubb"\nENV BLUBB="${BLA}/blubb"'),
  no('DL3044', 'ENV BLA="blubb" BLUBB="${FOOBLA}/blubb"'),
  no('DL3044', 'ENV BLA="blubb" BLUBB="${BLAFOO}/blubb"'),
  no('DL3044', 'ENV BLA="blubb" BLUBB="$FOOBLA/blubb"'),
  no('DL3044', 'ENV BLA="blubb" BLUBB="$BLAFOO/blubb"'),
  yes('DL3044', 'ENV BLA="blubb" BLUBB="$BLA/$BLAFOO/blubb"'),
  no('DL3044', 'ENV BLA="blubb" BLUBB="BLA/$BLAFOO/BLA"'),
  no('DL3044', 'ARG BLA\nENV BLA=${BLA}'),
  no('DL3044', 'ENV BLA blubb\nENV BLA=${BLA}'),
  no('DL3044', 'ENV PATH=/bla:${PATH}'),
  no('DL3044', 'ENV PATH=/bla:${PATH}\nENV PATH=/blubb:${PATH}'),
  yes('DL3044', 'ENV PATH=/bla:${PATH} PATH=/blubb:${PATH}'),
  yes('DL3044', 'ENV BLA="blubb" BLUBB="${BLA}/blubb"'),
  yes('DL3044', 'ENV BLA="blubb" BLUBB="$BLA/blubb"'),
  yes('DL3044', 'ENV BLA="blubb" BLUBB="$BLA"'),
  yes('DL3044', 'ENV BLA="blubb" BLUBB="${BLA}"'),

  // DL3045
  no('DL3045', 'COPY bla.sh /usr/local/bin/blubb.sh'),
  no('DL3045', 'COPY bla.sh "/usr/local/bin/blubb.sh"'),
  no('DL3045', 'COPY bla.sh c:\\system32\\blubb.sh'),
  no('DL3045', 'COPY bla.sh d:\\mypath\\blubb.sh'),
  no('DL3045', 'COPY bla.sh "c:\\system32\\blubb.sh"'),
  no('DL3045', 'COPY bla.sh c:/system32/blubb.sh'),
  no('DL3045', 'FROM scratch\nWORKDIR /usr\nCOPY bla.sh blubb.sh'),
  no('DL3045', 'FROM scratch\nWORKDIR c:\\system32\nCOPY bla.sh blubb.sh'),
  no('DL3045', 'COPY src.sh ${SRC_BASE_ENV}'),
  no('DL3045', 'COPY src.sh $SRC_BASE_ENV'),
  no('DL3045', 'COPY src.sh "${SRC_BASE_ENV}"'),
  no('DL3045', 'COPY src.sh "$SRC_BASE_ENV"'),
  yes('DL3045', 'COPY bla.sh blubb.sh', { deliberate: NO_STAGE }),
  yes('DL3045', `FROM debian:11\n${'COPY bla.sh blubb.sh'}`),
  yes('DL3045', 'COPY bla.sh "blubb.sh"', { deliberate: NO_STAGE }),
  yes('DL3045', `FROM debian:11\n${'COPY bla.sh "blubb.sh"'}`),
  yes('DL3045', ['FROM debian:buster as stage1', 'WORKDIR /usr', 'FROM debian:buster', 'COPY foo bar']),
  yes('DL3045', ['FROM microsoft/windowsservercore as stage1', 'WORKDIR c:\\system32', 'FROM microsoft/windowsservercore', 'COPY foo bar']),
  no('DL3045', ['FROM debian:buster as base', 'WORKDIR /usr', 'FROM debian:buster as stage-inbetween', 'RUN foo', 'FROM base', 'COPY foo bar']),
  no('DL3045', ['FROM microsoft/windowsservercore as base', 'WORKDIR c:\\system32', 'FROM microsoft/windowsservercore as stage-inbetween', 'RUN foo', 'FROM base', 'COPY foo bar']),
  no('DL3045', ['FROM debian:buster as base1', 'WORKDIR /usr', 'FROM base1 as base2', 'RUN foo', 'FROM base2', 'COPY foo bar']),
  no('DL3045', ['FROM microsoft/windowsservercore as base1', 'WORKDIR c:\\system32', 'FROM base1 as base2', 'RUN foo', 'FROM base2', 'COPY foo bar']),
  no('DL3045', ['FROM debian:buster', 'ONBUILD WORKDIR /usr/local/lib', 'ONBUILD COPY foo bar']),
  yes('DL3045', 'COPY a b', { deliberate: NO_STAGE }),
  yes('DL3045', `FROM debian:11\n${'COPY a b'}`),

  // DL3046
  no('DL3046', 'RUN useradd luser'),
  no('DL3046', 'RUN useradd -u 12345 luser'),
  no('DL3046', 'RUN useradd -l -u 123456 luser'),
  no('DL3046', 'RUN useradd -l luser'),
  yes('DL3046', 'RUN useradd -u 123456 luser'),

  // DL3047
  yes('DL3047', ['FROM node as foo', 'RUN wget my.xyz']),
  ...['--progress=dot:giga', '-q', '--quiet', '-nv', '--no-verbose', '--output-file=/tmp/wget.log', '-o /tmp/wget.log',
    '--append-output=/tmp/wget.log', '-a /tmp/wget.log'].map((flag) => no('DL3047', ['FROM node as foo', `RUN wget ${flag} my.xyz`])),

  // DL3048
  ...['com.docker.label', 'io.docker.label', 'org.dockerproject.label', 'invalid$character', '.invalid', '-invalid', '1invalid',
    'invalid..character', 'invalid--character'].map((key) => yes('DL3048', `LABEL ${key}="foo"`, key.includes('$') ? { deliberate: LABEL_VARIABLE } : {})),
  yes('DL3048', 'LABEL .invalid ="foo"'),
  yes('DL3048', 'LABEL -invalid ="foo"'),
  yes('DL3048', 'LABEL 1invalid ="foo"'),
  no('DL3048', 'LABEL org.valid-key.label3="foo"'),
  no('DL3048', 'LABEL validlabel="foo"'),

  // DL3049 (label-schema: foo: text)
  ...both(yes, 'DL3049', 'FROM baseimage', schema({ foo: 'text' })),
  ...both(yes, 'DL3049', 'FROM baseimage\nLABEL bar="baz"', schema({ foo: 'text' })),
  ...both(no, 'DL3049', 'FROM baseimage\nLABEL foo="bar"', schema({ foo: 'text' })),
  count(2, 'DL3049', ['FROM stage1', 'FROM stage2'], { ...schema({ foo: 'text' }), deliberate: SHIPPED, ours: 1 }),
  count(2, 'DL3049', ['FROM stage1', 'LABEL bar="baz"', 'FROM stage2', 'LABEL buzz="fuzz"'], { ...schema({ foo: 'text' }), deliberate: SHIPPED, ours: 1 }),
  count(1, 'DL3049', ['FROM baseimage', 'FROM newimage', 'LABEL foo="bar"'], { ...schema({ foo: 'text' }), deliberate: SHIPPED, ours: 0 }),
  count(1, 'DL3049', ['FROM baseimage', 'LABEL baz="bar"', 'FROM newimage', 'LABEL foo="bar"'], { ...schema({ foo: 'text' }), deliberate: SHIPPED, ours: 0 }),
  count(1, 'DL3049', ['FROM baseimage as base', 'FROM base', 'LABEL foo="bar"'], { ...schema({ foo: 'text' }), deliberate: SHIPPED, ours: 0 }),
  count(0, 'DL3049', ['FROM baseimage as base', 'LABEL foo="bar"', 'FROM base'], schema({ foo: 'text' })),

  // DL3050 (label-schema: required: text, strict-labels)
  no('DL3050', '', schema({ required: 'text' }, true)),
  no('DL3050', 'LABEL required="foo"', schema({ required: 'text' }, true)),
  yes('DL3050', 'LABEL other="bar"', schema({ required: 'text' }, true)),
  yes('DL3050', 'LABEL required="foo" other="bar"', schema({ required: 'text' }, true)),

  // DL3051..DL3058 (typed labels)
  yes('DL3051', 'LABEL emptylabel=""', schema({ emptylabel: 'text' })),
  no('DL3051', 'LABEL emptylabel="foo"', schema({ emptylabel: 'text' })),
  no('DL3051', 'LABEL other=""', schema({ emptylabel: 'text' })),
  yes('DL3052', 'LABEL urllabel="not-url"', schema({ urllabel: 'url' })),
  no('DL3052', 'LABEL urllabel="http://example.com"', schema({ urllabel: 'url' })),
  no('DL3052', 'LABEL other="foo"', schema({ urllabel: 'url' })),
  yes('DL3053', 'LABEL datelabel="not-date"', schema({ datelabel: 'rfc3339' })),
  no('DL3053', 'LABEL datelabel="2021-03-10T10:26:33.564595127+01:00"', schema({ datelabel: 'rfc3339' })),
  no('DL3053', 'LABEL other="doo"', schema({ datelabel: 'rfc3339' })),
  yes('DL3054', 'LABEL spdxlabel="not-spdx"', schema({ spdxlabel: 'spdx' })),
  no('DL3054', 'LABEL spdxlabel="BSD-3-Clause"', schema({ spdxlabel: 'spdx' })),
  no('DL3054', 'LABEL spdxlabel="MIT"', schema({ spdxlabel: 'spdx' })),
  no('DL3054', 'LABEL other="fooo"', schema({ spdxlabel: 'spdx' })),
  yes('DL3055', 'LABEL githash="not-git-hash"', schema({ githash: 'hash' })),
  no('DL3055', 'LABEL githash="2dbfae9"', schema({ githash: 'hash' })),
  no('DL3055', 'LABEL githash="43c572f1272b6b3171dd1db9e41b7027128ce080"', schema({ githash: 'hash' })),
  no('DL3055', 'LABEL other="foo"', schema({ githash: 'hash' })),
  yes('DL3056', 'LABEL semver="not-sem-ver"', schema({ semver: 'semver' })),
  no('DL3056', 'LABEL semver="1.0.0"', schema({ semver: 'semver' })),
  no('DL3056', 'LABEL semver="2.0.1-rc1"', schema({ semver: 'semver' })),
  no('DL3056', 'LABEL other="foo"', schema({ semver: 'semver' })),
  yes('DL3058', 'LABEL maintainer="not-email"', schema({ maintainer: 'email' })),
  no('DL3058', 'LABEL maintainer="abcd@google.com"', schema({ maintainer: 'email' })),
  no('DL3058', 'LABEL other="doo"', schema({ maintainer: 'email' })),

  // DL3057
  yes('DL3057', 'FROM scratch'),
  no('DL3057', 'FROM scratch\nHEALTHCHECK CMD /bin/bla'),
  no('DL3057', 'FROM scratch AS base\nHEALTHCHECK CMD /bin/bla\nFROM base'),
  yes('DL3057', 'FROM scratch AS base\nHEALTHCHECK CMD /bin/bla\nFROM scratch'),

  // DL3059
  no('DL3059', 'FROM debian:10'),
  no('DL3059', 'RUN /foo.sh'),
  no('DL3059', 'RUN /foo.sh\nWORKDIR /\nRUN /bar.sh'),
  yes('DL3059', 'RUN /foo.sh\nRUN /bar.sh'),
  yes('DL3059', 'RUN /foo.sh\n# a comment\nRUN /bar.sh'),
  yes('DL3059', 'RUN /foo.sh\n# a comment\n# another comment\nRUN /bar.sh'),
  no('DL3059', '# a comment\nRUN /foo.sh'),
  no('DL3059', 'RUN --mount=type=secret,id=foo /foo.sh\nRUN /bar.sh'),
  no('DL3059', ['RUN --mount=type=secret,id=foo /foo.sh', 'RUN --mount=type=secret,id=bar /bar.sh']),
  yes('DL3059', ['RUN --mount=type=secret,id=foo /foo.sh', 'RUN --mount=type=secret,id=foo /bar.sh']),
  no('DL3059', ['RUN foo && bar', 'RUN foobar']),
  no('DL3059', ['RUN foo; bar', 'RUN foobar']),
  no('DL3059', ['RUN foobar', 'RUN foo && bar']),
  no('DL3059', ['RUN foobar', 'RUN foo; bar']),
  no('DL3059', ['RUN foo && bar', 'RUN foo; bar']),
  yes('DL3059', ['RUN foo && bar', 'RUN foo', 'RUN bar']),

  // DL3060
  ...both(no, 'DL3060', 'RUN foo'),
  ...both(yes, 'DL3060', 'RUN yarn install foo'),
  ...both(no, 'DL3060', 'RUN yarn install bar && yarn cache clean'),
  ...both(yes, 'DL3060', ['FROM node:lts-alpine as foo', 'RUN hey!', 'FROM scratch', 'RUN yarn install']),
  ...both(yes, 'DL3060', ['FROM node:lts-alpine as foo', 'RUN yarn install', 'FROM foo', 'RUN hey!']),
  ...both(no, 'DL3060', ['FROM node:lts-alpine as foo', 'RUN yarn install && yarn cache clean', 'FROM foo', 'RUN hey!']),
  no('DL3060', ['FROM node:lts-alpine as foo', 'RUN yarn install foo', 'FROM scratch', 'RUN hey!']),
  onbuild(yes, 'DL3060', ['FROM node:lts-alpine as foo', 'RUN yarn install foo', 'FROM scratch', 'RUN hey!'], { deliberate: SHIPPED }),

  // DL3061
  yes('DL3061', 'LABEL foo=bar\nFROM foo'),
  no('DL3061', 'FROM foo\nLABEL foo=bar'),
  no('DL3061', 'ARG A=B\nFROM foo\nLABEL foo=bar'),
  no('DL3061', '# syntax = docker/dockerfile:1.0-experimental\nFROM node:16-alpine3.13'),
  ...both(no, 'DL3061', 'FROM foo\nARG A=B\nRUN echo bla'),

  // DL3062 (hadolint 2.15: pin versions in go install/get/run; later revisions reuse the id for npm --production)
  ...both(yes, 'DL3062', 'RUN go install example.com/pkg'),
  ...both(yes, 'DL3062', 'RUN go install example.com/pkg@latest'),
  ...both(no, 'DL3062', 'RUN go install example.com/pkg@v1.2.3'),
  ...both(no, 'DL3062', 'RUN go install /go/app/foobar'),
  ...both(no, 'DL3062', 'RUN go install ./app/foobar'),
  ...both(no, 'DL3062', 'RUN go install .'),
  ...both(yes, 'DL3062', 'RUN go install tool foobar', { deliberate: GO_NO_DOT }),
  ...both(yes, 'DL3062', 'RUN go install tool foobar@latest', { deliberate: GO_NO_DOT }),
  ...both(no, 'DL3062', 'RUN go install tool foobar@v1.2.3'),
  ...both(yes, 'DL3062', 'RUN go get example.com/pkg'),
  ...both(yes, 'DL3062', 'RUN go get example.com/pkg@latest'),
  ...both(no, 'DL3062', 'RUN go get example.com/pkg@v1.2.3'),
  ...both(yes, 'DL3062', 'RUN go get -tool foobar', { deliberate: GO_NO_DOT }),
  ...both(yes, 'DL3062', 'RUN go get -tool foobar@latest', { deliberate: GO_NO_DOT }),
  ...both(no, 'DL3062', 'RUN go get -tool foobar@v1.2.3'),
  ...both(yes, 'DL3062', 'RUN go run example.com/pkg'),
  ...both(yes, 'DL3062', 'RUN go run example.com/pkg@latest'),
  ...both(no, 'DL3062', 'RUN go run example.com/pkg@v1.2.3'),
  ...both(no, 'DL3062', 'RUN go run example.com/pkg@v1.2.3 -f'),
  ...both(no, 'DL3062', 'RUN go run example.com/pkg@v1.2.3 -foobar'),
  ...both(no, 'DL3062', 'RUN go run example.com/pkg@v1.2.3 --foobar'),
  ...both(no, 'DL3062', 'RUN go run example.com/pkg@v1.2.3 foobar'),
  ...both(no, 'DL3062', 'RUN go run example.com/pkg@v1.2.3 --foo bar'),
  ...both(no, 'DL3062', 'RUN go run /go/app/foobar'),
  ...both(no, 'DL3062', 'RUN go run ./app/foobar'),
  ...both(no, 'DL3062', 'RUN go run .'),

  // DL3063 (hadolint 2.15: stage name is a reserved word; later revisions reuse the id for "USER missing")
  yes('DL3063', 'FROM foo:bar AS scratch'),
  yes('DL3063', 'FROM foo:bar AS context'),
  no('DL3063', 'FROM foo:bar AS foobar'),

  // DL3064
  ...both(no, 'DL3064', ['FROM debian:bullseye', 'RUN foobar']),
  ...both(no, 'DL3064', ['ARG foobar', 'FROM debian:bullseye', 'RUN foobar']),
  ...both(no, 'DL3064', ['FROM debian:bullseye', 'ENV foobar=barfoo', 'RUN foobar']),
  ...both(yes, 'DL3064', ['ARG AWS_ACCESS_KEY_ID', 'FROM debian:bullseye', 'RUN foobar']),
  ...both(yes, 'DL3064', ['ARG openai_api_key', 'FROM debian:bullseye', 'RUN foobar']),
  ...both(yes, 'DL3064', ['FROM debian:bullseye', 'ENV AWS_ACCESS_KEY_ID=abcdefghijklmnopqrstuvwxyz', 'RUN foobar']),
  ...both(yes, 'DL3064', ['FROM debian:bullseye', 'ENV my_password=abcdefghijklmnopqrstuvwxyz', 'RUN foobar']),

  // DL3065
  no('DL3065', 'FROM alpine:3.24'),
  no('DL3065', 'FROM --platform=$FOOBAR alpine:3.24'),
  no('DL3065', 'FROM --platform=foobar alpine:3.24'),
  no('DL3065', 'FROM --platform=foobar/arm64 alpine:3.24'),
  yes('DL3065', 'FROM --platform=$TARGETPLATFORM alpine:3.24'),
  yes('DL3065', 'FROM --platform=${TARGETPLATFORM} alpine:3.24'),

  // DL3066
  no('DL3066', 'USER 12345'),
  no('DL3066', 'USER 1234:5678'),
  yes('DL3066', 'USER foobar'),
  yes('DL3066', 'USER foobar:barfoo'),

  // DL3067
  yes('DL3067', 'COPY --from=build / /'),
  yes('DL3067', 'COPY --from=build "/" "/"'),
  no('DL3067', 'COPY / /'),
  no('DL3067', 'COPY --from=build /app /'),
  no('DL3067', 'COPY --from=build / /app'),

  // DL4000
  yes('DL4000', 'FROM busybox\nMAINTAINER hudu@mail.com'),
  yes('DL4000', 'FROM debian\nMAINTAINER Lukas'),
  yes('DL4000', 'MAINTAINER Lukas\nFROM DEBIAN'),
  no('DL4000', 'FROM debian'),

  // DL4001
  yes('DL4001', ['FROM node as foo', 'RUN wget my.xyz', 'RUN curl localhost']),
  yes('DL4001', ['FROM node as foo', 'RUN wget my.xyz && curl localhost']),
  no('DL4001', ['FROM node as foo', 'RUN wget my.xyz']),
  no('DL4001', ['FROM node as foo', 'RUN wget my.xyz', 'FROM scratch', 'RUN curl localhost']),
  yes('DL4001', ['FROM node as foo', 'RUN wget my.xyz', 'RUN curl localhost', 'FROM scratch', 'RUN curl localhost']),
  count(1, 'DL4001', ['FROM node as foo', 'RUN wget my.xyz', 'RUN curl my.xyz', 'RUN echo hello']),
  count(2, 'DL4001', ['FROM node as foo', 'RUN wget my.xyz', 'RUN curl my.xyz', 'RUN echo hello', 'RUN wget foo.com']),

  // DL4003
  yes('DL4003', ['FROM debian', 'CMD bash', 'RUN foo', 'CMD another']),
  no('DL4003', ['FROM debian as distro1', 'CMD bash', 'RUN foo', 'FROM debian as distro2', 'CMD another']),
  yes('DL4003', ['FROM debian as distro1', 'CMD bash', 'RUN foo', 'CMD another', 'FROM debian as distro2', 'CMD another']),
  no('DL4003', 'CMD /bin/true'),

  // DL4004
  no('DL4004', 'FROM busybox'),
  yes('DL4004', ['FROM debian', 'ENTRYPOINT bash', 'RUN foo', 'ENTRYPOINT another']),
  no('DL4004', ['FROM debian as distro1', 'ENTRYPOINT bash', 'RUN foo', 'FROM debian as distro2', 'ENTRYPOINT another']),
  yes('DL4004', ['FROM debian as distro1', 'ENTRYPOINT bash', 'RUN foo', 'ENTRYPOINT another', 'FROM debian as distro2', 'ENTRYPOINT another']),
  no('DL4004', 'ENTRYPOINT /bin/true'),

  // DL4005
  ...both(yes, 'DL4005', 'RUN ln -sfv /bin/bash /bin/sh'),
  ...both(no, 'DL4005', 'RUN ln -sf /bin/true /sbin/initctl'),
  ...both(no, 'DL4005', 'RUN ln -s foo bar && unrelated && something_with /bin/sh'),

  // DL4006
  yes('DL4006', ['FROM scratch', 'RUN wget -O - https://some.site | wc -l > /number']),
  no('DL4006', ['FROM scratch as build', 'RUN wget -O - https://some.site && wc -l file > /number']),
  ...[
    '["/bin/bash", "-eo", "pipefail", "-c"]', '["/bin/bash", "-e", "-o", "pipefail", "-c"]', '["/bin/bash", "-o", "errexit", "-o", "pipefail", "-c"]',
    '["/bin/zsh", "-o", "pipefail", "-c"]', '["/usr/bin/bash", "-o", "pipefail", "-c"]', '["/usr/local/bin/zsh", "-o", "pipefail", "-c"]',
  ].map((shell) => no('DL4006', ['FROM scratch as build', `SHELL ${shell}`, 'RUN wget -O - https://some.site | wc -l file > /number'])),
  no('DL4006', ['FROM scratch as build', 'SHELL ["pwsh", "-c"]', 'RUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value']),
  yes('DL4006', ['FROM scratch as build', 'SHELL ["/bin/sh", "-o", "pipefail", "-c"]', 'RUN wget -O - https://some.site | wc -l file > /number']),
  yes('DL4006', ['FROM scratch as build', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN wget -O - https://some.site | wc -l file > /number', 'FROM scratch as build2', 'RUN wget -O - https://some.site | wc -l file > /number']),
  yes('DL4006', ['FROM scratch as build', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN wget -O - https://some.site | wc -l file > /number', 'SHELL ["/bin/sh", "-c"]', 'RUN wget -O - https://some.site | wc -l file > /number']),
  no('DL4006', ['FROM mcr.microsoft.com/powershell:ubuntu-16.04', 'SHELL [ "pwsh", "-c" ]', 'RUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value']),
  no('DL4006', ['FROM mcr.microsoft.com/powershell:ubuntu-16.04', 'SHELL [ "powershell.exe" ]', 'RUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value']),
  no('DL4006', ['FROM mcr.microsoft.com/powershell:ubuntu-16.04', 'SHELL [ "cmd.exe", "/c" ]', 'RUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value']),
] as (CompatCase | CompatCase[])[]).flat();

const counters = new Map<string, number>();
for (const c of cases) {
  const n = (counters.get(c.id) ?? 0) + 1;
  counters.set(c.id, n);
  const first = c.text.split('\n').find((l) => l && !/^FROM\s/i.test(l)) ?? c.text.split('\n')[0];
  const label = `${c.id} #${n}${c.onbuild ? ' (ONBUILD)' : ''}${c.deliberate ? ' [deliberate]' : ''}: ${first}`;
  test(label, () => {
    const config: ShipshapeConfig = { ...emptyConfig(), ...c.config, rules: { [c.id]: 'warning' } };
    const found = lintDockerfile(c.text, config).filter((f) => f.code === c.id).length;
    const context = `\n${c.text}\n(hadolint: ${String(c.hadolint)}${c.deliberate ? `; deliberate: ${c.deliberate}` : ''}) found ${found}`;
    if (typeof c.hadolint === 'number') {
      assert.equal(found, c.deliberate ? c.ours : c.hadolint, context);
    } else {
      const expected = c.deliberate ? !c.hadolint : c.hadolint;
      assert.equal(found > 0, expected, context);
    }
  });
}

test('hadolint compat: every deliberate difference gives a reason', () => {
  for (const c of cases) if (c.deliberate !== undefined) assert.ok(c.deliberate.trim().length > 0);
});
