// Parser: every construct to AST, recovery with several errors in one run.
import test from 'ava';
import { parse } from '../../compiler/compile.js';
import type { Stmt } from '../../grammar/ast.js';

const bodyOf = (source: string): Stmt[] => {
  const { ast, diagnostics } = parse(source);
  if (!ast) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return ast.definitions[0].body;
};
const kinds = (stmts: Stmt[]) => stmts.map((s) => s.kind);

test('definitions, params with defaults, imports', (t) => {
  const { ast } = parse('import "blocks.net"\nblock b(x, y = 2) { relu }\nnetwork N(classes = 10) { input [1, 2, 2] }');
  t.deepEqual(ast!.imports.map((i) => i.path), ['blocks.net']);
  t.deepEqual(ast!.definitions.map((d) => [d.kind, d.name, d.params.map((p) => [p.name, !!p.default])]), [
    ['block', 'b', [['x', false], ['y', true]]],
    ['network', 'N', [['classes', true]]],
  ]);
});

test('statements separate by newlines or semicolons', (t) => {
  t.deepEqual(kinds(bodyOf('network N { input [1, 8, 8]; conv(4, kernel: 3); relu\n flatten }')), ['input', 'call', 'call', 'call']);
});

test('calls: bare, positional and named arguments', (t) => {
  const [a, b] = bodyOf('network N { relu conv(6, kernel: 5, pad: 2) }') as (Stmt & { kind: 'call' })[];
  t.deepEqual(a.args, []);
  t.deepEqual(b.args.map((x) => x.name), [undefined, 'kernel', 'pad']);
});

test('labels wrap calls, groups and repeats', (t) => {
  const body = bodyOf('network N { stem: { relu }\n stage1: repeat 2 { relu }\n head: dense(10) }');
  t.deepEqual(body.map((s) => (s.kind === 'labeled' ? [s.label, s.statement.kind] : s.kind)), [['stem', 'group'], ['stage1', 'repeat'], ['head', 'call']]);
});

test('structure: repeat forms, if/else if/else, concat, residual with conditional shortcut, scale', (t) => {
  const body = bodyOf(`network N {
    repeat 3 { relu }
    repeat i in 0..4 { relu }
    if a { relu } else if b { tanh } else { sigmoid }
    concat { identity; branch { relu } }
    residual { relu } shortcut if stride != 1 { conv(4, kernel: 1) }
    residual { relu }
    scale { sigmoid }
  }`);
  t.deepEqual(kinds(body), ['repeat', 'repeat', 'if', 'concat', 'residual', 'residual', 'scale']);
  const [r1, r2] = [body[1], body[3], body[4]].filter((s) => s.kind === 'repeat' || s.kind === 'concat');
  t.is((r1 as Stmt & { kind: 'repeat' }).variable?.name, 'i');
  t.is((r2 as Stmt & { kind: 'concat' }).branches.length, 2);
  const res = body[4] as Stmt & { kind: 'residual' };
  t.is(res.shortcut?.condition?.kind, 'binary');
  t.is((body[5] as Stmt & { kind: 'residual' }).shortcut, undefined);
  const ifs = body[2] as Stmt & { kind: 'if' };
  t.is(ifs.else?.[0].kind, 'if');
});

test('expressions: precedence and left associativity', (t) => {
  const [stmt] = bodyOf('network N { let x = 1 + 2 * 3 - 4 // 2 == 5 and not false or c[0].channels }') as (Stmt & { kind: 'let' })[];
  const show = (e: any): string =>
    e.kind === 'binary' ? `(${show(e.left)} ${e.op} ${show(e.right)})` : e.kind === 'unary' ? `(${e.op} ${show(e.operand)})`
      : e.kind === 'number' || e.kind === 'bool' ? String(e.value) : e.kind === 'name' ? e.name
        : e.kind === 'index' ? `${show(e.object)}[${show(e.index)}]` : e.kind === 'member' ? `${show(e.object)}.${e.property}` : e.kind;
  t.is(show(stmt.value), '(((((1 + (2 * 3)) - (4 // 2)) == 5) and (not false)) or c[0].channels)');
});

test('in.channels parses as a member of the input shape', (t) => {
  const [stmt] = bodyOf('network N { let c = in.channels / 16 }') as (Stmt & { kind: 'let' })[];
  t.like(stmt.value, { kind: 'binary', op: '/', left: { kind: 'member', property: 'channels', object: { kind: 'inShape' } } });
});

test('recovery reports several syntax errors in one run', (t) => {
  const { ast, diagnostics } = parse('network N {\n  conv(6, kernel: 5,, pad: 2)\n  relu\n  dense(10 classes)\n}\nblock b( { }\n');
  t.is(ast, undefined);
  t.true(diagnostics.length >= 3, diagnostics.map((d) => `${d.line}: ${d.message}`).join('\n'));
  t.true(diagnostics.every((d) => d.code === 'NET1001'));
  t.deepEqual([...new Set(diagnostics.map((d) => d.line))].slice(0, 3), [2, 4, 6]);
});

test('a missing closing brace is reported at the end of the file', (t) => {
  const { diagnostics } = parse('network N {\n  relu\n');
  t.is(diagnostics.length, 1);
  t.is(diagnostics[0].code, 'NET1001');
  t.regex(diagnostics[0].message, /end of file/);
});

test('label templates: name{expr} parts without spaces; `name {…}` stays a call and a group', (t) => {
  const body = bodyOf('network N { layer{i}: relu\n b{i}_{j + 1}x: relu\n relu {relu}\n relu{relu}\n stem: relu }');
  t.like(body[0], { kind: 'labeled', label: 'layer{i}', labelParts: ['layer', { kind: 'name', name: 'i' }] });
  t.like(body[1], { kind: 'labeled', label: 'b{i}_{…}x', labelParts: ['b', { kind: 'name' }, '_', { kind: 'binary', op: '+' }, 'x'] });
  t.deepEqual(kinds(body.slice(2, 6)), ['call', 'group', 'call', 'group']);
  t.like(body[6], { kind: 'labeled', label: 'stem' });
  t.is((body[6] as Stmt & { kind: 'labeled' }).labelParts, undefined);
});

test('concat items take labels (plain or templates) on branches and single calls', (t) => {
  const [c] = bodyOf('network N { concat { b1: conv(4, kernel: 1); b{2}: branch { relu; relu }; identity } }') as (Stmt & { kind: 'concat' })[];
  t.deepEqual(c.branchLabels.map((l) => l?.label), ['b1', 'b{…}', undefined]);
  t.deepEqual(c.branches.map((b) => b.length), [1, 2, 1]);
});

test('expressions: if c then a else b (loosest, else-if chains) and function calls', (t) => {
  const [stmt] = bodyOf('network N { let x = if a then max(1, b) + 1 else if c then round(2.5) else 3 }') as (Stmt & { kind: 'let' })[];
  t.like(stmt.value, {
    kind: 'conditional',
    condition: { kind: 'name', name: 'a' },
    then: { kind: 'binary', op: '+', left: { kind: 'functionCall', name: 'max', args: [{ kind: 'number' }, { kind: 'name' }] } },
    else: { kind: 'conditional', then: { kind: 'functionCall', name: 'round' } },
  });
  t.deepEqual(parse('network N { let x = 1 + if a then 1 else 2 }').diagnostics.map((d) => d.code), ['NET1005']);
});
