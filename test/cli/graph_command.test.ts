// netc graph: SVG to a file or stdout, the NetGraph with --json, --expand, and the usual diagnostics and exit codes.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { byClass, parseXml } from '../graph/xml_check.js';

const netc = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['dist/cli/netc.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const scratch = mkdtempSync(join(tmpdir(), 'netc-graph-'));

test('graph -o writes a parseable SVG of ResNet-18 with its folded blocks, and says what it drew', (t) => {
  const out = join(scratch, 'resnet.svg');
  const r = netc('graph', 'networks/resnet18.net', '-o', out);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, '');
  t.is(r.stderr, `${out}: ResNet18: 15 nodes (7 folded groups), 14 edges\n`);
  const svg = parseXml(readFileSync(out, 'utf8'));
  t.is(byClass(svg, 'netc-node').length, 15);
  t.deepEqual(byClass(svg, 'netc-node').filter((e) => e.attrs['data-kind'] === 'group').map((e) => e.attrs['data-node']), ['stage1.0', 'stage2.0', 'stage2.1', 'stage3.0', 'stage3.1', 'stage4.0', 'stage4.1']);
});

test('graph without -o prints the SVG; --expand all draws every IR layer', (t) => {
  const r = netc('graph', 'networks/resnet18.net', '--expand', 'all');
  t.is(r.code, 0, r.stderr);
  const svg = parseXml(r.stdout);
  t.is(byClass(svg, 'netc-node').length, 67);
  t.true(byClass(svg, 'netc-group').every((g) => g.attrs['data-collapsed'] === 'false'));
});

test('graph --json prints the NetGraph; with -o it writes the SVG too; --expand ID opens that group', (t) => {
  const r = netc('graph', 'networks/resnet18.net', '--json', '--expand', 'stage2.1,stage4');
  t.is(r.code, 0, r.stderr);
  const graph = JSON.parse(r.stdout);
  t.deepEqual(Object.keys(graph), ['network', 'nodes', 'edges', 'groups']);
  t.is(graph.network, 'ResNet18');
  t.true(graph.nodes.some((n: { id: string }) => n.id === 'stage2.1.conv2'));
  t.false(graph.nodes.some((n: { id: string }) => n.id === 'stage2.0.conv2'));
  t.like(graph.nodes.find((n: { id: string }) => n.id === 'stage1.0'), { kind: 'group', label: 'basic×2', layers: 14, shape: [64, 24, 24] });
  t.like(graph.edges.find((e: { id: string }) => e.id === 'flatten1->head'), { from: 'flatten1', to: 'head', label: '[512]' });
  const out = join(scratch, 'both.svg');
  const both = netc('graph', 'networks/lenet.net', '--json', '-o', out, '--expand', 'none');
  t.is(both.code, 0);
  t.is(JSON.parse(both.stdout).nodes.length, byClass(parseXml(readFileSync(out, 'utf8')), 'netc-node').length);
});

test('graph --network and --set choose and configure the network', (t) => {
  const r = netc('graph', 'networks/vgg11.net', '--network', 'VGG11Small', '--set', 'classes=5', '--json');
  t.is(r.code, 0, r.stderr);
  const graph = JSON.parse(r.stdout);
  t.is(graph.network, 'VGG11Small');
  t.deepEqual(graph.nodes.at(-1).shape, [5]);
});

test('graph of a .net with an error prints the diagnostic, writes nothing and exits 1', (t) => {
  const file = join(scratch, 'bad.net');
  writeFileSync(file, 'network N {\n  input [1, 28, 28]\n  conv(6, kernel: 5)\n  dense(10)\n}\n');
  const out = join(scratch, 'bad.svg');
  const r = netc('graph', file, '-o', out);
  t.is(r.code, 1);
  t.is(r.stdout, '');
  t.regex(r.stderr, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:4:3: error NET3004: 'dense' needs a flat \\[features\\] input`));
  t.throws(() => readFileSync(out));
  t.is(netc('graph', file, '--json').code, 1);
});

test('graph usage errors exit 2 in one line: an unknown --expand id (with a suggestion), no FILE', (t) => {
  const r = netc('graph', 'networks/resnet18.net', '--expand', 'stgae2');
  t.is(r.code, 2);
  t.regex(r.stderr, /^netc: --expand stgae2: ResNet18 has no group 'stgae2'; did you mean 'stage2'\?/);
  t.is(r.stderr.trim().split('\n').length, 1);
  t.is(netc('graph').code, 2);
  t.regex(netc('help', 'graph').stdout, /usage: netc graph FILE \[-o net\.svg\]/);
  t.regex(netc('--help').stdout, /netc graph FILE/);
});

test('docs/graph.md names every option of netc graph and every NetGraph field', async (t) => {
  const { graphOptions } = await import('../../cli/command_options.js');
  const doc = readFileSync('docs/graph.md', 'utf8');
  for (const option of graphOptions) if (option.name !== 'help' && option.name !== 'version') t.true(doc.includes(`--${option.name}`), `--${option.name}`);
  const graph = JSON.parse(netc('graph', 'networks/resnet18.net', '--json').stdout);
  const fields = new Set([...Object.keys(graph), ...graph.nodes.flatMap(Object.keys), ...graph.edges.flatMap(Object.keys), ...graph.groups.flatMap(Object.keys)]);
  for (const field of fields) t.true(doc.includes(`\`${field}\``) || doc.includes(`"${field}"`), field);
});
