// The graph's module worker: IR → buildGraph → ELK layout (elkjs's bundled build, here off the main thread) →
// SVG. The page only inserts the SVG; it reports how long the layout took.
import type { Ir } from '../../compiler/ir.js';
import { buildGraph, createElk, layoutGraph, renderSvg } from '../../graph/index.js';

export interface GraphRequest { id: number; ir: Ir; expanded: 'all' | string[]; collapsed: string[] }
export type GraphReply =
  | { id: number; ok: true; svg: string; layoutMs: number; layerNodes: number; groupNodes: number }
  | { id: number; ok: false; message: string };

const elk = createElk();

self.onmessage = async (event: MessageEvent<GraphRequest>) => {
  const { id, ir, expanded, collapsed } = event.data;
  let reply: GraphReply;
  try {
    const started = performance.now();
    const graph = buildGraph(ir, { expanded, collapsed });
    const laid = await layoutGraph(graph, elk);
    const layoutMs = performance.now() - started;
    const svg = renderSvg(laid, { title: ir.network });
    reply = { id, ok: true, svg, layoutMs, layerNodes: graph.nodes.filter((n) => n.kind === 'layer').length, groupNodes: graph.nodes.filter((n) => n.kind === 'group').length };
  } catch (error) {
    reply = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(reply);
};
