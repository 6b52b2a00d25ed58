// Import from PyTorch against Debian's torch/torchvision: torchvision's ResNet-18 state_dict, saved as
// safetensors by PyTorch-side code, loads into networks/resnet18_torchvision.net with no map and computes the
// same eval outputs — with random BN statistics, and with statistics from training-mode forwards in torch.
import test from 'ava';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '../../runtime/tfjs.js';
import { Model } from '../../runtime/model.js';
import { Rng } from '../../runtime/rng.js';
import { loadWeights, readWeightFile } from '../../runtime/weights_source.js';
import { writeCheckpoint } from '../../runtime/io/checkpoint.js';
import { irHash } from '../../runtime/ir_hash.js';
import { evalContext } from '../../runtime/forward_context.js';
import { compileFile } from '../helpers/files.js';
import { useCpu } from '../helpers/tf.js';
import { pythonRequired, pythonStatus, runPython } from '../helpers/python.js';
import { PY_SAFETENSORS } from '../helpers/torch_safetensors.js';

test.before(useCpu);

const SIZE = 32;
const CLASSES = 10;

/** Builds torchvision's resnet18 with random weights and BN statistics (set, or from train-mode forwards), saves it, returns its eval outputs. */
const script = PY_SAFETENSORS + String.raw`
import sys, torchvision
cfg = json.load(sys.stdin)
torch.manual_seed(cfg['seed'])
net = torchvision.models.resnet18(num_classes=cfg['classes'])
with torch.no_grad():
    for m in net.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.weight.uniform_(0.5, 1.5); m.bias.uniform_(-0.2, 0.2)
            if cfg['stats'] == 'random':
                m.running_mean.uniform_(-0.3, 0.3); m.running_var.uniform_(0.5, 2.0)
    if cfg['stats'] == 'trained':
        net.train()
        for _ in range(3):
            net(torch.randn(4, 3, cfg['size'], cfg['size']))
net.eval()
x = torch.randn(2, 3, cfg['size'], cfg['size'])
with torch.no_grad():
    y = net(x)
sd = net.state_dict()
if cfg.get('ddp'):
    sd = {'module.' + k: v for k, v in sd.items()}
save_file(sd, cfg['path'])
tracked = int(net.bn1.num_batches_tracked)
print(json.dumps({'x': x.flatten().tolist(), 'y': y.flatten().tolist(), 'tracked': tracked, 'scale': float(y.abs().max())}))
`;

function skipWithoutPython(t: { log: (m: string) => void; fail: (m: string) => void; pass: () => void }): boolean {
  const status = pythonStatus();
  if (status.ready) return false;
  if (pythonRequired()) t.fail(status.reason);
  else {
    t.log(status.reason);
    t.pass();
  }
  return true;
}

async function netcOutputs(location: string, x: number[]): Promise<Float32Array> {
  const ir = compileFile('networks/resnet18_torchvision.net', { args: { size: SIZE, classes: CLASSES } }).ir!;
  const model = Model.create(ir, new Rng(0));
  try {
    loadWeights(model, location); // no map: the names are torchvision's
    const before = tf.memory().numTensors;
    const input = tf.tidy(() => tf.transpose(tf.tensor4d(x, [2, 3, SIZE, SIZE]), [0, 2, 3, 1]));
    const y = tf.tidy(() => model.forward(input, evalContext()));
    const data = (await y.data()) as Float32Array;
    tf.dispose([input, y]);
    if (tf.memory().numTensors !== before) throw new Error('the forward pass leaked tensors');
    return data;
  } finally {
    model.dispose();
  }
}

const maxDiff = (a: ArrayLike<number>, b: number[]) => b.reduce((worst, v, i) => Math.max(worst, Math.abs(a[i] - v)), 0);

