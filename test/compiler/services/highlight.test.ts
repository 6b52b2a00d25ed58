// Highlighting comes from the grammar's lexer: every token type has a class, and real networks read as expected.
import test from 'ava';
import { allTokens } from '../../../grammar/tokens.js';
import { highlightTokens, tokenClassOf, type TokenClass } from '../../../compiler/services/index.js';
import { networkFiles, readText } from '../../helpers/files.js';

const classes: TokenClass[] = ['keyword', 'layer', 'name', 'number', 'string', 'comment', 'operator', 'punctuation', 'label', 'type', 'invalid'];

test('every token type the lexer defines has a class (white space alone is never highlighted)', (t) => {
  for (const type of allTokens) {
    if (type.name === 'WhiteSpace') continue;
    t.true(classes.includes(tokenClassOf[type.name]), `${type.name} has no class`);
  }
  t.deepEqual(Object.keys(tokenClassOf).sort(), allTokens.map((x) => x.name).filter((n) => n !== 'WhiteSpace').sort());
});

/** The class of each piece of text, as `text/class`. */
const classified = (text: string) => highlightTokens(text).map((h) => `${text.slice(h.from, h.to)}/${h.tokenClass}`);

test('LeNet: keyword, network name, layers, argument names, numbers, comments', (t) => {
  const got = classified(readText('networks/lenet.net'));
  for (const piece of ['network/keyword', 'LeNet/type', 'classes/name', 'input/keyword', 'conv/layer', 'kernel/name', '5/number', ':/punctuation', 'sigmoid/layer', 'dense/layer', '=/operator']) {
    t.true(got.includes(piece), piece);
  }
  t.true(got[0].startsWith('# LeNet-5') && got[0].endsWith('/comment'));
});

test('ResNet-18: labels, block names, residual keywords; GoogLeNet: a trailing comment', (t) => {
  const resnet = classified(readText('networks/resnet18.net'));
  for (const piece of ['stem/label', 'stage1/label', 'basic/type', 'residual/keyword', 'shortcut/keyword', 'or/keyword', '!=/operator', 'stride/name']) t.true(resnet.includes(piece), piece);
  t.true(classified(readText('networks/googlenet.net')).includes('# c2, c3: [reduce, out]/comment'));
  t.deepEqual(classified('network N { "open'), ['network/keyword', 'N/type', '{/punctuation', '"open/invalid']);
  t.deepEqual(classified('freeze stem\n'), ['freeze/keyword', 'stem/name']);
  t.deepEqual(classified('layer{i}_a: relu {x}'), ['layer/label', '{/punctuation', 'i/name', '}/punctuation', '_a/label', ':/punctuation', 'relu/layer', '{/punctuation', 'x/name', '}/punctuation']);
});

for (const file of networkFiles()) {
  test(`${file}: highlight tokens are ordered, never overlap, and leave only white space uncovered`, (t) => {
    const text = readText(file);
    const tokens = highlightTokens(text);
    let covered = 0;
    for (const h of tokens) {
      t.true(h.from >= covered && h.to > h.from);
      t.regex(text.slice(covered, h.from), /^\s*$/);
      covered = h.to;
    }
    t.regex(text.slice(covered), /^\s*$/);
    t.false(tokens.some((h) => h.tokenClass === 'invalid'));
  });
}
