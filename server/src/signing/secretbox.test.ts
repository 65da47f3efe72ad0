import { test } from 'node:test';
import assert from 'node:assert/strict';
import { secretboxOpen, secretboxSeal } from './secretbox';

// NaCl's published secretbox test vector (tests/secretbox.c / secretbox.out in the NaCl sources).
const key = Buffer.from('1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389', 'hex');
const nonce = Buffer.from('69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37', 'hex');
const message = Buffer.from(
  'be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffce5ecbaaf33bd751a1ac728d45e6c6129'
  + '6cdc3c01233561f41db66cce314adb310e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde'
  + '048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f937763848645e0705', 'hex');
const expected = Buffer.from(
  'f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce48332ea7164d96a4476fb8c531a1186a'
  + 'c0dfc17c98dce87b4da7f011ec48c97271d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae'
  + '90224368517acfeabd6bb3732bc0e9da99832b61ca01b6de56244a9e88d5f9b37973f622a43d14a6599b1f654cb45a74'
  + 'e355a5', 'hex');

test('seal matches the NaCl test vector', () => {
  assert.equal(secretboxSeal(message, nonce, key).toString('hex'), expected.toString('hex'));
});

test('open returns the message; any flipped bit is rejected', () => {
  assert.deepEqual(secretboxOpen(expected, nonce, key), message);
  for (const i of [0, 15, 16, expected.length - 1]) {
    const bad = Buffer.from(expected); bad[i] ^= 0x01;
    assert.equal(secretboxOpen(bad, nonce, key), undefined);
  }
  const otherKey = Buffer.from(key); otherKey[0] ^= 1;
  assert.equal(secretboxOpen(expected, nonce, otherKey), undefined);
  assert.equal(secretboxOpen(Buffer.alloc(5), nonce, key), undefined);
});

test('round trip over lengths around the 64-byte block edge', () => {
  for (const n of [0, 1, 31, 32, 33, 63, 64, 65, 200]) {
    const m = Buffer.alloc(n, n);
    assert.deepEqual(secretboxOpen(secretboxSeal(m, nonce, key), nonce, key), m);
  }
  assert.throws(() => secretboxSeal(message, nonce.subarray(1), key), /nonce/);
});
