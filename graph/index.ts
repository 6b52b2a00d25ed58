// The network drawn as a graph: IR → NetGraph → ELK layout → SVG; shared by `netc graph` and the playground.
export { buildGraph } from './build_graph.js';
export type { BuildOptions, GraphEdge, GraphGroup, GraphNode, NetGraph } from './net_graph.js';
export { shapeLabel } from './format.js';
export { createElk, layoutGraph } from './layout.js';
export type { Box, ElkLike, LaidOutEdge, LaidOutGraph } from './layout.js';
export { renderSvg } from './render_svg.js';
