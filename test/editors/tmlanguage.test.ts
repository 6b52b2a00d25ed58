// The TextMate grammar VS Code highlights with agrees with the compiler's own highlighter (highlight.ts, on the
// grammar's lexer) token by token, over every network and every ```net example of the docs, tokenized by
// vscode-textmate itself; and every keyword and layer the compiler knows is scoped right, so adding one
// without updating editors/vscode/syntaxes/netc.tmLanguage.json fails here.
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allTokens, Identifier } from '../../grammar/tokens.js';
import { directiveWords } from '../../grammar/parser.js';
import { layerRegistry } from '../../compiler/ops/registry.js';
import { highlightTokens, tokenClassOf, type TokenClass } from '../../compiler/services/index.js';
import { networkFiles, readText } from '../helpers/files.js';
import { classOfScopes, loadGrammar, type ScopedToken } from './textmate.js';

/** Every ```net block of a Markdown file, with the line it starts on (for messages). */
function netBlocks(path: string): { name: string; text: string }[] {
  const blocks: { name: string; text: string }[] = [];
  const lines = readText(path).split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*```net\s*$/.test(lines[i])) continue;
    const start = i + 1;
    while (i + 1 < lines.length && !/^\s*```\s*$/.test(lines[i + 1])) i++;
    blocks.push({ name: `${path}:${start + 1}`, text: lines.slice(start, i + 1).join('\n') });
    i++;
  }
  return blocks;
}

function netFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? netFilesUnder(join(dir, e.name)) : e.name.endsWith('.net') ? [join(dir, e.name)] : []));
}

const markdownFiles = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const sources = [
  ...networkFiles().map((f) => ({ name: f, text: readText(f) })),
  ...netFilesUnder('examples').map((f) => ({ name: f, text: readText(f) })),
  // The error cases: unterminated strings, stray characters, half-written statements.
  ...netFilesUnder('test/cases').map((f) => ({ name: f, text: readText(f) })),
  ...markdownFiles.flatMap(netBlocks),
];

const lineColumn = (text: string, offset: number) => {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
};

/** The TextMate tokens overlapping [from, to). */
const overlapping = (tokens: ScopedToken[], from: number, to: number) => tokens.filter((t) => t.from < to && t.to > from);

/** Where the grammar and highlight.ts disagree, as readable lines (empty when they agree everywhere). */
async function disagreements(name: string, text: string): Promise<string[]> {
  const grammar = await loadGrammar();
  const scoped = grammar.tokenize(text);
  const out: string[] = [];
  for (const h of highlightTokens(text)) {
    const pieces = overlapping(scoped, h.from, h.to);
    const got = [...new Set(pieces.map((p) => classOfScopes(p.scopes) ?? `unscoped`))];
    if (got.length === 1 && got[0] === h.tokenClass) continue;
    const scopes = pieces.map((p) => p.scopes.slice(1).join(' ') || '(none)').join(' | ');
    out.push(`${name}:${lineColumn(text, h.from)} ${JSON.stringify(text.slice(h.from, h.to))}: highlight.ts says ${h.tokenClass}, TextMate gives ${got.join('+')} (${scopes})`);
  }
  return out;
}

test('the sources cover every network, the examples and the docs\' ```net blocks', (t) => {
  t.true(sources.filter((s) => s.name.startsWith('networks/')).length >= 15);
  t.true(sources.filter((s) => s.name.includes('.md:')).length >= 50, `${sources.length} sources`);
});

test('highlight.ts classes every non-identifier token as tokenClassOf does (the classes compared below are the lexer\'s)', (t) => {
  for (const { text } of sources.slice(0, 5)) {
    for (const h of highlightTokens(text)) {
      const image = text.slice(h.from, h.to);
      if (/^[A-Za-z_]/.test(image)) continue;
      if (image.startsWith('#')) t.is(h.tokenClass, tokenClassOf.Comment);
      else if (/^\d/.test(image)) t.is(h.tokenClass, tokenClassOf.Integer);
    }
  }
});

for (const source of sources) {
  test(`${source.name}: every token's TextMate scope maps to its highlight class`, async (t) => {
    t.deepEqual(await disagreements(source.name, source.text), []);
  });
}

/** The class TextMate gives the first token at `offset` of `text`, and the one highlight.ts gives. */
async function classesAt(text: string, offset: number): Promise<{ textmate?: TokenClass; compiler?: TokenClass }> {
  const token = (await loadGrammar()).tokenize(text).find((s) => s.from <= offset && offset < s.to);
  return { textmate: token && classOfScopes(token.scopes), compiler: highlightTokens(text).find((h) => h.from <= offset && offset < h.to)?.tokenClass };
}

const keywords = allTokens.filter((type) => type.LONGER_ALT === Identifier || (Array.isArray(type.LONGER_ALT) && type.LONGER_ALT.includes(Identifier)));

test('the keywords come from the lexer (its tokens with longer_alt: Identifier)', (t) => {
  t.true(keywords.length >= 20);
  t.true(keywords.some((k) => k.name === 'Network') && keywords.some((k) => k.name === 'Residual'));
});

