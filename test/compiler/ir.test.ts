// The IR is plain data: a JSON round-trip is deep-equal, and its graph is well-formed.
import test from 'ava';
import { compileFile, networkFiles, checkFile } from '../helpers/files.js';

for (const file of networkFiles()) {
  test(`${file}: IR survives a JSON round-trip and is a well-formed graph`, (t) => {
    for (const ir of checkFile(file).irs) {
      t.deepEqual(JSON.parse(JSON.stringify(ir)), ir);
      const seen = new Set<string>();
      for (const node of ir.nodes) {
        t.false(seen.has(node.name), `duplicate node ${node.name}`);
        for (const input of node.inputs) t.true(seen.has(input), `${node.name} reads ${input} before it exists`);
        seen.add(node.name);
        t.true(node.shape.every((d) => Number.isInteger(d) && d > 0), `${node.name} shape ${node.shape}`);
      }
      t.is(ir.nodes[0].op, 'input');
      t.true(seen.has(ir.output));
      const params = ir.nodes.flatMap((n) => n.params.map((p) => p.name));
      t.is(new Set(params).size, params.length, 'parameter names are unique');
    }
  });
}

test('compiling twice gives identical IR (names and order are deterministic)', (t) => {
  t.deepEqual(compileFile('networks/googlenet.net').ir, compileFile('networks/googlenet.net').ir);
});

test('IR records resolved attributes with defaults and pairs', (t) => {
  const conv = compileFile('networks/lenet.net').ir!.nodes.find((n) => n.name === 'conv1')!;
  t.deepEqual(conv.attrs, { channels: 6, kernel: [5, 5], stride: [1, 1], pad: [2, 2], dilation: [1, 1], groups: 1, bias: true });
  t.deepEqual(conv.params.map((p) => [p.name, p.shape]), [['conv1.weight', [6, 1, 5, 5]], ['conv1.bias', [6]]]);
  t.deepEqual(conv.source, { file: 'networks/lenet.net', line: 5, column: 3 });
});

test('residual, concat and scale become add, concat and scale nodes reading both paths', (t) => {
  const ir = compileFile('networks/se_resnet18.net').ir!;
  const add = ir.nodes.find((n) => n.name === 'stage2.0.add1')!;
  t.deepEqual(add.inputs, ['stage2.0.se.scale1', 'stage2.0.shortcut.batchnorm1']);
  const scale = ir.nodes.find((n) => n.name === 'stage2.0.se.scale1')!;
  t.deepEqual(scale.inputs, ['stage2.0.batchnorm2', 'stage2.0.se.sigmoid1']);
  const concat = compileFile('networks/densenet.net').ir!.nodes.find((n) => n.op === 'concat')!;
  t.deepEqual(concat.inputs, ['stem.maxpool1', '0.branch1.conv1']);
  t.deepEqual(concat.shape, [96, 24, 24]);
});
