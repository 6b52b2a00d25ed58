// Every diagnostic netc can report: one table, stable codes (1xxx syntax, 2xxx names, 3xxx shapes, 4xxx values and limits).
// docs/diagnostics.md documents each code; test/cases/ holds one golden case per code.

type Args = Record<string, string | number>;
export interface MessageSpec {
  title: string;
  message: (a: Args) => string;
  hint?: (a: Args) => string | undefined;
}

const didYouMean = (a: Args) => (a.suggestion ? `did you mean '${a.suggestion}'?` : undefined);
/** Quotes a character for a message; a quote character itself is shown in the other kind of quotes. */
const quoteChar = (c: string | number) => (c === "'" ? `"'"` : `'${c}'`);
const charHint = (c: string | number) =>
  ["'", '`', '\u2018', '\u2019', '\u201c', '\u201d'].includes(String(c))
    ? 'strings use straight double quotes, e.g. import "blocks.net"'
    : c === '\\'
      ? 'no line continuation is needed: arguments inside ( ) may span several lines'
      : 'comments start with #; strings use double quotes';
const count = (n: string | number) => (typeof n === 'number' ? n.toLocaleString('en-US') : n);

/** 'in.height' on a flat shape, 'in.features' on an image, or 'in' before the network's input. */
const inShapeHint = (shape: string | number) =>
  String(shape).includes(',')
    ? "an image shape [C, H, W] has 'in.channels', 'in.height' and 'in.width'; 'in.features' exists only after flatten"
    : String(shape).startsWith('[')
      ? "a flat shape [F] has only 'in.features' (and 'in.channels'); use height and width before 'flatten'"
      : "'in' is the shape arriving at a layer; use it only after the network's 'input'";

const operatorHint = (op: string | number) =>
  op === 'and' || op === 'or' || op === 'not'
    ? `'${op}' takes true or false; compare first, e.g. 'x != 0'`
    : op === '[]'
      ? 'only lists can be indexed, and only with an integer'
      : String(op).startsWith('.')
        ? "properties such as '.channels' exist only on 'in'"
        : "arithmetic and comparisons take numbers; '+' also joins two lists, but there is no other list arithmetic";

