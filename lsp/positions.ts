// LSP positions (0-based line, UTF-16 character) ↔ the services' UTF-16 offsets. TextDocument does the line
// arithmetic the way the protocol defines it (\n, \r\n and \r end lines; a position past a line's end clamps to it).
import { ResponseError, ErrorCodes, type Position, type Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** The position maths of one text. */
export interface Positions {
  offsetAt(position: Position): number;
  positionAt(offset: number): Position;
}

export function positionsOf(text: string): Positions {
  return TextDocument.create('netc:text', 'net', 0, text);
}

export const rangeOf = (p: Positions, from: number, to: number): Range => ({ start: p.positionAt(from), end: p.positionAt(to) });

/** A request's position, checked: a malformed one (not two non-negative integers) is the client's error. */
export function checkedPosition(position: unknown, what = 'position'): Position {
  const p = position as Position | undefined;
  if (!p || typeof p !== 'object' || !isIndex(p.line) || !isIndex(p.character)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `${what} must be { line, character } with non-negative integers, got ${JSON.stringify(position)?.slice(0, 100)}`);
  }
  return p;
}

export function checkedRange(range: unknown): Range {
  const r = range as Range | undefined;
  if (!r || typeof r !== 'object') throw new ResponseError(ErrorCodes.InvalidParams, `range must be { start, end }, got ${JSON.stringify(range)?.slice(0, 100)}`);
  return { start: checkedPosition(r.start, 'range.start'), end: checkedPosition(r.end, 'range.end') };
}

const isIndex = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 2 ** 31 - 1;
