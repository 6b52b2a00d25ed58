// Stage 5's memo of block calls (filled by an incremental re-check, compiler/incremental/): what one call of a
// block added to the IR, and the key of everything that call depended on, so a later version can reuse it.
import type { Definition } from '../grammar/ast.js';
import { calledNames } from './called_names.js';
import type { DiagnosticBag } from './diagnostics.js';
import type { IrNode, IrScope } from './ir.js';
import type { Shape } from './ops/op_spec.js';
import type { Value } from './values.js';

/** What one block call's body added: its nodes and scopes in order, the steps and list items it used, its output. */
export interface CallRecord {
  nodes: IrNode[];
  scopes: IrScope[];
  steps: number;
  listItems: number;
  out: { node: string; shape: Shape };
}

/** Records by the call's scope path (short, so quick to look up), then by its key among that path's few. */
export interface CallMemo {
  /** A short, stable name for a definition's (long) key, so call keys stay short. */
  definitionId(definitionKey: string): string;
  get(path: string, key: string): CallRecord | undefined;
  set(path: string, key: string, record: CallRecord): void;
}

/**
 * A block body's expansion depends on: the block's text and where it starts (IR sources are line:column), the
 * blocks it calls (the same, transitively), its parameters' values, the input (node and shape), the scope
 * path its names get (the memo's first key) and the call depth. Nothing else reaches inside a block: it sees no network `let`s, and a
 * call that reported anything is never recorded.
 */
export function callKey(defKey: string, depth: number, input: { node: string; shape: Shape }, params: Value[]): string {
  return `${defKey}\u0000${depth}\u0000${input.node}\u0000${input.shape.join(',')}\u0000${params.map(valueKey).join('\u0001')}`;
}

/** A value's key: -0 and NaN kept apart from 0 and null (JSON would merge them). */
function valueKey(v: Value): string {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(valueKey).join(',')}]`;
  return `in[${v.dims.join(',')}]`;
}

/** The key of a definition: file, start line:column, text, then the keys of the blocks it calls. */
export function definitionKey(def: Definition, defs: Map<string, Definition>, bag: DiagnosticBag, cache: Map<Definition, string>): string {
  const known = cache.get(def);
  if (known !== undefined) return known;
  const { line, column } = bag.position(def.file, def.span.start);
  const text = bag.sourceText(def.file)?.slice(def.span.start, def.span.end) ?? '';
  let key = `${def.file}\u0000${line}:${column}\u0000${text}`;
  cache.set(def, key); // resolve refuses recursion, so a cycle never reaches here; this only bounds a bug
  for (const name of [...calledNames(def.body)].sort()) {
    const callee = defs.get(name);
    if (callee) key += `\u0002${name}\u0003${definitionKey(callee, defs, bag, cache)}`;
  }
  cache.set(def, key);
  return key;
}
