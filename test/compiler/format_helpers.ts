// What the formatter tests compare before and after formatting: tokens, comments, and IR without source positions.
import { check } from '../../compiler/compile.js';
import { netLexer } from '../../grammar/tokens.js';
import { readOrUndefined } from '../helpers/files.js';

/** Every comment of `source`, read from the gaps between its tokens, in order. */
export function commentsOf(source: string): string[] {
  const { tokens } = netLexer.tokenize(source);
  const gaps: string[] = [];
  let end = 0;
  for (const token of tokens) {
    gaps.push(source.slice(end, token.startOffset));
    end = token.startOffset + token.image.length;
  }
  gaps.push(source.slice(end));
  return gaps.flatMap((gap) => [...gap.matchAll(/#[^\r\n]*/g)].map((m) => m[0].trimEnd()));
}

export const tokensOf = (source: string): string[] => netLexer.tokenize(source).tokens.map((t) => `${t.tokenType.name}:${t.image}`);

/** Each network's IR without its source positions (which formatting moves). */
export function irsOf(source: string, file: string): unknown {
  const result = check(source, { file, readFile: readOrUndefined });
  return JSON.parse(JSON.stringify({ irs: result.irs, codes: result.diagnostics.map((d) => d.code) }, (key, value) => (key === 'source' ? undefined : value)));
}
