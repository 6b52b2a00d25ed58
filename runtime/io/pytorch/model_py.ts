// Generates model.py: one readable nn.Module for a network, nested so that state_dict() keys are netc's IR
// parameter names, with a forward pass that walks the IR's nodes in order on NCHW input.
import type { Ir, IrNode } from '../../../compiler/ir.js';
import { pytorchLayers, py, type LayerContext } from './module_code.js';
import { layerHelpers, safetensorsHelpers } from './python_helpers.js';

/** Names nn.Module (and ModuleDict) already uses: a child so named goes through add_module / indexing. */
const RESERVED = new Set(['training', 'forward', 'train', 'eval', 'parameters', 'buffers', 'modules', 'children', 'apply', 'cuda', 'cpu', 'to', 'type', 'float', 'double', 'half', 'state_dict', 'load_state_dict', 'zero_grad', 'register_buffer', 'register_parameter', 'add_module', 'named_modules', 'named_parameters', 'named_buffers', 'named_children', 'extra_repr', 'requires_grad_', 'share_memory', 'dump_patches', 'T_destination', 'call_super_init', 'keys', 'values', 'items', 'update', 'pop', 'clear']);
const KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'x', 'self', 'torch', 'nn', 'F']);
const attributeName = (s: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && !RESERVED.has(s) && !KEYWORDS.has(s);

/** `self.features['0']['conv1']`: the root's children as attributes, deeper levels (ModuleDicts) by key. */
function modulePath(path: string): string {
  const [first, ...rest] = path.split('.');
  const head = attributeName(first) ? `self.${first}` : `self._modules[${JSON.stringify(first)}]`;
  return head + rest.map((s) => `[${JSON.stringify(s)}]`).join('');
}

/** Unique Python variable names from node names (`stage2.0.conv1` → `stage2_0_conv1`). */
function variableNames(ir: Ir): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const node of ir.nodes) {
    let v = node.name.replace(/[^A-Za-z0-9_]/g, '_');
    if (/^[0-9]/.test(v) || KEYWORDS.has(v) || RESERVED.has(v)) v = `v_${v}`;
    let unique = v;
    for (let i = 2; used.has(unique); i++) unique = `${v}_${i}`;
    used.add(unique);
    names.set(node.name, unique);
  }
  return names;
}

/** A Python class name from the network's name. */
export const className = (ir: Ir): string => (attributeName(ir.network) ? ir.network : `Net_${ir.network.replace(/[^A-Za-z0-9_]/g, '_')}`);

function context(ir: Ir, node: IrNode, shapes: Map<string, number[]>, vars: Map<string, string>): LayerContext {
  const inputs = node.op === 'input' ? ['x'] : node.inputs.map((n) => vars.get(n)!);
  const inShapes = node.op === 'input' ? [ir.input] : node.inputs.map((n) => shapes.get(n)!);
  return { node, inShapes, inputs, module: modulePath(node.name) };
}

const where = (node: IrNode): string => `${node.source.file.split('/').pop()}:${node.source.line}`;

/** __init__'s body: containers for every path prefix, then each layer's module. */
function initBody(ir: Ir, shapes: Map<string, number[]>, vars: Map<string, string>): string[] {
  const lines: string[] = [];
  const containers = new Set<string>();
  for (const node of ir.nodes) {
    if (node.params.length === 0) continue;
    const code = pytorchLayers[node.op];
    if (!code?.module) throw new Error(`op '${node.op}' has parameters but no PyTorch module (runtime/io/pytorch/module_code.ts)`);
    const parts = node.name.split('.');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('.');
      if (containers.has(prefix)) continue;
      containers.add(prefix);
      lines.push(i === 1 && !attributeName(parts[0]) ? `self.add_module(${JSON.stringify(parts[0])}, nn.ModuleDict())` : `${modulePath(prefix)} = nn.ModuleDict()`);
    }
    if (containers.has(node.name)) throw new Error(`layer '${node.name}' is also a scope of other layers`);
    const ctor = code.module(context(ir, node, shapes, vars));
    lines.push(parts.length === 1 && !attributeName(parts[0]) ? `self.add_module(${JSON.stringify(node.name)}, ${ctor})  # ${where(node)}` : `${modulePath(node.name)} = ${ctor}  # ${where(node)}`);
  }
  return lines;
}

