// Semantic tokens: every identifier of every network classed by what it resolves to, checked against the AST.
import test from 'ava';
import { parse } from '../../../compiler/compile.js';
import { layerRegistry } from '../../../compiler/ops/registry.js';
import { LanguageService, semanticTokenLegend, type SemanticTokenInfo } from '../../../compiler/services/index.js';
import { walkStatements } from '../../../compiler/services/position.js';
import { Identifier, netLexer } from '../../../grammar/tokens.js';
import { networkFiles, readText } from '../../helpers/files.js';
import { openFiles } from './service_helpers.js';

const describe = (text: string, t: SemanticTokenInfo) => `${text.slice(t.from, t.to)}@${t.from}:${t.type}${t.modifiers.map((m) => `.${m}`).join('')}`;

for (const file of networkFiles()) {
  test(`${file}: tokens are in order, never overlap, and every identifier has a resolved meaning`, (t) => {
    const text = readText(file);
    const service = openFiles(file);
    const tokens = service.semanticTokens(file);
    for (let i = 1; i < tokens.length; i++) t.true(tokens[i - 1].to <= tokens[i].from, `${describe(text, tokens[i - 1])} then ${describe(text, tokens[i])}`);
    for (const tok of tokens) {
      t.true(semanticTokenLegend.types.includes(tok.type));
      for (const m of tok.modifiers) t.true(semanticTokenLegend.modifiers.includes(m));
    }
    const byStart = new Map(tokens.map((tok) => [tok.from, tok]));
    const identifiers = netLexer.tokenize(text).tokens.filter((tok) => tok.tokenType === Identifier);
    t.true(identifiers.length > 10);
    for (const id of identifiers) {
      const tok = byStart.get(id.startOffset);
      t.truthy(tok, `${file}: '${id.image}' at ${id.startLine}:${id.startColumn} has a token`);
      t.is(tok!.to, id.startOffset + id.image.length);
      // Nothing in a checked network is unresolved: each word is a definition, a layer, a name in scope …
      const node = service.nodeAt(file, id.startOffset);
      t.true(node?.resolved, `${file}: '${id.image}' at ${id.startLine}:${id.startColumn} resolves (${JSON.stringify(node)})`);
      // 'variable' is for lets and repeat variables only; anything else has a sharper type.
      if (node?.kind !== 'let') t.not(tok!.type, 'variable', `${file}: ${describe(text, tok!)}`);
    }
    // Comments are tokens too: a client needs no other highlighter.
    const comments = [...text.matchAll(/#[^\n]*/g)].filter((m) => !/"[^"\n]*$/.test(text.slice(text.lastIndexOf('\n', m.index!) + 1, m.index)));
    for (const m of comments) t.is(byStart.get(m.index!)?.type, 'comment', `${file}: comment at ${m.index}`);
  });

  test(`${file}: definitions, calls, parameters, lets and labels get the types their AST nodes say`, (t) => {
    const text = readText(file);
    const byStart = new Map(openFiles(file).semanticTokens(file).map((tok) => [tok.from, tok]));
    const expect = (at: number, type: string, modifiers: string[], what: string) => {
      const tok = byStart.get(at);
      t.is(tok?.type as string | undefined, type, `${file}: ${what} at ${at}`);
      for (const m of modifiers) t.true(tok?.modifiers.includes(m as never), `${file}: ${what} at ${at} is ${m}`);
    };
    for (const def of parse(text, { file }).ast!.definitions) {
      expect(def.nameSpan.start, def.kind === 'network' ? 'namespace' : 'class', ['declaration'], def.name);
      for (const p of def.params) expect(p.span.start, 'parameter', ['declaration'], p.name);
      walkStatements(def.body, (s) => {
        if (s.kind === 'call') expect(s.nameSpan.start, layerRegistry.has(s.name) ? 'function' : 'class', layerRegistry.has(s.name) ? ['defaultLibrary'] : [], s.name);
        if (s.kind === 'call') for (const a of s.args) if (a.nameSpan) expect(a.nameSpan.start, 'property', [], a.name!);
        if (s.kind === 'let') expect(s.nameSpan.start, 'variable', ['declaration'], s.name);
        if (s.kind === 'labeled' && !s.labelParts) expect(s.labelSpan.start, 'label', ['declaration'], s.label);
      });
    }
  });
}

test('a parameter, a let, a repeat variable and an in. field are told apart where they are used', (t) => {
  const source = 'block b(width) {\n  let w2 = width * 2\n  repeat i in 0..2 { conv(w2 + i + in.channels, kernel: 3) }\n}\nnetwork N { input [1, 8, 8]; b(4) }\n';
  const service = new LanguageService();
  service.setFile('t.net', source);
  const types = service.semanticTokens('t.net').map((tok) => describe(source, tok));
  t.true(types.includes(`width@${source.indexOf('width *')}:parameter.readonly`));
  t.true(types.includes(`w2@${source.indexOf('w2 +')}:variable.readonly`));
  t.true(types.includes(`i@${source.indexOf('i +')}:variable.readonly`));
  t.true(types.includes(`i@${source.indexOf('i in')}:variable.declaration.readonly`));
  t.true(types.includes(`channels@${source.indexOf('channels')}:property`));
  t.true(types.includes(`in@${source.indexOf('in.')}:keyword`));
  t.true(types.includes(`b@${source.indexOf('b(4)')}:class`));
  t.true(types.includes(`N@${source.indexOf('N ')}:namespace.declaration`));
});

test('offsets are UTF-16: after 🙂 and é in comments the tokens still cover exactly their words', (t) => {
  const source = '# 🙂 café 🙂\nnetwork N { # é\n  input [1, 8, 8]  # 🙂🙂\n  conv(4, kernel: 3) # é🙂\n  head: relu\n}\n';
  const service = new LanguageService();
  service.setFile('u.net', source);
  const words = service.semanticTokens('u.net').map((tok) => `${source.slice(tok.from, tok.to)}:${tok.type}`);
  t.deepEqual(words, ['# 🙂 café 🙂:comment', 'network:keyword', 'N:namespace', '# é:comment', 'input:keyword', '1:number', '8:number', '8:number', '# 🙂🙂:comment', 'conv:function', '4:number', 'kernel:property', '3:number', '# é🙂:comment', 'head:label', 'relu:function']);
});

test('a file that does not parse still gets the lexer-based classes (mid-edit), never an exception', (t) => {
  const source = 'network N {\n  input [1, 8, 8]\n  conv(4, kernel: \n  relu\n';
  const service = new LanguageService();
  service.setFile('e.net', source);
  const words = service.semanticTokens('e.net').map((tok) => `${source.slice(tok.from, tok.to)}:${tok.type}`);
  t.true(words.includes('conv:function'));
  t.true(words.includes('network:keyword'));
  t.true(words.includes('1:number'));
  t.deepEqual(service.semanticTokens('not-open.net'), []);
});
