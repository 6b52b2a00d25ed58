// Language semantics: values, blocks, repeat, if, `in`, labels, imports — through compile().
import test from 'ava';
import { compile } from '../../compiler/compile.js';
import { mustCompile, codesOf } from '../helpers/files.js';

const net = (body: string, prelude = '') => `${prelude}\nnetwork N { input [4, 8, 8]\n${body}\n}`;
const lastShape = (source: string) => {
  const ir = mustCompile(source);
  return ir.nodes[ir.nodes.length - 1].shape;
};

test('arithmetic follows Python: / is exact, // floors, % takes the divisor sign', (t) => {
  t.deepEqual(lastShape(net('flatten; dense(7 // 2 + 10 % 4 * 2 - -1)')), [8]); // 3 + 4 + 1
  t.deepEqual(lastShape(net('flatten; dense(-7 // 2 + 10)')), [6]);
  t.deepEqual(lastShape(net('flatten; dense(-1 % 3 + 1)')), [3]);
  t.deepEqual(lastShape(net('flatten; dense(64 / 16)')), [4]); // a whole float is an integer
  t.deepEqual(codesOf(net('flatten; dense(10 / 4)')), ['NET4005']);
  t.deepEqual(codesOf(net('flatten; dense(10 // 0)')), ['NET4003']);
});

test('lists, indexing (negative from the end), comparisons and booleans', (t) => {
  t.deepEqual(lastShape(net('let xs = [3, 5, [7, 9]]\nflatten; dense(xs[2][1] + xs[-3])')), [12]);
  t.deepEqual(lastShape(net('let a = [1, 2] + [3]\nif a == [1, 2, 3] and not (1 > 2) or false { flatten; dense(2) } else { flatten; dense(3) }')), [2]);
  t.deepEqual(codesOf(net('let xs = [1]\nflatten; dense(xs[1])')), ['NET4004']);
  t.deepEqual(codesOf(net('flatten; dense(1 + true)')), ['NET4006']);
  t.deepEqual(codesOf(net('if 1 { relu }')), ['NET4001']);
});

test('repeat N and repeat i in a..b unroll, with the variable in scope', (t) => {
  const ir = mustCompile(net('repeat 3 { relu }\nrepeat i in 1..4 { conv(i * 2, kernel: 1) }'));
  t.deepEqual(ir.nodes.filter((n) => n.op === 'conv').map((n) => n.shape[0]), [2, 4, 6]);
  t.is(ir.nodes.filter((n) => n.op === 'relu').length, 3);
  t.deepEqual(mustCompile(net('repeat 0 { relu }')).nodes.length, 1);
  t.deepEqual(codesOf(net('repeat -1 { relu }')), ['NET4002']);
  t.deepEqual(codesOf(net('repeat 1.5 { relu }')), ['NET4005']);
});

test('blocks: positional and named arguments, defaults that use earlier parameters and `in`', (t) => {
  const prelude = 'block b(c, k = 3, p = k // 2, wide = in.channels * 2) { conv(c, kernel: k, pad: p); conv(wide, kernel: 1) }';
  const ir = mustCompile(net('b(5)\nb(k: 5, c: 6)', prelude));
  const convs = ir.nodes.filter((n) => n.op === 'conv');
  t.deepEqual(convs.map((n) => [n.name, n.shape]), [
    ['0.conv1', [5, 8, 8]], ['0.conv2', [8, 8, 8]],
    ['1.conv1', [6, 8, 8]], ['1.conv2', [16, 8, 8]],
  ]);
});

test('`in` is the shape entering the enclosing block or structure', (t) => {
  const ir = mustCompile(net('conv(16, kernel: 1)\nresidual { conv(in.channels // 4, kernel: 1); conv(in.channels, kernel: 1) }'));
  t.deepEqual(ir.nodes.filter((n) => n.op === 'conv').map((n) => n.shape[0]), [16, 4, 16]);
  t.deepEqual(lastShape(net('flatten; dense(in.channels + in.height + in.width)')), [20]);
  t.deepEqual(codesOf(net('flatten; scale { dense(in.height) }')), ['NET3009']);
});

