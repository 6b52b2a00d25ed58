// A real checkpoint, damaged thirteen ways (flipped bits in the data and the header, truncation, bad header
// JSON, negative and overlapping offsets, a wrong dtype, a shape of another network, NaN weights, an old
// checkpoint.netc with a negative offset or a wrong length), read by every command that reads weights:
// eval, predict, train --resume, train --init-from and import-weights. Each must exit 1 with one line that
// names the damaged file — never load it, never "internal error".
import test from 'ava';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { netc } from '../helpers/cli.js';
import { assertOneLineError, netcAsync, runAll, scratch, writeTinyNet } from '../helpers/checkpoint_runs.js';
import { encodeSafetensors, type TensorMap } from '../../runtime/io/safetensors.js';
import { decodeSafetensors } from '../../runtime/io/safetensors.js';
import { legacyCheckpoint, withLegacyTable, type LegacyTable } from '../helpers/legacy_checkpoint.js';

const work = scratch();
const net = writeTinyNet(work);
const good = join(work, 'good');
const data = ['--limit', '256', '--test-limit', '64', '--batch', '64', '--backend', 'cpu'];
const image = join(work, 'shoe.pgm');
writeFileSync(image, Buffer.concat([Buffer.from('P5 28 28 255\n'), Buffer.alloc(28 * 28, 200)]));

test.before(() => {
  const r = netc('train', net, ...data, '--epochs', '1', '--out', good);
  if (r.code !== 0) throw new Error(`the run to damage did not train:\n${r.stderr}`);
});

type Header = Record<string, { dtype: string; shape: number[]; data_offsets: number[] } | Record<string, string>>;
interface Parts {
  bytes: Buffer;
  headerLength: number;
  header: Header;
  data: Buffer;
}
const parts = (): Parts => {
  const bytes = readFileSync(join(good, 'model.safetensors'));
  const headerLength = Number(bytes.readBigUInt64LE(0));
  return { bytes, headerLength, header: JSON.parse(bytes.toString('utf8', 8, 8 + headerLength)), data: bytes.subarray(8 + headerLength) };
};
/** A file as another tool would write it after editing the header: no netc checksum, so only the schema can tell. */
const rewritten = (edit: (h: Header) => void): Buffer => {
  const { header, data } = parts();
  delete (header.__metadata__ as Record<string, string>)['netc.sha256'];
  edit(header);
  let json = JSON.stringify(header);
  while (json.length % 8) json += ' ';
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([length, Buffer.from(json), data]);
};
const flipped = (at: (p: Parts) => number, mask = 0x01): Buffer => {
  const p = parts();
  const out = Buffer.from(p.bytes);
  out[at(p)] ^= mask;
  return out;
};
const entry = (h: Header, name: string) => h[name] as { dtype: string; shape: number[]; data_offsets: number[] };
const goodTensors = (): { tensors: TensorMap; metadata: Record<string, string> } => decodeSafetensors(parts().bytes, 'good');
const legacy = (edit: (table: LegacyTable) => void): Buffer => {
  const { tensors, metadata } = goodTensors();
  return withLegacyTable(legacyCheckpoint(JSON.parse(metadata.netc), tensors, new Map()), edit);
};

interface Damage {
  what: string;
  file: 'model.safetensors' | 'checkpoint.netc';
  bytes: () => Buffer;
  message: RegExp;
  /** --init-from's own message, which names the source it was given and the layer's line in the .net file. */
  initFrom?: RegExp;
}
const checksum = /damaged: the sha256 of its header and data does not match/;
const damages: Damage[] = [
  { what: 'a flipped bit in the first weight', file: 'model.safetensors', bytes: () => flipped((p) => 8 + p.headerLength + 3, 0x40), message: checksum },
  { what: 'a flipped byte in the middle of the data', file: 'model.safetensors', bytes: () => flipped((p) => 8 + p.headerLength + (p.data.length >> 1), 0xff), message: checksum },
  { what: 'a flipped bit in the last byte', file: 'model.safetensors', bytes: () => flipped((p) => p.bytes.length - 1, 0x10), message: checksum },
  { what: 'a changed digit in the header (epoch 1 → 7)', file: 'model.safetensors', bytes: () => { const p = parts(); const text = p.bytes.toString('latin1'); const at = text.indexOf('\\"epoch\\":1'); if (at < 0) throw new Error('no epoch'); return flipped(() => at + '\\"epoch\\":'.length, 0x06); }, message: checksum },
  { what: 'a file cut 100 bytes short', file: 'model.safetensors', bytes: () => parts().bytes.subarray(0, -100), message: /truncated: tensor '.*' ends at byte/ },
  { what: 'a header that is not JSON', file: 'model.safetensors', bytes: () => { const b = Buffer.from(parts().bytes); b[8] = 0x78; return b; }, message: /the header is not UTF-8 JSON/ },
  { what: 'a negative offset', file: 'model.safetensors', bytes: () => rewritten((h) => (entry(h, 'conv1.bias').data_offsets = [-32, 0])), message: /tensor 'conv1\.bias' has data_offsets \[-32,0\]/ },
  { what: 'overlapping offsets', file: 'model.safetensors', bytes: () => rewritten((h) => { const e = entry(h, 'dense2.bias'); e.data_offsets = [e.data_offsets[0] - 20, e.data_offsets[1] - 20]; }), message: /overlaps the tensor before it/ },
  { what: 'a wrong dtype (F64 for F32)', file: 'model.safetensors', bytes: () => rewritten((h) => (entry(h, 'conv1.weight').dtype = 'F64')), message: /tensor 'conv1\.weight' \[8, 1, 3, 3\] F64 needs 576 bytes, its offsets cover 288/ },
  { what: 'a shape of another network (same bytes)', file: 'model.safetensors', bytes: () => rewritten((h) => (entry(h, 'conv1.weight').shape = [1, 8, 3, 3])), message: /'conv1\.weight' has shape \[1, 8, 3, 3\], the network needs \[8, 1, 3, 3\]/, initFrom: /tiny\.net:3:3: 'conv1\.weight' is \[8, 1, 3, 3\] here but \[1, 8, 3, 3\] in .*; declare it new/ },
  { what: 'NaN weights under a valid checksum', file: 'model.safetensors', bytes: () => { const { tensors, metadata } = goodTensors(); tensors.get('dense1.weight')!.data.fill(NaN, 100, 110); return Buffer.from(encodeSafetensors(tensors, metadata)); }, message: /tensor 'dense1\.weight' holds 10 non-finite values/ },
  { what: 'an old checkpoint.netc with a negative offset', file: 'checkpoint.netc', bytes: () => legacy((tb) => (tb[1].offset = -64)), message: /corrupt checkpoint header \(tensor 1 'conv1\.bias': offset -64 is not a non-negative integer\)/ },
  { what: 'an old checkpoint.netc with a wrong length', file: 'checkpoint.netc', bytes: () => legacy((tb) => (tb[0].length = 71)), message: /length 71 for shape \[8, 1, 3, 3\] \(72 values\)/ },
];

