// What the binder (symbols.ts) gives: each name written in a file, its kind and a key; equal keys, the same thing.

import type { Definition } from '../../grammar/ast.js';

export type OccurrenceKind =
  | 'network'
  | 'block'
  | 'layer'
  | 'parameter'
  | 'let'
  | 'label'
  | 'import'
  /** An argument name: a layer's attribute (`kernel:`), a block's parameter, a directive's option. */
  | 'argument'
  /** `in.channels`'s `channels`. */
  | 'field'
  /** A built-in function of expressions (`max`, `round`). */
  | 'function'
  /** `freeze`, `train`, `new`: words, not keywords, that start a directive. */
  | 'directive';

/** One name as written: `from..to` in its file; `key` names the thing it means (equal keys, the same thing). */
export interface Occurrence {
  from: number;
  to: number;
  name: string;
  kind: OccurrenceKind;
  /** Absent where the name resolves to nothing (an unknown block, a template label, a `*` pattern). */
  key?: string;
  declaration: boolean;
  /** A block call or argument: where the callee is defined (a named argument's parameter is its). */
  callee?: Definition;
  /** The definition the name is written in. */
  inside?: Definition;
}

/** Joins a key's parts (no name or path holds it). */
export const sep = '\u0000';
export const definitionKey = (file: string, name: string) => `def${sep}${file}${sep}${name}`;
export const parameterKey = (def: Definition, name: string) => `param${sep}${def.file}${sep}${def.name}${sep}${name}`;
export const fileKey = (file: string) => `file${sep}${file}`;
/** The kind of a key and, for things defined in source (definitions, parameters, lets, labels), the file that defines them. */
export function keyParts(key: string): { kind: string; file?: string; name: string } {
  const parts = key.split(sep);
  const inSource = ['def', 'param', 'let', 'label', 'file'].includes(parts[0]);
  return { kind: parts[0], file: inSource ? parts[1] : undefined, name: parts[parts.length - 1] };
}

/** The occurrence whose name holds `offset` (its end included, as an editor's cursor just after a word). */
export function occurrenceAt(occurrences: Occurrence[], offset: number): Occurrence | undefined {
  return occurrences.find((o) => o.from <= offset && offset < o.to) ?? occurrences.find((o) => o.to === offset);
}
