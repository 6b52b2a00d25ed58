// Hover over real networks: every layer call's shape is its IR node's, blocks list their runs, definitions their signature.
import test from 'ava';
import { parse } from '../../../compiler/compile.js';
import { LineIndex } from '../../../compiler/source_text.js';
import { summarize } from '../../../compiler/summary.js';
import { layerRegistry } from '../../../compiler/ops/registry.js';
import { LanguageService } from '../../../compiler/services/index.js';
import { callsOf } from '../../../compiler/services/position.js';
import { checkFile, networkFiles, readText } from '../../helpers/files.js';
import { offsetOf, openFiles } from './service_helpers.js';

for (const file of networkFiles()) {
  test(`${file}: hover on every layer call gives its IR nodes' shapes, params and MACs`, (t) => {
    const text = readText(file);
    const service = openFiles(file);
    const { irs, diagnostics } = checkFile(file);
    t.deepEqual(diagnostics, []);
    const lines = new LineIndex(text);
    let checked = 0;
    for (const def of parse(text, { file }).ast!.definitions) {
      for (const call of callsOf(def).filter((c) => layerRegistry.has(c.name))) {
        const { line, column } = lines.position(call.nameSpan.start);
        const nodes = irs.flatMap((ir) => ir.nodes.filter((n) => n.source.file === file && n.source.line === line && n.source.column === column));
        const info = service.hover(file, call.nameSpan.start + 1);
        if (nodes.length === 0) continue; // a branch no network takes (a shortcut that is never needed)
        t.truthy(info, `${file}:${line}:${column} ${call.name}`);
        t.deepEqual(info!.shape, nodes[0].shape, `${file}:${line}:${column}`);
        t.is(info!.macs, nodes.reduce((s, n) => s + n.macs, 0));
        t.is(info!.params, nodes.reduce((s, n) => s + n.params.filter((p) => p.trainable).reduce((a, p) => a + p.shape.reduce((x, y) => x * y, 1), 0), 0));
        for (const n of nodes.slice(0, 12)) t.true(info!.markdown.includes(`[${n.shape.join(', ')}]`));
        if (nodes.length > 1) t.true(info!.markdown.includes(`called ${nodes.length} times`));
        t.deepEqual([info!.from, info!.to], [call.nameSpan.start, call.nameSpan.end]);
        checked++;
      }
    }
    t.true(checked > 0);
  });
}

test('ResNet-18: the first conv of block basic runs 8 times, each call site with its channels and shape', (t) => {
  const file = 'networks/resnet18.net';
  const text = readText(file);
  const info = openFiles(file).hover(file, offsetOf(text, 'conv(channels, kernel: 3, pad: 1, stride', 2))!;
  t.regex(info.markdown, /called 8 times: \[64, 24, 24\] ×2, \[128, 12, 12\] ×2, \[256, 6, 6\] ×2, \[512, 3, 3\] ×2/);
  t.regex(info.markdown, /`stage2\.0\.conv1` \(channels: 128, stride: \[2, 2\]\): \[128, 12, 12\]/);
  t.regex(info.markdown, /kernel: \[3, 3\], pad: \[1, 1\]/);
});

test('ResNet-18: hover on a block call gives its signature and that run\'s output, params and MACs', (t) => {
  const file = 'networks/resnet18.net';
  const text = readText(file);
  const service = openFiles(file);
  const info = service.hover(file, offsetOf(text, 'basic(128, stride: 2)', 1))!;
  const group = summarize(service.ir(file)!).rows.find((r) => r.kind === 'group' && r.name === 'stage2.0')!;
  t.deepEqual(info.shape, [128, 12, 12]);
  t.is(info.params, group.params);
  t.is(info.macs, group.macs);
  t.true(info.markdown.startsWith('`block basic(channels, stride = 1)`'));
  const repeated = service.hover(file, offsetOf(text, 'basic(64)', 1))!;
  t.regex(repeated.markdown, /called 2 times: \[64, 24, 24\] ×2/);
});

