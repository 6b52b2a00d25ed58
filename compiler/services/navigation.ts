// Go to definition, find references and the node under a position: questions over the binder's occurrences
// (symbols.ts), across the files of the universe (the open files and the host's listFiles).
import { type Occurrence, keyParts, occurrenceAt } from './occurrences.js';
import type { NodeAtInfo, SourceRange } from './types.js';

/** The files a search may look at, and each one's occurrences (undefined: unreadable, or it has syntax errors). */
export interface Universe {
  files(): string[];
  text(path: string): string | undefined;
  occurrences(path: string): Occurrence[] | undefined;
}

const range = (file: string, o: Occurrence): SourceRange => ({ file, from: o.from, to: o.to });

export function definition(u: Universe, path: string, offset: number): SourceRange[] {
  const at = occurrenceAt(u.occurrences(path) ?? [], offset);
  if (!at?.key) return [];
  const { kind, file } = keyParts(at.key);
  if (kind === 'file') return u.text(file!) === undefined ? [] : [{ file: file!, from: 0, to: 0 }];
  if (!file) return []; // a layer, a function, a field: built in, no source
  return (u.occurrences(file) ?? []).filter((o) => o.key === at.key && o.declaration).map((o) => range(file, o));
}

/** Every place that means what `offset` means; a `let`'s are in its own file, anything else in any file. */
export function references(u: Universe, path: string, offset: number, includeDeclaration: boolean): SourceRange[] {
  const at = occurrenceAt(u.occurrences(path) ?? [], offset);
  if (!at?.key) return [];
  return occurrencesOf(u, path, at.key).filter(({ o }) => includeDeclaration || !o.declaration).map(({ file, o }) => range(file, o));
}

/** The occurrences of `key` in every file that may hold one, by file then offset. */
export function occurrencesOf(u: Universe, path: string, key: string): { file: string; o: Occurrence }[] {
  const { kind, file } = keyParts(key);
  const files = kind === 'let' ? [file!] : [...new Set([path, ...(file ? [file] : []), ...u.files()])];
  return files.flatMap((f) => (u.occurrences(f) ?? []).filter((o) => o.key === key).map((o) => ({ file: f, o })));
}

export function nodeAt(u: Universe, path: string, offset: number): NodeAtInfo | undefined {
  const at = occurrenceAt(u.occurrences(path) ?? [], offset);
  if (!at) return undefined;
  const kind: NodeAtInfo['kind'] = at.kind === 'block' && !at.declaration ? 'blockCall' : at.kind === 'directive' ? 'keyword' : at.kind;
  return { kind, name: at.name, from: at.from, to: at.to, declaration: at.declaration, resolved: at.key !== undefined };
}
