// Seeded fuzz inputs for the compiler: mutants of the seed networks and the hostile families of issue #12.
// Pure (no node:*): the bench and test/compiler/property.test.ts build the same list from the same seed.

export interface FuzzCase {
  /** `family/variant`, e.g. `chain/plus-20000` or `mutant/resnet18.net#17`. */
  name: string;
  /** Builds the text: lazily, so a process that runs one case never holds the other 4 MiB ones. */
  make(): string;
  /** Which entry point to call: compile() (default) or tokenize(). */
  entry?: 'compile' | 'tokenize';
  /** Hostile cases run in a process of their own in the bench, so their peak memory is theirs alone. */
  heavy?: boolean;
}

/** mulberry32: a small seeded PRNG (hand-written: 6 lines, and the same sequence wherever it runs). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const vocabulary = [
  'network', 'block', 'import', 'input', 'let', 'repeat', 'in', 'if', 'then', 'else', 'concat', 'branch', 'residual', 'shortcut', 'scale',
  'extends', 'freeze', 'train', 'new', 'conv', 'dense', 'relu', 'flatten', 'maxpool', 'batchnorm', 'kernel:', 'stride:', 'pad:', 'in.channels',
  '{', '}', '(', ')', '[', ']', ',', ';', ':', '=', '..', '.', '+', '-', '*', '/', '//', '%', '==', '!=', '<', 'and', 'or', 'not',
  '0', '1', '3', '64', '1e9', '1e999', '0.5', '"x.net"', '"', '#', '\n', '\r', '\r\n', ' ', '\t', 'ü', '🎉', '\ud800', '@', '\\',
  'max(', 'min(', 'round(', 'layer{i}:', 'b{', '}_{', '[0]', '[1, 2] + [3]', 'if x then 1 else 2',
];

/** `n` mutants of the seed sources: deletions, insertions, duplicated slices, swapped slices, cut files. */
export function mutants(seeds: { name: string; source: string }[], n: number, seed: number): FuzzCase[] {
  const random = prng(seed);
  const int = (k: number) => Math.floor(random() * k);
  const out: FuzzCase[] = [];
  for (let i = 0; i < n; i++) {
    const from = seeds[int(seeds.length)];
    let s = from.source;
    const edits = 1 + int(6);
    for (let e = 0; e < edits; e++) {
      const at = int(s.length + 1);
      const length = int(16);
      switch (int(5)) {
        case 0: s = s.slice(0, at) + s.slice(at + length); break;
        case 1: s = s.slice(0, at) + vocabulary[int(vocabulary.length)] + s.slice(at); break;
        case 2: s = s.slice(0, at) + s.slice(at, at + length * 8).repeat(1 + int(4)) + s.slice(at); break;
        case 3: { const b = int(s.length + 1); s = s.slice(0, Math.min(at, b)) + s.slice(Math.max(at, b), Math.max(at, b) + length) + s.slice(Math.min(at, b)); break; }
        default: s = s.slice(0, at);
      }
    }
    const text = s;
    out.push({ name: `mutant/${from.name}#${i}`, make: () => text });
  }
  return out;
}

const net = (body: string, lets = '') => `network N {\n${lets}  input [1, 8, 8]\n${body}\n  flatten\n  dense(10)\n}\n`;

/** Random text: printable ASCII, punctuation, Unicode, lone surrogates, control characters. */
function randomText(random: () => number, length: number): string {
  const pieces = ['a', 'z', '0', '9', ' ', '\n', '\r', '{', '}', '(', ')', '[', ']', '"', '#', ';', ',', '.', '+', 'ü', '🎉', '\ud800', '\udc00', '\u0000', '\u2028', '\ufeff'];
  let s = '';
  while (s.length < length) s += random() < 0.5 ? pieces[Math.floor(random() * pieces.length)] : String.fromCharCode(Math.floor(random() * 0x3000));
  return s;
}

/**
 * The hostile families, each at sizes up to the file limit (4 MiB). `scale` < 1 shrinks the sizes for the
 * test suite while keeping every case past the limit it probes.
 */
