// readWeightFile and loadWeights: every place weights come from, what each is reported as, PyTorch's bookkeeping
// (num_batches_tracked, a DDP module. prefix, dtypes) and the structure check for netc's own checkpoints.
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWeightFile, loadWeights } from '../../runtime/weights_source.js';
import { writeCheckpoint, type CheckpointHeader } from '../../runtime/io/checkpoint.js';
import { encodeSafetensors, type TensorMap } from '../../runtime/io/safetensors.js';
import { Model } from '../../runtime/model.js';
import { Rng } from '../../runtime/rng.js';
import { irHash } from '../../runtime/ir_hash.js';
import { DataError, WeightError } from '../../runtime/errors.js';
import { mustCompile } from '../helpers/files.js';
import { useCpu } from '../helpers/tf.js';
import { legacyCheckpoint } from '../helpers/legacy_checkpoint.js';

test.before(useCpu);

const scratch = () => mkdtempSync(join(tmpdir(), 'netc-weights-'));
const ir = mustCompile('network N { input [1, 4, 4]\n conv1: conv(2, kernel: 1); bn1: batchnorm\n flatten; fc: dense(3) }');

/** A safetensors file with the given dtypes, as PyTorch's save_file writes one (values given as numbers). */
function torchFile(entries: [string, string, number[], number[]][]): Uint8Array {
  const header: Record<string, unknown> = {};
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const [name, dtype, shape, values] of entries) {
    const size = { F32: 4, F16: 2, F64: 8, I64: 8 }[dtype]!;
    const bytes = new Uint8Array(values.length * size);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => {
      if (dtype === 'F32') view.setFloat32(i * 4, v, true);
      else if (dtype === 'F64') view.setFloat64(i * 8, v, true);
      else if (dtype === 'I64') view.setBigInt64(i * 8, BigInt(v), true);
      else view.setUint16(i * 2, v === 1 ? 0x3c00 : v === -2 ? 0xc000 : v === 0.5 ? 0x3800 : 0, true); // the halves used below
    });
    header[name] = { dtype, shape, data_offsets: [offset, offset + bytes.length] };
    parts.push(bytes);
    offset += bytes.length;
  }
  let json = JSON.stringify(header);
  while (json.length % 8) json += ' ';
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(new TextEncoder().encode(json), 8);
  let at = 8 + json.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function netcWeights(): Promise<TensorMap> {
  const model = Model.create(ir, new Rng(1));
  const w = await model.exportWeights();
  model.dispose();
  return w;
}

const header = (epoch: number, hash = irHash(ir)): CheckpointHeader => ({ network: 'N', irHash: hash, epoch, rng: new Rng(0).state });

test('a run directory, its model.safetensors, an old checkpoint.netc and a JSON state_dict report their kind, network and epoch', async (t) => {
  const w = await netcWeights();
  const dir = scratch();
  writeCheckpoint(dir, header(2), w, new Map());
  t.like(readWeightFile(dir), { kind: 'run', network: 'N', epoch: 2, irHash: irHash(ir) });
  t.like(readWeightFile(join(dir, 'model.safetensors')), { kind: 'checkpoint', network: 'N', epoch: 2 });
  t.deepEqual(readWeightFile(dir).weights, w);

  const old = scratch();
  writeFileSync(join(old, 'checkpoint.netc'), legacyCheckpoint(header(7), w, new Map()));
  t.like(readWeightFile(old), { kind: 'netc-v1', network: 'N', epoch: 7 });
  t.like(readWeightFile(join(old, 'checkpoint.netc')), { kind: 'netc-v1' });
  t.deepEqual(readWeightFile(old).weights, w);

  const json = join(scratch(), 'state.json');
  writeFileSync(json, JSON.stringify({ 'module.fc.bias': { shape: [3], data: [1, 2, 3] }, 'module.bn1.num_batches_tracked': { shape: [], data: [5] } }));
  const j = readWeightFile(json);
  t.is(j.kind, 'json');
  t.deepEqual([...j.weights.keys()], ['fc.bias'], 'the JSON reader drops the counter and the DDP prefix too');
});

test("a PyTorch safetensors state_dict: num_batches_tracked dropped, module. stripped only when every key has it, F16/F64 converted", (t) => {
  const dir = scratch();
  const ddp = join(dir, 'ddp.safetensors');
  writeFileSync(ddp, torchFile([
    ['module.fc.bias', 'F16', [3], [1, -2, 0.5]],
    ['module.bn1.running_var', 'F64', [2], [0.25, 4]],
    ['module.bn1.num_batches_tracked', 'I64', [], [12]],
  ]));
  const file = readWeightFile(ddp);
  t.is(file.kind, 'safetensors');
  t.is(file.network, undefined);
  t.deepEqual([...file.weights.keys()], ['fc.bias', 'bn1.running_var']);
  t.deepEqual([...file.weights.get('fc.bias')!.data], [1, -2, 0.5]);
  t.deepEqual([...file.weights.get('bn1.running_var')!.data], [0.25, 4]);

  const mixed = join(dir, 'mixed.safetensors');
  writeFileSync(mixed, torchFile([['module.fc.bias', 'F32', [3], [1, 2, 3]], ['fc.weight', 'F32', [1], [0]]]));
  t.deepEqual([...readWeightFile(mixed).weights.keys()], ['module.fc.bias', 'fc.weight'], 'a prefix on some keys only is a name, not DDP');

  const ints = join(dir, 'ints.safetensors');
  writeFileSync(ints, torchFile([['fc.bias', 'F32', [3], [1, 2, 3]], ['embedding.index', 'I64', [2], [0, 1]]]));
  t.throws(() => readWeightFile(ints), { instanceOf: WeightError, message: `${ints}: tensor 'embedding.index' is I64; netc reads float tensors (F32, F64, F16, BF16)` });
});

test('loadWeights: netc checkpoints load only into the network that wrote them; PyTorch files load by name; damaged files name themselves', async (t) => {
  const w = await netcWeights();
  const dir = scratch();
  writeCheckpoint(dir, header(1, 'another-structure'), w, new Map());
  const model = Model.create(ir, new Rng(2));
  t.throws(() => loadWeights(model, dir), { instanceOf: DataError, message: /these weights belong to N \(structure another-structure\)/ });

  const torch = join(scratch(), 'sd.safetensors');
  const prefixed: TensorMap = new Map([...w].map(([k, v]) => [`module.${k}`, v]));
  writeFileSync(torch, encodeSafetensors(prefixed));
  t.like(loadWeights(model, torch), { kind: 'safetensors' });
  const back = await model.exportWeights();
  t.deepEqual(back.get('fc.weight'), w.get('fc.weight'));

  const partial = join(scratch(), 'partial.safetensors');
  writeFileSync(partial, encodeSafetensors(new Map([...w].slice(1))));
  t.throws(() => loadWeights(model, partial), { instanceOf: WeightError, message: /conv1\.weight/ });
  const cut = join(scratch(), 'cut.safetensors');
  writeFileSync(cut, encodeSafetensors(w).subarray(0, 20));
  t.throws(() => loadWeights(model, cut), { instanceOf: DataError, message: new RegExp(`^${cut}: not a valid safetensors file \\(truncated`) });
  t.throws(() => loadWeights(model, join(scratch(), 'none.safetensors')), { instanceOf: DataError, message: /none\.safetensors: no such file/ });
  model.dispose();
});
