// The incremental re-check's guard: after every edit of a random sequence, the service's answers (diagnostics,
// AST, every network's IR, inlay hints) equal those of a fresh service given the same text.
import { isDeepStrictEqual } from 'node:util';
import test from 'ava';
import fc from 'fast-check';
import type { IncrementalChecker } from '../../compiler/incremental/index.js';
import { LanguageService } from '../../compiler/services/index.js';
import { networkFiles, readOrUndefined, readText } from '../helpers/files.js';
import { answers, applyEdits, editArb, freshAnswers, generatedSource } from './incremental_helpers.js';

/** How often each way of parsing ran: the fast paths must have been exercised, not only the fallback. */
type Counts = Record<string, number>;

function sameAnswersAfterEachEdit(path: string, text: string, runs: number, seed: number, counts: Counts): void {
  fc.assert(
    fc.property(fc.array(editArb, { minLength: 1, maxLength: 8 }), (edits) => {
      const service = new LanguageService({ readFile: readOrUndefined });
      service.setFile(path, text);
      service.diagnostics(path);
      for (const version of applyEdits(text, edits)) {
        service.setFile(path, version);
        const got = answers(service, path);
        const checker = (service as unknown as { checkers: Map<string, IncrementalChecker> }).checkers.get(path)!;
        const kind = checker.lastParse.get(path)!;
        counts[kind] = (counts[kind] ?? 0) + 1;
        const want = freshAnswers(path, version);
        if (!isDeepStrictEqual(got, want)) throw new Error(`answers differ after an edit (parsed: ${kind}); text:\n${version}`);
      }
    }),
    { numRuns: runs, seed },
  );
}

test('every networks/*.net: random edit sequences give the answers of a fresh service', (t) => {
  const counts: Counts = {};
  for (const [i, file] of networkFiles().entries()) sameAnswersAfterEachEdit(file, readText(file), 30, 1400 + i, counts);
  t.log(counts);
  t.true(counts.statements > 200 && counts.definition > 200 && counts.between > 20 && counts.file > 200, JSON.stringify(counts));
});

test('a generated file of blocks and a long network: random edit sequences give the answers of a fresh service', (t) => {
  const counts: Counts = {};
  sameAnswersAfterEachEdit('generated.net', generatedSource(12, 40), 200, 1414, counts);
  t.log(counts);
  t.true(counts.statements > 100 && counts.definition > 100 && counts.between > 10 && counts.file > 100, JSON.stringify(counts));
});
