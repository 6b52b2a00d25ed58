import test from 'ava';
import { decodeSafetensors, encodeSafetensors, type TensorMap } from '../../../runtime/io/safetensors.js';
import { DataError } from '../../../runtime/errors.js';

const sample = (): TensorMap =>
  new Map([
    ['conv1.weight', { shape: [2, 1, 2, 2], data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]) }],
    ['conv1.bias', { shape: [2], data: Float32Array.from([-1.5, 0.25]) }],
    ['scalar', { shape: [], data: Float32Array.from([7]) }],
  ]);

/** Builds a file from a header object and a data buffer, as another writer might. */
function rawFile(header: unknown, data: Uint8Array, pad = ' '): Uint8Array {
  let json = JSON.stringify(header);
  while (json.length % 8) json += pad;
  const bytes = new Uint8Array(8 + json.length + data.length);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
  bytes.set(new TextEncoder().encode(json), 8);
  bytes.set(data, 8 + json.length);
  return bytes;
}

test('a round trip keeps names, order, shapes, values and metadata', (t) => {
  const bytes = encodeSafetensors(sample(), { format: 'netc', epoch: '3' });
  const back = decodeSafetensors(bytes, 'x.safetensors');
  t.deepEqual([...back.tensors.keys()], ['conv1.weight', 'conv1.bias', 'scalar']);
  t.deepEqual(back.tensors.get('conv1.weight'), sample().get('conv1.weight'));
  t.deepEqual(back.tensors.get('scalar')!.shape, []);
  t.deepEqual(back.metadata, { format: 'netc', epoch: '3' });
});

test('the header is padded with spaces to a multiple of 8 and offsets tile the buffer', (t) => {
  const bytes = encodeSafetensors(sample(), { a: 'b' });
  const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
  t.is(n % 8, 0);
  const text = new TextDecoder().decode(bytes.subarray(8, 8 + n));
  t.regex(text, /^\{.*\} *$/);
  const header = JSON.parse(text) as Record<string, { data_offsets?: number[] }>;
  t.deepEqual(header['conv1.weight'].data_offsets, [0, 32]);
  t.deepEqual(header['conv1.bias'].data_offsets, [32, 40]);
  t.is(bytes.length, 8 + n + 44);
});

test('other dtypes a PyTorch writer uses become float32', (t) => {
  const data = new Uint8Array(2 + 2 + 8);
  const view = new DataView(data.buffer);
  view.setUint16(0, 0x3c00, true); // f16 1.0
  view.setUint16(2, 0xc000, true); // bf16 -2.0
  view.setBigInt64(4, 42n, true);
  const file = rawFile({ h: { dtype: 'F16', shape: [1], data_offsets: [0, 2] }, b: { dtype: 'BF16', shape: [1], data_offsets: [2, 4] }, n: { dtype: 'I64', shape: [], data_offsets: [4, 12] } }, data);
  const back = decodeSafetensors(file, 'f');
  t.deepEqual([...back.tensors.get('h')!.data, ...back.tensors.get('b')!.data, ...back.tensors.get('n')!.data], [1, -2, 42]);
});