test('labels name scopes; unlabeled layers are op<n>, unlabeled block calls 0, 1, …', (t) => {
  const ir = mustCompile(net('stem: { conv(4, kernel: 1); relu; conv(4, kernel: 1) }\nb(); body: b()\nhead: { flatten; out: dense(2) }', 'block b { conv(4, kernel: 1) }'));
  t.deepEqual(ir.nodes.map((n) => n.name), ['input', 'stem.conv1', 'stem.relu1', 'stem.conv2', '0.conv1', 'body.conv1', 'head.flatten1', 'head.out']);
  t.deepEqual(codesOf(net('a: relu\na: relu')), ['NET2010']);
});

test('names: unknown layers, blocks, arguments and variables get suggestions', (t) => {
  const source = 'network N(classes = 10) { input [4, 8, 8]\nconv(4, kernl: 3)\nrelux\nflatten; dense(clases) }';
  const d = compile(source).diagnostics;
  t.deepEqual(d.map((x) => x.code), ['NET2014', 'NET2002', 'NET2001', 'NET2004']);
  t.deepEqual(d.slice(1).map((x) => [x.code, x.hint]), [
    ['NET2002', "did you mean 'kernel'?"],
    ['NET2001', "did you mean 'relu'?"],
    ['NET2004', "did you mean 'classes'?"],
  ]);
});

test('argument checking: missing, duplicate, too many, positional after named', (t) => {
  t.deepEqual(codesOf(net('conv(4)')), ['NET2014']);
  t.deepEqual(codesOf(net('conv(4, kernel: 3, kernel: 3)')), ['NET2012']);
  t.deepEqual(codesOf(net('maxpool(2, 2)')), ['NET2013']);
  t.deepEqual(codesOf(net('conv(kernel: 3, 4)')), ['NET2015']);
  t.deepEqual(codesOf(net('conv(4, kernel: true)')), ['NET4001']);
  t.deepEqual(codesOf(net('conv(0, kernel: 1)')), ['NET4002']);
});

test('recursive blocks are diagnosed, directly and through another block', (t) => {
  t.deepEqual(codesOf(net('a()', 'block a { a() }')), ['NET2005']);
  t.deepEqual(codesOf(net('a()', 'block a { b() }\nblock b { a() }')), ['NET2005']);
});

test('errors inside a block show the call chain, innermost first', (t) => {
  const source = net('outer()', 'block inner { conv(3, kernel: 99) }\nblock outer { inner() }');
  const [d] = compile(source, { file: 'x.net' }).diagnostics;
  t.is(d.code, 'NET3005');
  t.deepEqual(d.related!.map((r) => `${r.message} ${r.file}:${r.line}:${r.column}`), [
    'in block inner, called at x.net:2:15',
    'in block outer, called at x.net:4:1',
  ]);
});

test('a block error reported once however often the block is called', (t) => {
  t.deepEqual(codesOf(net('repeat 5 { b() }', 'block b { dense(3) }')), ['NET3004']);
});

test('imports go through the host callback, relative to the importing file; cycles are diagnosed', (t) => {
  const files: Record<string, string> = {
    'nets/lib/blocks.net': 'import "more.net"\nblock twice { more(); more() }',
    'nets/lib/more.net': 'block more { conv(4, kernel: 1) }',
    'nets/a.net': 'import "b.net"',
    'nets/b.net': 'import "a.net"',
  };
  const readFile = (path: string) => files[path];
  const ir = compile('import "lib/blocks.net"\nnetwork N { input [4, 8, 8]; twice() }', { file: 'nets/main.net', readFile }).ir!;
  t.is(ir.nodes.length, 3);
  const cycle = compile('import "a.net"\nnetwork N { input [1] }', { file: 'nets/main.net', readFile }).diagnostics;
  t.deepEqual(cycle.map((d) => [d.code, d.message]), [['NET2007', 'import cycle: nets/a.net → nets/b.net → nets/a.net']]);
  t.deepEqual(codesOf('import "nope.net"\nnetwork N { input [1] }', { readFile }), ['NET2006']);
  t.deepEqual(codesOf('import "x.net"\nnetwork N { input [1] }'), ['NET2006']);
});

