// §1 of the reliability issue: inputs that once crashed, hung or exhausted the compiler.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectError, type HostileCase } from './hostile_case.js';

const net = (body: string[]) => ['network N {', '  input [1, 28, 28]', ...body.map((l) => `  ${l}`), '  flatten', '  dense(10)', '}', ''].join('\n');

/** A case that checks one written file: `expected` judges the outcome after the shared judgement. */
function checkCase(id: string, what: string, text: () => string, expected: Parameters<typeof expectError>[1] = [0, 1], message?: RegExp, args: string[] = ['check']): HostileCase {
  return {
    id,
    section: 1,
    what,
    async check({ dir, netc }) {
      writeFileSync(join(dir, 'case.net'), text());
      return expectError(await netc([...args, 'case.net']), expected, message, 5_000, 512);
    },
  };
}

const doubling = () => net(['let a0 = [1, 2, 3, 4, 5, 6, 7, 8]', ...Array.from({ length: 24 }, (_, i) => `let a${i + 1} = a${i} + a${i}`), 'dense(max(a24))']);

export const compilerCases: HostileCase[] = [
  checkCase('list-doubling', 'a 600-byte file doubling a list 24 times', doubling, 1, /NET49\d\d/),
  checkCase('list-literal-1e6', 'a 1,000,000-element list literal', () => net([`let a = [${Array(1_000_000).fill('0').join(',')}]`, 'dense(max(a) + 1)']), [0, 1]),
  checkCase('plus-chain', '`1 + 1 + …` with 20,000 terms', () => net([`let x = ${Array(20_000).fill('1').join(' + ')}`, 'dense(x)'])),
  checkCase('not-chain', '`not not …` 5,000 times', () => net([`let x = ${'not '.repeat(5_000)}true`])),
  checkCase('minus-chain', '`- - …` 5,000 times', () => net([`let x = ${'- '.repeat(5_000)}1`])),
  checkCase('index-chain', '`[0][0]…` 5,000 indexings', () => net([`let x = [0]${'[0]'.repeat(5_000)}`])),
  checkCase('call-chain', 'a 5,000-deep nest of calls `max(max(…))`', () => net([`let x = ${'max('.repeat(5_000)}1${')'.repeat(5_000)}`]), [0, 1]),
  checkCase('long-line-relu', '66,000 `relu;` on one line (valid)', () => `network N { input [1, 28, 28]; ${'relu; '.repeat(66_000)}flatten; dense(10) }\n`, 0),
  checkCase('tokens-400k', '`compile --emit tokens` of a 400 KB one-line file', () => `network N { input [1, 28, 28]; ${'relu; '.repeat(66_000)}flatten; dense(10) }\n`, 0, undefined, ['compile', '--emit', 'tokens']),
  {
    id: 'many-quotes',
    section: 1,
    what: '40,000 lines each holding one `"` (capped diagnostics)',
    async check({ dir, netc }) {
      writeFileSync(join(dir, 'case.net'), '"\n'.repeat(40_000));
      const outcome = await netc(['check', 'case.net']);
      const bad = expectError(outcome, 1, undefined, 5_000, 512);
      if (bad) return bad;
      return outcome.stderr.length > 200_000 ? `printed ${(outcome.stderr.length / 1e6).toFixed(1)} MB of diagnostics` : undefined;
    },
  },
  {
    id: 'span-past-eof',
    section: 1,
    what: 'an unclosed call at the very end of the file: spans stay inside the file',
    async check({ dir, netc }) {
      const text = 'network N {\n  input [1, 28, 28]\n  conv(';
      writeFileSync(join(dir, 'case.net'), text);
      const outcome = await netc(['check', 'case.net', '--json']);
      const bad = expectError(outcome, 1);
      if (bad) return bad;
      const diagnostics = JSON.parse(outcome.stdout) as { span: { start: number; end: number } }[];
      const outside = diagnostics.find((d) => d.span.end > text.length || d.span.start > text.length);
      return outside ? `span ${JSON.stringify(outside.span)} in a ${text.length}-character file` : undefined;
    },
  },
  {
    id: 'cr-line-endings',
    section: 1,
    what: 'a CR-only file: the error on line 3 is reported on line 3',
    async check({ dir, netc }) {
      writeFileSync(join(dir, 'case.net'), 'network N {\r  input [1, 28, 28]\r  rleu\r  flatten\r  dense(10)\r}\r');
      const outcome = await netc(['check', 'case.net']);
      const bad = expectError(outcome, 1);
      if (bad) return bad;
      return /case\.net:3:3/.test(outcome.stderr) ? undefined : `reported at ${/case\.net:\d+:\d+/.exec(outcome.stderr)?.[0] ?? '?'}`;
    },
  },
];
