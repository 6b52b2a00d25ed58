// Opening a run directory: an existing run refused (or started over with force, netc's files only), a file in
// the way, stale temp files of killed writes removed; metrics.jsonl made the checkpoint's history on resume.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METRICS_FILE, RUN_FILES, RUN_MARKERS, openRunDirectory, reconcileMetrics } from '../../../runtime/train/run_directory.js';
import { LOCK_FILE } from '../../../runtime/platform/run_lock.js';
import { DataError } from '../../../runtime/errors.js';
import { FileSystemError } from '../../../runtime/platform/fs_errors.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'netc-rundir-'));
const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

test('a new directory (with parents) and an empty existing one open; the lock is held until release', (t) => {
  for (const dir of [join(scratch(), 'a', 'b'), scratch()]) {
    const run = openRunDirectory(dir);
    t.deepEqual(readdirSync(dir), [LOCK_FILE]);
    t.deepEqual(run.notes, []);
    run.release();
    t.deepEqual(existsSync(dir) ? readdirSync(dir) : [], []);
  }
});

test('data.json, curves.svg or init_report.json alone (a run stopped before its first epoch) is not a run: it opens', (t) => {
  const dir = scratch();
  for (const name of ['data.json', 'curves.svg', 'init_report.json']) writeFileSync(join(dir, name), 'x');
  t.notThrows(() => openRunDirectory(dir).release());
});

for (const name of RUN_MARKERS) {
  test(`a directory holding ${name} is a run: refused without resume, naming --resume and --force`, (t) => {
    const dir = scratch();
    writeFileSync(join(dir, name), 'x');
    const error = t.throws(() => openRunDirectory(dir), { instanceOf: DataError });
    t.is(error!.message, `${dir} already holds a run (${name}); continue it with --resume ${dir}, or start it over with --force (removes netc's run files there)`);
    t.false(existsSync(join(dir, LOCK_FILE)), 'the lock is released on refusal');
    openRunDirectory(dir, { resume: true }).release();
    t.is(readFileSync(join(dir, name), 'utf8'), 'x', 'resume keeps it');
  });
}

test('force removes netc\'s run files only, and says which', (t) => {
  const dir = scratch();
  for (const name of RUN_FILES) writeFileSync(join(dir, name), 'x');
  writeFileSync(join(dir, 'notes.txt'), 'mine');
  mkdirSync(join(dir, 'plots'));
  const run = openRunDirectory(dir, { force: true });
  t.deepEqual(run.notes, [`--force: removed ${RUN_FILES.join(', ')} from ${dir}`]);
  run.release();
  t.deepEqual(readdirSync(dir).sort(), ['notes.txt', 'plots']);
});

test('temp files of killed writes are removed (with their size); other files that end in .tmp-N are not', (t) => {
  const dir = scratch();
  const pid = deadPid();
  writeFileSync(join(dir, `model.safetensors.tmp-${pid}`), Buffer.alloc(2_000_000));
  writeFileSync(join(dir, `optimizer.safetensors.tmp-${pid + 1}`), Buffer.alloc(1_000_000));
  writeFileSync(join(dir, 'model.safetensors'), 'x');
  writeFileSync(join(dir, 'photo.png.tmp-12'), 'not netc\'s');
  const run = openRunDirectory(dir, { resume: true });
  t.is(run.notes.length, 1);
  t.regex(run.notes[0], new RegExp(`^${dir}: removed 2 temp files left by a killed write \\(3\\.0 MB: `));
  run.release();
  t.deepEqual(readdirSync(dir).sort(), ['model.safetensors', 'photo.png.tmp-12']);
});

test('resume needs the directory; a file where the directory goes, or in its path, is a one-line error', (t) => {
  const root = scratch();
  t.throws(() => openRunDirectory(join(root, 'nothing'), { resume: true }), { instanceOf: DataError, message: `${join(root, 'nothing')}: no such run directory to resume` });
  t.false(existsSync(join(root, 'nothing')), 'resume does not create it');
  writeFileSync(join(root, 'file'), 'x');
  t.throws(() => openRunDirectory(join(root, 'file')), { instanceOf: FileSystemError, message: `${join(root, 'file')}: cannot use it as the run directory: it is a file` });
  t.throws(() => openRunDirectory(join(root, 'file', 'run')), { instanceOf: FileSystemError, message: `${join(root, 'file', 'run')}: cannot use it as the run directory: ${join(root, 'file')} is a file, not a directory (ENOTDIR)` });
});

test('reconcileMetrics: duplicated, missing and cut lines become one line per saved epoch; a consistent file is left alone', (t) => {
  const history = [1, 2, 3].map((epoch) => ({ epoch, trainLoss: 1 / epoch, testAccuracy: 0.5 + epoch / 10 }));
  const lines = history.map((m) => JSON.stringify(m) + '\n');
  const variants = {
    duplicated: lines[0] + lines[1] + lines[1] + lines[2] + lines[2],
    missing: lines[0] + lines[1],
    cut: lines.join('') + lines[2].slice(0, 9),
    absent: undefined,
  };
  for (const [what, text] of Object.entries(variants)) {
    const dir = scratch();
    if (text !== undefined) writeFileSync(join(dir, METRICS_FILE), text);
    t.regex(reconcileMetrics(dir, history) ?? '', /rewritten from the checkpoint's history \(3 epochs; it had \d+ lines?\)/, what);
    t.is(readFileSync(join(dir, METRICS_FILE), 'utf8'), lines.join(''), what);
    t.is(reconcileMetrics(dir, history), undefined, `${what}: then consistent`);
  }
});

test('directories made for a run that wrote nothing are removed on release; an existing one, or one with files, stays', (t) => {
  const root = scratch();
  const dir = join(root, 'runs', 'LeNet-1');
  openRunDirectory(dir).release();
  t.deepEqual(readdirSync(root), [], 'runs/ and runs/LeNet-1 were made by it: both gone');
  const used = openRunDirectory(dir);
  writeFileSync(join(dir, 'data.json'), '{}');
  used.release();
  t.deepEqual(readdirSync(dir), ['data.json']);
  const existing = scratch();
  openRunDirectory(existing).release();
  t.true(existsSync(existing));
});
