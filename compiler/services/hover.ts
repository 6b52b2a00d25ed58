// Hover: what a layer call, block call, argument or definition name under the cursor becomes in the checked IR.
import type { CallStmt, Definition } from '../../grammar/ast.js';
import type { Ir, IrNode } from '../ir.js';
import { layerRegistry } from '../ops/registry.js';
import { type Analysis, type BlockRun, type Workspace, findDefinition, learnable } from './analysis.js';
import { nameHover } from './hover_names.js';
import { type LineMap, nodeAt } from './position.js';
import { attrDetail, count, definitionSignature, docComment, layerSignature, shapeText, valueText } from './signature.js';
import type { HoverInfo } from './types.js';

/** The analyses whose IR may hold this file's layers: its own, then open files that import it. */
export interface HoverContext {
  path: string;
  lines: LineMap;
  own: Analysis;
  /** Open files that import this one (compiled only when the file's own networks never reach a place). */
  importers: () => Analysis[];
  ws: Workspace;
}

/** Call sites listed one by one in a hover; the rest are counted. */
const maxListed = 12;

export function hover(ctx: HoverContext, offset: number): HoverInfo | undefined {
  const ast = ctx.ws.ast(ctx.path);
  const at = ast && nodeAt(ast, offset);
  if (!at) return ast && nameHover(ctx.ws, ctx.path, ast, ctx.own.text, offset);
  if (at.kind === 'definition') return definitionHover(ctx, at.def);
  if (at.kind === 'label') return labelHover(ctx, at.label, at.span, firstFound(ctx, (a) => a.blocksAt(ctx.path, at.span.start, ctx.lines, 'label')));
  const op = layerRegistry.get(at.call.name);
  if (at.kind === 'argument') {
    const attr = op?.attrs.find((a) => a.name === at.name);
    if (!op || !attr) return nameHover(ctx.ws, ctx.path, ast, ctx.own.text, offset); // a block's parameter, named
    return { from: at.span.start, to: at.span.end, markdown: `**${attr.name}** of \`${op.name}\`: ${attrDetail(attr)}\n\n${attr.doc}` };
  }
  if (op) return layerHover(ctx, at.call, firstFound(ctx, (a) => a.layersAt(ctx.path, at.call.nameSpan.start, ctx.lines)));
  const def = findDefinition(ctx.ws, ctx.path, at.call.name);
  if (def?.kind === 'block') return blockHover(ctx, at.call, def, firstFound(ctx, (a) => a.blocksAt(ctx.path, at.call.nameSpan.start, ctx.lines)));
  return undefined;
}

export function firstFound<T>(ctx: HoverContext, find: (a: Analysis) => T[]): T[] {
  const own = find(ctx.own);
  if (own.length > 0) return own;
  for (const analysis of ctx.importers()) {
    const found = find(analysis);
    if (found.length > 0) return found;
  }
  return [];
}

/** `[64, 24, 24] ×2, [128, 12, 12] ×2`: the distinct shapes of several runs, in order, with how often each. */
export function shapesText(shapes: number[][]): string {
  const counts = new Map<string, number>();
  for (const s of shapes) counts.set(shapeText(s), (counts.get(shapeText(s)) ?? 0) + 1);
  return [...counts].map(([s, n]) => (n > 1 ? `${s} ×${n}` : s)).join(', ');
}

const siteName = (ir: Ir, name: string, many: boolean) => (many ? `${ir.network}: ${name}` : name);

function layerHover(ctx: HoverContext, call: CallStmt, sites: { ir: Ir; node: IrNode }[]): HoverInfo {
  const op = layerRegistry.get(call.name)!;
  const span = { from: call.nameSpan.start, to: call.nameSpan.end };
  const head = `**${op.name}** — ${op.doc}`;
  if (sites.length === 0) return { ...span, markdown: `${head}\n\n\`${layerSignature(op)}\`\n\n${noShape(ctx)}` };
  const attrNames = Object.keys(sites[0].node.attrs);
  const same = attrNames.filter((k) => sites.every((s) => valueText(s.node.attrs[k]) === valueText(sites[0].node.attrs[k])));
  const differ = attrNames.filter((k) => !same.includes(k));
  const attrs = (node: IrNode, keys: string[]) => keys.map((k) => `${k}: ${valueText(node.attrs[k])}`).join(', ');
  const params = sites.reduce((s, x) => s + learnable(x.node), 0);
  const macs = sites.reduce((s, x) => s + x.node.macs, 0);
  const totals = (node: IrNode) => `${count(learnable(node))} params · ${count(node.macs)} MACs`;
  const lines = [head, '', `\`${op.name}(${attrs(sites[0].node, same)})\``, ''];
  if (sites.length === 1) lines.push(`output **${shapeText(sites[0].node.shape)}** · ${totals(sites[0].node)}`);
  else {
    const many = new Set(sites.map((s) => s.ir)).size > 1;
    lines.push(`called ${sites.length} times: ${shapesText(sites.map((s) => s.node.shape))}`, '');
    for (const s of sites.slice(0, maxListed)) {
      const extra = differ.length ? ` (${attrs(s.node, differ)})` : '';
      lines.push(`- \`${siteName(s.ir, s.node.name, many)}\`${extra}: ${shapeText(s.node.shape)} · ${totals(s.node)}`);
    }
    if (sites.length > maxListed) lines.push(`- … and ${sites.length - maxListed} more`);
    lines.push('', `in all: ${count(params)} params · ${count(macs)} MACs`);
  }
  return { ...span, markdown: lines.join('\n'), shape: sites[0].node.shape, params, macs };
}

