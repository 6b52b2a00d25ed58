// NetGraph → positions: ELK's layered algorithm, top to bottom, groups as compound nodes, edge labels placed.
import type { GraphGroup, GraphNode, NetGraph } from './net_graph.js';
import { textWidth, metrics } from './metrics.js';

/** What layoutGraph needs of ELK: the bundled build here, a worker-backed instance in the page. */
export interface ElkLike {
  layout(graph: unknown, options?: unknown): Promise<unknown>;
}

/** elkjs's bundled build, loaded on the first layout (so a page that passes its own worker never loads it). */
export function createElk(): ElkLike {
  let elk: Promise<ElkLike> | undefined;
  return {
    async layout(graph, options) {
      elk ??= import('elkjs/lib/elk.bundled.js').then((m) => {
        const Elk = (m as unknown as { default: new () => ElkLike }).default;
        return new Elk();
      });
      return (await elk).layout(graph, options);
    },
  };
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidOutEdge {
  /** The route, start to end, in the drawing's coordinates. */
  points: { x: number; y: number }[];
  label?: Box;
}

/** Absolute coordinates (top-left origin) for every node, group and edge of the graph. */
export interface LaidOutGraph {
  graph: NetGraph;
  width: number;
  height: number;
  nodes: Record<string, Box>;
  groups: Record<string, Box>;
  edges: Record<string, LaidOutEdge>;
}

interface ElkShape {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  children?: ElkShape[];
  edges?: ElkEdge[];
  layoutOptions?: Record<string, string>;
  labels?: ElkShape[];
}
interface ElkEdge {
  id: string;
  sources: string[];
  targets: string[];
  labels?: (ElkShape & { text: string })[];
  sections?: { startPoint: { x: number; y: number }; endPoint: { x: number; y: number }; bendPoints?: { x: number; y: number }[] }[];
}

const rootOptions: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
  'elk.layered.spacing.nodeNodeBetweenLayers': '22',
  'elk.spacing.nodeNode': '18',
  'elk.spacing.edgeLabel': '2',
  'elk.layered.spacing.edgeNodeBetweenLayers': '10',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.padding': '[top=12,left=12,bottom=12,right=12]',
  // Concat branches left to right in the order the file writes them.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};
/** Room for the header above the children, and at least the header's width. */
const groupOptions = (header: string) => ({
  'elk.padding': `[top=${metrics.groupHeader + 8},left=10,bottom=10,right=10]`,
  'elk.nodeSize.constraints': 'MINIMUM_SIZE',
  'elk.nodeSize.minimum': `(${textWidth(header, metrics.headerFont) + 24}, ${metrics.groupHeader + 20})`,
});

/** The title of an open group's box: `basic · stage2.0` for a block call, the label, `branch 2`, `shortcut`. */
export const groupHeader = (group: GraphGroup): string => (group.kind === 'block' ? `${group.name} · ${group.id}` : group.name);

export const nodeSize = (node: GraphNode) => ({
  width: Math.max(metrics.minNodeWidth, Math.max(textWidth(node.label, metrics.labelFont), textWidth(node.detail, metrics.detailFont)) + 2 * metrics.nodePadding),
  height: metrics.nodeHeight,
});

export async function layoutGraph(graph: NetGraph, elk: ElkLike = createElk()): Promise<LaidOutGraph> {
  const shapes = new Map<string, ElkShape>();
  const root: ElkShape = { id: '__root', layoutOptions: rootOptions, children: [], edges: [] };
  const containerOf = (parent: string | undefined) => (parent === undefined ? root : shapes.get(parent)!);
  for (const group of graph.groups) {
    if (group.collapsed) continue; // drawn as its node
    const shape: ElkShape = { id: group.id, layoutOptions: groupOptions(groupHeader(group)), children: [], edges: [] };
    shapes.set(group.id, shape);
    containerOf(group.parent).children!.push(shape);
  }
  for (const node of graph.nodes) {
    const shape: ElkShape = { id: node.id, ...nodeSize(node) };
    containerOf(node.parent).children!.push(shape);
  }
  // ELK wants each edge in the lowest group holding both ends.
  const parentOf = new Map<string, string | undefined>([...graph.nodes.map((n) => [n.id, n.parent] as const), ...graph.groups.map((g) => [g.id, g.parent] as const)]);
  const ancestors = (id: string) => {
    const chain: string[] = [];
    for (let p = parentOf.get(id); p !== undefined; p = parentOf.get(p)) chain.push(p);
    return chain;
  };
  for (const edge of graph.edges) {
    const above = new Set(ancestors(edge.from));
    const common = ancestors(edge.to).find((p) => above.has(p));
    const label = { id: `${edge.id}#label`, text: edge.label, width: textWidth(edge.label, metrics.edgeFont) + 4, height: metrics.edgeFont + 3 };
    containerOf(common).edges!.push({ id: edge.id, sources: [edge.from], targets: [edge.to], labels: [label] });
  }

  const out = (await elk.layout(root)) as ElkShape;
  const result: LaidOutGraph = { graph, width: out.width ?? 0, height: out.height ?? 0, nodes: {}, groups: {}, edges: {} };
  const box = (s: ElkShape): Box => ({ x: s.x ?? 0, y: s.y ?? 0, width: s.width ?? 0, height: s.height ?? 0 });
  const groupIds = new Set(shapes.keys());
  const walk = (shape: ElkShape) => {
    for (const child of shape.children ?? []) {
      if (groupIds.has(child.id)) {
        result.groups[child.id] = box(child);
        walk(child);
      } else result.nodes[child.id] = box(child);
    }
    for (const edge of shape.edges ?? []) {
      const points = (edge.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);
      const label = edge.labels?.[0];
      result.edges[edge.id] = { points, label: label ? box(label) : undefined };
    }
  };
  walk(out);
  return result;
}
