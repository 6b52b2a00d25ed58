// Shared by the incremental tests: random edits of a text, and the service answers they compare.
import fc from 'fast-check';
import { LanguageService } from '../../compiler/services/index.js';
import { readOrUndefined } from '../helpers/files.js';

/** One edit: at a position (a fraction of the text's length, so it fits any text), insert, delete or replace. */
export type Edit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; length: number; text: string }
  /** Back to the text before the previous edit (a typo undone: the version after a syntax error's fix). */
  | { kind: 'undo' }
  /** Edits that mostly keep the file valid, so the incremental paths (not the whole-file fallback) run: a digit
   *  replaced by another, a space after a `,` or `:`, a comment at a line's end. `nth` picks the place. */
  | { kind: 'digit'; nth: number; digit: string }
  | { kind: 'space'; nth: number }
  | { kind: 'comment'; nth: number };

/** Grammar words and characters that break and mend structure, and digits and spaces that mostly do not. */
const words = ['{', '}', '#', '"', '\n', ' ', ';', ':', ',', '(', ')', '[', ']', 'block', 'network', 'relu', 'conv(8)', 'let x = 2', 'in', 'x', '0', '1', '2', '3', '7', '9', '16'];

export const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.constantFrom(...words) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 3 }), text: fc.constantFrom(...words) }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'undo' as const }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('digit' as const), nth: fc.nat(), digit: fc.constantFrom('0', '1', '2', '3', '4', '5', '8', '9') }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('space' as const), nth: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('comment' as const), nth: fc.nat() }) },
);

/** The offsets matching `pattern` in `text`, and the `nth` of them (wrapping), or undefined if none. */
function nthMatch(text: string, pattern: RegExp, nth: number): number | undefined {
  const at = [...text.matchAll(pattern)].map((m) => m.index!);
  return at.length > 0 ? at[nth % at.length] : undefined;
}

/** The texts an edit sequence goes through, each edit applied to the one before (`undo` steps back). */
export function applyEdits(text: string, edits: Edit[]): string[] {
  const versions: string[] = [];
  let previous = text;
  let current = text;
  for (const edit of edits) {
    let next: string;
    if (edit.kind === 'undo') next = previous;
    else if (edit.kind === 'digit' || edit.kind === 'space' || edit.kind === 'comment') {
      const at = nthMatch(current, edit.kind === 'digit' ? /\d/g : edit.kind === 'space' ? /[,:]/g : /\n/g, edit.nth);
      if (at === undefined) next = current;
      else if (edit.kind === 'digit') next = current.slice(0, at) + edit.digit + current.slice(at + 1);
      else if (edit.kind === 'space') next = current.slice(0, at + 1) + ' ' + current.slice(at + 1);
      else next = current.slice(0, at) + ' # note' + current.slice(at);
    } else {
      const at = Math.min(current.length, Math.floor(edit.at * (current.length + 1)));
      const removed = edit.kind === 'insert' ? 0 : edit.length;
      next = current.slice(0, at) + (edit.kind === 'delete' ? '' : edit.text) + current.slice(at + removed);
    }
    previous = current;
    current = next;
    versions.push(current);
  }
  return versions;
}

/** Everything the service answers about a file that an incremental update could get wrong. */
export function answers(service: LanguageService, path: string) {
  const analysis = (service as unknown as { analysis(p: string): { ast?: unknown } | undefined }).analysis(path);
  const ast = analysis?.ast;
  return {
    diagnostics: service.diagnostics(path),
    ast,
    irs: service.networks(path).map((name) => service.ir(path, name)),
    // While the file has a syntax error the service shows the last good hints (carryHints), which depend on
    // the history, not only the text: compared only for versions that parse.
    hints: ast ? service.inlayHints(path) : undefined,
    // Navigation reads the AST the incremental parse moves in place: its answers must not see stale spans.
    semanticTokens: service.semanticTokens(path),
    symbols: service.documentSymbols(path),
    definitions: probeOffsets(service, path).map((offset) => service.definition(path, offset)),
    references: probeOffsets(service, path).map((offset) => service.references(path, offset, true)),
  };
}

/** Up to 12 places spread over the file's identifiers, where definition and references are asked. */
function probeOffsets(service: LanguageService, path: string): number[] {
  const names = service.semanticTokens(path).filter((t) => ['class', 'namespace', 'parameter', 'variable', 'label'].includes(t.type));
  const step = Math.max(1, Math.floor(names.length / 12));
  return names.filter((_, i) => i % step === 0).slice(0, 12).map((t) => t.from);
}

/** A fresh service given only `text` at `path` (other files from disk): the reference answers. */
export function freshAnswers(path: string, text: string, open: Record<string, string> = {}) {
  const service = new LanguageService({ readFile: readOrUndefined });
  for (const [p, t] of Object.entries(open)) service.setFile(p, t);
  service.setFile(path, text);
  return answers(service, path);
}

/** A small file in the shape of bench:compiler's generated one, with labels, repeat and concat mixed in. */
export function generatedSource(blocks: number, calls: number): string {
  const out = ['# generated for the incremental tests'];
  for (let i = 0; i < blocks; i++) {
    out.push(`block b${i}(c, k = 3) {`, `  residual { conv(c, kernel: k, pad: k // 2); batchnorm; relu }`, `  # block ${i}`, `  relu`, `}`);
  }
  out.push('block pair(c) {', '  concat { branch { conv(c, kernel: 1) }; a: conv(c, kernel: 3, pad: 1) }', '  conv(c, kernel: 1)', '}');
  out.push('network Big(classes = 10) {', '  input [16, 8, 8]', '  let width = 16');
  for (let i = 0; i < calls; i++) {
    if (i % 7 === 3) out.push(`  s${i}: b${i % blocks}(width)`);
    else if (i % 11 === 5) out.push(`  repeat 2 { b${i % blocks}(16, k: 1) }`);
    else if (i % 13 === 6) out.push(`  pair(16); b${i % blocks}(16)`);
    else out.push(`  b${i % blocks}(16)`);
  }
  out.push('  flatten', '  dense(classes)', '}');
  return out.join('\n');
}