function blockHover(ctx: HoverContext, call: CallStmt, def: Definition, runs: BlockRun[]): HoverInfo {
  const span = { from: call.nameSpan.start, to: call.nameSpan.end };
  const lines = [...definitionText(ctx, def), ''];
  if (runs.length === 0) return { ...span, markdown: [...lines, noShape(ctx)].join('\n') };
  const params = runs.reduce((s, r) => s + r.params, 0);
  const macs = runs.reduce((s, r) => s + r.macs, 0);
  if (runs.length === 1) lines.push(`output **${shapeText(runs[0].shape)}** · ${count(params)} params · ${count(macs)} MACs`);
  else {
    const many = new Set(runs.map((r) => r.ir)).size > 1;
    lines.push(`called ${runs.length} times: ${shapesText(runs.map((r) => r.shape))}`, '');
    for (const r of runs.slice(0, maxListed)) lines.push(`- \`${siteName(r.ir, r.scope.path, many)}\`: ${shapeText(r.shape)} · ${count(r.params)} params · ${count(r.macs)} MACs`);
    if (runs.length > maxListed) lines.push(`- … and ${runs.length - maxListed} more`);
    lines.push('', `in all: ${count(params)} params · ${count(macs)} MACs`);
  }
  return { ...span, markdown: lines.join('\n'), shape: runs[0].shape, params, macs };
}

function labelHover(ctx: HoverContext, label: string, span: { start: number; end: number }, runs: BlockRun[]): HoverInfo {
  const at = { from: span.start, to: span.end };
  const lines = [`label **${label}**`, ''];
  if (runs.length === 0) return { ...at, markdown: [...lines, noShape(ctx)].join('\n') };
  const params = runs.reduce((s, r) => s + r.params, 0);
  const macs = runs.reduce((s, r) => s + r.macs, 0);
  if (runs.length === 1) lines.push(`\`${runs[0].scope.path}\`: output **${shapeText(runs[0].shape)}** · ${count(params)} params · ${count(macs)} MACs`);
  else {
    lines.push(`${runs.length} runs: ${shapesText(runs.map((r) => r.shape))}`, '');
    for (const r of runs.slice(0, maxListed)) lines.push(`- \`${r.scope.path}\`: ${shapeText(r.shape)} · ${count(r.params)} params · ${count(r.macs)} MACs`);
  }
  return { ...at, markdown: lines.join('\n'), shape: runs[0].shape, params, macs };
}

function definitionHover(ctx: HoverContext, def: Definition): HoverInfo {
  const span = { from: def.nameSpan.start, to: def.nameSpan.end };
  const lines = definitionText(ctx, def);
  const ir = def.kind === 'network' ? ctx.own.irs.find((i) => i.network === def.name) : undefined;
  if (!ir) return { ...span, markdown: lines.join('\n') };
  const out = ir.nodes.find((n) => n.name === ir.output)!;
  lines.push('', `input ${shapeText(ir.input)} → output **${shapeText(out.shape)}** · ${count(ir.totalParams)} params · ${count(ir.macs)} MACs`);
  return { ...span, markdown: lines.join('\n'), shape: out.shape, params: ir.totalParams, macs: ir.macs };
}

/** The signature in a code line, then the doc comment. */
function definitionText(ctx: HoverContext, def: Definition): string[] {
  const text = ctx.ws.text(def.file);
  const doc = docComment(text, def.span.start);
  return [`\`${definitionSignature(def, text)}\``, ...(doc ? ['', doc] : [])];
}

function noShape(ctx: HoverContext): string {
  const clean = ctx.own.diagnostics.every((d) => d.severity !== 'error');
  return clean ? '_no network of this file calls it_' : '_no shape while the network has errors_';
}
