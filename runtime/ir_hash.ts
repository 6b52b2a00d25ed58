// A stable fingerprint of a network's structure: checkpoints refuse to load into a different network.
import { sha256Hex } from './sha256.js';
import type { Ir } from '../compiler/ir.js';

export function irHash(ir: Ir): string {
  const structure = ir.nodes.map((n) => [n.name, n.op, n.inputs, n.attrs, n.shape, n.params.map((p) => [p.name, p.shape])]);
  return sha256Hex(JSON.stringify([ir.input, structure])).slice(0, 16);
}
