// Dev-only: netc's generated WebAssembly as WAT text (through wabt, a devDependency the runtime never imports),
// for reading a kernel and for the golden files test/cases/wat/*.wat that make a codegen change a text diff.
// Run: npm run wasm:wat -- <kernel>…     one example module (see --list) as WAT on stdout
//      npm run wasm:wat -- --list         the example modules
//      npm run wasm:wat -- --update-goldens   rewrite test/cases/wat/*.wat
//      npm run wasm:wat -- --network networks/lenet.net --out dir [--batch 8]
//                                         every module netc compiles while that network takes a training
//                                         step and an eval pass on wasm, one .wat file per module
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { compile } from '../compiler/compile.js';
import * as tf from '../runtime/tfjs.js';
import { evalContext, trainingContext, type BatchStats } from '../runtime/forward_context.js';
import { Model } from '../runtime/model.js';
import { Rng } from '../runtime/rng.js';
import { moduleBytes, type Code } from '../runtime/backends/wasm/codegen/assembler.js';
import { observeCompiledModules, type WasmModuleObject } from '../runtime/backends/wasm/memory.js';
import { startWasm } from '../runtime/backends/wasm/node.js';
import { activationGradBody, sigmoidBody, wasmCodeOf } from '../runtime/backends/wasm/kernels/activations.js';
import { forwardBody, padBody, type ConvGeometry } from '../runtime/backends/wasm/kernels/convolution_code.js';
import { filterGradLoopBody, filterGradTile } from '../runtime/backends/wasm/kernels/filter_gradient_code.js';
import { geometryOf } from '../runtime/backends/wasm/kernels/convolution.js';
import { affineBody } from '../runtime/backends/wasm/kernels/elementwise.js';
import { poolBody, upsampleBody } from '../runtime/backends/wasm/kernels/pooling.js';
import { sumBody } from '../runtime/backends/wasm/kernels/reductions.js';
import { swapBody, transposeImagesBody } from '../runtime/backends/wasm/kernels/transposes.js';

// The goldens hold relaxed SIMD's fused multiply-add, as netc's modules do wherever the engine takes it
// (Node 22 by default; Node 20 behind this flag, which the wasm backend sets too).
setFlagsFromString('--experimental-wasm-relaxed-simd');

/** The repository root (this file runs as dist/scripts/wasm_wat.js). */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const watGoldenDir = 'test/cases/wat';

/** A module's function: its i32 parameters and its body. */
export interface ExampleModule {
  params: number;
  body: () => Code;
}

/** Stands in for tfjs's wasm module where code reads constants from memory (sigmoid's table): a fixed address. */
const fakeModule: WasmModuleObject = { wasmMemory: new WebAssembly.Memory({ initial: 1 }), _malloc: () => 1024, _free: () => {} };

/** A 3×3 conv, 2 → 5 channels (a partial last vector), pad 1, over 6×6: small enough to read, every code path. */
const smallConv: ConvGeometry = geometryOf([1, 6, 6, 2], [3, 3, 2, 5], [1, 1], { top: 1, bottom: 1, left: 1, right: 1 });

/** Example modules of each kernel family, at small representative shapes; the name says the shape. */
export const exampleModules: Record<string, ExampleModule> = {
  'channel_sum_c6': { params: 3, body: () => sumBody(3) },
  'channel_affine_c6': { params: 4, body: () => affineBody(3) },
  'swap_leading_axes_c6': { params: 4, body: () => swapBody(6) },
  'transpose_images_3x5': { params: 3, body: () => transposeImagesBody(3, 5) },
  'avgpool_tiled_c6_k2_ow14': { params: 3, body: () => poolBody(6, 2, 2, 14) },
  'avgpool_tiled_grad_c6_k2': { params: 4, body: () => upsampleBody(6, 2, 2, 0.25) },
  'sigmoid': { params: 3, body: () => sigmoidBody(fakeModule) },
  'activation_grad_relu': { params: 4, body: () => activationGradBody(wasmCodeOf('relu')) },
  'activation_grad_sigmoid': { params: 4, body: () => activationGradBody(wasmCodeOf('sigmoid')) },
  'conv_pad_6x6_c2_p1': { params: 3, body: () => padBody(smallConv) },
  'conv_forward_3x3_2to5_bias_relu': { params: 6, body: () => forwardBody(smallConv, true, 'relu', fakeModule) },
  'conv_forward_3x3_2to5_sigmoid_pool2': { params: 6, body: () => forwardBody(smallConv, true, 'sigmoid', fakeModule, [2, 2]) },
  'conv_filter_grad_3x3_2to5': { params: 5, body: () => filterGradLoopBody(smallConv, filterGradTile(smallConv)) },
};

