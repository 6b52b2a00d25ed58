// `netc train`'s run directory as a user meets it: an existing run refused (--resume or --force), one process per
// directory (a lock), an unusable --out refused before any training (ENOTDIR, EACCES, EROFS), a full disk as one
// line with no temp file left, SIGTERM/SIGHUP like Ctrl-C, and metrics.jsonl one line per epoch across SIGKILLs.
import test from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, watch, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { netc } from '../helpers/cli.js';
import { readCheckpoint } from '../../runtime/io/checkpoint.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'netc-cli-rundir-'));
const small = ['networks/lenet.net', '--backend', 'wasm', '--limit', '256', '--test-limit', '64', '--batch', '64'];
const train = (...args: string[]) => netc('train', ...small, ...args);
const metricLines = (dir: string) => readFileSync(join(dir, 'metrics.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { epoch: number });
const oneLine = (stderr: string) => stderr.trim().split('\n').pop()!;

/** A training process in the background, and a promise for the moment its output matches. */
function background(args: string[]) {
  const child = spawn(process.execPath, ['dist/cli/netc.js', 'train', ...small, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters: { pattern: RegExp; done: () => void }[] = [];
  const listen = (d: Buffer) => {
    output += d;
    for (const w of waiters.filter((w) => w.pattern.test(output))) waiters.splice(waiters.indexOf(w), 1), w.done();
  };
  child.stdout.on('data', listen);
  child.stderr.on('data', listen);
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const seen = (pattern: RegExp) => new Promise<void>((done) => (pattern.test(output) ? done() : waiters.push({ pattern, done })));
  return { child, exit, seen, output: () => output };
}

test.serial('an existing run without --resume is refused and left as it was; --force starts over; an empty directory is fine', (t) => {
  const dir = scratch(); // exists and is empty
  const first = train('--epochs', '1', '--out', dir);
  t.is(first.code, 0, first.stderr);
  const before = { metrics: readFileSync(join(dir, 'metrics.jsonl')), model: readFileSync(join(dir, 'model.safetensors')) };
  const again = train('--epochs', '1', '--out', dir);
  t.is(again.code, 1);
  t.is(again.stderr, `netc: ${dir} already holds a run (model.safetensors, metrics.jsonl, curves.svg, data.json); continue it with --resume ${dir}, or start it over with --force (removes netc's run files there)\n`);
  t.deepEqual(readFileSync(join(dir, 'metrics.jsonl')), before.metrics);
  t.deepEqual(readFileSync(join(dir, 'model.safetensors')), before.model);
  writeFileSync(join(dir, 'notes.txt'), 'mine');
  const forced = train('--epochs', '2', '--out', dir, '--force');
  t.is(forced.code, 0, forced.stderr);
  t.regex(forced.stdout + forced.stderr, new RegExp(`netc: --force: removed model\\.safetensors, metrics\\.jsonl, curves\\.svg, data\\.json from ${dir}`));
  t.deepEqual(metricLines(dir).map((m) => m.epoch), [1, 2]);
  t.is(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'mine');
  t.deepEqual(readdirSync(dir).sort(), ['curves.svg', 'data.json', 'metrics.jsonl', 'model.safetensors', 'notes.txt']);
});

test.serial('--resume with another --out, with --force, or naming a file is a usage error (exit 2, one line)', (t) => {
  const dir = scratch();
  writeFileSync(join(dir, 'model.safetensors'), 'x');
  const cases: [string[], RegExp][] = [
    [['--resume', dir, '--out', scratch()], /^netc: --resume \S+ continues the run in that directory; --out \S+ names another \(leave --out out\)$/],
    [['--resume', dir, '-o', join(dir, 'elsewhere')], /names another/],
    [['--resume', dir, '--force'], /^netc: --force starts a run over; --resume continues it: give one of them$/],
    [['--resume', join(dir, 'model.safetensors')], new RegExp(`^netc: --resume takes the run directory, not a file: --resume ${dir}$`)],
    [['--out', ''], /^netc: --out needs a directory, got nothing$/],
    [['--resume='], /^netc: --resume needs a directory, got nothing$/],
  ];
  for (const [args, message] of cases) {
    const r = train('--epochs', '1', ...args);
    t.is(r.code, 2, args.join(' '));
    t.regex(r.stderr.trim(), message, args.join(' '));
    t.is(r.stderr.trim().split('\n').length, 1);
  }
});

test.serial('one process per run directory: the second refuses at once naming the first\'s pid; SIGTERM and SIGHUP stop like Ctrl-C', async (t) => {
  const dir = scratch();
  const first = background(['--epochs', '500', '--out', dir]);
  await first.seen(/epoch +1\/500/);
  const second = train('--epochs', '1', '--out', dir);
  t.is(second.code, 1);
  t.regex(second.stderr, new RegExp(`^netc: ${dir}: another netc process \\(pid ${first.child.pid}, since [^)]+\\) is using this run directory; wait for it, or remove ${dir}/\\.lock if that process is gone\\n$`));
  const resumer = train('--epochs', '500', '--resume', dir);
  t.is(resumer.code, 1, 'a resume is refused too');
  first.child.kill('SIGTERM');
  t.is(await first.exit, 143);
  const term = /netc: interrupted by SIGTERM; the checkpoint after epoch (\d+) is in (\S+); continue with --resume (\S+)\n/.exec(first.output());
  t.truthy(term, first.output());
  t.is(term![2], dir);
  t.false(existsSync(join(dir, '.lock')), 'the lock is released');
  const epochs = Number(term![1]);
  t.is(readCheckpoint(dir).header.epoch, epochs);
  t.deepEqual(metricLines(dir).map((m) => m.epoch), Array.from({ length: epochs }, (_, i) => i + 1));

  const resumed = background(['--epochs', '500', '--resume', dir]);
  await resumed.seen(new RegExp(`epoch +${epochs + 1}/500`));
  resumed.child.kill('SIGHUP');
  t.is(await resumed.exit, 129);
  t.regex(resumed.output(), new RegExp(`netc: interrupted by SIGHUP; the checkpoint after epoch \\d+ is in ${dir}; continue with --resume ${dir}\\n`));
  t.false(existsSync(join(dir, '.lock')));
  t.deepEqual(readdirSync(dir).filter((name) => name.includes('.tmp-')), []);
});

test.serial('SIGKILL right after a metrics.jsonl write, a checkpoint rename, or mid-epoch, then --resume, 6 times: metrics.jsonl has one line per completed epoch, no temp file is left', async (t) => {
  const dir = scratch();
  const epochs = 30;
  const kills: string[] = [];
  for (let round = 0; round < 6; round++) {
    const run = background(['--epochs', String(epochs), ...(round === 0 ? ['--out', dir] : ['--resume', dir])]);
    // The moments a kill used to duplicate an epoch (metrics appended, checkpoint not yet renamed) or could lose one.
    const trigger = ['metrics.jsonl', 'model.safetensors', undefined][round % 3];
    const watcher = trigger ? watch(dir, (_, name) => name === trigger && run.child.kill('SIGKILL')) : undefined;
    if (!trigger) {
      await Promise.race([run.seen(/epoch +\d+\/\d+ +train loss/), run.exit]);
      await new Promise((resolve) => setTimeout(resolve, 50 + round * 40));
      run.child.kill('SIGKILL');
    }
    await run.exit;
    watcher?.close();
    kills.push(`${trigger ?? 'mid-epoch'}: epoch ${readCheckpoint(dir).header.epoch}, ${metricLines(dir).length} lines`);
  }
  const last = train('--epochs', String(epochs), '--resume', dir);
  t.is(last.code, 0, last.stderr);
  t.regex(last.stdout + last.stderr, /took over the stale lock of pid \d+/);
  t.log(`after each kill: ${kills.join('; ')}`);
  t.deepEqual(metricLines(dir).map((m) => m.epoch), Array.from({ length: epochs }, (_, i) => i + 1));
  t.deepEqual(metricLines(dir), readCheckpoint(dir).header.history as unknown as { epoch: number }[], "metrics.jsonl is the checkpoint's history");
  t.deepEqual(readdirSync(dir).filter((name) => name.includes('.tmp-') || name === '.lock'), []);
});

test.serial('a file in the --out path: one line naming it, exit 1, before any data is loaded', (t) => {
  const root = scratch();
  writeFileSync(join(root, 'file'), 'x');
  const r = train('--epochs', '1', '--out', join(root, 'file', 'run'));
  t.is(r.code, 1);
  t.is(r.stderr, `netc: ${join(root, 'file', 'run')}: cannot use it as the run directory: ${join(root, 'file')} is a file, not a directory (ENOTDIR)\n`);
  t.is(r.stdout, '');
  const onFile = train('--epochs', '1', '--out', join(root, 'file'));
  t.is(onFile.code, 1);
  t.is(onFile.stderr, `netc: ${join(root, 'file')}: cannot use it as the run directory: it is a file\n`);
});

test.serial('EACCES: an --out this user may not write is one line before any training (as root: run as nobody via setpriv)', (t) => {
  const root = scratch();
  const parent = join(root, 'readonly');
  mkdirSync(parent);
  chmodSync(root, 0o755);
  chmodSync(parent, 0o555);
  const out = join(parent, 'run');
  const args = ['dist/cli/netc.js', 'train', ...small, '--epochs', '1', '--out', out];
  let r;
  if (process.getuid?.() === 0) {
    const probe = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', '0']);
    if (probe.status !== 0) {
      t.log(`running as root without a working setpriv (${probe.error?.message ?? probe.stderr}): chmod does not stop root, so EACCES cannot be produced here`);
      t.pass();
      return;
    }
    r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...args], { encoding: 'utf8', timeout: 120_000 });
  } else r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 120_000 });
  t.is(r.status, 1, r.stderr);
  t.is(r.stderr, `netc: ${out}: cannot create the run directory: permission denied (EACCES)\n`);
});

