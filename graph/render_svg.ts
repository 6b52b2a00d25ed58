// LaidOutGraph → one standalone SVG: group boxes with headers, coloured layer boxes, arrows with shape labels,
// and the data-* attributes the playground's click handling reads (contract 2 in the issue's plan).
import type { GraphGroup, GraphNode } from './net_graph.js';
import { groupHeader, type Box, type LaidOutGraph } from './layout.js';
import { metrics } from './metrics.js';
import { groupStyle, swatchOf } from './palette.js';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (c) => escapes[c]);

const n = (x: number) => (Math.round(x * 10) / 10).toString();
const attrs = (values: Record<string, string | number | undefined>) =>
  Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
const titleTop = 30;

const source = (s: { file: string; line: number; column: number }) => ({ 'data-file': s.file, 'data-line': s.line, 'data-column': s.column });

function nodeTooltip(node: GraphNode): string {
  const shape = `[${node.shape.join(', ')}]`;
  const what = node.kind === 'group' ? `${node.layers} layers` : node.op;
  return `${node.id} — ${what}, output ${shape}, ${node.params.toLocaleString('en-US')} params, ${node.macs.toLocaleString('en-US')} MACs (${node.source.file}:${node.source.line})`;
}

function renderNode(node: GraphNode, box: Box): string {
  const swatch = swatchOf(node.family, node.op);
  const cx = box.width / 2;
  const group = node.kind === 'group';
  return [
    `<g class="netc-node"${attrs({ 'data-node': node.id, 'data-kind': node.kind, 'data-op': node.op, ...source(node.source) })} transform="translate(${n(box.x)},${n(box.y)})">`,
    `<title>${escapeXml(nodeTooltip(node))}</title>`,
    `<rect width="${n(box.width)}" height="${n(box.height)}" rx="${group ? 8 : 4}" fill="${swatch.fill}" stroke="${swatch.stroke}" stroke-width="${group ? 2 : 1.2}"${group ? ' stroke-dasharray="6 2"' : ''}/>`,
    `<text x="${n(cx)}" y="16" text-anchor="middle" font-size="${metrics.labelFont}" font-weight="${group ? 'bold' : 'normal'}" fill="#111">${escapeXml(node.label)}</text>`,
    `<text x="${n(cx)}" y="30" text-anchor="middle" font-size="${metrics.detailFont}" fill="#555">${escapeXml(node.detail)}</text>`,
    '</g>',
  ].join('');
}

function renderGroupBox(group: GraphGroup, box: Box): string {
  const style = groupStyle[group.kind];
  const header = groupHeader(group);
  return [
    `<g class="netc-group"${attrs({ 'data-group': group.id, 'data-collapsed': 'false', 'data-kind': group.kind, ...source(group.source) })}>`,
    `<rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.width)}" height="${n(box.height)}" rx="6" fill="${style.fill}" stroke="${style.stroke}"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`,
    `<g class="netc-group-header"><rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.width)}" height="${metrics.groupHeader}" rx="6" fill="${style.stroke}" fill-opacity="0.18"/>`,
    `<text x="${n(box.x + 8)}" y="${n(box.y + 13)}" font-size="${metrics.headerFont}" font-weight="bold" fill="#333">▾ ${escapeXml(header)}</text></g>`,
    '</g>',
  ].join('');
}

export function renderSvg(laid: LaidOutGraph, options: { title?: string } = {}): string {
  const { graph } = laid;
  const title = options.title ?? graph.network;
  const width = Math.ceil(laid.width);
  const height = Math.ceil(laid.height) + titleTop;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" class="netc-graph" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(metrics.fontFamily)}"${attrs({ 'data-network': graph.network })}>`,
    `<title>${escapeXml(title)}</title>`,
    '<defs><marker id="netc-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
    '<style>.netc-node,.netc-group-header{cursor:pointer}.netc-node:hover rect{stroke-width:2.5}</style>',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="20" font-size="14" font-weight="bold" fill="#111">${escapeXml(title)}</text>`,
    `<g transform="translate(0,${titleTop})">`,
  ];
  // Outer groups first, so inner boxes paint over them; then edges; then nodes on top.
  for (const group of graph.groups) if (!group.collapsed) out.push(renderGroupBox(group, laid.groups[group.id]));
  for (const edge of graph.edges) {
    const route = laid.edges[edge.id];
    if (!route || route.points.length === 0) continue;
    const d = route.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(p.x)},${n(p.y)}`).join(' ');
    const parts = [`<g class="netc-edge"${attrs({ 'data-edge': edge.id, 'data-from': edge.from, 'data-to': edge.to })}>`, `<path d="${d}" fill="none" stroke="#555" stroke-width="1.2" marker-end="url(#netc-arrow)"/>`];
    const l = route.label;
    if (l) {
      parts.push(`<rect x="${n(l.x)}" y="${n(l.y)}" width="${n(l.width)}" height="${n(l.height)}" fill="#ffffff" fill-opacity="0.85"/>`);
      parts.push(`<text x="${n(l.x + l.width / 2)}" y="${n(l.y + l.height - 3)}" text-anchor="middle" font-size="${metrics.edgeFont}" font-family="${escapeXml(metrics.monoFamily)}" fill="#333">${escapeXml(edge.label)}</text>`);
    } else parts.push(`<text font-size="${metrics.edgeFont}" x="${n(route.points[0].x + 4)}" y="${n(route.points[0].y + 12)}">${escapeXml(edge.label)}</text>`);
    parts.push('</g>');
    out.push(parts.join(''));
  }
  const collapsed = new Map(graph.groups.filter((g) => g.collapsed).map((g) => [g.id, g]));
  for (const node of graph.nodes) {
    const drawn = renderNode(node, laid.nodes[node.id]);
    const group = node.kind === 'group' ? collapsed.get(node.id) : undefined;
    // A collapsed group is its node wrapped in the group element, so one click handler toggles both kinds.
    out.push(group ? `<g class="netc-group"${attrs({ 'data-group': group.id, 'data-collapsed': 'true', 'data-kind': group.kind, 'data-members': group.members.join(' ') })}>${drawn}</g>` : drawn);
  }
  out.push('</g>', '</svg>');
  return out.join('\n') + '\n';
}
