// netc export --format onnx from the command line: what it prints, its --json object, a model onnxruntime runs
// with netc's outputs, and one-line errors with their exit codes.
import test from 'ava';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Model } from '../../runtime/index.js';
import { netcEval, ortRun, writeSeededRun } from '../helpers/onnx.js';
import { mismatch } from '../helpers/webgpu.js';
import { useCpu } from '../helpers/tf.js';
import { netc } from '../helpers/cli.js';


const dir = mkdtempSync(join(tmpdir(), 'netc-cli-export-'));
const runDir = join(dir, 'run');
let model: Model;

test.before(async () => {
  await useCpu();
  model = await writeSeededRun('networks/lenet_bn.net', runDir, 4);
});
test.after.always(() => {
  model.dispose();
  rmSync(dir, { recursive: true, force: true });
});

test.serial('export --format onnx -o: says what it wrote; onnxruntime gives netc\'s logits from the file', async (t) => {
  const out = join(dir, 'lenet_bn.onnx');
  const r = netc('export', 'networks/lenet_bn.net', '--weights', runDir, '--format', 'onnx', '-o', out);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, new RegExp(`^wrote ${out} \\(0\\.\\d MB\\): ONNX opset 13, \\d+ nodes, 26 initializers \\(44,878 params\\); input 'input' \\[N, 1, 28, 28\\] float32, output 'logits' \\[N, 10\\] \\(logits\\)\\n$`));
  const x = Float32Array.from({ length: 3 * 784 }, (_, i) => Math.cos(i / 7));
  const { output } = await ortRun(readFileSync(out), x, 3, [1, 28, 28]);
  const m = mismatch(await netcEval(model, x, 3), output);
  t.true(m.error <= 1e-5, `scaled error ${m.error}`);
});

test.serial('export --json: the documented object on stdout, the line for people on stderr', (t) => {
  const out = join(dir, 'json.onnx');
  const r = netc('export', 'networks/lenet_bn.net', '--weights', runDir, '--out', out, '--opset', '17', '--json');
  t.is(r.code, 0, r.stderr);
  const result = JSON.parse(r.stdout);
  t.deepEqual(Object.keys(result), ['network', 'format', 'file', 'bytes', 'opset', 'input', 'output', 'nodes', 'initializers']);
  t.like(result, { network: 'LeNetBN', format: 'onnx', file: out, opset: 17, initializers: 26, input: { name: 'input', shape: ['N', 1, 28, 28] }, output: { name: 'logits', shape: ['N', 10] } });
  t.is(result.bytes, readFileSync(out).length);
  t.regex(r.stderr, /^wrote /);
});

test.serial('errors are one line: missing or foreign weights and an unwritable -o exit 1; usage exits 2', (t) => {
  const oneLine = (r: ReturnType<typeof netc>, code: number, pattern: RegExp) => {
    t.is(r.code, code, r.stderr);
    t.regex(r.stderr, pattern);
    t.is(r.stderr.trim().split('\n').length, 1, r.stderr);
  };
  const out = join(dir, 'x.onnx');
  oneLine(netc('export', 'networks/lenet_bn.net', '-o', out), 2, /^netc: netc export needs --weights/);
  oneLine(netc('export', 'networks/lenet_bn.net', '--weights', runDir), 2, /needs --weights DIR\|FILE and -o\/--out FILE/);
  oneLine(netc('export', 'networks/lenet_bn.net', '--weights', join(dir, 'nothing'), '-o', out), 1, /^netc: .*nothing: no such file/);
  oneLine(netc('export', 'networks/lenet.net', '--weights', runDir, '-o', out), 1, /^netc: .*these weights belong to LeNetBN/);
  oneLine(netc('export', 'networks/lenet_bn.net', '--weights', runDir, '-o', join(dir, 'no', 'such', 'x.onnx')), 1, /^netc: .*x\.onnx: cannot write it \(no such directory\)/);
  oneLine(netc('export', 'networks/lenet_bn.net', '--weights', runDir, '-o', dir), 1, /^netc: .*: is a directory/);
  oneLine(netc('export', 'networks/lenet_bn.net', '--weights', runDir, '-o', out, '--opset', '12'), 2, /^netc: --opset needs an integer >= 13 <= 17, got 12/);
  oneLine(netc('export', 'networks/lenet_bn.net', '--weights', runDir, '-o', out, '--format', 'tflite'), 2, /--format/);
  t.false(existsSync(out));
});
