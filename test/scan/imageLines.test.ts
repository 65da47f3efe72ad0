import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dockerfileReferences, manifestReferences, referenceAt, writtenReferences } from '../../client/src/scan/imageLines';
import { findScanFor } from '../../server/src/scan/imageMatch';

test('Dockerfile FROM lines: flags skipped, stages, scratch and ARGs left out, exact columns', () => {
  const text = [
    'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
    'FROM build AS test',
    'from alpine:3.10',
    'FROM scratch',
    'ARG BASE=debian',
    'FROM ${BASE}',
    '  FROM ghcr.io/org/app@sha256:' + 'a'.repeat(64),
  ].join('\n');
  const refs = dockerfileReferences(text);
  assert.deepEqual(refs.map((r) => [r.line, r.text]), [[0, 'golang:1.22'], [2, 'alpine:3.10'], [6, 'ghcr.io/org/app@sha256:' + 'a'.repeat(64)]]);
  const lines = text.split('\n');
  for (const r of refs) assert.equal(lines[r.line]!.slice(r.start, r.end), r.text);
});

test('manifest image: lines, quoted, list items, comments; Helm templates skipped', () => {
  const text = [
    'spec:',
    '  containers:',
    '    - name: web',
    '      image: nginx:1.27 # pinned later',
    '    - image: "docker.io/library/redis:7"',
    "      image: '{{ .Values.image }}'",
    '  initContainers: [{name: x, image: busybox}]',
  ].join('\n');
  const refs = manifestReferences(text);
  assert.deepEqual(refs.map((r) => [r.line, r.text]), [[3, 'nginx:1.27'], [4, 'docker.io/library/redis:7']]);
  const lines = text.split('\n');
  for (const r of refs) assert.equal(lines[r.line]!.slice(r.start, r.end), r.text);
  assert.equal(referenceAt(refs, 3, 15)?.text, 'nginx:1.27');
  assert.equal(referenceAt(refs, 3, 2), undefined);
});

test('references written in code match the scanned image through the one parser', () => {
  const scans = [{ digest: 'sha256:' + 'b'.repeat(64), references: ['docker.io/library/alpine:3.10'], scannedAt: '2026-01-01T00:00:00Z' }];
  const docRefs = writtenReferences('dockerfile', '/w/Dockerfile', 'FROM alpine:3.10\nFROM alpine:3.11\nFROM docker.io/library/alpine:3.10 AS x');
  assert.deepEqual(docRefs.map((r) => Boolean(findScanFor(scans, r.text))), [true, false, true]);
  assert.equal(writtenReferences('plaintext', '/w/notes.txt', 'FROM alpine:3.10').length, 0);
  assert.equal(writtenReferences('plaintext', '/w/Dockerfile.prod', 'FROM alpine:3.10').length, 1);
});
