// The binder: one key per meaning, the same across files; scopes as the language defines them.
import test from 'ava';
import { parse } from '../../../compiler/compile.js';
import { keyParts, type Occurrence } from '../../../compiler/services/occurrences.js';
import { bindFile } from '../../../compiler/services/symbols.js';
import type { Workspace } from '../../../compiler/services/analysis.js';

function workspace(files: Record<string, string>): Workspace {
  return { text: (p) => files[p], ast: (p) => (files[p] === undefined ? undefined : parse(files[p], { file: p }).ast) };
}
const bind = (files: Record<string, string>, path: string) => bindFile(workspace(files), path, parse(files[path], { file: path }).ast!, files[path]);
const named = (occurrences: Occurrence[], name: string) => occurrences.filter((o) => o.name === name);

const base = 'network Base(classes = 10) {\n  input [1, 8, 8]\n  stem: conv(4, kernel: 3)\n  flatten\n  head: dense(classes)\n}\n';
const derived = 'import "base.net"\nnetwork Tuned(extra = 1) extends Base(classes = 3 + extra) {\n  head: dense(classes + extra)\n  freeze stem\n}\n';
const files = { '/w/base.net': base, '/w/derived.net': derived };

test("across files: a derived network's label, freeze target, base name and base parameter share the base's keys", (t) => {
  const b = bind(files, '/w/base.net');
  const d = bind(files, '/w/derived.net');
  const key = (occ: Occurrence[], name: string, nth = 0) => named(occ, name)[nth].key;
  t.is(key(d, 'head'), key(b, 'head'));
  t.is(key(d, 'stem'), key(b, 'stem'));
  t.is(key(d, 'Base'), key(b, 'Base'));
  t.is(keyParts(key(b, 'Base')!).file, '/w/base.net');
  // `classes = 3 + extra` names the base's parameter; `dense(classes + extra)` uses it and the own one.
  for (const o of named(d, 'classes')) t.is(o.key, key(b, 'classes'));
  t.true(named(d, 'extra').every((o) => o.key === named(d, 'extra')[0].key && o.kind === 'parameter'));
  // The replacement refers to the base's label; only the base declares it.
  t.false(named(d, 'head')[0].declaration);
  t.true(named(b, 'head')[0].declaration);
});

test('a block parameter is not a network parameter of the same name, and a block sees no caller variables', (t) => {
  const source = 'block b(c) {\n  conv(c, kernel: 3)\n}\nnetwork N(c = 2) {\n  input [1, 8, 8]\n  let k = 3\n  b(c)\n}\nblock d() {\n  conv(k, kernel: 1)\n}\n';
  const occ = bind({ 'n.net': source }, 'n.net');
  const cs = named(occ, 'c');
  t.is(cs.length, 4);
  t.is(cs[0].key, cs[1].key);
  t.is(cs[2].key, cs[3].key);
  t.not(cs[0].key, cs[2].key);
  // `k` in block d is not N's let: unresolved, no key.
  const ks = named(occ, 'k');
  t.truthy(ks[0].key);
  t.is(ks[1].key, undefined);
});

test('a parameter default sees the parameters before it, not after; a let is seen only after it', (t) => {
  const source = 'block b(a, c = a * 2, e = f, f = 1) {\n  conv(c + e, kernel: 3)\n}\nnetwork N { input [1, 8, 8]; b(1) }\n';
  const occ = bind({ 'n.net': source }, 'n.net');
  t.is(named(occ, 'a')[1].key, named(occ, 'a')[0].key);
  t.is(named(occ, 'f')[0].key, undefined, 'f is not bound yet where e = f');
});

test('label templates: their words are labels without a key, their expressions resolve', (t) => {
  const source = 'network N {\n  input [1, 8, 8]\n  repeat i in 1..3 { layer{i}: conv(4, kernel: 1) }\n}\n';
  const occ = bind({ 'n.net': source }, 'n.net');
  const layer = named(occ, 'layer')[0];
  t.is(layer.kind, 'label');
  t.is(layer.key, undefined);
  const is = named(occ, 'i');
  t.is(is.length, 2);
  t.is(is[1].key, is[0].key);
});

test('occurrences are in file order and each spans exactly its name (quotes included for an import)', (t) => {
  const occ = bind(files, '/w/derived.net');
  for (let i = 1; i < occ.length; i++) t.true(occ[i - 1].from <= occ[i].from);
  for (const o of occ) t.is(derived.slice(o.from, o.to), o.kind === 'import' ? `"${o.name}"` : o.name);
});
