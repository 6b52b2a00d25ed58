// layoutGraph: ELK places every node inside its group, top to bottom, with a route and a label box per edge.
import test from 'ava';
import { buildGraph, createElk, layoutGraph, type Box, type ElkLike } from '../../graph/index.js';
import { compileFile } from '../helpers/files.js';
import { groupHeader } from '../../graph/layout.js';
import { metrics, textWidth } from '../../graph/metrics.js';

const resnet = compileFile('networks/resnet18.net').ir!;
const within = (inner: Box, outer: Box) => inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;

for (const expanded of [undefined, 'all'] as const) {
  test(`ResNet-18 (${expanded ?? 'default'}): nodes inside their groups, edges run downwards, labels placed`, async (t) => {
    const graph = buildGraph(resnet, { expanded });
    const laid = await layoutGraph(graph);
    t.deepEqual(Object.keys(laid.nodes).sort(), graph.nodes.map((n) => n.id).sort());
    t.deepEqual(Object.keys(laid.groups).sort(), graph.groups.filter((g) => !g.collapsed).map((g) => g.id).sort());
    for (const node of graph.nodes) {
      const box = laid.nodes[node.id];
      t.true(box.width >= 72 && box.height > 0, node.id);
      t.true(within(box, { x: 0, y: 0, width: laid.width, height: laid.height }), node.id);
      if (node.parent) t.true(within(box, laid.groups[node.parent]), `${node.id} in ${node.parent}`);
    }
    for (const group of graph.groups) if (group.parent && !group.collapsed) t.true(within(laid.groups[group.id], laid.groups[group.parent]), group.id);
    for (const edge of graph.edges) {
      const route = laid.edges[edge.id];
      const [from, to] = [laid.nodes[edge.from], laid.nodes[edge.to]];
      t.true(route.points.length >= 2, edge.id);
      // Top to bottom: the producer sits above the consumer, and the route leaves one and reaches the other.
      t.true(from.y + from.height <= to.y, edge.id);
      t.true(Math.abs(route.points[0].y - (from.y + from.height)) < 1 && Math.abs(route.points.at(-1)!.y - to.y) < 1, edge.id);
      t.truthy(route.label, edge.id);
      t.true(route.label!.width > 0, edge.id);
    }
  });
}

test('layoutGraph lays out through the ELK it is given (the page passes a worker-backed one)', async (t) => {
  const real = createElk();
  let calls = 0;
  const counting: ElkLike = {
    layout(graph, options) {
      calls++;
      return real.layout(graph, options);
    },
  };
  const laid = await layoutGraph(buildGraph(resnet), counting);
  t.is(calls, 1);
  t.true(laid.height > laid.width);
});

test("GoogLeNet's concat branches sit left to right in the file's order, each box as wide as its header", async (t) => {
  const google = compileFile('networks/googlenet.net').ir!;
  const graph = buildGraph(google, { expanded: ['b3.0'] });
  const laid = await layoutGraph(graph);
  const xs = [1, 2, 3, 4].map((i) => laid.groups[`b3.0.branch${i}`].x);
  t.deepEqual([...xs].sort((a, b) => a - b), xs);
  for (const group of graph.groups.filter((g) => !g.collapsed)) t.true(laid.groups[group.id].width >= textWidth(groupHeader(group), metrics.headerFont), group.id);
});