for (const type of keywords) {
  const word = String(type.PATTERN).replace(/^\/|\/$/g, '');
  test(`keyword ${word}: a keyword alone, a name when it only starts an identifier`, async (t) => {
    t.deepEqual(await classesAt(`${word}\n`, 0), { textmate: 'keyword', compiler: 'keyword' });
    t.deepEqual(await classesAt(`x = ${word}_1\n`, 4), { textmate: 'name', compiler: 'name' });
    t.deepEqual(await classesAt(`f(${word})\n`, 2), { textmate: 'keyword', compiler: 'keyword' });
  });
}

for (const word of directiveWords) {
  test(`directive ${word}: a keyword before a path on its line, else a name`, async (t) => {
    t.deepEqual(await classesAt(`${word} stem\n`, 0), { textmate: 'keyword', compiler: 'keyword' });
    t.deepEqual(await classesAt(`${word} *\n`, 0), { textmate: 'keyword', compiler: 'keyword' });
    t.deepEqual(await classesAt(`${word}\n`, 0), { textmate: 'name', compiler: 'name' });
    t.deepEqual(await classesAt(`${word}: relu\n`, 0), { textmate: 'label', compiler: 'label' });
  });
}

test('the layers come from the op registry', (t) => {
  t.true(layerRegistry.size >= 30 && layerRegistry.has('conv') && layerRegistry.has('global_avgpool'));
});

for (const layer of layerRegistry.keys()) {
  test(`layer ${layer}: a layer as a statement, a name as an argument, a label before a colon`, async (t) => {
    const statement = `network N {\n  input [3, 8, 8]\n  ${layer}\n}\n`;
    t.deepEqual(await classesAt(statement, statement.indexOf(`  ${layer}\n`) + 2), { textmate: 'layer', compiler: 'layer' });
    t.deepEqual(await classesAt(`f(${layer})\n`, 2), { textmate: 'name', compiler: 'name' });
    t.deepEqual(await classesAt(`${layer}2: relu\n`, 0), { textmate: 'label', compiler: 'label' });
    t.deepEqual(await classesAt(`${layer}x\n`, 0), { textmate: 'name', compiler: 'name' });
  });
}

test('hand-picked pieces: definitions, label templates, strings, invalid characters', async (t) => {
  const cases: [string, string, TokenClass][] = [
    ['network LeNet(classes = 10) {', 'LeNet', 'type'],
    ['block basic(channels, stride = 1) {', 'basic', 'type'],
    ['network Tuned extends ResNet18(classes = 5) {', 'ResNet18', 'type'],
    ['layer{i}_{j}: conv(8)', '_', 'label'],
    ['layer{i}_{j}: conv(8)', 'j', 'name'],
    ['import "blocks.net"', '"blocks.net"', 'string'],
    ['network N { "open', '"open', 'invalid'],
    ['conv(8) @ 3', '@', 'invalid'],
    ['if a != b and not c then 1 else 2', 'and', 'keyword'],
    ['repeat i in 1..3 { relu }', '..', 'punctuation'],
    ['x = 1.5e-3 // 2', '1.5e-3', 'number'],
    ['x = 1.5e-3 // 2', '//', 'operator'],
    ['conv(8, kernel: 3) # a comment: relu', '# a comment: relu', 'comment'],
  ];
  for (const [text, piece, expected] of cases) {
    t.deepEqual(await classesAt(text, text.indexOf(piece)), { textmate: expected, compiler: expected }, `${piece} in ${text}`);
  }
});

test('the Markdown injection highlights ```net blocks with the netc grammar and leaves prose alone', async (t) => {
  const markdown = await loadGrammar('text.html.markdown');
  const doc = 'Some prose with network in it.\n\n```net\nnetwork N {\n  conv(8)\n}\n```\n\nMore prose: conv.\n';
  const tokens = markdown.tokenize(doc);
  const at = (needle: string, from = 0) => tokens.find((s) => s.from <= doc.indexOf(needle, from) && doc.indexOf(needle, from) < s.to)!;
  t.is(classOfScopes(at('network N').scopes), 'keyword');
  t.is(classOfScopes(at('conv(8)').scopes), 'layer');
  t.true(at('network N').scopes.includes('meta.embedded.block.netc'));
  t.is(classOfScopes(at('network in it').scopes), undefined);
  t.is(classOfScopes(at('conv.', doc.indexOf('More')).scopes), undefined);
});

test('the grammar file is valid JSON with the scope name the manifest names', (t) => {
  const grammar = JSON.parse(readFileSync('editors/vscode/syntaxes/netc.tmLanguage.json', 'utf8'));
  const manifest = JSON.parse(readFileSync('editors/vscode/package.json', 'utf8'));
  t.is(grammar.scopeName, 'source.netc');
  t.true(manifest.contributes.grammars.some((g: { language?: string; scopeName: string; path: string }) => g.language === 'netc' && g.scopeName === grammar.scopeName && g.path === './syntaxes/netc.tmLanguage.json'));
});
