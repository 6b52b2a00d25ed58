// buildGraph: every IR layer drawn exactly once, scopes as groups, repeated blocks folded, edges labelled with shapes.
import test from 'ava';
import { buildGraph, shapeLabel, type NetGraph } from '../../graph/index.js';
import type { Ir } from '../../compiler/ir.js';
import { compileFile, networkFiles } from '../helpers/files.js';

function irOf(path: string, network?: string): Ir {
  const result = compileFile(path, { network });
  if (!result.ir) throw new Error(`${path} does not compile`);
  return result.ir;
}

/** IR node name → the drawn node showing it (itself, or the folded group whose members hold its scope). */
function drawnAs(ir: Ir, graph: NetGraph): Map<string, string> {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const folded = graph.groups.filter((g) => g.collapsed);
  const inside = (scope: string, path: string) => scope === path || scope.startsWith(path + '.');
  return new Map(ir.nodes.map((n) => [n.name, ids.has(n.name) ? n.name : folded.find((g) => g.members.some((m) => inside(n.scope, m)))!.id]));
}

const resnet = irOf('networks/resnet18.net');

test("ResNet-18 fully expanded: one layer node per IR node (the input drawn too), every scope an open group", (t) => {
  const graph = buildGraph(resnet, { expanded: 'all' });
  t.is(resnet.nodes.length, 67);
  t.is(graph.nodes.filter((n) => n.kind === 'layer').length, resnet.nodes.length);
  t.is(graph.nodes.length, resnet.nodes.length);
  t.deepEqual(graph.nodes.map((n) => n.id), resnet.nodes.map((n) => n.name));
  t.deepEqual(graph.groups.map((g) => g.id).sort(), resnet.scopes.map((s) => s.path).sort());
  t.true(graph.groups.every((g) => !g.collapsed));
  // Drawn children name their group, and layer labels drop the group's prefix.
  const conv = graph.nodes.find((n) => n.id === 'stage2.0.shortcut.conv1')!;
  t.like(conv, { parent: 'stage2.0.shortcut', label: 'conv1', op: 'conv', family: 'conv', detail: 'conv 1×1 /2, 128', shape: [128, 12, 12], params: 64 * 128 + 128 });
  t.true(graph.groups.find((g) => g.id === 'stage2.0.shortcut')!.children.includes('stage2.0.shortcut.conv1'));
});

test('ResNet-18 by default: the stem open, basic blocks folded, stage1\'s two equal calls as one basic×2', (t) => {
  const graph = buildGraph(resnet);
  const groups = graph.nodes.filter((n) => n.kind === 'group');
  t.deepEqual(
    groups.map((n) => [n.id, n.label, n.layers, shapeLabel(n.shape)]),
    [
      ['stage1.0', 'basic×2', 14, '64×24×24'],
      ['stage2.0', 'basic', 8, '128×12×12'],
      ['stage2.1', 'basic', 7, '128×12×12'],
      ['stage3.0', 'basic', 8, '256×6×6'],
      ['stage3.1', 'basic', 7, '256×6×6'],
      ['stage4.0', 'basic', 8, '512×3×3'],
      ['stage4.1', 'basic', 7, '512×3×3'],
    ],
  );
  t.true(graph.nodes.length < resnet.nodes.length);
  t.is(graph.nodes.length, 1 + 4 + 7 + 3); // input, stem's four layers, seven folded calls, pool/flatten/head
  t.deepEqual(graph.groups.find((g) => g.id === 'stage1.0')!.members, ['stage1.0', 'stage1.1']);
  t.deepEqual(graph.groups.filter((g) => !g.collapsed).map((g) => g.id), ['stem', 'stage1', 'stage2', 'stage3', 'stage4']);
  // The folded calls hold every layer once: the layer counts add up to the IR's.
  t.is(graph.nodes.reduce((s, n) => s + n.layers, 0), resnet.nodes.length);
  t.is(graph.nodes.reduce((s, n) => s + n.params, 0), resnet.totalParams);
  t.is(groups[0].source.line, 18);
});

