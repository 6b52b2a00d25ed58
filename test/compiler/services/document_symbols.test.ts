// Document symbols: the outline of every network file matches its AST — definitions, parameters, labels nested.
import test from 'ava';
import { parse } from '../../../compiler/compile.js';
import type { DocumentSymbolInfo } from '../../../compiler/services/index.js';
import { walkStatements } from '../../../compiler/services/position.js';
import { networkFiles, readText } from '../../helpers/files.js';
import { memoryService, openFiles } from './service_helpers.js';

const flat = (symbols: DocumentSymbolInfo[]): DocumentSymbolInfo[] => symbols.flatMap((s) => [s, ...flat(s.children)]);
const within = (outer: DocumentSymbolInfo, inner: DocumentSymbolInfo) => outer.from <= inner.from && inner.to <= outer.to;

for (const file of networkFiles()) {
  test(`${file}: one symbol per definition, with its parameters and every plain label, each inside its parent`, (t) => {
    const text = readText(file);
    const symbols = openFiles(file).documentSymbols(file);
    const ast = parse(text, { file }).ast!;
    t.deepEqual(symbols.filter((s) => s.kind !== 'import').map((s) => `${s.kind} ${s.name}`), ast.definitions.map((d) => `${d.kind} ${d.name}`));
    for (const [i, def] of ast.definitions.entries()) {
      const symbol = symbols.filter((s) => s.kind !== 'import')[i];
      t.is(text.slice(symbol.selectionFrom, symbol.selectionTo), def.name);
      t.deepEqual(symbol.children.filter((c) => c.kind === 'parameter').map((c) => c.name), def.params.map((p) => p.name));
      const labels: string[] = [];
      walkStatements(def.body, (s) => {
        if (s.kind === 'labeled') labels.push(s.label);
        if (s.kind === 'concat') for (const l of s.branchLabels) if (l) labels.push(l.label);
      });
      t.deepEqual(flat(symbol.children).filter((c) => c.kind === 'label').map((c) => c.name).sort(), labels.sort());
      const check = (parent: DocumentSymbolInfo) => {
        t.true(parent.from <= parent.selectionFrom && parent.selectionTo <= parent.to, `${file}: ${parent.name}`);
        for (const child of parent.children) {
          t.true(within(parent, child), `${file}: ${child.name} inside ${parent.name}`);
          check(child);
        }
      };
      check(symbol);
    }
  });
}

test('resnet18.net: block basic shows its signature; stage labels say what they hold', (t) => {
  const symbols = openFiles('networks/resnet18.net').documentSymbols('networks/resnet18.net');
  const basic = symbols.find((s) => s.name === 'basic')!;
  t.is(basic.detail, '(channels, stride = 1)');
  const net = symbols.find((s) => s.name === 'ResNet18')!;
  t.is(net.detail, '(classes = 10, size = 96)');
  t.deepEqual(net.children.map((c) => `${c.kind} ${c.name}${c.detail ? ` (${c.detail})` : ''}`), ['parameter classes', 'parameter size', 'label stem (group)', 'label stage1 (repeat)', 'label stage2 (group)', 'label stage3 (group)', 'label stage4 (group)', 'label head (dense)']);
});

test('labels nest as the statements do, lets and imports are listed, a derived network shows its base', (t) => {
  const source = 'import "blocks.net"\nnetwork A(w = 4) {\n  input [1, 8, 8]\n  let c = w * 2\n  features: { first: conv(c, kernel: 3); rest: repeat 2 { relu } }\n  head: concat { b1: conv(2, kernel: 1); b2: branch { conv(2, kernel: 1) } }\n}\nnetwork B extends A(w = 8) {\n  head: relu\n}\n';
  const symbols = memoryService({ 'n.net': source, 'blocks.net': '' }, 'n.net').documentSymbols('n.net');
  t.deepEqual(symbols.map((s) => `${s.kind} ${s.name}`), ['import blocks.net', 'network A', 'network B']);
  const a = symbols[1];
  t.deepEqual(a.children.map((c) => `${c.kind} ${c.name}`), ['parameter w', 'let c', 'label features', 'label head']);
  t.deepEqual(a.children[2].children.map((c) => c.name), ['first', 'rest']);
  t.deepEqual(a.children[3].children.map((c) => `${c.name} ${c.detail}`), ['b1 branch', 'b2 branch']);
  t.is(symbols[2].detail, 'extends A(w = 8)');
});

test('a file that does not parse keeps an outline of its definitions from the tokens; one not open has none', (t) => {
  const source = 'block basic(c, stride = 1) {\n  conv(c, kernel: \n}\nnetwork N(classes = 10) {\n  input [1, 8, 8]\n  basic(\n';
  const service = memoryService({ 'bad.net': source }, 'bad.net');
  const symbols = service.documentSymbols('bad.net');
  t.deepEqual(symbols.map((s) => `${s.kind} ${s.name} ${s.detail}`), ['block basic (c, stride)', 'network N (classes)']);
  t.is(source.slice(symbols[0].from, symbols[0].to), 'block basic(c, stride = 1) {\n  conv(c, kernel: \n}');
  t.is(symbols[1].to, source.length, 'an unclosed body runs to the end');
  t.is(source.slice(symbols[1].selectionFrom, symbols[1].selectionTo), 'N');
  t.deepEqual(service.documentSymbols('nope.net'), []);
});
