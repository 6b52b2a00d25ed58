// --map files: every malformed map is one precise line naming the file and the key; lookups are own keys only, so
// modules called toString, constructor or __proto__ are ordinary names, never Object.prototype's members.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readNameMap } from '../../runtime/name_map.js';
import { renameByMap } from '../../runtime/weight_import.js';
import { WeightError } from '../../runtime/errors.js';
import type { TorchWeights } from '../../runtime/model.js';

const dir = mkdtempSync(join(tmpdir(), 'netc-map-'));
let n = 0;
const mapFile = (text: string) => {
  const path = join(dir, `map${n++}.json`);
  writeFileSync(path, text);
  return path;
};
const tensor = () => ({ shape: [1], data: new Float32Array([1]) });
const weightsOf = (...names: string[]): TorchWeights => new Map(names.map((name) => [name, tensor()]));

const badFiles: [string, string, RegExp][] = [
  ['a JSON array', '["conv1", "conv2"]', /got an array\)$/],
  ['a string', '"conv1"', /got a string\)$/],
  ['a number', '42', /got a number\)$/],
  ['null', 'null', /got null\)$/],
  ['true', 'true', /got a boolean\)$/],
  ['an empty object', '{}', /it is empty; expected a JSON object/],
  ['not JSON', '{"0": "conv1",', /not valid JSON \(/],
  ['a number as a value', '{"0": 1}', /the value of "0" is a number, not a netc layer path string\)$/],
  ['null as a value', '{"0": null}', /the value of "0" is null, not a netc layer path string\)$/],
  ['an object as a value', '{"0": {"to": "conv1"}}', /the value of "0" is an object, not a netc layer path string\)$/],
  ['a list as a value', '{"0": ["conv1"]}', /the value of "0" is an array, not a netc layer path string\)$/],
  ['an empty key', '{"": "conv1"}', /the key "" is not a module path such as "features\.3"/],
  ['a key with a leading dot', '{".0": "conv1"}', /the key "\.0" is not a module path/],
  ['a key with a trailing dot', '{"features.": "conv1"}', /the key "features\." is not a module path/],
  ['a key with an empty segment', '{"features..3": "conv1"}', /the key "features\.\.3" is not a module path/],
  ['a key with a space', '{"features 3": "conv1"}', /the key "features 3" is not a module path/],
  ['an empty value', '{"0": ""}', /the value of "0", "", is not a netc layer path/],
  ['a value with an empty segment', '{"0": "stem..conv1"}', /the value of "0", "stem\.\.conv1", is not a netc layer path/],
];

for (const [name, text, reason] of badFiles) {
  test(`a map file holding ${name}: one line naming the file`, (t) => {
    const path = mapFile(text);
    const error = t.throws(() => readNameMap(path), { instanceOf: WeightError });
    t.true(error!.message.startsWith(`${path}: not a usable name map (`), error!.message);
    t.regex(error!.message, reason);
    t.false(error!.message.includes('\n'));
  });
}

test('a FIFO or a directory as the map file: the bounded reader\'s reason, no hang', (t) => {
  execFileSync('mkfifo', [join(dir, 'pipe.json')]);
  t.throws(() => readNameMap(join(dir, 'pipe.json')), { instanceOf: WeightError, message: /pipe\.json: not a usable name map \(it is a FIFO \(named pipe\), not a regular file\)$/ });
  t.throws(() => readNameMap(dir), { instanceOf: WeightError, message: /not a usable name map \(it is a directory, not a file\)$/ });
});

for (const key of ['__proto__', 'toString', 'constructor', 'hasOwnProperty', 'valueOf']) {
  test(`a module called ${key} that the map lacks is "no entry", not Object.prototype's ${key}`, (t) => {
    const map = readNameMap(mapFile('{"0": "conv1"}'));
    t.throws(() => renameByMap(weightsOf('0.weight', `${key}.weight`), map), { instanceOf: WeightError, message: `the name map has no entry for '${key}' (from '${key}.weight')` });
  });

  test(`a map key ${key} naming a module the weights have renames it like any other key`, (t) => {
    const map = readNameMap(mapFile(`{"${key}": "conv1", "head": "fc"}`));
    t.deepEqual([...map.keys()], [key, 'head']);
    t.deepEqual([...renameByMap(weightsOf(`${key}.weight`, `${key}.bias`, 'head.weight'), map).keys()], ['conv1.weight', 'conv1.bias', 'fc.weight']);
  });

  test(`a map key ${key} that names no module of the weights is a precise error`, (t) => {
    const map = readNameMap(mapFile(`{"${key}": "conv1", "0": "fc"}`));
    t.throws(() => renameByMap(weightsOf('0.weight'), map), { instanceOf: WeightError, message: `the name map's key '${key}' names no module of the weights` });
  });
}

test('a tensor without a module path (no dot) is named, not cut at its last letter', (t) => {
  const map = readNameMap(mapFile('{"scal": "x", "0": "conv1"}'));
  t.throws(() => renameByMap(weightsOf('0.weight', 'scale'), map), { instanceOf: WeightError, message: /^the weights' tensor 'scale' has no module path/ });
});

test('a key that is a full tensor name says keys are module paths', (t) => {
  const map = readNameMap(mapFile('{"0": "conv1", "3.weight": "conv2"}'));
  t.throws(() => renameByMap(weightsOf('0.weight', '3.weight'), map), { instanceOf: WeightError, message: /^the name map has no entry for '3' \(from '3\.weight'\)$/ });
  const full = readNameMap(mapFile('{"0": "conv1", "3": "conv2", "3.weight": "x"}'));
  t.throws(() => renameByMap(weightsOf('0.weight', '3.weight'), full), { instanceOf: WeightError, message: "the name map's key '3.weight' names no module of the weights: it is a tensor's full name; keys are module paths, without the .weight suffix" });
});

test('two modules mapped to one layer are an error, not one tensor silently replacing the other', (t) => {
  const map = readNameMap(mapFile('{"0": "conv1", "3": "conv1"}'));
  t.throws(() => renameByMap(weightsOf('0.weight', '3.weight'), map), { instanceOf: WeightError, message: "the name map renames both '0.weight' and '3.weight' to 'conv1.weight'" });
});

test('a good map renames, keeps suffixes and drops num_batches_tracked', (t) => {
  const map = readNameMap(mapFile('{"features.0": "stem.conv1", "features.1": "stem.bn1"}'));
  const out = renameByMap(weightsOf('features.0.weight', 'features.1.running_mean', 'features.1.num_batches_tracked'), map);
  t.deepEqual([...out.keys()], ['stem.conv1.weight', 'stem.bn1.running_mean']);
});
