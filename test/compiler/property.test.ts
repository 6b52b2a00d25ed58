// Property: any source — random, or a real network mutated — compiles without throwing, within a time bound.
import test from 'ava';
import fc from 'fast-check';
import { compile, check, tokenize } from '../../compiler/compile.js';
import { hostileCases, mutants } from '../../bench/fuzz_cases.js';
import { answerProblem } from '../../bench/compiler_fuzz.js';
import { networkFiles, readText } from '../helpers/files.js';

const seeds = networkFiles().map(readText);
const vocabulary = [
  'network', 'block', 'import', 'input', 'let', 'repeat', 'in', 'if', 'else', 'concat', 'branch', 'residual', 'shortcut', 'scale',
  'conv', 'dense', 'relu', 'flatten', 'maxpool', 'batchnorm', 'kernel:', 'stride:', 'pad:', 'groups:', 'in.channels',
  '{', '}', '(', ')', '[', ']', ',', ';', ':', '=', '..', '.', '+', '-', '*', '/', '//', '%', '==', '!=', '<', 'and', 'or', 'not',
  '0', '1', '3', '64', '1e9', '0.5', '"x.net"', '#', '\n', ' ', 'N', 'b', 'x', 'ü', '🎉',
  // expressions and label templates: functions, if-then-else, `name{expr}` written without spaces
  'then', 'max', 'min(', 'round(', 'floor', 'if x then 1 else 2', 'layer{i}:', 'b{', '}_{', '}:',
];

/** Compiles and checks; fails on any exception or on an answer slower than the bound. */
function answers(source: string): boolean {
  const started = performance.now();
  const readFile = (path: string) => (path.endsWith('x.net') ? source : undefined);
  const result = compile(source, { file: 'p.net', readFile });
  check(source, { file: 'p.net', readFile });
  const elapsed = performance.now() - started;
  if (elapsed > 2000) throw new Error(`took ${elapsed.toFixed(0)} ms`);
  return Array.isArray(result.diagnostics) && (result.ir !== undefined || result.diagnostics.length > 0);
}

test('random token soup never throws and always answers (IR or diagnostics)', (t) => {
  const soup = fc.array(fc.constantFrom(...vocabulary), { maxLength: 120 }).map((ts) => ts.join(' '));
  t.notThrows(() => fc.assert(fc.property(soup, answers), { numRuns: 400, seed: 42 }));
});

test('arbitrary strings never throw', (t) => {
  t.notThrows(() => fc.assert(fc.property(fc.string({ maxLength: 300, unit: 'binary' }), answers), { numRuns: 300, seed: 7 }));
});

test('real networks with deletions, insertions and swaps never throw', (t) => {
  const mutation = fc.record({
    seed: fc.integer({ min: 0, max: seeds.length - 1 }),
    edits: fc.array(
      fc.record({ at: fc.nat(), length: fc.integer({ min: 0, max: 12 }), insert: fc.constantFrom('', ...vocabulary) }),
      { minLength: 1, maxLength: 6 },
    ),
  });
  const run = () => fc.assert(
    fc.property(mutation, ({ seed, edits }) => {
      let source = seeds[seed];
      for (const e of edits) {
        const at = e.at % (source.length + 1);
        source = source.slice(0, at) + e.insert + source.slice(at + e.length);
      }
      return answers(source);
    }),
    { numRuns: 400, seed: 3 },
  );
  t.notThrows(run);
});

/** The bench's fuzz set (bench/fuzz_cases.ts), smaller: hostile families at a tenth of their size, 300 mutants. */
test('the seeded fuzz set: no exception, every diagnostic located within its file, each case within 5 s', (t) => {
  // Full-size cases of fixed size (a 4 MiB file, 66,000 relu; on a line) are in limits.test.ts and the bench.
  const fixedSize = /^(literal\/1000000|line\/|strings\/|errors\/tokens-4MiB|errors\/too-large)/;
  const cases = [...hostileCases(12, 0.1).filter((c) => !fixedSize.test(c.name)), ...mutants(networkFiles().map((f) => ({ name: f, source: readText(f) })), 300, 12)];
  const failures: string[] = [];
  for (const c of cases) {
    const source = c.make();
    const started = performance.now();
    try {
      const result = c.entry === 'tokenize' ? tokenize(source, { file: 'f.net' }) : compile(source, { file: 'f.net', readFile: () => undefined });
      const ms = performance.now() - started;
      const problem = answerProblem(c, source, result);
      if (problem) failures.push(`${c.name}: ${problem}`);
      if (ms > 5000) failures.push(`${c.name}: ${ms.toFixed(0)} ms`);
    } catch (error) {
      failures.push(`${c.name}: ${String(error).slice(0, 100)}`);
    }
  }
  t.true(cases.length > 350);
  t.deepEqual(failures, []);
});
