// NET3003's fix is real: the projection its hint proposes, spliced into the source, compiles to the intended network.
import test from 'ava';
import { compile } from '../../compiler/compile.js';
import { windowFor } from '../../compiler/residual_fix.js';
import { readCase, runCase } from '../../scripts/update_goldens.js';

test('windowFor maps every size to every size exactly, with the smallest kernel first', (t) => {
  for (let from = 1; from <= 40; from++) {
    for (let to = 1; to <= 48; to++) {
      const { kernel, stride, pad } = windowFor(from, to);
      const span = from + 2 * pad - kernel;
      t.true(span >= 0 && Math.floor(span / stride) + 1 === to, `${from} -> ${to}: kernel ${kernel}, stride ${stride}, pad ${pad}`);
    }
  }
  t.deepEqual(windowFor(32, 16), { kernel: 1, stride: 2, pad: 0 });
  t.deepEqual(windowFor(7, 4), { kernel: 1, stride: 2, pad: 0 });
  t.deepEqual(windowFor(32, 15), { kernel: 3, stride: 2, pad: 0 });
  t.deepEqual(windowFor(8, 10), { kernel: 1, stride: 1, pad: 1 });
});

/** The end of the `{ … }` that starts at or after `from`. */
function closingBrace(source: string, from: number): number {
  let depth = 0;
  for (let i = source.indexOf('{', from); i < source.length; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}' && --depth === 0) return i + 1;
  }
  throw new Error('unbalanced braces');
}

/** Puts the hint's `shortcut …` after the (first) residual body, in place of its shortcut if it has one. */
function spliceFix(source: string, hint: string): string {
  const fix = /'(shortcut [^']*)'/.exec(hint)?.[1];
  if (!fix) throw new Error(`no shortcut in the hint: ${hint}`);
  const bodyEnd = closingBrace(source, source.indexOf('residual {'));
  const rest = source.slice(bodyEnd);
  const end = /^\s*shortcut\b/.test(rest) ? closingBrace(source, bodyEnd) : bodyEnd;
  return `${source.slice(0, bodyEnd)} ${fix}${source.slice(end)}`;
}

function fixCompiles(t: import('ava').ExecutionContext, source: string, expectHint?: RegExp): void {
  const [d, ...others] = compile(source).diagnostics;
  t.is(d?.code, 'NET3003', source);
  t.deepEqual(others, []);
  if (expectHint) t.regex(d.hint!, expectHint);
  const fixed = spliceFix(source, d.hint!);
  const result = compile(fixed);
  t.deepEqual(result.diagnostics.map((x) => `${x.code} ${x.message}`), [], fixed);
  const bodyShape = /residual body gives (\[[^\]]*\])/.exec(d.message)![1];
  t.true(result.ir!.nodes.some((n) => n.op === 'add' && JSON.stringify(n.shape) === JSON.stringify(JSON.parse(bodyShape))), `${fixed}: the add gives ${bodyShape}`);
}

const bodies: [string, string][] = [
  ['[4, 32, 32]', 'conv(8, kernel: 3, stride: 2, pad: 1)'],
  ['[4, 7, 7]', 'conv(8, kernel: 3, stride: 2, pad: 1)'],
  ['[4, 8, 8]', 'conv(8, kernel: 1)'],
  ['[4, 32, 32]', 'conv(4, kernel: 3)'],
  ['[4, 32, 32]', 'conv(4, kernel: 4, stride: 2)'],
  ['[4, 8, 8]', 'conv(6, kernel: 3, pad: 2)'],
  ['[4, 9, 16]', 'conv(4, kernel: [1, 3], stride: [1, 2])'],
  ['[3, 5, 5]', 'maxpool(2); conv(6, kernel: 1)'],
  ['[4, 4, 4]', 'flatten; dense(5)'],
  ['[2, 3, 3]', 'flatten'],
  ['[6]', 'dense(3); relu'],
];
for (const [input, body] of bodies) {
  test(`residual { ${body} } on ${input}: the hint's shortcut compiles to the body's shape`, (t) => {
    fixCompiles(t, `network N {\n  input ${input}\n  residual { ${body} }\n  relu\n}`);
  });
}

test('in a block, the fix uses the block\'s names and a condition, so every call compiles', (t) => {
  const block = (shortcut: string) => `block basic(channels, stride = 1) {
  residual {
    conv(channels, kernel: 3, pad: 1, stride: stride); batchnorm; relu
    conv(channels, kernel: 3, pad: 1); batchnorm
  }${shortcut}
  relu
}
network N {
  input [3, 32, 32]
  conv(64, kernel: 3, pad: 1)
  basic(64); basic(128, stride: 2); basic(128); basic(256); basic(512, stride: 2)
  global_avgpool; flatten; dense(10)
}`;
  fixCompiles(t, block(''), /^add a projection shortcut after the body: 'shortcut if stride != 1 or in.channels != channels \{ conv\(channels, kernel: 1, stride: stride\) \}'$/);
  fixCompiles(t, block(' shortcut if stride != 1 {\n    conv(channels, kernel: 1, stride: stride)\n  }'), /condition is false here/);
  fixCompiles(t, block(' shortcut if stride != 1 or in.channels != channels {\n    conv(channels, kernel: 1)\n  }'), /^the shortcut must give \[128, 16, 16\]/);
});

test('NET3003 points at the layer that made the body\'s shape, with the shortcut\'s as related', (t) => {
  const [d] = compile('network N {\n  input [4, 8, 8]\n  residual {\n    conv(8, kernel: 3, pad: 1, stride: 2); relu\n    conv(16, kernel: 1)\n  } shortcut { relu; conv(8, kernel: 1) }\n}').diagnostics;
  t.like(d, { code: 'NET3003', line: 5, column: 5, message: 'residual body gives [16, 4, 4] but the shortcut gives [8, 8, 8]' });
  t.deepEqual(d.related?.map((r) => [r.message, r.line, r.column]), [["the body's height×width becomes 4×4 at", 4, 5], ["the shortcut's shape [8, 8, 8] is made at", 6, 22]]);
});

test('the golden NET3003 case: its hint, spliced in, compiles', (t) => {
  const c = readCase('err_NET3003_residual_shape.net');
  const [d] = runCase(c).diagnostics;
  t.deepEqual(runCase(c, spliceFix(c.source, d.hint!)).diagnostics, []);
});
