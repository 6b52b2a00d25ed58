// renderSvg: well-formed standalone SVG; every node, group and edge carries the data-* the page clicks on.
import test from 'ava';
import { buildGraph, layoutGraph, renderSvg } from '../../graph/index.js';
import { compileFile } from '../helpers/files.js';
import { mustCompile } from '../helpers/files.js';
import { allElements, byClass, parseXml } from './xml_check.js';

const resnet = compileFile('networks/resnet18.net').ir!;

test('the XML check itself refuses what is not well-formed', (t) => {
  t.notThrows(() => parseXml('<?xml version="1.0"?><svg a="1 &amp; 2"><g/><text>x &lt; y</text></svg>'));
  for (const bad of ['<svg><g></svg>', '<svg a="1" a="2"/>', '<svg>a & b</svg>', '<svg/><svg/>', '<svg><g></g>', '<svg a=1/>']) t.throws(() => parseXml(bad), undefined, bad);
});

for (const expanded of [undefined, 'all'] as const) {
  test(`ResNet-18 SVG (${expanded ?? 'default'}): parses, one element per node, group and edge, data-line from the IR`, async (t) => {
    const graph = buildGraph(resnet, { expanded });
    const svg = renderSvg(await layoutGraph(graph), { title: 'ResNet-18 <test> & co' });
    const root = parseXml(svg);
    t.is(root.name, 'svg');
    t.is(root.attrs.xmlns, 'http://www.w3.org/2000/svg');
    t.regex(root.attrs.viewBox, /^0 0 \d+ \d+$/);
    t.is(root.children.find((c) => c.name === 'title')!.text, 'ResNet-18 <test> & co');
    const nodes = byClass(root, 'netc-node');
    t.deepEqual(nodes.map((e) => e.attrs['data-node']).sort(), graph.nodes.map((n) => n.id).sort());
    const irByName = new Map(resnet.nodes.map((n) => [n.name, n]));
    const scopes = new Map(resnet.scopes.map((s) => [s.path, s]));
    for (const e of nodes) {
      const id = e.attrs['data-node'];
      const source = irByName.get(id)?.source ?? scopes.get(id)!.source;
      t.deepEqual([e.attrs['data-file'], Number(e.attrs['data-line']), Number(e.attrs['data-column'])], [source.file, source.line, source.column], id);
      t.is(e.children.filter((c) => c.name === 'rect').length, 1);
      t.true(e.children.some((c) => c.name === 'text' && c.text === graph.nodes.find((n) => n.id === id)!.label), id);
    }
    const groups = byClass(root, 'netc-group');
    t.deepEqual(groups.map((g) => [g.attrs['data-group'], g.attrs['data-collapsed']]).sort(), graph.groups.map((g) => [g.id, String(g.collapsed)]).sort());
    // A folded group wraps its node, so a click on either reaches the group.
    for (const g of groups.filter((g) => g.attrs['data-collapsed'] === 'true')) t.is(byClass(g, 'netc-node')[0].attrs['data-node'], g.attrs['data-group']);
    for (const g of groups.filter((g) => g.attrs['data-collapsed'] === 'false')) t.is(byClass(g, 'netc-group-header').length, 1);
    const edges = byClass(root, 'netc-edge');
    t.deepEqual(edges.map((e) => e.attrs['data-edge']).sort(), graph.edges.map((e) => e.id).sort());
    for (const e of edges) {
      const edge = graph.edges.find((x) => x.id === e.attrs['data-edge'])!;
      t.is(allElements(e).find((c) => c.name === 'text')!.text, edge.label);
      t.is(allElements(e).find((c) => c.name === 'path')!.attrs['marker-end'], 'url(#netc-arrow)');
    }
    t.truthy(allElements(root).find((e) => e.name === 'marker' && e.attrs.id === 'netc-arrow'));
  });
}

test('colours follow the op family: every conv shares one fill, and it differs from relu and batchnorm', async (t) => {
  const svg = parseXml(renderSvg(await layoutGraph(buildGraph(resnet, { expanded: 'all' }))));
  const fill = (op: string) => new Set(byClass(svg, 'netc-node').filter((e) => e.attrs['data-op'] === op).map((e) => e.children.find((c) => c.name === 'rect')!.attrs.fill));
  t.is(fill('conv').size, 1);
  t.not([...fill('conv')][0], [...fill('relu')][0]);
  t.not([...fill('batchnorm')][0], [...fill('relu')][0]);
});

test('names with XML specials are escaped, and the source line of an inline network lands in data-line', async (t) => {
  const ir = mustCompile('block b_a(c) { conv(c, kernel: 3, pad: 1); relu }\nnetwork N {\n  input [1, 8, 8]\n  x: b_a(4)\n  b_a(6)\n  flatten; dense(3)\n}\n', { file: 'we<ird>&"file".net' });
  const svg = renderSvg(await layoutGraph(buildGraph(ir)));
  const root = parseXml(svg);
  const folded = byClass(root, 'netc-node').filter((e) => e.attrs['data-kind'] === 'group');
  t.deepEqual(folded.map((e) => [e.attrs['data-file'], e.attrs['data-line']]), [['we<ird>&"file".net', '4'], ['we<ird>&"file".net', '5']]);
});