test('duplicate definitions across files, and blocks named like layers', (t) => {
  const readFile = (p: string) => (p === 'lib.net' ? 'block b { relu }' : undefined);
  t.deepEqual(codesOf('import "lib.net"\nblock b { tanh }\nnetwork N { input [1] }', { readFile }), ['NET2003']);
  t.deepEqual(codesOf('block conv { relu }\nnetwork N { input [1] }'), ['NET2003']);
});

test('network parameters take overrides; unknown ones are diagnosed', (t) => {
  const source = 'network N(classes = 10, size = 8) { input [1, size, size]; flatten; dense(classes) }';
  t.deepEqual(mustCompile(source, { args: { classes: 3, size: 4 } }).nodes.map((n) => n.shape), [[1, 4, 4], [16], [3]]);
  t.deepEqual(codesOf(source, { args: { clases: 3 } }), ['NET2002']);
});

test('--network picks a network; the first is the default; a library file has none', (t) => {
  const source = 'network A { input [1]; dense(2) }\nnetwork B { input [1]; dense(3) }';
  t.is(compile(source).ir!.network, 'A');
  t.is(compile(source, { network: 'B' }).ir!.network, 'B');
  t.deepEqual(codesOf(source, { network: 'C' }), ['NET2008']);
  t.deepEqual(codesOf('block b { relu }'), ['NET2009']);
});

test('input rules: missing, twice, malformed', (t) => {
  t.deepEqual(codesOf('network N { relu }'), ['NET3001']);
  t.deepEqual(codesOf('network N { }'), ['NET3001']);
  t.deepEqual(codesOf('network N { input [1]; input [2] }'), ['NET3012']);
  t.deepEqual(codesOf('network N { input [1, 2] }'), ['NET3006']);
  t.deepEqual(codesOf('network N { input [1, 0, 2] }'), ['NET3006']);
  t.deepEqual(codesOf('block b { input [1] }\nnetwork N { input [1] }'), ['NET3012']);
});

test('structure errors: concat H×W, residual mismatch, scale mismatch', (t) => {
  t.deepEqual(codesOf(net('concat { identity; branch { maxpool(2) } }')), ['NET3002']);
  t.deepEqual(codesOf(net('concat { identity; branch { flatten } }')), ['NET3011']);
  t.deepEqual(codesOf(net('residual { conv(8, kernel: 1) }')), ['NET3003']);
  t.deepEqual(codesOf(net('scale { global_avgpool; flatten; dense(3) }')), ['NET3010']);
  t.deepEqual(lastShape(net('scale { global_avgpool; flatten; dense(in.channels); sigmoid }')), [4, 8, 8]);
  t.deepEqual(lastShape(net('scale { global_avgpool; sigmoid }')), [4, 8, 8]);
});

test('limits are diagnostics: steps, nodes, call depth, params, file size, nesting', (t) => {
  t.deepEqual(codesOf(net('repeat 100000000 { }')), ['NET4902']);
  t.deepEqual(codesOf(net('repeat 200000 { relu }')), ['NET4902']);
  t.deepEqual(codesOf(net('repeat 3 { relu }'), { limits: { maxNodes: 2 } }), ['NET4902']);
  const deep = Array.from({ length: 70 }, (_, i) => `block b${i} { b${i + 1}() }`).join('\n') + '\nblock b70 { relu }';
  t.deepEqual(codesOf(net('b0()', deep)), ['NET4902']);
  t.deepEqual(codesOf(net('flatten; dense(100000); dense(100000)')), ['NET4904']);
  t.is(mustCompile(net('flatten; dense(100000); dense(100000)'), { limits: { maxParams: 2 ** 40 } }).totalParams > 2 ** 31, true);
  t.deepEqual(codesOf(net('relu'), { limits: { maxFileSize: 10 } }), ['NET4901']);
  t.deepEqual(codesOf(`network N { input ${'['.repeat(500)}${']'.repeat(500)} }`), ['NET4903']);
});

