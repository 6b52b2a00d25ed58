// Generates model.py: one readable nn.Module for a network, nested so that state_dict() keys are netc's IR
// parameter names, with a forward pass that walks the IR's nodes in order on NCHW input.
import type { Ir, IrNode } from '../../../compiler/ir.js';
import { pytorchLayers, py, type LayerContext } from './module_code.js';
import { layerHelpers, safetensorsHelpers } from './python_helpers.js';
import { DataError } from '../../errors.js';

/**
 * Public attributes of nn.ModuleDict in torch 1.13 (`dir(nn.ModuleDict())`, which includes nn.Module's): a child so
 * named is registered and read through `_modules[...]`, so it neither fails add_module's check nor replaces
 * a method or the `training` flag.
 */
const RESERVED = new Set([
  'T_destination', 'add_module', 'apply', 'bfloat16', 'buffers', 'children', 'clear', 'cpu', 'cuda',
  'double', 'dump_patches', 'eval', 'extra_repr', 'float', 'forward', 'get_buffer', 'get_extra_state',
  'get_parameter', 'get_submodule', 'half', 'ipu', 'items', 'keys', 'load_state_dict', 'modules',
  'named_buffers', 'named_children', 'named_modules', 'named_parameters', 'parameters', 'pop',
  'register_backward_hook', 'register_buffer', 'register_forward_hook', 'register_forward_pre_hook',
  'register_full_backward_hook', 'register_load_state_dict_post_hook', 'register_module',
  'register_parameter', 'requires_grad_', 'set_extra_state', 'share_memory', 'state_dict', 'to', 'to_empty',
  'train', 'training', 'type', 'update', 'values', 'xpu', 'zero_grad', 'call_super_init',
]);
const KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'x', 'self', 'torch', 'nn', 'F']);
const attributeName = (s: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && !RESERVED.has(s) && !KEYWORDS.has(s);

/**
 * `self.features["0"]["conv1"]`: the root's children as attributes, deeper levels (ModuleDicts) by key; a
 * reserved name (a Module attribute, or not an identifier at the root) through `_modules[...]`. The same
 * text reads and assigns: nn.Module's __setattr__, ModuleDict's __setitem__ and the `_modules` dict all register.
 */
function modulePath(path: string): string {
  const [first, ...rest] = path.split('.');
  const head = attributeName(first) ? `self.${first}` : `self._modules[${JSON.stringify(first)}]`;
  return head + rest.map((s) => (RESERVED.has(s) || s.startsWith('_') ? `._modules[${JSON.stringify(s)}]` : `[${JSON.stringify(s)}]`)).join('');
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
    // Module.train() assigns `self.training` on every module, which a child of that name would block.
    if (parts.includes('training')) throw new DataError(`${ir.file}: '${node.name}' cannot be a PyTorch module path: 'training' is nn.Module's train/eval flag; rename that label`);
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('.');
      if (containers.has(prefix)) continue;
      containers.add(prefix);
      lines.push(`${modulePath(prefix)} = nn.ModuleDict()`);
    }
    if (containers.has(node.name)) throw new Error(`layer '${node.name}' is also a scope of other layers`);
    const ctor = code.module(context(ir, node, shapes, vars));
    lines.push(`${modulePath(node.name)} = ${ctor}  # ${where(node)}`);
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