/** The module's bytes as netc compiles them (unshared memory: the single-threaded build), with `names` its locals' names. */
export const exampleBytes = (m: ExampleModule, names = true) => moduleBytes(false, 65536, m.params, m.body(), names);

type Wabt = Awaited<ReturnType<typeof import('wabt')>>;
let wabt: Promise<Wabt> | undefined;

/** Any netc-generated module as WAT text (wabt's wasm2wat, with the features netc's code uses). */
export async function watOf(bytes: Uint8Array): Promise<string> {
  const tools = await (wabt ??= import('wabt').then((m) => (m as unknown as { default: () => Promise<Wabt> }).default()));
  const features = { simd: true, threads: true, bulk_memory: true, relaxed_simd: true };
  const module = tools.readWasm(bytes, { readDebugNames: true, ...features });
  try {
    (module.validate as (options: typeof features) => void)(features);
    module.applyNames(); // local.get $x rather than local.get 0, where the module names its locals
    return module.toText({ foldExprs: false, inlineExport: false });
  } finally {
    module.destroy();
  }
}

/** Every module netc compiles while `file`'s network takes a training step and an eval pass on wasm, by key. */
export async function networkModules(file: string, batch: number): Promise<Map<string, Uint8Array>> {
  const result = compile(readFileSync(file, 'utf8'), { file, readFile: (path) => readFileSync(path, 'utf8') });
  if (!result.ir) throw new Error(`${file} does not compile: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  tf.env().set('PROD', true);
  const problem = await startWasm();
  if (problem) throw new Error(`wasm backend: ${problem}`);
  const modules = new Map<string, Uint8Array>();
  observeCompiledModules((key, bytes) => modules.set(key, bytes));
  try {
    const model = Model.create(result.ir, new Rng(0));
    const input = result.ir.nodes[0].shape;
    const x = tf.randomUniform([batch, ...input.slice(1), input[0]], 0, 1, 'float32', 1);
    const stats: BatchStats[] = [];
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => tf.sum(model.forward(x, trainingContext(new Rng(1), tf.keep, stats))), model.trainableVariables);
      value.dataSync();
      Object.values(grads).forEach((g) => g.dataSync());
    });
    tf.tidy(() => model.forward(x, evalContext()).dataSync());
    x.dispose();
  } finally {
    observeCompiledModules(undefined);
  }
  return modules;
}

const option = (args: string[], name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

async function main(args: string[]): Promise<number> {
  if (args[0] === '--network') {
    const [file, out] = [args[1], option(args, '--out')];
    if (!file || !out) {
      console.error('usage: wasm_wat --network <file.net> --out <dir> [--batch N]');
      return 2;
    }
    const modules = await networkModules(file, Number(option(args, '--batch') ?? 8));
    mkdirSync(out, { recursive: true });
    for (const [key, bytes] of modules) writeFileSync(join(out, `${key.replace(/[^\w.,+-]+/g, '_')}.wat`), await watOf(bytes));
    console.log(`wrote ${modules.size} modules to ${out}/`);
    return 0;
  }
  if (args.length === 0 || args[0] === '--list') {
    console.log(Object.keys(exampleModules).join('\n'));
    return args.length === 0 ? 2 : 0;
  }
  if (args[0] === '--update-goldens') {
    mkdirSync(join(repoRoot, watGoldenDir), { recursive: true });
    for (const [name, m] of Object.entries(exampleModules)) writeFileSync(join(repoRoot, watGoldenDir, `${name}.wat`), await watOf(exampleBytes(m)));
    console.log(`wrote ${Object.keys(exampleModules).length} files to ${watGoldenDir}/`);
    return 0;
  }
  for (const name of args) {
    const m = exampleModules[name];
    if (!m) {
      console.error(`no example module '${name}'; --list shows them`);
      return 2;
    }
    process.stdout.write(await watOf(exampleBytes(m)));
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main(process.argv.slice(2));