test('functions: min and max of numbers or one list, round half to even, ceil and floor', (t) => {
  const value = (expr: string) => lastShape(net(`flatten; dense(${expr})`))[0];
  t.is(value('max(8, 3)'), 8);
  t.is(value('min(9, 5, 7)'), 5);
  t.is(value('max([2, 11, 4])'), 11);
  t.is(value('min([6] + [3])'), 3);
  t.deepEqual([value('round(2.5)'), value('round(3.5)'), value('round(0.5) + 1'), value('round(2.6)'), value('round(7 / 2)')], [2, 4, 1, 3, 4]);
  t.deepEqual([value('ceil(2.1)'), value('floor(2.9)'), value('ceil(64 / 3)'), value('floor(64 / 3)'), value('ceil(4)')], [3, 2, 22, 21, 4]);
  t.is(value('round(-2.5) + 10'), 8);
  t.is(value('max(8, in.channels // 4)'), 8);
});

test('function errors: unknown (with did-you-mean), arity in resolve, argument types when evaluated', (t) => {
  const diagnostic = (expr: string) => compile(net(`flatten; dense(${expr})`)).diagnostics[0];
  t.like(diagnostic('foo(8, 2)'), { code: 'NET2018', message: "unknown function 'foo'", hint: 'the functions of expressions are min, max, round, ceil, floor' });
  t.like(diagnostic('mxa(8, 2)'), { code: 'NET2018', hint: "did you mean 'max'? (functions: min, max, round, ceil, floor)" });
  t.regex(diagnostic('conv(8, 2)').hint!, /'conv' is a layer/);
  t.like(diagnostic('round(2.5, 1)'), { code: 'NET2019', message: "'round' takes 1 argument, got 2" });
  t.like(diagnostic('max()'), { code: 'NET2019', message: "'max' takes at least 1 argument, got 0" });
  t.like(diagnostic('round([1])'), { code: 'NET4020', message: "'round' needs a number, got a list of 1" });
  t.like(diagnostic('min(3)'), { code: 'NET4020' });
  t.like(diagnostic('min([])'), { code: 'NET4020', message: "'min' needs a non-empty list, got an empty list" });
  t.like(diagnostic('max(1, true)'), { code: 'NET4020', column: 23 });
  t.like(diagnostic('ceil(false)'), { code: 'NET4020' });
});

test('if expressions choose a value lazily, anywhere a value goes', (t) => {
  const prelude = 'block unit(c, first = false, s = if first then 2 else 1) { conv(c, kernel: 3, pad: 1, stride: if first then 2 else 1); conv(c, kernel: 1, stride: s) }';
  const ir = mustCompile(net('unit(4, first: true)\nunit(4)\nlet n = 0\nflatten; dense(if n > 0 then 8 // n else if in.channels > 2 then 3 else 4)', prelude));
  t.deepEqual(ir.nodes.filter((n) => n.op !== 'input').map((n) => n.shape), [[4, 4, 4], [4, 2, 2], [4, 2, 2], [4, 2, 2], [16], [3]]);
  t.like(compile(net('conv(4, kernel: 1, stride: if 1 then 2 else 1)')).diagnostics[0], { code: 'NET4001', message: 'an if condition must be true or false, got the integer 1' });
});

test('an if written in the wrong form says which form belongs there (NET1005)', (t) => {
  const first = (body: string) => compile(net(body)).diagnostics[0];
  t.like(first('conv(4, kernel: 1, stride: if true { 2 } else { 1 })'), { code: 'NET1005', message: "expected 'then' after the condition of an if expression, but found '{'" });
  t.like(first('conv(4, kernel: 1, stride: if true then 2)'), { code: 'NET1005', message: "an if expression needs an 'else' value, but found ')'" });
  t.like(first('if true then { relu }'), { code: 'NET1005', message: "an if statement takes a { … } body, not 'then'" });
  t.like(first('conv(1 + if true then 2 else 1, kernel: 1)'), { code: 'NET1005', column: 10 });
  t.deepEqual(codesOf(net('conv(1 + (if true then 2 else 1), kernel: 1)')), []);
});