for (const [stats, ddp] of [['random', false], ['trained', true]] as const) {
  const what = stats === 'random' ? 'random weights and random BN statistics' : "BN statistics from 3 training-mode forwards in torch (momentum 0.1), saved under DDP's module. prefix";
  test.serial(`torchvision resnet18(num_classes=${CLASSES}) with ${what} imports with no map; eval outputs within 1e-5`, async (t) => {
    if (skipWithoutPython(t)) return;
    const path = join(mkdtempSync(join(tmpdir(), 'netc-tv-')), 'resnet18.safetensors');
    const r = runPython<{ x: number[]; y: number[]; tracked: number; scale: number }>(script, { seed: stats === 'random' ? 1 : 2, classes: CLASSES, size: SIZE, stats, ddp, path });
    t.is(r.tracked, stats === 'trained' ? 3 : 0, 'num_batches_tracked is in the file (I64) and is dropped on import');
    const file = readWeightFile(path);
    t.is(file.kind, 'safetensors');
    t.false([...file.weights.keys()].some((k) => k.startsWith('module.') || k.endsWith('num_batches_tracked')));
    const y = await netcOutputs(path, r.x);
    t.is(y.length, 2 * CLASSES);
    t.true(r.scale > 0.1, `outputs are not near zero (max |y| ${r.scale})`);
    const diff = maxDiff(y, r.y);
    t.log(`max |netc − torch| = ${diff.toExponential(2)} (max |y| = ${r.scale.toPrecision(3)})`);
    t.true(diff < 1e-5, `max diff ${diff}`);
  });
}

const readBack = PY_SAFETENSORS + String.raw`
import sys, torchvision
cfg = json.load(sys.stdin)
state, metadata = load_file(cfg['path'])
net = torchvision.models.resnet18(num_classes=cfg['classes'])
result = net.load_state_dict(state)  # strict: every key matches
net.eval()
x = torch.tensor(cfg['x'], dtype=torch.float32).reshape(2, 3, cfg['size'], cfg['size'])
with torch.no_grad():
    y = net(x)
print(json.dumps({'missing': result.missing_keys, 'unexpected': result.unexpected_keys, 'dtypes': sorted({str(t.dtype) for t in state.values()}),
                  'format': metadata.get('format'), 'header': json.loads(metadata['netc']), 'y': y.flatten().tolist()}))
`;

test.serial("a netc model.safetensors is read by plain Python and loads into torchvision's resnet18 (load_state_dict), computing netc's outputs", async (t) => {
  if (skipWithoutPython(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'netc-tv-'));
  const source = join(dir, 'torch.safetensors');
  const r = runPython<{ x: number[]; y: number[] }>(script, { seed: 3, classes: CLASSES, size: SIZE, stats: 'random', ddp: false, path: source });
  const ir = compileFile('networks/resnet18_torchvision.net', { args: { size: SIZE, classes: CLASSES } }).ir!;
  const model = Model.create(ir, new Rng(0));
  loadWeights(model, source);
  const path = writeCheckpoint(dir, { network: ir.network, irHash: irHash(ir), epoch: 0, rng: new Rng(0).state }, await model.exportWeights(), new Map());
  model.dispose();
  const back = runPython<{ missing: string[]; unexpected: string[]; dtypes: string[]; format: string; header: { network: string }; y: number[] }>(readBack, { path, classes: CLASSES, size: SIZE, x: r.x });
  t.deepEqual(back.unexpected, []);
  t.deepEqual(back.missing, [], "nothing missing: BatchNorm fills in the num_batches_tracked netc does not store");
  t.deepEqual(back.dtypes, ['torch.float32']);
  t.is(back.format, 'netc-checkpoint/2');
  t.is(back.header.network, 'ResNet18Torchvision');
  t.true(maxDiff(Float32Array.from(back.y), r.y) < 1e-6, `the round trip through netc changes no weight (max diff ${maxDiff(Float32Array.from(back.y), r.y)}: ${back.y.slice(0, 3)} vs ${r.y.slice(0, 3)})`);
});
