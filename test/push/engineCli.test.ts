// The engine-CLI layer of "Push Image…": output parsing for docker and podman, spawning with
// argument arrays, streaming and cancellation (run with node itself as the child program).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseEngine, looksUnauthorized, onPath, parseImageList, pushedDigest, runStreaming } from '../../client/src/push/engineCli';
import { destinationHint, referenceText } from '../../client/src/push/reference';

test('docker image ls --format json (one object per line)', () => {
  const text = [
    '{"Containers":"N/A","CreatedAt":"2026-11-20 10:00:00 +0000 UTC","CreatedSince":"3 days ago","Digest":"\\u003cnone\\u003e","ID":"3f57d9401f8d","Repository":"registry.example.com/team/app","SharedSize":"N/A","Size":"7.8MB","Tag":"1.2","UniqueSize":"N/A","VirtualSize":"7.8MB"}',
    '{"CreatedSince":"5 weeks ago","ID":"a1b2c3d4e5f6","Repository":"\\u003cnone\\u003e","Size":"120MB","Tag":"\\u003cnone\\u003e"}',
    '',
  ].join('\n');
  const images = parseImageList(text);
  assert.deepEqual(images[0], { name: 'registry.example.com/team/app:1.2', repository: 'registry.example.com/team/app', tag: '1.2', id: '3f57d9401f8d', created: '3 days ago', size: '7.8MB' });
  assert.equal(images[1]!.name, 'a1b2c3d4e5f6', 'untagged images are listed by id');
  assert.equal(images[1]!.repository, undefined);
  assert.deepEqual(parseImageList(''), []);
  assert.throws(() => parseImageList('Cannot connect to the Docker daemon'));
});

test('podman image ls --format json (an array, Names with full references, one entry per name)', () => {
  const text = JSON.stringify([{ Id: 'sha256:99aa88bb77cc66dd55ee', Names: ['localhost/app:latest', 'quay.io/org/app:2.0'], Created: 1763800000, Size: 5000000 }]);
  const images = parseImageList(text);
  assert.deepEqual(images.map((i) => [i.name, i.repository, i.tag, i.id]), [
    ['localhost/app:latest', 'localhost/app', 'latest', '99aa88bb77cc'],
    ['quay.io/org/app:2.0', 'quay.io/org/app', '2.0', '99aa88bb77cc'],
  ]);
  assert.equal(images[0]!.size, '5.0 MB');
});

test('push output: digest line and auth failures', () => {
  const out = 'The push refers to repository [r.example/app]\n5f70bf18a086: Pushed\n1.0: digest: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef size: 528\n';
  assert.equal(pushedDigest(out), 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef');
  assert.equal(pushedDigest('nothing'), undefined);
  assert.equal(looksUnauthorized('unauthorized: authentication required'), true);
  assert.equal(looksUnauthorized('denied: requested access to the resource is denied'), true);
  assert.equal(looksUnauthorized('5f70bf18a086: Pushed'), false);
});

test('engine choice: setting wins; auto finds what is on PATH', () => {
  assert.equal(chooseEngine('podman', { PATH: '' }), 'podman');
  assert.equal(chooseEngine('auto', { PATH: '' }), undefined);
  assert.ok(onPath('node'));
  assert.equal(chooseEngine('auto', process.env), onPath('docker') ? 'docker' : onPath('podman') ? 'podman' : undefined);
});

test('runStreaming: lines streamed, stdin passed (not as an argument), exit code kept, cancel kills', async () => {
  const lines: string[] = [];
  const result = await runStreaming(process.execPath, ['-e', 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{console.log("one");console.error("two "+s.length);process.exit(3)})'], { stdin: 'secret', onLine: (l) => lines.push(l) });
  assert.equal(result.code, 3);
  assert.deepEqual(lines.sort(), ['one', 'two 6']);
  const controller = new AbortController();
  const started = Date.now();
  const pending = runStreaming(process.execPath, ['-e', 'console.log("ready"); setTimeout(() => {}, 60000)'], { signal: controller.signal, onLine: () => controller.abort() });
  await assert.rejects(pending, /cancelled/);
  assert.ok(Date.now() - started < 10_000);
  await assert.rejects(runStreaming('definitely-not-a-program-h6', []), /not installed or not on PATH/);
});

test('tree/command arguments become references', () => {
  assert.equal(referenceText('  ghcr.io/a/b:1 '), 'ghcr.io/a/b:1');
  assert.equal(referenceText({ reference: 'r.example/x@sha256:' + 'a'.repeat(64) }), 'r.example/x@sha256:' + 'a'.repeat(64));
  assert.equal(referenceText({ registry: '127.0.0.1:5000', repository: 'team/app', tag: 'v1' }), '127.0.0.1:5000/team/app:v1');
  assert.equal(referenceText({ label: 'x' }), undefined);
  // registry explorer nodes (client/src/registry/nodes.ts shapes)
  const registry = { kind: 'registry', provider: { client: { host: 'harbor.example.com' } } };
  const repository = { kind: 'repository', name: 'proj/app', registry };
  const digest = 'sha256:' + 'b'.repeat(64);
  const tag = { kind: 'tag', registry, repository, tag: { name: '1.0', digest } };
  assert.equal(referenceText(tag), `harbor.example.com/proj/app:1.0@${digest}`);
  assert.equal(referenceText({ ...tag, tag: { name: '1.0' } }), 'harbor.example.com/proj/app:1.0');
  assert.equal(referenceText({ kind: 'platform', tag, platform: { digest } }), `harbor.example.com/proj/app@${digest}`);
  assert.equal(referenceText(repository), undefined, 'a repository is not an image');
  assert.deepEqual(destinationHint(repository), { registry: 'harbor.example.com', repository: 'proj/app' });
  assert.deepEqual(destinationHint(registry), { registry: 'harbor.example.com' });
  assert.equal(destinationHint(tag), undefined);
  assert.equal(referenceText(undefined), undefined);
});
