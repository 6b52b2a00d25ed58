// netc import-weights --map: a malformed name map, or weights whose module names are Object.prototype's, are one
// line naming the problem (exit 1) — not a silently accepted array or a tensor renamed "function toString()…".
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { netc } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'netc-map-cli-'));
const net = join(dir, 'two.net');
writeFileSync(net, 'network Two { input [3]\n fc: dense(2) }\n');
const tensor = (shape: number[]) => ({ shape, data: new Array(shape.reduce((a, b) => a * b, 1)).fill(0.5) });
writeFileSync(join(dir, 'state.json'), JSON.stringify({ 'toString.weight': tensor([2, 3]), 'toString.bias': tensor([2]) }));

for (const [name, map, message] of [
  ['a JSON array', '["fc"]', /map\.json: not a usable name map \(expected a JSON object \{"pytorch\.module": "netc\.layer", …\}, got an array\)$/],
  ['a key with an empty segment', '{"a..b": "fc"}', /not a usable name map \(the key "a\.\.b" is not a module path/],
  ['a non-string value', '{"toString": 3}', /not a usable name map \(the value of "toString" is a number, not a netc layer path string\)$/],
  ['no entry for a module called toString', '{"other": "fc"}', /^netc: \S*map\.json: the name map has no entry for 'toString' \(from 'toString\.(weight|bias)'\); the weights are \S*state\.json$/],
] as const) {
  test(`import-weights --map with ${name}: exit 1, one line`, (t) => {
    writeFileSync(join(dir, 'map.json'), map);
    const r = netc('import-weights', net, '--from', join(dir, 'state.json'), '--map', join(dir, 'map.json'), '--out', join(dir, 'out'));
    t.is(r.code, 1, r.stderr);
    t.is(r.stderr.trim().split('\n').length, 1, r.stderr);
    t.regex(r.stderr.trim(), message);
  });
}

test('a module called toString with its entry in the map imports', (t) => {
  writeFileSync(join(dir, 'good.json'), '{"toString": "fc"}');
  const r = netc('import-weights', net, '--from', join(dir, 'state.json'), '--map', join(dir, 'good.json'), '--out', join(dir, 'ok'));
  t.is(r.code, 0, r.stderr);
});
