// Generates docs/diagnostics.md from the message table, the explanations below and the golden cases in test/cases/.
// Run: npx tsc -p . && node dist/scripts/diagnostics_doc.js
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { messages, type DiagnosticCode } from '../compiler/diagnostic_messages.js';
import { listCases, repoRoot, runCase, type CaseFile } from './update_goldens.js';

export interface Explanation {
  /** What the code means, in one or two sentences. */
  meaning: string;
  /** How to fix it, in words. */
  fix: string;
  /** The fix applied to the case: [text in the case, replacement], in order. The test compiles the result. */
  edits?: [string, string][];
  /** Fixes of a code's further cases (after the first by file name), by description (`label_in_repeat`); tested, not shown. */
  otherEdits?: Record<string, [string, string][]>;
}

/** The documented fix of a case: the code's `edits` for its first case, `otherEdits` for the others. */
export function editsFor(c: CaseFile, cases: CaseFile[]): [string, string][] | undefined {
  const explanation = explanations[c.code as DiagnosticCode];
  if (!explanation) return undefined;
  return cases.find((x) => x.code === c.code) === c ? explanation.edits : explanation.otherEdits?.[c.description];
}

export const explanations: Record<DiagnosticCode, Explanation> = {
  NET1001: {
    meaning: 'The tokens do not form a valid program: something is missing or out of place. The parser recovers and reports every syntax error it finds, so later errors may be consequences of the first.',
    fix: 'Fix the first error first; here the block is missing its closing brace.',
    edits: [['batchnorm; relu\n\n', 'batchnorm; relu\n}\n\n']],
  },
  NET1002: {
    meaning: 'A character that is not part of the language: anything outside names, numbers, double-quoted strings, `#` comments and the punctuation the grammar uses.',
    fix: 'Delete the character; a call may span several lines without any continuation mark.',
    edits: [['kernel: 5, \\\n', 'kernel: 5,\n']],
  },
  NET1003: {
    meaning: 'A string (an import path) has no closing `"` before the end of its line.',
    fix: 'Close the string on the same line.',
    edits: [['import "lib_blocks.net\n', 'import "lib_blocks.net"\n']],
  },
  NET1004: {
    meaning: 'A number literal is too large to be represented (it would be infinite as a 64-bit float).',
    fix: 'Write the intended value; a misplaced or missing `-` in an exponent is the usual cause.',
    edits: [['eps: 1e500', 'eps: 1e-5']],
  },
  NET1005: {
    meaning: '`if` has two forms: the statement `if condition { … } else { … }` chooses layers, the expression `if condition then a else b` chooses a value (an argument, a `let`, a default). This error is an `if` written in the form that does not belong where it stands, an expression without its `else`, or an `if` expression used as an operand without parentheses.',
    fix: 'Write the expression form where a value is expected.',
    edits: [['if first { 2 } else { 1 }', 'if first then 2 else 1']],
    otherEdits: { if_statement_then: [['if pool then { maxpool(2) }', 'if pool { maxpool(2) }']] },
  },
  NET2001: {
    meaning: 'A call names neither a built-in layer nor a block defined in this file or one it imports.',
    fix: 'Use the layer\'s name as netc spells it, or define or import the block.',
    edits: [['max_pool(2)', 'maxpool(2)']],
    otherEdits: { with_number: [['batchnorm; relu3', 'batchnorm; relu6']] },
  },
  NET2002: {
    meaning: 'A named argument is not one of the parameters of the layer or block being called (with `--set`, a name that is not a parameter of the network).',
    fix: 'Use one of the listed argument names.',
    edits: [['padding: 1', 'pad: 1']],
    otherEdits: { with_set: [['"clases"', '"classes"']] },
  },
  NET2003: {
    meaning: 'Two definitions (networks or blocks, in this file or in imported files) have the same name, or a definition takes the name of a built-in layer.',
    fix: 'Rename one of them, and its calls.',
    edits: [['block unit(channels) {\n  conv(channels, kernel: 1)', 'block pointwise(channels) {\n  conv(channels, kernel: 1)']],
  },
  NET2004: {
    meaning: 'An expression uses a name that is not in scope: not a parameter of the enclosing block or network, a `let`, or a `repeat` variable. (`in.<property>` with an unknown property is reported the same way.)',
    fix: 'Use a name that is in scope, or declare it as a parameter.',
    edits: [['dense(num_classes)', 'dense(classes)']],
    otherEdits: { without_call: [['let widest = max\n', 'let widest = max(widths)\n']] },
  },
  NET2005: {
    meaning: 'A block calls itself, directly or through other blocks. Blocks are expanded at compile time, so recursion would never end.',
    fix: 'Repeat the layers with `repeat` instead of recursion.',
    edits: [['  conv(64, kernel: 3, pad: 1); relu\n  if depth > 1 { tower(depth - 1) }', '  repeat depth { conv(64, kernel: 3, pad: 1); relu }']],
  },
  NET2006: {
    meaning: 'An imported file could not be read. Import paths are resolved relative to the importing file.',
    fix: 'Correct the path.',
    edits: [['import "lib_block.net"', 'import "lib_blocks.net"']],
  },
  NET2007: {
    meaning: 'Files import each other in a cycle. The error is reported at the import that closes the cycle, which may be in an imported file.',
    fix: 'Remove the import that closes the cycle (here `lib_cycle_b.net` needs nothing from `lib_cycle_a.net`), or move the blocks both files need into a third file that both import.',
  },
  NET2008: {
    meaning: 'The network asked for (`--network NAME`, or `network` in the API) is not defined in the file. Only `netc summary` and `netc compile` select a network; `netc check` checks them all.',
    fix: 'Ask for a network the file defines; names are case-sensitive. The case passes the name in its `# options:` line, as `--network Lenet` would.',
    edits: [['"network": "Lenet"', '"network": "LeNet"']],
  },
  NET2009: {
    meaning: 'The file holds only blocks, so there is nothing to compile. `netc check` accepts such a file (it checks each network, of which there are none); `netc summary` and `netc compile` need a network.',
    fix: 'Add a network that uses the blocks, or compile a file that imports this one.',
    edits: [['batchnorm; relu\n}\n', 'batchnorm; relu\n}\n\nnetwork Net {\n  input [3, 32, 32]\n  conv_bn_relu(32); conv_bn_relu(64)\n  global_avgpool; flatten\n  dense(10)\n}\n']],
  },
  NET2010: {
    meaning: 'Two layers or groups in the same body carry the same label (or a label repeats a name netc gave automatically, like `conv1`). Labels become parameter paths such as `stage1.conv1.weight`, so they must be unique. A label inside `repeat` is met again on every pass: unless it takes the loop\'s index (`layer{i}`), the second pass repeats it.',
    fix: 'Rename one label; inside `repeat`, put the loop\'s index in the label, as `layer{i}`.',
    edits: [['  stage1: { conv(64', '  stage2: { conv(64']],
    otherEdits: { label_in_repeat: [['    layer: basic(64)', '    layer{i}: basic(64)']] },
  },
  NET2011: {
    meaning: 'A block or network lists the same parameter name twice.',
    fix: 'Keep one parameter of each name.',
    edits: [['block unit(channels, stride = 1, channels = 64)', 'block unit(channels = 64, stride = 1)']],
  },
  NET2012: {
    meaning: 'A call sets the same parameter twice, by name or by a positional argument and a name.',
    fix: 'Give each argument once.',
    edits: [['conv(32, kernel: 3, channels: 64)', 'conv(64, kernel: 3)']],
  },
  NET2013: {
    meaning: 'A call has more positional (unnamed) arguments than the layer or block accepts; layers take only their leading arguments by position (`conv(channels, kernel)`).',
    fix: 'Name the extra arguments.',
    edits: [['conv(32, 3, 2)', 'conv(32, 3, stride: 2)']],
  },
  NET2014: {
    meaning: 'A call leaves out an argument that has no default (for a network parameter without default: no `--set` value was given).',
    fix: 'Pass the argument.',
    edits: [['conv(kernel: 3, pad: 1)', 'conv(32, kernel: 3, pad: 1)']],
  },
  NET2015: {
    meaning: 'A positional argument comes after a named one, so it is not clear which parameter it sets.',
    fix: 'Name it (or move it before the named arguments, if it is the next positional parameter).',
    edits: [['conv(64, kernel: 3, 2)', 'conv(64, kernel: 3, stride: 2)']],
  },
  NET2016: {
    meaning: 'A network is called like a block. Networks are compiled on their own and cannot be used inside other definitions.',
    fix: 'Make the shared part a block (a block declares no input) and call it from the network.',
    edits: [['network Backbone {\n  input [3, 32, 32]\n', 'block Backbone {\n']],
  },
  NET2017: {
    meaning: 'A `let` binds a name that is already bound in the same body. Values are immutable, so a name cannot be bound twice.',
    fix: 'Keep one binding, or give the second a new name.',
    edits: [['  let mid = channels // 4\n  let mid = channels // 2\n', '  let mid = channels // 2\n']],
  },
  NET2018: {
    meaning: 'An expression calls a function that does not exist. Expressions have the built-in functions `min`, `max`, `round`, `ceil` and `floor`; layers and blocks are statements, not functions of values.',
    fix: 'Call one of the built-in functions.',
    edits: [['maximum(8, in.channels // 4)', 'max(8, in.channels // 4)']],
  },
  NET2019: {
    meaning: 'A built-in function is called with the wrong number of arguments: `round`, `ceil` and `floor` take one number; `min` and `max` take two or more numbers, or one list.',
    fix: 'Pass the arguments the function takes; `round` has no digits argument, since layer sizes are integers.',
    edits: [['round(in.channels * 0.25, 0)', 'round(in.channels * 0.25)']],
  },
  NET2020: {
    meaning: 'A network extends a base that is not defined (or not imported), or that is a block. A derived network starts from a whole network — its input, its layers, its parameters — so the base must be a network.',
    fix: 'Name the base network as it is defined, and import its file.',
    edits: [['extends Smal(classes = 5)', 'extends Small(classes = 5)']],
  },
  NET2021: {
    meaning: 'Networks extend each other in a circle, so no network in it has a body to start from.',
    fix: 'Let one of them stand on its own: give it an input and layers instead of `extends`.',
    edits: [['network A extends B {\n  head: dense(5)\n}', 'network A {\n  input [1, 28, 28]\n  flatten\n  head: dense(5)\n}']],
  },
  NET2022: {
    meaning: "A derived network's labelled statement replaces the base network's top-level statement with the same label, and the base has none with this label. Only top-level labels of the base can be replaced.",
    fix: 'Use the label as the base writes it (`netc summary` lists the paths).',
    edits: [['  haed: dense(classes)', '  head: dense(classes)']],
  },
  NET2023: {
    meaning: "A derived network's body holds only replacements (`label: statement`), an `input` that replaces the base's, and the training directives `freeze`, `train` and `new`. A bare layer has no place: it would not say where in the base it goes.",
    fix: 'Replace a labelled statement with a group that holds the new layer and the old one.',
    edits: [['  dropout(0.5)\n  head: dense(classes)', '  head: { dropout(0.5); dense(classes) }']],
  },
  NET2024: {
    meaning: "`freeze`, `train` and `new` say how training treats scopes of the whole network, so they stand at a network's top level, never inside a block (a block is called in many places) or a nested statement.",
    fix: "Move the directive into the network and name the scope by its path from the network's top level.",
    edits: [['  freeze conv1\n}', '}'], ['  dense(10)\n}', '  dense(10)\n  freeze stem.conv1\n}']],
  },
  NET2025: {
    meaning: "A `freeze`, `train` or `new` names a scope path that no layer of the network has. Paths are label paths as `netc summary` prints them (`stem`, `stage2.0.conv1`); `*` stands for any text within one segment (`stage*`, `*.conv1`).",
    fix: 'Write the path as the summary shows it.',
    edits: [['  freeze stme', '  freeze stem']],
  },
  NET3001: {
    meaning: 'A layer comes before the network has declared its input shape, so there is no shape to infer from.',
    fix: "Start the network with `input [channels, height, width]` (or `input [features]`).",
    edits: [['network Net {\n', 'network Net {\n  input [3, 32, 32]\n']],
  },
  NET3002: {
    meaning: '`concat` joins its branches along channels, so every branch must produce the same height and width. The message names the odd one out — the branch outside the largest group of equal sizes — as the IR names it (its label, `branch2`, or a single call\'s own name such as `conv3`), and the caret points at it.',
    fix: 'Pad (or stride) the branches alike; a 3×3 convolution keeps the size with `pad: 1`.',
    edits: [['conv(c3, kernel: 3)', 'conv(c3, kernel: 3, pad: 1)']],
    otherEdits: { inception_labels: [['conv(c5, kernel: 5)', 'conv(c5, kernel: 5, pad: 2)']] },
  },
  NET3003: {
    meaning: '`residual` adds its body\'s output to its input (or to its shortcut\'s output), so both must have the same shape. A body that changes channels or strides needs a projection shortcut. The caret points at the statement of the body that made its shape (and, as related places, where its height×width changed and where the shortcut made its shape). The hint is a shortcut that compiles: inside a block it is written with the names the body\'s layers use and a condition, so that calls which keep the shape keep the identity; when the sizes are not a whole ratio (15 → 7) it gives the window that produces them exactly.',
    fix: 'Add the shortcut the hint proposes: here a strided 1×1 convolution when the shape changes.',
    edits: [['    conv(channels, kernel: 3, pad: 1); batchnorm\n  }\n', '    conv(channels, kernel: 3, pad: 1); batchnorm\n  } shortcut if stride != 1 or in.channels != channels {\n    conv(channels, kernel: 1, stride: stride)\n  }\n']],
    otherEdits: { uneven_size: [['batchnorm; relu }', 'batchnorm; relu } shortcut { conv(32, kernel: 2, stride: 2) }']] },
  },
  NET3004: {
    meaning: '`dense` takes a flat `[features]` input, but it was given an image `[channels, height, width]`.',
    fix: 'Flatten (or global-pool and flatten) before the first dense layer.',
    edits: [['  avgpool(2)\n  dense(120)', '  avgpool(2)\n  flatten\n  dense(120)']],
  },
  NET3005: {
    meaning: 'A convolution or pooling window (kernel, spread by dilation) is larger than the height or width of its input plus padding, so it has no valid position.',
    fix: 'Use a smaller kernel or pad the input; or downsample less before this layer.',
    edits: [['conv(32, kernel: 5)', 'conv(32, kernel: 3, pad: 1)']],
  },
  NET3006: {
    meaning: 'The network\'s input shape is not `[channels, height, width]` or `[features]` with positive integers. A grayscale image still has one channel.',
    fix: 'Give the channel count first.',
    edits: [['input [28, 28]', 'input [1, 28, 28]']],
  },
  NET3007: {
    meaning: 'A grouped convolution splits input and output channels into `groups` equal parts, so `groups` must divide both.',
    fix: 'Choose a `groups` that divides both channel counts (the hint lists the divisors).',
    edits: [['groups: 3', 'groups: 4']],
  },
  NET3008: {
    meaning: '`channel_shuffle(groups)` reshapes the channels into `groups` equal parts, so `groups` must divide the channel count.',
    fix: 'Use a divisor of the channel count, usually the `groups` of the surrounding grouped convolutions.',
    edits: [['channel_shuffle(3)', 'channel_shuffle(4)']],
  },
  NET3009: {
    meaning: 'A layer that works on images (convolution, pooling, `lrn`, `channel_shuffle`, `scale`) was given a flat `[features]` input.',
    fix: 'Move it before `flatten`.',
    edits: [['  flatten\n  maxpool(2)\n', '  maxpool(2)\n  flatten\n']],
  },
  NET3010: {
    meaning: '`scale { … }` multiplies each channel of its input by its body\'s output, so the body must end with one value per channel: `[C]` or `[C, 1, 1]`.',
    fix: 'End the body with as many features as the input has channels.',
    edits: [['relu; sigmoid }', 'relu; dense(in.channels); sigmoid }']],
    otherEdits: { scale_image_gate: [['relu; sigmoid }', 'relu; conv(in.channels, kernel: 1); sigmoid }']] },
  },
  NET3011: {
    meaning: 'Some `concat` branches end with an image shape and others with a flat shape; they can only be joined if all have the same rank.',
    fix: 'Flatten every branch, or none.',
    edits: [['branch { maxpool(32) }', 'branch { maxpool(32); flatten }']],
  },
  NET3012: {
    meaning: 'An `input` statement is out of place: inside a block (a block takes the shape of whatever calls it), or a second `input` in a network.',
    fix: 'Remove the input from the block; the network declares the one input.',
    edits: [['block stem {\n  input [3, 32, 32]\n', 'block stem {\n']],
  },
  NET3013: {
    meaning: '`in.<property>` reads the shape arriving at a layer; `height` and `width` exist only for images, `features` only for flat shapes. (It is also reported for `in` used before the network\'s input.)',
    fix: 'Use the property where the shape has it; here, call the head before flattening.',
    edits: [['  flatten\n  head(10)', '  head(10)']],
  },
  NET3014: {
    meaning: '`concat { }` has nothing to concatenate.',
    fix: 'Give it branches: a single layer call, or `branch { … }` for several layers.',
    edits: [['concat { }', 'concat { conv(32, kernel: 1); branch { conv(32, kernel: 3, pad: 1); relu } }']],
  },
  NET3015: {
    meaning: '`slice(start, end)` keeps channels `start … end − 1` of its input, so it needs `0 ≤ start < end ≤` the channel (or feature) count.',
    fix: 'Slice within the channels that arrive; `in.channels` names their count, e.g. `slice(0, in.channels // 2)`.',
    edits: [['slice(16, 64)', 'slice(16, 32)']],
  },
  NET3016: {
    meaning: 'A transposed convolution gives `(in − 1)·stride − 2·pad + kernel + output_pad` rows and columns; this padding leaves none.',
    fix: 'Reduce `pad`, or enlarge the kernel or stride.',
    edits: [['conv_transpose(8, kernel: 2, pad: 2)', 'conv_transpose(8, kernel: 2, stride: 2)']],
  },
  NET4001: {
    meaning: 'A value has the wrong type for where it is used: a layer argument, an `if` or shortcut condition, a repeat count.',
    fix: 'Write a value of the expected type; booleans are `true` and `false`.',
    edits: [['bias: 0', 'bias: false']],
  },
  NET4002: {
    meaning: 'A number is outside the range a layer argument (or repeat count) allows, or arithmetic produced an infinite result.',
    fix: 'Use a value in the range; dropout takes a probability, not a percentage.',
    edits: [['dropout(50)', 'dropout(0.5)']],
  },
  NET4003: {
    meaning: 'An expression divides by zero (`/`, `//` or `%`). The call chain shows which call passed the value.',
    fix: 'Pass a non-zero value.',
    edits: [['squeeze_excite(0)', 'squeeze_excite(4)']],
  },
  NET4004: {
    meaning: 'A list index is past the end of the list. Indexes start at 0; negative indexes count from the end.',
    fix: 'Index from 0.',
    edits: [['conv(c2[1], kernel: 1); relu; conv(c2[2]', 'conv(c2[0], kernel: 1); relu; conv(c2[1]']],
  },
  NET4005: {
    meaning: 'A value that must be a whole number (channels, a kernel size, a list index, a repeat count) is fractional. `/` divides exactly, so it often yields fractions.',
    fix: 'Divide with `//`, which rounds down, or choose numbers that divide evenly.',
    edits: [['channels / 3', 'channels // 4']],
  },
  NET4006: {
    meaning: 'An operator is applied to values it does not work on: arithmetic on lists or booleans, `and`/`or`/`not` on numbers, indexing a number.',
    fix: 'Write the values out; only `+` works on lists (it joins them).',
    edits: [['let wide = widths * 2', 'let wide = [widths[0] * 2, widths[1] * 2]']],
  },
  NET4007: {
    meaning: 'A pooling layer pads more than half its kernel, so some windows would see only padding. PyTorch rejects this too.',
    fix: 'Reduce the padding (at most kernel / 2) or enlarge the kernel.',
    edits: [['maxpool(2, pad: 2)', 'maxpool(3, stride: 2, pad: 1)']],
  },
  NET4008: {
    meaning: 'An option-valued argument (such as `upsample`\'s `mode` or `gelu`\'s `approximate`) is a string that is not one of the options it takes.',
    fix: 'Use one of the listed strings exactly, in double quotes.',
    edits: [['mode: "cubic"', 'mode: "bilinear"']],
  },
  NET4009: {
    meaning: '`output_pad` chooses among the output sizes that a transposed convolution\'s stride can produce; it must be smaller than the stride (PyTorch\'s rule).',
    fix: 'Use an `output_pad` below the stride (0 or 1 for stride 2).',
    edits: [['output_pad: 2', 'output_pad: 1']],
  },
  NET4020: {
    meaning: 'A built-in function is given a value it does not work on: `round`, `ceil` and `floor` take a number; `min` and `max` take numbers, or one non-empty list of numbers.',
    fix: 'Pass numbers, or one list; lists join with `+`.',
    edits: [['max(widths, 32)', 'max(widths + [32])']],
  },
  NET4021: {
    meaning: 'An expression has more operators than the compiler accepts (256 by default; an `if` expression counts as two, `.` and `[i]` count too; the case lowers the limit to 8). Expressions are checked on the tokens before parsing, line breaks included (an expression may continue on the next line), so no expression can nest deep enough to exhaust the stack of the parser, the resolver or the evaluator.',
    fix: 'Name parts of the expression with `let`.',
    edits: [['  let width = 16 + 16 + 16 + 16 + 16 + 16 + 16 + 16 + 16 + 16\n', '  let half = 16 + 16 + 16 + 16 + 16\n  let width = half + half\n']],
  },
  NET4901: {
    meaning: 'A source file is larger than the compiler accepts (about 4 million characters by default; the case lowers the limit to 200 with its `# options:` line).',
    fix: 'Split the file: move blocks into files that the network file imports.',
  },
  NET4902: {
    meaning: 'Expanding the network would exceed a resource limit: more than 100,000 layers, 1,000,000 expansion steps, block calls nested more than 64 deep, or more than 256 imported files. Usually a repeat count is far larger than meant.',
    fix: 'Correct the count.',
    edits: [['repeat 50000', 'repeat 500']],
  },
  NET4903: {
    meaning: 'Brackets, braces and parentheses nest deeper than the parser accepts (100 levels by default; the case lowers the limit to 5). Each `else if` of an if statement counts as one level too: the chain nests in the grammar.',
    fix: 'Move inner parts into blocks; each block body starts again at depth 1.',
    edits: [
      ['network Net {', 'block mixed(c) {\n  residual {\n    concat {\n      branch { conv(c, kernel: 3, pad: 1) }\n      branch { conv(c, kernel: 1) }\n    }\n  }\n}\n\nnetwork Net {'],
      ['  stage: {\n    residual {\n      concat {\n        branch { conv(16, kernel: 3, pad: 1) }\n        branch { conv(16, kernel: 1) }\n      }\n    }\n  }\n', '  stage: mixed(16)\n'],
    ],
  },
  NET4904: {
    meaning: 'The network has more parameters than the limit (2^31 by default; the case lowers it to 1,000).',
    fix: 'Shrink the network, or raise the limit if the size is intended: `netc summary --max-params N`, `limits.maxParams` in the API.',
    edits: [['"maxParams": 1000', '"maxParams": 100000']],
  },
  NET4905: {
    meaning: 'A list, or the arguments of one call, has more items than the compiler accepts (10,000 by default; the case lowers the limit to 8). A list literal is counted before parsing, a `+` of lists before the list is built, so a list doubled in a loop is stopped before it takes the memory.',
    fix: 'Build the list you need directly.',
    edits: [['  let a4 = a3 + a3\n', ''], ['dense(a4[0] * 10)', 'dense(a3[0] * 10)']],
  },
  NET4906: {
    meaning: 'All the lists one compile evaluates hold more items than the compiler accepts (1,000,000 by default; the case lowers the budget to 1,000): every list literal and every `+` of lists counts its length, so a repeat that builds lists pass after pass is bounded even when each list is short.',
    fix: 'Build the list once, outside the repeat, and index it inside.',
    edits: [['  repeat i in 0..100 {\n    let widths', '  let widths'], ['16, 16, 16, 16]\n    dense', '16, 16, 16, 16]\n  repeat i in 0..100 {\n    dense']],
  },
  NET4907: {
    meaning: 'One code was reported more often than the compiler shows (50 times by default; the case lowers it to 3): the rest are counted in this last diagnostic, placed at the first one left out, so a generated or binary file cannot produce megabytes of errors.',
    fix: 'Fix the errors shown (here, close each string on its line) and check again.',
  },
  NET4908: {
    meaning: 'A file holds more tokens than the compiler accepts (1,000,000 by default, counted before lexing so the lexer never builds millions of token objects; `==` and the like count twice there; the case lowers the limit to 40).',
    fix: 'Split the file into files joined with `import`, or generate fewer statements.',
    edits: [['  relu; relu; relu; relu; relu; relu; relu; relu; relu; relu; relu; relu; relu; relu; relu; relu\n', '  relu\n']],
  },
};

