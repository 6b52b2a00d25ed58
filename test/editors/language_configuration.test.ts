// editors/vscode/language-configuration.json against real files: the indentation rules reproduce the
// networks' own indentation line by line, the word pattern selects whole identifiers and numbers as the lexer
// reads them, and the comment and bracket settings are the language's.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { netLexer } from '../../grammar/tokens.js';
import { networkFiles, readText } from '../helpers/files.js';

interface LanguageConfiguration {
  comments: { lineComment: string };
  brackets: [string, string][];
  autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
  surroundingPairs: [string, string][];
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  wordPattern: string;
}

const config: LanguageConfiguration = JSON.parse(readFileSync('editors/vscode/language-configuration.json', 'utf8'));
// VS Code compiles these patterns as JavaScript regular expressions.
const increase = new RegExp(config.indentationRules.increaseIndentPattern);
const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);

test('comments are #, the brackets are () [] {}, quotes close themselves outside strings and comments', (t) => {
  t.is(config.comments.lineComment, '#');
  t.deepEqual(config.brackets.map((b) => b.join('')).sort(), ['()', '[]', '{}']);
  t.deepEqual(config.autoClosingPairs.map((p) => p.open + p.close).sort(), ['""', '()', '[]', '{}']);
  t.deepEqual(config.autoClosingPairs.find((p) => p.open === '"')?.notIn, ['string', 'comment']);
  t.is(config.surroundingPairs.length, 4);
});

test('indentation: a line opening a brace indents the next; a closing brace dedents; one-line bodies do neither', (t) => {
  for (const line of ['network LeNet(classes = 10) {', '  residual {', '  } shortcut if stride != 1 {', 'stem: {  # the stem', '  else {']) t.true(increase.test(line), line);
  for (const line of ['  stem: { conv(64, kernel: 7); relu }', '  conv(6, kernel: 5)', '# a comment {', '  import "x{.net"', '}']) t.false(increase.test(line), line);
  for (const line of ['}', '  }', '  } shortcut {']) t.true(decrease.test(line), line);
  t.false(decrease.test('  conv(8) # }'));
});

/** The indentation VS Code's rules give each line (in steps), starting from the file's first line. */
function indentByRules(lines: string[]): number[] {
  const levels: number[] = [];
  let level = 0;
  lines.forEach((line, i) => {
    if (i > 0 && increase.test(lines[i - 1])) level++;
    if (decrease.test(line)) level = Math.max(0, level - 1);
    levels.push(level);
  });
  return levels;
}

for (const file of networkFiles()) {
  test(`${file}: the indentation rules give every code line its indentation in the file`, (t) => {
    const lines = readText(file).split('\n');
    const rules = indentByRules(lines);
    // Continuation lines inside an open ( or [ are aligned by hand, not by the rules: only statement lines count.
    let open = 0;
    const wrong: string[] = [];
    lines.forEach((line, i) => {
      const code = line.replace(/#.*$/, '');
      if (open === 0 && code.trim() !== '') {
        const actual = line.length - line.trimStart().length;
        if (actual !== rules[i] * 2) wrong.push(`${file}:${i + 1}: ${actual} spaces, the rules give ${rules[i] * 2}: ${line.trim()}`);
      }
      for (const c of code) open += c === '(' || c === '[' ? 1 : c === ')' || c === ']' ? -1 : 0;
    });
    t.deepEqual(wrong, []);
  });
}

test('the word pattern selects each identifier and number whole, as the lexer reads it', (t) => {
  const word = new RegExp(config.wordPattern, 'y');
  let checked = 0;
  for (const file of networkFiles()) {
    const text = readText(file);
    for (const token of netLexer.tokenize(text).tokens) {
      if (!['Identifier', 'Integer', 'Float'].includes(token.tokenType.name)) continue;
      word.lastIndex = token.startOffset;
      t.is(word.exec(text)?.[0], token.image, `${file}:${token.startLine}:${token.startColumn}`);
      checked++;
    }
  }
  t.true(checked > 1000, `${checked} words`);
});