/** forward's body: one assignment per node, in the IR's order, a comment on each scope change. */
function forwardBody(ir: Ir, shapes: Map<string, number[]>, vars: Map<string, string>): string[] {
  const lines: string[] = [];
  const scopes = new Map(ir.scopes.map((s) => [s.path, s]));
  let scope = '';
  for (const node of ir.nodes) {
    const code = pytorchLayers[node.op];
    if (!code) throw new Error(`op '${node.op}' has no PyTorch mapping (runtime/io/pytorch/module_code.ts)`);
    if (node.scope !== scope) {
      scope = node.scope;
      const s = scopes.get(scope);
      if (s) lines.push(`# ${scope}: ${s.kind} ${s.name} (${s.source.file.split('/').pop()}:${s.source.line})`);
    }
    const shape = `[${['N', ...node.shape].join(', ')}]`;
    lines.push(`${vars.get(node.name)} = ${code.forward(context(ir, node, shapes, vars))}  # ${node.op} ${shape}, ${where(node)}`);
  }
  lines.push(`return ${vars.get(ir.output)}`);
  return lines;
}

export interface ModulePyOptions {
  netcVersion: string;
}

/** The text of model.py for `ir`. */
export function modelPy(ir: Ir, { netcVersion }: ModulePyOptions): string {
  const shapes = new Map(ir.nodes.map((n) => [n.name, n.shape]));
  const vars = variableNames(ir);
  const name = className(ir);
  const helpers = [...new Set(ir.nodes.flatMap((n) => pytorchLayers[n.op]?.helpers ?? []))].sort().map((h) => layerHelpers[h]);
  const args = Object.entries(ir.args);
  const indent = (lines: string[], n: number) => lines.map((l) => ' '.repeat(n) + l).join('\n');
  const signature = args.map(([k, v]) => `, ${k}=${py(v)}`).join('');
  const check = args.length === 0 ? [] : [
    `given = {${args.map(([k]) => `${JSON.stringify(k)}: ${k}`).join(', ')}}`,
    `for key, value in given.items():`,
    `    if value != EXPORTED_ARGS[key]:`,
    `        raise ValueError(f"${name} was exported with {key}={EXPORTED_ARGS[key]!r}; this graph is specialized to it. "`,
    `                         f"Re-export with: netc export ${ir.file} --set {key}={json.dumps(value)} --format pytorch")`,
  ];
  const inputShape = `[N, ${ir.input.join(', ')}]`;
  return `# ${name} from ${ir.file}, generated by netc ${netcVersion} (netc export --format pytorch). Do not edit: re-export.
#
# Input: ${ir.input.length === 3 ? 'NCHW' : 'flat features'} ${inputShape}; output: [N, ${ir.nodes.find((n) => n.name === ir.output)!.shape.join(', ')}].
# state_dict() keys are netc's parameter names (BatchNorm adds its own num_batches_tracked counters).
# Load the weights netc exported (strict: every name must match):
#     from model import ${name}, load_weights
#     net = load_weights(${name}(), "model.safetensors").eval()
# load_safetensors() uses the safetensors package where installed, else the small reader below.
# \`python model.py [model.safetensors]\` loads the weights and runs one forward pass.
import json
import os
import struct
import sys

import torch
from torch import nn
import torch.nn.functional as F

EXPORTED_ARGS = {${args.map(([k, v]) => `${JSON.stringify(k)}: ${py(v)}`).join(', ')}}
INPUT_SHAPE = (${ir.input.join(', ')}${ir.input.length === 1 ? ',' : ''})

${safetensorsHelpers}


def load_weights(model, path):
    """Loads netc's weights into model (strict=True) and returns it."""
    model.load_state_dict(load_safetensors(path), strict=True)
    return model
${helpers.map((h) => `\n\n${h}`).join('')}


class ${name}(nn.Module):
    """${ir.network} (${ir.file}): ${ir.totalParams.toLocaleString('en-US')} parameters."""

    def __init__(self${signature}):
        super().__init__()
${indent(check, 8)}${check.length ? '\n' : ''}${indent(initBody(ir, shapes, vars), 8)}

    def forward(self, x):
${indent(forwardBody(ir, shapes, vars), 8)}


if __name__ == "__main__":
    weights = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "model.safetensors")
    net = load_weights(${name}(), weights).eval()
    with torch.no_grad():
        out = net(torch.rand(2, *INPUT_SHAPE))
    print(f"${name}: loaded {weights}; output {tuple(out.shape)}")
`;
}
