// The layer table of docs/language.md, generated from the registry (scripts/language_doc.ts writes it; a
// test keeps it current): one row per layer with its signature, what it computes, shape and parameters.
import type { AttrSpec, AttrValue, OpSpec } from './op_spec.js';
import { layerRegistry } from './registry.js';

/** Where the generated table sits in docs/language.md. */
export const layerTableMarkers = ['<!-- layer table: generated from compiler/ops/registry.ts by scripts/language_doc.ts -->', '<!-- end of layer table -->'] as const;

function formatDefault(spec: AttrSpec): string {
  if (typeof spec.default === 'function') return spec.name === 'stride' ? 'kernel' : 'derived';
  const value = spec.default as AttrValue;
  if (spec.type === 'choice') return `"${String(value)}"`;
  if (typeof value === 'number' && value !== 0 && Math.abs(value) < 1e-3) return value.toExponential().replace('e-', 'e-');
  return Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
}

/** `conv(channels, kernel, stride: 1, …)`: positional arguments by name, then the others with their defaults. */
export function layerSignature(op: OpSpec): string {
  if (op.attrs.length === 0) return op.name;
  const parts = op.attrs.map((a, i) => (a.default === undefined ? (i < op.positional ? a.name : `${a.name}: …`) : `${a.name}: ${formatDefault(a)}`));
  return `${op.name}(${parts.join(', ')})`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function layerTableMarkdown(registry: ReadonlyMap<string, OpSpec> = layerRegistry): string {
  const rows = [...registry.values()].map((op) => `| \`${cell(layerSignature(op))}\` | ${cell(op.docRow.what)} | ${cell(op.docRow.shape)} | ${cell(op.docRow.params)} |`);
  return ['| layer | what it computes | shape | parameters |', '|---|---|---|---|', ...rows].join('\n');
}

/** docs/language.md with its layer table replaced by the registry's. */
export function withLayerTable(doc: string): string {
  const [open, close] = layerTableMarkers;
  const start = doc.indexOf(open);
  const end = doc.indexOf(close);
  if (start < 0 || end < start) throw new Error(`docs/language.md lacks the layer table markers ${open} … ${close}`);
  return `${doc.slice(0, start + open.length)}\n${layerTableMarkdown()}\n${doc.slice(end)}`;
}
