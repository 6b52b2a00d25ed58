// The lowering-trial cache file: every kind of damaged entry or file is dropped with a reason (never trusted, never
// fatal), and concurrent writers merge their entries instead of the last one erasing the others'.
import test from 'ava';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entryProblem, readTrialCache, writeTrialCache, type TrialEntry } from '../../runtime/trial_cache.js';

const key = (n: number, forms = 'conv2d,depthwise,direct') => `wasm|test|conv 16×1×28×28 -> ${n} k5,5 s1,1 p2,2 d1,1|${forms}|first`;
const good: TrialEntry = { choice: 'depthwise', ms: { conv2d: 2, depthwise: 1, direct: 3 } };
const scratch = () => join(mkdtempSync(join(tmpdir(), 'netc-trialcache-')), 'lowering_trials.json');

const badEntries: [string, unknown, RegExp][] = [
  ['null', null, /is null, not \{choice, ms\}/],
  ['a string', 'conv2d', /is a string, not \{choice, ms\}/],
  ['a number', 3, /is a number/],
  ['an array', ['conv2d'], /is an array/],
  ['an empty object', {}, /has choice undefined/],
  ['an unknown choice', { choice: 'winograd', ms: { conv2d: 1 } }, /has choice "winograd", not one of conv2d, depthwise, direct/],
  ['a choice that was not a candidate', { choice: 'direct', ms: { direct: 1 } }, /chooses direct, which was not a candidate/],
  ['ms missing', { choice: 'conv2d' }, /has no ms timings object/],
  ['ms null', { choice: 'conv2d', ms: null }, /has no ms timings object/],
  ['ms a list', { choice: 'conv2d', ms: [1] }, /has no ms timings object/],
  ['a timing that is a string', { choice: 'conv2d', ms: { conv2d: 'fast' } }, /timing for conv2d that is not a finite number/],
  ['a negative timing', { choice: 'conv2d', ms: { conv2d: -1 } }, /timing for conv2d that is not a finite number/],
  ['a timing of an unknown form', { choice: 'conv2d', ms: { conv2d: 1, fft: 2 } }, /times an unknown form "fft"/],
  ['no timing for the choice', { choice: 'conv2d', ms: { depthwise: 1 } }, /has no timing for its choice conv2d/],
];

for (const [name, value, reason] of badEntries) {
  test(`an entry that is ${name} is dropped with its reason; the good entries are kept`, (t) => {
    const k = key(6, 'conv2d,depthwise');
    t.regex(entryProblem(k, value)!, reason);
    const file = scratch();
    writeFileSync(file, JSON.stringify({ [key(1)]: good, [k]: value }));
    const read = readTrialCache(file);
    t.deepEqual([...read.entries.keys()], [key(1)]);
    t.regex(read.problem!, /^1 unusable entry ignored \(".+" /);
    t.regex(read.problem!, reason);
  });
}

for (const [name, text, reason] of [
  ['not JSON', '{"wasm|', /^not valid JSON \(/],
  ['null', 'null', /^not a JSON object of entries$/],
  ['a list', '[1, 2]', /^not a JSON object of entries$/],
  ['a string', '"cache"', /^not a JSON object of entries$/],
  ['empty', '', /^not valid JSON \(/],
] as const) {
  test(`a cache file that is ${name} is an empty cache with a problem, never an exception`, (t) => {
    const file = scratch();
    writeFileSync(file, text);
    const read = readTrialCache(file);
    t.is(read.entries.size, 0);
    t.regex(read.problem!, reason);
  });
}

test('a missing file is an empty cache without a problem; a directory in its place is a problem', (t) => {
  const file = scratch();
  t.deepEqual(readTrialCache(file), { entries: new Map() });
  t.regex(readTrialCache(join(file, '..')).problem!, /it is a directory/);
});

test('keys are own keys: "__proto__" and "constructor" entries are ordinary (and validated) entries', (t) => {
  const file = scratch();
  writeFileSync(file, '{"__proto__": {"choice": "conv2d", "ms": {"conv2d": 1}}, "constructor": null}');
  const read = readTrialCache(file);
  t.is(read.entries.size, 0, 'neither key names candidate forms, so neither is usable');
  t.regex(read.problem!, /^2 unusable entries ignored/);
});

test('writing rewrites a damaged file with only the good entries', (t) => {
  const file = scratch();
  writeFileSync(file, JSON.stringify({ [key(1)]: good, [key(2)]: null }));
  writeTrialCache(file, new Map([[key(3), good]]));
  t.deepEqual(Object.keys(JSON.parse(readFileSync(file, 'utf8'))), [key(1), key(3)]);
  t.is(readTrialCache(file).problem, undefined);
});

test('a write merges with entries another process wrote after our read (not last-writer-wins)', (t) => {
  const file = scratch();
  writeTrialCache(file, new Map([[key(1), good]]));
  // Another process writes key 2 between our read and our write; then we write key 3.
  writeTrialCache(file, new Map([[key(2), good]]));
  writeTrialCache(file, new Map([[key(3), { choice: 'conv2d', ms: { conv2d: 1, depthwise: 2 } }]]));
  t.deepEqual(Object.keys(JSON.parse(readFileSync(file, 'utf8'))).sort(), [key(1), key(2), key(3)].sort());
});

test('8 processes writing 8 entries each at once: all 64 entries survive', async (t) => {
  const file = scratch();
  const script = `import { writeTrialCache } from ${JSON.stringify(new URL('../../runtime/trial_cache.js', import.meta.url).href)};
const w = Number(process.argv[1]);
for (let i = 0; i < 8; i++) writeTrialCache(${JSON.stringify(file)}, new Map([[\`wasm|p\${w}|conv \${i}|conv2d,depthwise\`, { choice: 'conv2d', ms: { conv2d: 1, depthwise: 2 } }]]));`;
  await Promise.all(Array.from({ length: 8 }, (_, w) => new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, String(w)], { stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`writer ${w} exited ${code}`))));
  })));
  const keys = Object.keys(JSON.parse(readFileSync(file, 'utf8')));
  t.is(keys.length, 64, `${keys.length} of 64 entries kept`);
  t.false(existsSync(`${file}.lock`), 'the lock is released');
});

test('a stale lock left by a killed writer is taken over and released', (t) => {
  const file = scratch();
  writeFileSync(`${file}.lock`, '');
  const old = (Date.now() - 60_000) / 1000;
  utimesSync(`${file}.lock`, old, old);
  writeTrialCache(file, new Map([[key(1), good]]));
  t.deepEqual(Object.keys(JSON.parse(readFileSync(file, 'utf8'))), [key(1)]);
  t.false(existsSync(`${file}.lock`));
});
