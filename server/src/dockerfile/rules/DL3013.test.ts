import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, covered, findingsOf } from '../testHelpers';

test('DL3013 marks each unpinned package; option values are not packages', () => {
  const text = 'FROM python:3.12\nRUN pip install --no-cache-dir --index-url https://pypi.example/simple -t /opt flask "requests==2.32.3" gunicorn\n';
  assert.deepEqual(covered(text, findingsOf('DL3013', text)), ['flask', 'gunicorn']);
});

test('DL3013 traps: requirement and constraint files, local and VCS packages', () => {
  for (const line of [
    'pip install -r requirements.txt', 'pip install --requirement=req.txt', 'pip install -c constraints.txt flask',
    'pip install .', 'pip install /wheels/app-1.0-py3-none-any.whl', 'pip install git+https://github.com/o/r.git@v1.0',
    'pip install -e ./src', 'pip3 install $PACKAGES', 'echo pip install flask',
  ]) assert.equal(findingsOf('DL3013', `FROM python:3.12\nRUN ${line}\n`).length, 0, line);
  assert.equal(findingsOf('DL3013', 'FROM python:3.12\nRUN pip install git+https://github.com/o/r.git\n').length, 1);
});

test('DL3042 respects PIP_NO_CACHE_DIR (also in a base stage) and cache mounts; fix adds the flag', () => {
  assert.equal(findingsOf('DL3042', 'FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install flask==3.0.3\n').length, 0);
  assert.equal(findingsOf('DL3042', 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=false\nRUN pip install flask==3.0.3\n').length, 1);
  assert.equal(findingsOf('DL3042', 'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install flask==3.0.3\n').length, 0);
  const text = 'FROM python:3.12\nRUN python -m pip install flask==3.0.3\n';
  const [finding] = findingsOf('DL3042', text);
  assert.equal(applyFix(text, finding!.fixes![0]!), 'FROM python:3.12\nRUN python -m pip install --no-cache-dir flask==3.0.3\n');
});

test('DL3016 scoped packages and tags', () => {
  const text = 'FROM node:20\nRUN npm install -g @scope/a @scope/b@1.2.3 npm@latest d@^4 e\n';
  assert.deepEqual(covered(text, findingsOf('DL3016', text)), ['@scope/a', 'e']);
});

test('DL3060 only where files ship; fix appends the clean', () => {
  const text = 'FROM node:20\nRUN yarn install --frozen-lockfile\n';
  const [finding] = findingsOf('DL3060', text);
  assert.equal(applyFix(text, finding!.fixes![0]!), 'FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean\n');
  assert.equal(findingsOf('DL3060', 'FROM node:20 AS deps\nRUN yarn install\nFROM node:20\nCOPY --from=deps /app/node_modules ./node_modules\n').length, 0);
});