/** Runs `script` (bash) as root of a new user and mount namespace, where it may mount a tmpfs; undefined without one. */
function inMountNamespace(script: string): { status: number | null; stdout: string; stderr: string } | undefined {
  const probe = spawnSync('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o size=64k none ${scratch()}`], { encoding: 'utf8' });
  if (probe.status !== 0) return undefined;
  const r = spawnSync('unshare', ['-rm', 'bash', '-c', script], { encoding: 'utf8', timeout: 300_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test.serial('a full disk (a 400 KB tmpfs): the write fails as one line naming the file, no temp file is left, and --resume works once there is room; a read-only one (EROFS) fails before training', (t) => {
  const mount = scratch();
  const logs = scratch();
  const run = join(mount, 'run');
  const step = (name: string, args: string) => `node dist/cli/netc.js train ${small.join(' ')} ${args} >${logs}/${name}.out 2>${logs}/${name}.err; echo $? >${logs}/${name}.code; ls -a ${run} >${logs}/${name}.ls 2>/dev/null`;
  const script = [
    'set -u',
    `mount -t tmpfs -o size=400k none ${mount}`,
    step('full', `--epochs 3 --out ${run}`),
    `mount -o remount,size=2m ${mount}`,
    step('resume', `--epochs 3 --resume ${run}`),
    `mount -o remount,ro ${mount}`,
    step('rofs', `--epochs 1 --out ${mount}/new`),
    step('roresume', `--epochs 4 --resume ${run}`),
  ].join('\n');
  const r = inMountNamespace(script);
  if (!r) {
    t.log('unshare -rm cannot mount a tmpfs here (no user namespaces): the full-disk and read-only cases are not run; test/runtime/io/atomic_file.test.ts covers ENOSPC through /dev/full');
    t.pass();
    return;
  }
  t.is(r.status, 0, r.stderr);
  const read = (name: string) => readFileSync(join(logs, name), 'utf8');
  t.is(read('full.code').trim(), '1');
  t.is(oneLine(read('full.err')), `netc: ${run}/model.safetensors: cannot write it: no space left on the device (ENOSPC)`);
  t.notRegex(read('full.err'), /internal error|\n\s+at /);
  t.deepEqual(read('full.ls').split('\n').filter((name) => name.includes('.tmp-')), [], 'no temp file keeps the disk full');
  t.is(read('resume.code').trim(), '0', read('resume.err'));
  t.regex(read('resume.err') + read('resume.out'), /resuming LeNet from .* after epoch 1/);
  t.is((read('resume.out') + read('resume.err')).match(/^epoch \d\/3/gm)?.length, 2);
  t.is(read('rofs.code').trim(), '1');
  t.is(read('rofs.err'), `netc: ${mount}/new: cannot create the run directory: the file system is read-only (EROFS)\n`);
  t.is(read('roresume.code').trim(), '1');
  t.is(read('roresume.err'), `netc: ${run}: cannot write into it (creating .lock): the file system is read-only (EROFS)\n`);
});

test.serial('import-weights and export: an output under a file is one line naming the path (exit 1), never an internal error', (t) => {
  const dir = scratch();
  const trained = train('--epochs', '1', '--out', join(dir, 'run'));
  t.is(trained.code, 0, trained.stderr);
  writeFileSync(join(dir, 'file'), 'x');
  const under = join(dir, 'file', 'out');
  const cases: [string[], string][] = [
    [['import-weights', 'networks/lenet.net', '--from', join(dir, 'run'), '--out', under], `netc: ${under}: cannot create the output directory: ${join(dir, 'file')} is a file, not a directory (ENOTDIR)`],
    [['export', 'networks/lenet.net', '--weights', join(dir, 'run'), '--format', 'onnx', '-o', join(under, 'm.onnx')], `netc: ${join(under, 'm.onnx')}: cannot write it`],
    [['export', 'networks/lenet.net', '--weights', join(dir, 'run'), '--format', 'pytorch', '-o', under], `netc: ${under}: cannot create`],
  ];
  for (const [args, start] of cases) {
    const r = netc(...args);
    t.is(r.code, 1, `${args[0]}: ${r.stderr}`);
    t.true(r.stderr.startsWith(start), r.stderr);
    t.is(r.stderr.trim().split('\n').length, 1);
  }
});