test('label templates take integer expressions: torchvision names layer1..layer4 from repeat', (t) => {
  const prelude = 'block basic(c) { conv(c, kernel: 1) }';
  t.deepEqual(mustCompile(net('repeat i in 1..5 { layer{i}: basic(4) }', prelude)).nodes.map((n) => n.name).slice(1), ['layer1.conv1', 'layer2.conv1', 'layer3.conv1', 'layer4.conv1']);
  t.deepEqual(mustCompile(net('repeat i in 0..2 { repeat j in 0..2 { b{i}_{j + 1}: relu } }')).nodes.map((n) => n.name).slice(1), ['b0_1', 'b0_2', 'b1_1', 'b1_2']);
  t.like(compile(net('let x = 1.5\nl{x}: relu')).diagnostics[0], { code: 'NET4005', message: 'a label index must be an integer, got 1.5' });
  t.like(compile(net('l{-1}: relu')).diagnostics[0], { code: 'NET4002' });
  t.like(compile(net('l{true}: relu')).diagnostics[0], { code: 'NET4001' });
  t.like(compile(net('l{k}: relu')).diagnostics[0], { code: 'NET2004' });
});

test("integer labels give nn.Sequential's names; a shortcut of one labeled statement is named by it (torchvision's downsample)", (t) => {
  const params = (body: string) => mustCompile(net(body)).nodes.flatMap((n) => n.params.map((p) => p.name));
  t.deepEqual(params('seq: { 0: conv(4, kernel: 1, bias: false); 1: batchnorm; 2: relu }').slice(0, 2), ['seq.0.weight', 'seq.1.weight']);
  t.deepEqual(params('0: conv(4, kernel: 1)'), ['0.weight', '0.bias']);
  const down = 'residual { c: conv(8, kernel: 1, stride: 2) } shortcut { downsample: { 0: conv(8, kernel: 1, stride: 2, bias: false); 1: batchnorm } }';
  t.deepEqual(params(down).filter((n) => n.endsWith('weight')), ['c.weight', 'downsample.0.weight', 'downsample.1.weight']);
  t.deepEqual(mustCompile(net(down)).scopes.map((s) => [s.path, s.kind]), [['downsample', 'label']]);
  // Two statements, or an unlabeled one, keep the scope `shortcut`.
  t.deepEqual(params('residual { relu } shortcut { a: relu; b: conv(4, kernel: 1) }'), ['shortcut.b.weight', 'shortcut.b.bias']);
  t.deepEqual(params('residual { relu } shortcut { conv(4, kernel: 1) }'), ['shortcut.conv1.weight', 'shortcut.conv1.bias']);
  // The label's name is claimed in the enclosing scope like any other.
  t.deepEqual(codesOf(net('d: relu\nresidual { relu } shortcut { d: conv(4, kernel: 1) }')), ['NET2010']);
  t.deepEqual(codesOf(net('0: relu; 0: relu')), ['NET2010']);
  // An integer not followed by a colon is still no statement.
  t.is(compile(net('0 relu')).diagnostics[0].code.startsWith('NET1'), true);
});

test('a label repeated by a loop says which pass and suggests the index; the two places differ', (t) => {
  const [d] = compile(net('repeat i in 0..3 { a: relu }')).diagnostics;
  t.like(d, { code: 'NET2010', message: "the label 'a' is used again on repeat pass 2", hint: "give it the index: 'a{i}'", line: 3, column: 20 });
  t.like(d.related, [{ message: 'repeated by the loop at', line: 3, column: 1 }]);
  t.is(compile(net('repeat 2 { a: relu }')).diagnostics[0].hint, "give it the index: 'repeat i in 0..2 { a{i}: … }'");
  t.is(compile(net('repeat i in 0..2 { repeat j in 0..2 { l{j}: relu } }')).diagnostics[0].hint, "give it the index: 'l{j}_{i}'");
  // A different label that happens to collide is the ordinary message, with its first use.
  t.like(compile(net('repeat i in 0..2 { a{i}: relu; a1: relu }')).diagnostics[0], { message: "the label 'a1' is used twice in the same scope" });
});