export interface Change {
  /** The unchanged line just before the change, if any. */
  context?: string;
  removed: string[];
  added: string[];
}

/** Applies a case's documented edits; throws if an edit's text is not exactly once in the source (a stale doc). */
export function applyEdits(c: CaseFile, edits: [string, string][]): { source: string; changes: Change[] } {
  let source = c.source;
  const changes: Change[] = [];
  for (const [from, to] of edits) {
    const at = source.indexOf(from);
    if (at < 0 || source.indexOf(from, at + 1) >= 0) throw new Error(`${c.name}: the fix's text must occur exactly once: ${JSON.stringify(from)}`);
    const next = source.slice(0, at) + to + source.slice(at + from.length);
    changes.push(lineChange(source.split('\n'), next.split('\n')));
    source = next;
  }
  return { source, changes };
}

/** The lines that differ between two versions that differ in one place. */
function lineChange(before: string[], after: string[]): Change {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  const room = Math.min(before.length, after.length) - prefix;
  while (suffix < room && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  // Blank lines moved around say nothing to a reader; the context is the nearest line with text.
  const trim = (lines: string[]) => lines.join('\n').replace(/^\n+|\n+$/g, '').split('\n').filter((l, i, all) => all.length > 1 || l !== '');
  const context = before.slice(0, prefix).reverse().find((l) => l.trim() !== '');
  return { ...(context !== undefined ? { context } : {}), removed: trim(before.slice(prefix, before.length - suffix)), added: trim(after.slice(prefix, after.length - suffix)) };
}

const groups: { range: string; title: string; test: (code: string) => boolean }[] = [
  { range: '1xxx', title: 'Syntax', test: (c) => c.startsWith('NET1') },
  { range: '2xxx', title: 'Names', test: (c) => c.startsWith('NET2') },
  { range: '3xxx', title: 'Shapes', test: (c) => c.startsWith('NET3') },
  { range: '4xxx', title: 'Values and limits', test: (c) => c.startsWith('NET4') },
];

const fence = (lang: string, text: string) => `\`\`\`${lang}\n${text.replace(/\n$/, '')}\n\`\`\``;
const anchor = (code: string) => `#${code.toLowerCase()}--${messages[code as DiagnosticCode].title.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')}`;

function preamble(cases: CaseFile[]): string {
  const sample = cases.find((c) => c.code === 'NET3003') ?? cases[0];
  const json = JSON.stringify(runCase(sample).diagnostics, null, 2);
  return `# Diagnostics

<!-- Generated by scripts/diagnostics_doc.ts from compiler/diagnostic_messages.ts and test/cases/; do not edit.
     Regenerate: npx tsc -p . && node dist/scripts/diagnostics_doc.js -->

Every problem netc finds in a \`.net\` file is reported as a diagnostic with a stable code: **1xxx** syntax,
**2xxx** names, **3xxx** shapes, **4xxx** values and limits. The compiler works in phases (syntax, then names,
then expansion with shapes and values) and stops after the first phase that has errors, so fixing syntax
errors can reveal name errors, and so on.

Each code below has an example taken from its golden test case (\`test/cases/err_<CODE>_<what>.net\`, with the
exact output in the \`.err\` file next to it), and a fix that the tests check compiles cleanly. A first line
\`# options: {…}\` in an example holds the \`compile()\` options the test passes, such as a lowered limit.

## Output format

\`netc check\` (and \`summary\`, \`compile\`) print diagnostics on stderr:

${fence('text', runCase(sample).rendered)}

- \`file:line:col: error NETxxxx: message\` — the file as named on the command line (imports: relative to it),
  the 1-based line and column (columns count Unicode code points) where the problem starts.
- The source line, with carets under the span the diagnostic is about.
- \`hint:\` — how to fix it, when netc can say.
- \`in block X, called at file:line:col\` — for errors inside a block, the chain of calls that expanded it,
  innermost first. \`first defined at file:line:col\` points at an earlier definition (NET2003).
- Finally the number of errors. A block called many times with the same error reports it once.

## JSON

\`netc check --json FILE…\` prints the diagnostics as a JSON array on stdout (\`netc summary --json\` prints
\`{ "diagnostics": [...] }\` when there are errors). Each element is a \`Diagnostic\` (\`compiler/diagnostics.ts\`):

| field | type | meaning |
| --- | --- | --- |
| \`code\` | string | \`"NET3003"\`: stable; the sections below |
| \`severity\` | \`"error"\` \\| \`"warning"\` | every current code is an error |
| \`file\` | string | the file the span is in |
| \`span\` | \`{ start, end }\` | UTF-16 offsets into the file's text, end exclusive |
| \`line\`, \`column\` | number | 1-based start position; columns count code points |
| \`endLine\`, \`endColumn\` | number | 1-based position just past the end of the span |
| \`message\` | string | the first line of the rendered diagnostic, after the code |
| \`hint\` | string, optional | the \`hint:\` line |
| \`related\` | array, optional | \`{ message, file, line, column }\`: the block call chain (innermost first) and other places, e.g. \`"in block basic, called at"\` |

For the example above:

${fence('json', json)}

## Exit codes

| code | meaning |
| --- | --- |
| 0 | every file compiled without errors |
| 1 | the input has errors (diagnostics were printed) |
| 2 | usage error (unknown option, missing or unreadable file) or an internal error (a bug in netc) |

## Codes

${groups
  .map((g) => `**${g.range} ${g.title.toLowerCase()}:** ` + Object.keys(messages).filter(g.test).map((code) => `[${code}](${anchor(code)}) ${messages[code as DiagnosticCode].title}`).join(' · '))
  .join('\n\n')}
`;
}

function section(code: DiagnosticCode, cases: CaseFile[]): string {
  const spec = messages[code];
  const explanation = explanations[code];
  const parts = [`### ${code} — ${spec.title}`, '', explanation.meaning];
  for (const c of cases.filter((x) => x.code === code)) {
    const run = runCase(c);
    parts.push('', `Example (\`${c.file}\`):`, '', fence('net', c.source));
    for (const [file, text] of run.sources) if (file !== c.file) parts.push('', `\`${file}\`:`, '', fence('net', text));
    parts.push('', 'Output:', '', fence('text', run.rendered));
  }
  parts.push('', `**Fix:** ${explanation.fix}`);
  const first = cases.find((x) => x.code === code);
  if (first && explanation.edits) {
    const diff = applyEdits(first, explanation.edits).changes.map((ch) =>
      [...(ch.context !== undefined ? [`  ${ch.context}`] : []), ...ch.removed.map((l) => `- ${l}`), ...ch.added.map((l) => `+ ${l}`)].join('\n'),
    );
    parts.push('', fence('diff', diff.join('\n…\n')));
  }
  return parts.join('\n');
}

/** The whole of docs/diagnostics.md. */
export function diagnosticsMarkdown(): string {
  const cases = listCases();
  const body = groups.map((g) => [`## ${g.range} — ${g.title}`, ...Object.keys(messages).filter(g.test).map((code) => section(code as DiagnosticCode, cases))].join('\n\n'));
  return [preamble(cases).trimEnd(), ...body].join('\n\n') + '\n';
}

export const docPath = join(repoRoot, 'docs/diagnostics.md');

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(docPath, diagnosticsMarkdown());
  process.stdout.write('docs/diagnostics.md\n');
}
