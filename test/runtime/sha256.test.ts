// sha256 from @noble/hashes (so the page hashes too) gives node:crypto's digests, and the hashes netc stores —
// ir_hash, safetensors checksums, checkpoint files — are byte-identical to those written with node:crypto
// (the golden values below were computed by main's build before the switch).
import test from 'ava';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256Hex } from '../../runtime/sha256.js';
import { irHash } from '../../runtime/ir_hash.js';
import { encodeSafetensors } from '../../runtime/io/safetensors.js';
import { writeCheckpoint } from '../../runtime/io/checkpoint.js';
import { compileFile } from '../helpers/files.js';

const nodeSha = (...parts: (string | Uint8Array)[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

test('sha256Hex equals node:crypto on strings (UTF-8, non-ASCII), bytes and several parts', (t) => {
  t.is(sha256Hex(''), nodeSha(''));
  t.is(sha256Hex('ünïcode ✓ 𝔁'), nodeSha('ünïcode ✓ 𝔁'));
  for (const size of [1, 55, 56, 64, 1000, 100_003]) {
    const bytes = randomBytes(size);
    t.is(sha256Hex(bytes), nodeSha(bytes), `${size} bytes`);
    t.is(sha256Hex('head', bytes.subarray(0, 7), bytes.subarray(7)), nodeSha('head', bytes), `${size} bytes in parts`);
  }
});

test('irHash is what node:crypto gave before (lenet, resnet18, googlenet)', (t) => {
  t.is(irHash(compileFile('networks/lenet.net').ir!), 'c1f914f152d7f6a9');
  t.is(irHash(compileFile('networks/resnet18.net').ir!), '0fc581b64de2f242');
  t.is(irHash(compileFile('networks/googlenet.net').ir!), 'ac5f132d7c0d86f6');
});

const weights = new Map([
  ['conv1.weight', { shape: [2, 3], data: Float32Array.from([1, -2.5, 3e-8, 4, 5, 6]) }],
  ['fc.bias', { shape: [2], data: Float32Array.from([0.25, -0.125]) }],
]);

test('safetensors files (with their checksum) and checkpoints are byte-identical to those node:crypto wrote', (t) => {
  const bytes = encodeSafetensors(weights, { format: 'netc-checkpoint/2', netc: JSON.stringify({ network: 'ünïcode', epoch: 1 }) });
  t.is(bytes.length, 352);
  t.is(nodeSha(bytes), '2d2f2e3e02f1b5808647acf8908d8a6df02d91dbd7170eb3c2f91d3989e53a21');
  const dir = mkdtempSync(join(tmpdir(), 'netc-sha-'));
  const header = { network: 'n', irHash: 'abc', epoch: 2, rng: [1, 2, 3, 4] as [number, number, number, number], optimizer: { config: { kind: 'sgd' } as never, step: 5, slots: ['m'] } };
  writeCheckpoint(dir, header, weights, new Map([['m/fc.bias', { shape: [2], data: Float32Array.from([1, 2]) }]]));
  t.is(nodeSha(readFileSync(join(dir, 'model.safetensors'))), '73737fc803ad1d06e9015d3fb322baab9651923f6687e48e971ad3e360f57ba4');
  t.is(nodeSha(readFileSync(join(dir, 'optimizer.safetensors'))), '234da359b95a5785d527581fca130f871fe1e2c8e6e8047d362a53e8693b06b5');
});