export const messages = {
  // 1xxx — syntax
  NET1001: { title: 'syntax error', message: (a) => `${a.detail}`, hint: (a) => (a.hint ? `${a.hint}` : undefined) },
  NET1002: { title: 'unexpected character', message: (a) => `unexpected character ${quoteChar(a.char)}`, hint: (a) => charHint(a.char) },
  NET1003: { title: 'unterminated string', message: () => 'unterminated string', hint: () => 'close the string with " on the same line' },
  NET1004: { title: 'number out of range', message: (a) => `number '${a.text}' is not a finite value`, hint: () => 'numbers must fit in a 64-bit float (below about 1.8e308); did you mean a negative exponent such as 1e-5?' },
  NET1005: { title: 'misused if', message: (a) => `${a.detail}`, hint: (a) => `${a.hint}` },

  // 2xxx — names
  NET2001: { title: 'unknown layer or block', message: (a) => `unknown layer or block '${a.name}'`, hint: (a) => didYouMean(a) ?? `layers are: ${a.known}` },
  NET2002: { title: 'unknown argument', message: (a) => (a.set ? `network '${a.callee}' has no parameter '${a.name}' to set` : `'${a.callee}' has no argument '${a.name}'`), hint: (a) => didYouMean(a) ?? `its ${a.set ? 'parameters' : 'arguments'} are: ${a.known}` },
  NET2003: { title: 'duplicate definition', message: (a) => `'${a.name}' is defined more than once`, hint: () => 'rename one of them; networks, blocks and built-in layers share one namespace' },
  NET2004: { title: 'unknown name', message: (a) => `unknown name '${a.name}'`, hint: (a) => (a.usage ? `'${a.name}' is a function: call it, as ${a.usage}` : didYouMean(a) ?? 'names are block or network parameters, let bindings and repeat variables') },
  NET2005: { title: 'recursive block', message: (a) => `block '${a.name}' calls itself: ${a.cycle}`, hint: () => 'blocks expand at compile time and cannot recurse; use repeat' },
  NET2006: { title: 'import not found', message: (a) => `cannot import "${a.path}": ${a.reason}`, hint: (a) => (a.reason === 'no such file' ? 'import paths are relative to the importing file' : undefined) },
  NET2007: { title: 'import cycle', message: (a) => `import cycle: ${a.cycle}`, hint: () => 'move the shared blocks into a file that both import' },
  NET2008: { title: 'unknown network', message: (a) => `no network named '${a.name}'`, hint: (a) => didYouMean(a) ?? `networks in this file: ${a.known}` },
  NET2009: { title: 'no network', message: () => 'this file defines no network', hint: () => "add 'network Name { input [1, 28, 28] … }' or import this file from one that does" },
  NET2010: {
    title: 'duplicate label',
    message: (a) => (a.pass ? `the label '${a.name}' is used again on repeat pass ${a.pass}` : `the label '${a.name}' is used twice in the same scope`),
    hint: (a) => (a.pass ? `give it the index: '${a.fix}'` : "labels must be unique within a block or network body, and must not reuse an automatic name such as 'conv1'; rename one"),
  },
  NET2011: { title: 'duplicate parameter', message: (a) => `parameter '${a.name}' is declared twice`, hint: () => 'remove or rename one of them' },
  NET2012: { title: 'argument given twice', message: (a) => `argument '${a.name}' of '${a.callee}' is given twice`, hint: () => 'a positional argument sets the parameter in its position; give each parameter once' },
  NET2013: { title: 'too many arguments', message: (a) => `'${a.callee}' takes ${a.max} positional argument${a.max === 1 ? '' : 's'}, got ${a.got}`, hint: (a) => `name the extra arguments, e.g. '${a.example}'` },
  NET2014: { title: 'missing argument', message: (a) => `'${a.callee}' needs argument '${a.name}'`, hint: (a) => `give it, e.g. '${a.example}'` },
  NET2015: { title: 'positional after named', message: () => 'a positional argument follows a named one', hint: () => 'put positional arguments first, or name this one too' },
  NET2016: { title: 'network called as a block', message: (a) => `'${a.name}' is a network; only blocks can be called`, hint: () => "turn the shared part into a 'block'" },
  NET2017: { title: 'duplicate variable', message: (a) => `'${a.name}' is already defined in this body`, hint: () => 'a name cannot be rebound in the same body; choose another name' },
  NET2018: { title: 'unknown function', message: (a) => `unknown function '${a.name}'`, hint: (a) => (a.kind ? `'${a.name}' is a ${a.kind}: layers and blocks are statements, not values; the functions of expressions are ${a.known}` : (didYouMean(a) ? `${didYouMean(a)} (functions: ${a.known})` : `the functions of expressions are ${a.known}`)) },
  NET2019: { title: 'wrong number of function arguments', message: (a) => `'${a.name}' takes ${a.arity}, got ${a.got}`, hint: (a) => `call it as ${a.usage}` },
  NET2020: { title: 'unknown base network', message: (a) => (a.kind ? `'${a.name}' extends '${a.base}', which is a ${a.kind}; a network extends a network` : `'${a.name}' extends '${a.base}', which is not defined`), hint: (a) => didYouMean(a) ?? (a.known ? `networks: ${a.known}` : 'define or import the base network') },
  NET2021: { title: 'extends cycle', message: (a) => `network '${a.name}' extends itself: ${a.cycle}`, hint: () => 'a derived network builds on a base that does not derive from it' },
  NET2022: { title: 'nothing to replace', message: (a) => `'${a.name}' replaces '${a.label}', but ${a.base} has no statement labelled '${a.label}'`, hint: (a) => didYouMean(a) ?? (a.known ? `its labelled statements: ${a.known}` : `${a.base} has no labelled statements; label the one to replace there`) },
  NET2023: { title: 'not allowed in a derived network', message: (a) => `a derived network's body replaces labelled statements of '${a.base}' and holds freeze, train and new; ${a.what} is neither`, hint: () => 'to add layers, replace a label with a group, e.g. head: { dropout(0.5); dense(classes) }' },
  NET2024: { title: 'misplaced training directive', message: (a) => `'${a.directive}' belongs at a network's top level, not ${a.where}`, hint: () => "move it into the network's body; it names scopes by their label paths, e.g. freeze stem, stage1" },
  NET2025: { title: 'directive names no layer', message: (a) => `'${a.directive} ${a.pattern}' names no layer of ${a.network}`, hint: (a) => didYouMean(a) ?? 'name a label path (stem, stage2.0, head); * stands for any text within one segment' },

  // 3xxx — shapes
  NET3001: { title: 'input missing', message: (a) => `network '${a.name}' has no input before its first layer`, hint: () => "declare the input shape first, e.g. 'input [1, 28, 28]'" },
  NET3002: { title: 'concat spatial mismatch', message: (a) => `concat branches disagree on height×width: ${a.details}`, hint: () => 'every branch must keep the same height×width; check strides and padding' },
  NET3003: { title: 'residual shape mismatch', message: (a) => `residual body gives ${a.body} but the shortcut${a.identity ? ' (the input itself)' : ''} gives ${a.shortcut}`, hint: (a) => `${a.hint}` },
  NET3004: { title: 'dense needs a flat input', message: (a) => `'${a.op}' needs a flat [features] input, got ${a.shape}`, hint: () => "add 'flatten' (or 'global_avgpool; flatten') before it" },
  NET3005: { title: 'kernel larger than input', message: (a) => `${a.op} window ${a.window} is larger than its padded input ${a.padded}`, hint: () => 'reduce the kernel or dilation, add padding, or downsample less before this layer' },
  NET3006: { title: 'invalid input shape', message: (a) => `input shape ${a.shape} is not valid: ${a.reason}`, hint: () => 'use [channels, height, width] or [features] with positive integers' },
  NET3007: { title: 'groups do not divide channels', message: (a) => `groups = ${a.groups} does not divide ${a.which} channels (${a.channels})`, hint: (a) => `choose groups among ${a.choices}` },
  NET3008: { title: 'shuffle groups do not divide channels', message: (a) => `channel_shuffle groups = ${a.groups} does not divide the ${a.channels} channels`, hint: (a) => `choose groups among ${a.choices}` },
  NET3009: { title: 'needs an image input', message: (a) => `'${a.op}' needs a [channels, height, width] input, got ${a.shape}`, hint: () => "move it before 'flatten'; a flat shape (after flatten or 'input [N]') has no height or width" },
  NET3010: { title: 'scale shape mismatch', message: (a) => `scale body gives ${a.got}; it must give [${a.channels}] or [${a.channels}, 1, 1] to scale an input of ${a.input}`, hint: (a) => `${a.hint}` },
  NET3011: { title: 'concat rank mismatch', message: (a) => `concat branches mix image and flat outputs: ${a.details}`, hint: () => 'flatten every branch or none' },
  NET3012: { title: 'misplaced input', message: (a) => `${a.reason}`, hint: () => "a network declares one 'input', before its first layer" },
  NET3013: { title: 'shape property unavailable', message: (a) => (String(a.shape).startsWith('[') ? `'in.${a.name}' is not defined for the shape ${a.shape}` : "'in' is used before the network's input, so it has no shape yet"), hint: (a) => inShapeHint(a.shape) },
  NET3014: { title: 'empty concat', message: () => 'concat has no branches', hint: () => "add 'branch { … }' items" },
  NET3015: { title: 'slice out of range', message: (a) => `slice(${a.start}, ${a.end}) does not fit the ${a.channels} ${a.what} of its input`, hint: (a) => `a slice takes 0 ≤ start < end ≤ ${a.channels}, e.g. slice(0, ${a.half}) for the first half` },
  NET3016: { title: 'empty output', message: (a) => `${a.op} would give a ${a.size} output: pad ${a.pad} removes more than the output has`, hint: () => 'reduce pad; a transposed conv gives (in − 1)·stride − 2·pad + kernel + output_pad per axis' },

  // 4xxx — values, attributes and limits
  NET4001: { title: 'wrong type', message: (a) => `${a.what} must be ${a.expected}, got ${a.got}`, hint: (a) => (a.hint ? `${a.hint}` : undefined) },
  NET4002: { title: 'value out of range', message: (a) => `${a.what} must be ${a.range}, got ${a.got}`, hint: (a) => (a.hint ? `${a.hint}` : undefined) },
  NET4003: { title: 'division by zero', message: () => 'division by zero', hint: () => 'the divisor is 0 here; check the parameter or argument it comes from' },
  NET4004: { title: 'index out of range', message: (a) => `index ${a.index} is out of range for a list of ${a.length}`, hint: (a) => `valid indexes are 0..${Number(a.length) - 1} (or -1..-${a.length} from the end)` },
  NET4005: { title: 'integer expected', message: (a) => `${a.what} must be an integer, got ${a.got}`, hint: () => "'/' divides exactly; '//' rounds down to an integer" },
  NET4006: { title: 'operator type error', message: (a) => `cannot apply '${a.op}' to ${a.left}${a.right ? ` and ${a.right}` : ''}`, hint: (a) => operatorHint(a.op) },
  NET4007: { title: 'pool padding too large', message: (a) => `${a.op} pad ${a.pad} is more than half its kernel ${a.kernel}`, hint: () => "pad may be at most half the kernel (PyTorch's rule); reduce pad or enlarge the kernel" },
  NET4008: { title: 'unknown option', message: (a) => `${a.what} must be one of ${a.choices}, got "${a.got}"`, hint: () => 'options are strings in double quotes, spelled exactly as listed' },
  NET4009: { title: 'output padding too large', message: (a) => `${a.op} output_pad ${a.outputPad} must be smaller than its stride ${a.stride}`, hint: () => "output_pad only picks among the sizes a stride can produce (PyTorch's rule); use 0 or 1 for stride 2" },
  NET4020: { title: 'function argument type', message: (a) => `'${a.name}' needs ${a.expected}, got ${a.got}`, hint: (a) => `${a.usage}: ${a.doc}` },
  NET4021: { title: 'expression too long', message: (a) => `this expression has more than ${count(a.limit)} operators`, hint: () => 'split the expression into let bindings, each with fewer operators' },
  NET4901: { title: 'file too large', message: (a) => `file is ${count(a.size)} characters long; the limit is ${count(a.limit)}`, hint: () => 'split it into files joined with import' },
  NET4902: { title: 'expansion too large', message: (a) => `expanding this network takes more than ${count(a.limit)} ${a.what}`, hint: () => 'a repeat count or block nesting is probably larger than intended' },
  NET4903: { title: 'nesting too deep', message: (a) => `nesting is deeper than ${a.limit} levels`, hint: () => 'move inner parts into blocks and call them, so each body nests less' },
  NET4904: { title: 'too many parameters', message: (a) => `network has ${a.count} parameters; the limit is ${a.limit}`, hint: () => 'if this is intended, raise the limit: netc --max-params N (limits.maxParams in the API)' },
  NET4905: { title: 'list too long', message: (a) => `${a.what} has more than ${count(a.limit)} items`, hint: () => 'a shape or an argument list needs a handful of items; is a list doubled in a loop, or a literal generated by mistake?' },
  NET4906: { title: 'compile-time values too large', message: (a) => `the lists this compile builds hold more than ${count(a.limit)} items in all`, hint: () => 'lists are for shapes and arguments; build fewer or shorter lists (a repeat that extends a list each pass grows it quadratically)' },
  NET4907: { title: 'too many errors', message: (a) => `and ${count(a.count)} more ${a.code} error${a.count === 1 ? '' : 's'} (${count(a.limit)} are shown)`, hint: () => 'the same mistake probably repeats; fix the first ones and check again' },
  NET4908: { title: 'too many tokens', message: (a) => `file has more than ${count(a.limit)} tokens`, hint: () => 'split it into files joined with import; a generated file may repeat far more than intended' },
} satisfies Record<string, MessageSpec>;

export type DiagnosticCode = keyof typeof messages;