export function hostileCases(seed: number, scale = 1): FuzzCase[] {
  const n = (k: number) => Math.max(1, Math.round(k * scale));
  const cases: FuzzCase[] = [];
  const add = (name: string, make: () => string, entry?: FuzzCase['entry']) => cases.push({ name, make, heavy: true, ...(entry ? { entry } : {}) });

  for (const k of [10, 16, 24, 30]) {
    let lets = '  let a0 = [1, 2, 3, 4, 5, 6, 7, 8]\n';
    for (let i = 1; i <= k; i++) lets += `  let a${i} = a${i - 1} + a${i - 1}\n`;
    add(`doubling/${k}`, () => net(`  conv(a${k}[0], kernel: 1)`, lets));
  }
  const sixteen = `[${Array.from({ length: 16 }, (_, i) => i + 1).join(', ')}]`;
  add('doubling/repeat', () => net('  repeat i in 0..90000 {\n    let b = a + a + a + a + a + a + a + a\n    relu\n  }', `  let a = ${sixteen}\n`));
  for (const k of [n(10_000), n(100_000), 1_000_000]) add(`literal/${k}`, () => net('  relu', `  let a = [${Array(k).fill('1').join(', ')}]\n`));
  add('literal/args', () => net(`  conv(${Array(n(200_000)).fill('1').join(', ')})`));

  const chains: [string, (k: number) => string][] = [
    ['plus', (k) => Array(k).fill('1').join(' + ')],
    ['plus-lines', (k) => Array(k).fill('1').join(' +\n')],
    ['not', (k) => 'not '.repeat(k) + 'true'],
    ['not-lines', (k) => 'not\n'.repeat(k) + 'true'],
    ['minus', (k) => '- '.repeat(k) + '1'],
    ['index', (k) => '[0]' + '[0]'.repeat(k)],
    ['member', (k) => 'in' + '.channels'.repeat(k)],
    ['conditional', (k) => 'if true then 1 else '.repeat(k) + '2'],
    ['comparison', (k) => Array(k).fill('1').join(' < ')],
    ['and-or', (k) => Array(k).fill('true').join(' and true or ')],
    ['call', (k) => 'max('.repeat(k) + '1' + ')'.repeat(k)],
    ['parens', (k) => '('.repeat(k) + '1' + ')'.repeat(k)],
  ];
  for (const [name, chain] of chains) for (const k of [n(5_000), n(20_000)]) add(`chain/${name}-${k}`, () => net('  relu', `  let a = ${chain(k)}\n`));
  for (const k of [n(5_000), n(50_000)]) add(`chain/else-if-${k}`, () => net('  if false { relu }' + ' else if false { relu }'.repeat(k)));
  for (const k of [n(10_000), n(100_000)]) add(`brackets/${k}`, () => net('  ' + '{'.repeat(k) + '}'.repeat(k)));
  add('brackets/unclosed', () => net('  conv(' + '['.repeat(n(100_000))));

  add('line/relu-66000', () => net('  ' + 'relu;'.repeat(66_000)));
  add('line/relu-66000-error', () => net('  ' + 'relu;'.repeat(66_000) + ' foo;' + 'relu;'.repeat(100)));
  add('line/tokenize-400KB', () => 'relu; '.repeat(68_000), 'tokenize');
  add('line/unicode', () => net('  ' + 'relu; # ü🎉\n  '.repeat(n(20_000)) + 'foo'));
  add('strings/unterminated-40000', () => '"\n'.repeat(40_000));
  add('strings/unterminated-tokenize', () => '"\n'.repeat(40_000), 'tokenize');
  add('errors/bad-chars', () => '@'.repeat(n(1_000_000)));
  add('errors/unknown-layers', () => net('  foo\n'.repeat(n(50_000))));
  add('errors/tokens-4MiB', () => ';'.repeat(4 * 1024 * 1024 - 64));
  add('errors/tokens-4MiB-tokenize', () => ';'.repeat(4 * 1024 * 1024 - 64), 'tokenize');
  add('errors/too-large', () => ' '.repeat(4 * 1024 * 1024 + 1));
  add('numbers/huge', () => net('  dense(1e999)'));
  add('numbers/digits', () => net(`  dense(${'9'.repeat(n(1_000_000))})`));
  add('names/long', () => net(`  ${'x'.repeat(n(1_000_000))}`));
  add('definitions/many', () => Array.from({ length: n(50_000) }, (_, i) => `block b${i} { relu }`).join('\n') + '\n' + net('  b1'));
  add('repeat/nested', () => net('  repeat 1000 { repeat 1000 { repeat 1000 { relu } } }'));
  add('repeat/wide', () => net('  repeat 1000000 { relu }'));
  add('cr/only', () => net('  relu\r  foo\r').replace(/\n/g, '\r'));
  add('cr/crlf', () => net('  relu\n  foo\n').replace(/\n/g, '\r\n'));
  add('cr/mixed-eof', () => 'network N {\r\n  input [1]\r  dense(1\n');
  add('eof/open-paren', () => 'network N { input [1] dense(');
  add('eof/open-string', () => 'network N { input [1] dense("');
  for (let i = 0; i < 4; i++) add(`random/${i}`, () => randomText(prng(seed + i), n([1_000, 100_000, 1_000_000, 4_000_000][i])));
  return cases;
}