const commands: [string, (dir: string) => string[]][] = [
  ['eval', (dir) => ['eval', net, '--weights', dir, '--backend', 'cpu', '--test-limit', '16']],
  ['predict', (dir) => ['predict', net, '--weights', dir, image, '--backend', 'cpu']],
  ['resume', (dir) => ['train', net, ...data, '--epochs', '2', '--resume', dir]],
  ['init-from', (dir) => ['train', net, ...data, '--epochs', '1', '--init-from', dir, '--out', join(scratch(), 'run')]],
  ['import-weights', (dir) => ['import-weights', net, '--from', dir, '--out', join(scratch(), 'imported')]],
];

test(`${damages.length} damaged checkpoints × ${commands.length} commands: each refused with one line naming the file (exit 1)`, async (t) => {
  const cases = damages.flatMap((d, i) => {
    const dir = join(work, `damaged-${i}`);
    mkdirSync(dir);
    copyFileSync(join(good, 'data.json'), join(dir, 'data.json'));
    writeFileSync(join(dir, d.file), d.bytes());
    return commands.map(([name, args]) => {
      const own = name === 'init-from' && d.initFrom;
      return { d, name, file: own ? dir : join(dir, d.file), message: own ? d.initFrom : d.message, args: args(dir) };
    });
  });
  const results = await runAll(cases.map((c) => () => netcAsync(...c.args)));
  cases.forEach((c, i) => assertOneLineError(t, results[i], c.file, c.message, `${c.d.what} / ${c.name}`));
  // The undamaged run still loads everywhere (so the refusals above are about the damage).
  const ok = await netcAsync('eval', net, '--weights', good, '--backend', 'cpu', '--test-limit', '16');
  t.is(ok.code, 0, ok.stderr);
});

test('--resume refuses malformed training state under a valid checksum, naming the file and the field', async (t) => {
  const fields: [string, (h: Record<string, any>) => void, RegExp][] = [
    ['epoch', (h) => (h.epoch = -1), /corrupt netc checkpoint metadata \(field 'epoch' is -1; expected the number of epochs completed/],
    ['rng', (h) => (h.rng = [1, 2, 3]), /cannot resume from it \(field 'rng' is \[1,2,3\]; expected four 32-bit unsigned integers/],
    ['history', (h) => (h.history = []), /cannot resume from it \(field 'history' is \[\]; expected a list of 1 epoch records/],
    ['history entry', (h) => (h.history[0].trainLoss = 'low'), /field 'history\[0\]\.trainLoss' is "low"/],
  ];
  const cases = fields.map(([field, edit], i) => {
    const dir = join(work, `state-${i}`);
    mkdirSync(dir);
    const { tensors, metadata } = goodTensors();
    const header = JSON.parse(metadata.netc);
    edit(header);
    writeFileSync(join(dir, 'model.safetensors'), encodeSafetensors(tensors, { ...metadata, netc: JSON.stringify(header) }));
    return { field, dir };
  });
  const results = await runAll(cases.map((c) => () => netcAsync('train', net, ...data, '--epochs', '2', '--resume', c.dir)));
  cases.forEach((c, i) => assertOneLineError(t, results[i], join(c.dir, 'model.safetensors'), fields[i][2], c.field));
});
