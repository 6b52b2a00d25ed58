// The text between two tokens holds only white space and comments (the lexer skips both): split it into them.

export interface GapParts {
  /** The comments' text, in order, trailing white space removed. */
  comments: string[];
  /** Line breaks before each comment, then after the last one (`comments.length + 1` entries). */
  breaks: number[];
}

const lineBreaks = (space: string): number => space.match(/\r\n|\r|\n/g)?.length ?? 0;

/** The same comment pattern as grammar/tokens.ts (`#` to the end of the line). */
export function gapParts(gap: string): GapParts {
  const comments: string[] = [];
  const breaks: number[] = [];
  let at = 0;
  for (const match of gap.matchAll(/#[^\n\r]*/g)) {
    breaks.push(lineBreaks(gap.slice(at, match.index)));
    comments.push(match[0].trimEnd());
    at = match.index + match[0].length;
  }
  breaks.push(lineBreaks(gap.slice(at)));
  return { comments, breaks };
}