test("expanded 'none' folds the top level; a listed id opens it (a run member opens the run), collapsed folds", (t) => {
  const none = buildGraph(resnet, { expanded: 'none' });
  t.deepEqual(none.nodes.map((n) => n.id), ['input', 'stem', 'stage1', 'stage2', 'stage3', 'stage4', 'global_avgpool1', 'flatten1', 'head']);
  const open = buildGraph(resnet, { expanded: ['stage1.1', 'stage3.0.shortcut'] });
  const openIds = open.groups.filter((g) => !g.collapsed).map((g) => g.id);
  t.deepEqual(openIds, ['stem', 'stage1', 'stage1.0', 'stage1.1', 'stage2', 'stage3', 'stage3.0', 'stage3.0.shortcut', 'stage4']);
  t.true(open.nodes.some((n) => n.id === 'stage1.1.conv2'));
  t.true(open.nodes.some((n) => n.id === 'stage3.1' && n.kind === 'group'));
  const folded = buildGraph(resnet, { collapsed: ['stem'] });
  t.like(folded.nodes.find((n) => n.id === 'stem'), { kind: 'group', label: 'stem', op: 'label', layers: 4 });
});

test('edge labels are the producing layer\'s shape, and every IR edge between drawn nodes is drawn once', (t) => {
  for (const options of [{}, { expanded: 'all' as const }, { expanded: 'none' as const }]) {
    const graph = buildGraph(resnet, options);
    const drawn = drawnAs(resnet, graph);
    const byName = new Map(resnet.nodes.map((n) => [n.name, n]));
    const expected = new Map<string, Set<string>>();
    for (const n of resnet.nodes)
      for (const input of n.inputs) {
        const [from, to] = [drawn.get(input)!, drawn.get(n.name)!];
        if (from !== to) expected.set(`${from}->${to}`, (expected.get(`${from}->${to}`) ?? new Set()).add(shapeLabel(byName.get(input)!.shape)));
      }
    t.deepEqual(graph.edges.map((e) => e.id).sort(), [...expected.keys()].sort());
    for (const e of graph.edges) t.true(expected.get(e.id)!.has(e.label), `${e.id}: ${e.label}`);
  }
  const edges = buildGraph(resnet).edges;
  t.is(edges.find((e) => e.id === 'stem.maxpool1->stage1.0')!.label, '64×24×24');
  t.is(edges.find((e) => e.id === 'flatten1->head')!.label, '[512]');
  // The shortcut's projection reads the block's input: its own edge in the expanded drawing.
  t.is(buildGraph(resnet, { expanded: 'all' }).edges.find((e) => e.id === 'stage1.1.relu2->stage2.0.shortcut.conv1')!.label, '64×24×24');
});

test('DenseNet folds each dense block into dense_layer×4; GoogLeNet keeps its nine different inception calls apart', (t) => {
  const dense = buildGraph(irOf('networks/densenet.net'));
  t.deepEqual(dense.nodes.filter((n) => n.kind === 'group').map((n) => n.label), ['dense_layer×4', 'transition', 'dense_layer×4', 'transition', 'dense_layer×4', 'transition', 'dense_layer×4']);
  // Channels grow by the growth rate through the four calls: the folded node ends at 64 + 4·32.
  t.deepEqual(dense.nodes.find((n) => n.id === '0')!.shape, [192, 24, 24]);
  const google = buildGraph(irOf('networks/googlenet.net'));
  const inceptions = google.nodes.filter((n) => n.kind === 'group');
  t.is(inceptions.length, 9);
  t.true(inceptions.every((n) => n.label === 'inception' && n.layers === 14));
  const all = buildGraph(irOf('networks/googlenet.net'), { expanded: 'all' });
  t.is(all.groups.filter((g) => g.kind === 'branch').length, 36);
});

for (const file of networkFiles()) {
  test(`${file}: every layer drawn once, ids unique, edges between drawn nodes, in all three modes`, (t) => {
    const ir = irOf(file);
    for (const expanded of [undefined, 'all', 'none'] as const) {
      const graph = buildGraph(ir, { expanded });
      const ids = graph.nodes.map((n) => n.id);
      t.is(new Set(ids).size, ids.length);
      t.is(graph.nodes.reduce((s, n) => s + n.layers, 0), ir.nodes.length, `${expanded}`);
      const known = new Set(ids);
      for (const e of graph.edges) t.true(known.has(e.from) && known.has(e.to) && e.from !== e.to, e.id);
      t.is(new Set(graph.edges.map((e) => e.id)).size, graph.edges.length);
      // Expanded groups are never also drawn as nodes; folded ones always are.
      for (const g of graph.groups) t.is(known.has(g.id), g.collapsed, g.id);
      t.deepEqual(JSON.parse(JSON.stringify(graph)), graph);
    }
  });
}