test('hover on a block shows its doc comment; on a network name its totals; off any name nothing', (t) => {
  const text = ['# Two 3×3 convolutions.', '# Keeps the size.', 'block pair(c) { conv(c, kernel: 3, pad: 1); conv(c, kernel: 3, pad: 1) }', '', 'network N {', '  input [3, 8, 8]', '  pair(4)', '}', ''].join('\n');
  const service = new LanguageService();
  service.setFile('n.net', text);
  const call = service.hover('n.net', offsetOf(text, 'pair(4)', 2))!;
  t.true(call.markdown.includes('`block pair(c)`'));
  t.true(call.markdown.includes('Two 3×3 convolutions.\nKeeps the size.'));
  t.deepEqual(call.shape, [4, 8, 8]);
  const definition = service.hover('n.net', offsetOf(text, 'pair(c)', 1))!;
  t.true(definition.markdown.includes('Keeps the size.'));
  const network = service.hover('n.net', offsetOf(text, 'N {'))!;
  t.deepEqual(network.shape, [4, 8, 8]);
  t.is(network.params, service.ir('n.net')!.totalParams);
  t.is(service.hover('n.net', offsetOf(text, '[3, 8') + 1), undefined);
});

test('hover on a layer inside a library block takes its shapes from the open file that imports it', (t) => {
  const service = new LanguageService();
  const lib = 'block widen(c) {\n  conv(c, kernel: 1)\n}\n';
  service.setFile('lib/blocks.net', lib);
  service.setFile('main.net', 'import "lib/blocks.net"\nnetwork M {\n  input [3, 4, 4]\n  widen(8)\n  widen(16)\n}\n');
  const info = service.hover('lib/blocks.net', offsetOf(lib, 'conv'))!;
  t.regex(info.markdown, /called 2 times: \[8, 4, 4\], \[16, 4, 4\]/);
  t.deepEqual(service.inlayHints('lib/blocks.net').map((h) => h.label), ['[8, 4, 4], [16, 4, 4]']);
});

test("ResNet-18: hover on a label gives that scope's output and totals; a labelled layer's label is the layer", (t) => {
  const file = 'networks/resnet18.net';
  const text = readText(file);
  const service = openFiles(file);
  const rows = summarize(service.ir(file)!).rows;
  const stage3 = service.hover(file, offsetOf(text, 'stage3:', 1))!;
  const group = rows.find((r) => r.kind === 'group' && r.name === 'stage3')!;
  t.deepEqual([stage3.shape, stage3.params, stage3.macs], [[256, 6, 6], group.params, group.macs]);
  t.true(stage3.markdown.startsWith('label **stage3**'));
  const head = service.hover(file, offsetOf(text, 'head:', 1))!;
  t.deepEqual(head.shape, [10]);
  t.true(head.markdown.startsWith('**dense**'));
});

test('hover on a derived network: its signature with the base and its new defaults, and its own totals', (t) => {
  const file = 'test/cases/lib_finetune.net';
  const text = readText(file);
  const service = openFiles(file);
  const info = service.hover(file, offsetOf(text, 'Shoes', 1))!;
  t.true(info.markdown.startsWith('`network Shoes extends ResNet18(classes = 5, size = 28)`'));
  t.deepEqual(info.shape, [5]);
  t.is(info.params, service.ir(file)!.totalParams);
});

test('hover on a parameter, a let, a repeat index and an in. field: what they are and where they come from', (t) => {
  const file = 'networks/resnet18.net';
  const text = readText(file);
  const service = openFiles(file);
  const md = (needle: string, delta = 0, nth = 0) => service.hover(file, offsetOf(text, needle, delta, nth))?.markdown;
  t.is(md('stride: stride', 8), 'parameter **stride** = 1 of `block basic(channels, stride = 1)`');
  t.is(md('stride = 1'), 'parameter **stride** = 1 of `block basic(channels, stride = 1)`');
  t.is(md('size, size'), 'parameter **size** = 96 of `network ResNet18(classes = 10, size = 96)`');
  // A named argument of a block call is that block's parameter.
  t.is(md('basic(128, stride', 11), 'parameter **stride** = 1 of `block basic(channels, stride = 1)`');
  t.regex(md('in.channels', 3)!, /^`in\.channels`: the channels of the shape entering/);
  const source = 'network N {\n  input [1, 8, 8]\n  let w = 2 * 4\n  repeat i in 0..2 { conv(w + i, kernel: 1) }\n}\n';
  service.setFile('n.net', source);
  t.is(service.hover('n.net', offsetOf(source, 'w +'))?.markdown, 'let **w** = `2 * 4`');
  t.is(service.hover('n.net', offsetOf(source, 'i,'))?.markdown, '**i**: repeat index');
  t.is(service.hover('n.net', offsetOf(source, '0..2')), undefined);
});