test('concat items: labels name layers and scopes; the odd branch out is named as the IR names it', (t) => {
  const ir = mustCompile(net('concat { b1: conv(4, kernel: 1); b2: branch { conv(2, kernel: 1); relu }; branch { relu; relu }; b4: basic(3); identity; conv(2, kernel: 1) }', 'block basic(c) { conv(c, kernel: 1) }'));
  t.deepEqual(ir.nodes.map((n) => n.name).slice(1), ['b1', 'b2.conv1', 'b2.relu1', 'branch1.relu1', 'branch1.relu2', 'b4.conv1', 'conv1', 'concat1']);
  t.deepEqual(ir.scopes.map((s) => [s.path, s.kind, s.name]), [['b2', 'branch', 'b2'], ['branch1', 'branch', 'branch 3'], ['b4', 'block', 'basic']]);
  const first = (body: string) => compile(net(body)).diagnostics[0];
  t.like(first('concat { a: branch { conv(4, kernel: 1); relu }; b: conv(4, kernel: 3); c: conv(4, kernel: 1) }'), { code: 'NET3002', message: "concat branches disagree on height×width: 'b' gives [4, 6, 6], where the others give 8×8", column: 50 });
  t.like(first('concat { conv(4, kernel: 3); conv(4, kernel: 1); identity }'), { message: "concat branches disagree on height×width: 'conv1' gives [4, 6, 6], where the others give 8×8", column: 10 });
  t.like(first('concat { identity; branch { maxpool(2); relu } }'), { message: "concat branches disagree on height×width: 'identity' gives [4, 8, 8] but 'branch1' gives [4, 4, 4]" });
  t.like(first('concat { identity; x: branch { flatten; relu }; relu }'), { code: 'NET3011', message: "concat branches mix image and flat outputs: 'x' gives [256], where the others give images", column: 20 });
  t.deepEqual(codesOf(net('concat { a: relu; a: relu }')), ['NET2010']);
});

test('did you mean: variables, --set names and layers, only for likely typos', (t) => {
  const first = (source: string, options = {}) => compile(source, options).diagnostics[0];
  t.like(first('block b(channels) { conv(chanels, kernel: 1) }\nnetwork N { input [4, 8, 8]\nb(4) }'), { code: 'NET2004', hint: "did you mean 'channels'?" });
  t.like(first(net('let m = max\nrelu')), { code: 'NET2004', hint: "'max' is a function: call it, as max(a, b, …) or max(list)" });
  t.like(first('network N(width = 4) { input [4, 8, 8]\nconv(width, kernel: 1) }', { args: { widht: 8 } }), { code: 'NET2002', message: "network 'N' has no parameter 'widht' to set", hint: "did you mean 'width'?" });
  t.like(first(net('rleu')), { code: 'NET2001', hint: "did you mean 'relu'?" });
  t.like(first(net('convv(4, kernel: 1)')), { code: 'NET2001', hint: "did you mean 'conv'?" });
  t.regex(first(net('relu3')).hint!, /^layers are: /); // neither relu nor relu6 is a likely typo of it
});

test('however deep an expression, the answer is a diagnostic, never a stack overflow (NET4021)', (t) => {
  for (const expr of ['- '.repeat(60000) + '1', 'not '.repeat(60000) + 'true', '1 + '.repeat(60000) + '1', '[[1]]' + '[0]'.repeat(60000), 'if true then 1 else '.repeat(20000) + '1']) {
    t.deepEqual(codesOf(net(`let y = ${expr}`)), ['NET4021'], expr.slice(0, 12));
  }
  let nested = '1';
  for (let i = 0; i < 98; i++) nested = `(${nested})`;
  t.deepEqual(codesOf(net(`let y = ${'- '.repeat(256)}${nested}\nlet z = ${'if true then 1 else '.repeat(128)}${nested}`)), []);
  t.deepEqual(codesOf(net(`let xs = [${Array.from({ length: 5000 }, (_, i) => i).join(', ')}]\nflatten; dense(xs[4999] // 1000)`)), []);
});