const invalid: [string, () => Uint8Array, RegExp][] = [
  ['shorter than 8 bytes', () => new Uint8Array(5), /shorter than the 8-byte header length/],
  ['a truncated header', () => encodeSafetensors(sample()).subarray(0, 20), /truncated: the header claims/],
  ['a truncated data buffer', () => { const b = encodeSafetensors(sample()); return b.subarray(0, b.length - 4); }, /truncated: tensor 'scalar' ends at byte 44 of a 40-byte/],
  ['a header past 100 MB', () => { const b = new Uint8Array(16); new DataView(b.buffer).setBigUint64(0, 200_000_000n, true); return b; }, /more than the format's 100000000/],
  ['a header that is not JSON', () => rawFile('x', new Uint8Array()).map((v, i) => (i === 8 ? 0x7b : v)), /not UTF-8 JSON/],
  ['overlapping offsets', () => rawFile({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, new Uint8Array(8)), /overlaps/],
  ['a gap between tensors', () => rawFile({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] }, b: { dtype: 'F32', shape: [1], data_offsets: [8, 12] } }, new Uint8Array(12)), /bytes 4–8 of the data buffer belong to no tensor/],
  ['trailing bytes', () => rawFile({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, new Uint8Array(8)), /cover 4 bytes of a 8-byte/],
  ['offsets that disagree with the shape', () => rawFile({ a: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, new Uint8Array(8)), /needs 12 bytes, its offsets cover 8/],
  ['an unsupported dtype', () => rawFile({ a: { dtype: 'C64', shape: [1], data_offsets: [0, 8] } }, new Uint8Array(8)), /dtype C64; netc reads F32/],
  ['metadata that is not strings', () => rawFile({ __metadata__: { epoch: 3 } }, new Uint8Array()), /__metadata__.epoch is not a string/],
  ['an entry without offsets', () => rawFile({ a: { dtype: 'F32', shape: [1] } }, new Uint8Array(4)), /lacks dtype, shape or data_offsets/],
];
for (const [what, make, message] of invalid) {
  test(`refused with a reason: ${what}`, (t) => {
    const error = t.throws(() => decodeSafetensors(make(), 'bad.safetensors'));
    t.regex(error!.message, /^bad\.safetensors: not a valid safetensors file \(/);
    t.regex(error!.message, message);
  });
}

// The checksum netc writes into __metadata__ (sha256 of header and data): every flipped byte is found.
test('every single-bit flip of a file netc wrote, in header or data, is refused naming the file', (t) => {
  const bytes = encodeSafetensors(sample(), { format: 'netc', epoch: '3' });
  const header = Number(new DataView(bytes.buffer).getBigUint64(0, true));
  // The one blind spot: a flip inside the key's own name leaves a file that reads as one without a checksum.
  const key = new TextDecoder().decode(bytes.subarray(8, 8 + header)).indexOf('"netc.sha256"') + 8 + 1;
  let checksumCaught = 0;
  for (let at = 0; at < bytes.length; at++) {
    if (at >= key && at < key + 'netc.sha256'.length) continue;
    for (let bit = 0; bit < 8; bit++) {
      const flipped = bytes.slice();
      flipped[at] ^= 1 << bit;
      const error = t.throws(() => decodeSafetensors(flipped, 'flip.safetensors'), { instanceOf: DataError }, `byte ${at} bit ${bit}`);
      t.regex(error!.message, /^flip\.safetensors: not a valid safetensors file \([^\n]+\)$/);
      if (/sha256/.test(error!.message)) checksumCaught++;
    }
  }
  // Every flip in the data buffer (44 bytes × 8 bits) passes the schema and is only caught by the checksum.
  t.true(checksumCaught >= (bytes.length - 8 - header) * 8, `${checksumCaught} flips caught by the checksum`);
});

test('the checksum is verified, then left out of the metadata; files without one (older, foreign) still load', (t) => {
  const bytes = encodeSafetensors(sample(), { format: 'netc' });
  const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as { __metadata__: Record<string, string> };
  t.regex(header.__metadata__['netc.sha256'], /^[0-9a-f]{64}$/);
  t.deepEqual(decodeSafetensors(bytes, 'x').metadata, { format: 'netc' });
  t.deepEqual(decodeSafetensors(encodeSafetensors(sample()), 'x').metadata, {});
  // The same tensors as a foreign writer stores them (no checksum): loaded, values intact.
  const { __metadata__: _, ...plain } = header;
  const foreign = rawFile(plain, bytes.subarray(8 + n));
  t.deepEqual(decodeSafetensors(foreign, 'foreign').tensors, sample());
  // A foreign file with a changed value is not detectable, and loads (there is nothing to check it against).
  const changed = foreign.slice();
  changed[changed.length - 1] ^= 0x40;
  t.notThrows(() => decodeSafetensors(changed, 'foreign'));
});

test('a header edited after netc wrote it (a shape, an offset, metadata) fails the checksum even when it is well-formed', (t) => {
  const bytes = encodeSafetensors(sample(), { format: 'netc', epoch: '3' });
  const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
  const text = new TextDecoder().decode(bytes.subarray(8, 8 + n));
  for (const [from, to] of [['"epoch":"3"', '"epoch":"9"'], ['"shape":[2,1,2,2]', '"shape":[1,2,2,2]']] as const) {
    t.true(text.includes(from), from);
    const edited = bytes.slice();
    edited.set(new TextEncoder().encode(text.replace(from, to)), 8);
    t.throws(() => decodeSafetensors(edited, 'edited.safetensors'), { instanceOf: DataError, message: /^edited\.safetensors: .*damaged: the sha256 of its header and data does not match/ });
  }
});
