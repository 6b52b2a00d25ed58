// DIR/.lock: one holder at a time, named when refused; stale locks (dead pid, reused pid, never written) taken
// over; released on every exit of the holder but SIGKILL.
import test from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LOCK_FILE, LockedError, holderAlive, lockDirectory } from '../../../runtime/platform/run_lock.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'netc-lock-'));
const module = resolve('dist/runtime/platform/run_lock.js');

/** A child process that takes the lock on `dir`, says so, then ends as `ending` says. */
function holder(dir: string, ending: string) {
  const code = `const { lockDirectory } = await import(${JSON.stringify(module)}); lockDirectory(${JSON.stringify(dir)}); process.stdout.write('locked\\n'); ${ending}`;
  return spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
}

const started = (child: ReturnType<typeof holder>) => new Promise<void>((done) => child.stdout!.once('data', () => done()));
const exited = (child: ReturnType<typeof holder>) => new Promise<void>((done) => child.once('exit', () => done()));

/** A pid that belonged to a process which has ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

test('a second holder is refused at once, naming the first one\'s pid; the lock holds pid, host and start time', async (t) => {
  const dir = scratch();
  const child = holder(dir, 'setTimeout(() => {}, 60000);');
  await started(child);
  const info = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
  t.like(info, { pid: child.pid, host: hostname() });
  t.true(Number.isFinite(Date.parse(info.started)));
  const error = t.throws(() => lockDirectory(dir), { instanceOf: LockedError });
  t.regex(error!.message, new RegExp(`^${dir}: another netc process \\(pid ${child.pid}, since .*\\) is using this run directory; .*remove ${join(dir, LOCK_FILE)}`));
  child.kill('SIGKILL');
  await exited(child);
});

for (const [how, ending] of [
  ['a normal exit', ''],
  ['an uncaught error', "throw new Error('boom');"],
  ['process.exit(3)', 'process.exit(3);'],
  ['a SIGINT handler that exits', "process.on('SIGINT', () => process.exit(130)); process.kill(process.pid, 'SIGINT'); setTimeout(() => {}, 5000);"],
]) {
  test(`the lock is released on ${how}`, async (t) => {
    const dir = scratch();
    const child = holder(dir, ending);
    await started(child);
    await exited(child);
    t.false(existsSync(join(dir, LOCK_FILE)));
  });
}

test('SIGKILL leaves the lock; the next holder takes it over with a note naming the dead pid', async (t) => {
  const dir = scratch();
  const child = holder(dir, 'setTimeout(() => {}, 60000);');
  await started(child);
  child.kill('SIGKILL');
  await exited(child);
  t.true(existsSync(join(dir, LOCK_FILE)));
  const lock = lockDirectory(dir);
  t.regex(lock.tookOver ?? '', new RegExp(`took over the stale lock of pid ${child.pid} `));
  t.is(JSON.parse(readFileSync(lock.path, 'utf8')).pid, process.pid);
  lock.release();
  t.false(existsSync(lock.path));
});

test('stale locks: a dead pid, a pid now used by another process, a lock never written (after 10 s) are taken over', (t) => {
  const dir = scratch();
  const path = join(dir, LOCK_FILE);
  const stale = [
    { pid: deadPid(), host: hostname(), started: '2026-01-01T00:00:00.000Z' },
    { pid: process.ppid, host: hostname(), started: '2026-01-01T00:00:00.000Z', processStart: '1' }, // alive, but started at another time
  ];
  for (const info of stale) {
    t.false(holderAlive(info), JSON.stringify(info));
    writeFileSync(path, JSON.stringify(info));
    const lock = lockDirectory(dir);
    t.truthy(lock.tookOver);
    lock.release();
  }
  writeFileSync(path, '');
  t.throws(() => lockDirectory(dir), { instanceOf: LockedError, message: /not a readable netc lock yet/ });
  utimesSync(path, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
  const lock = lockDirectory(dir);
  t.is(lock.tookOver, 'took over an unreadable stale lock');
  lock.release();
});

test('a live holder, and one on another host, are never taken over', (t) => {
  const dir = scratch();
  const path = join(dir, LOCK_FILE);
  writeFileSync(path, JSON.stringify({ pid: process.ppid, host: hostname(), started: 'then' }));
  t.throws(() => lockDirectory(dir), { instanceOf: LockedError, message: new RegExp(`pid ${process.ppid}, since then`) });
  writeFileSync(path, JSON.stringify({ pid: deadPid(), host: 'elsewhere.example', started: 'then' }));
  t.throws(() => lockDirectory(dir), { instanceOf: LockedError, message: /pid \d+ on elsewhere\.example/ });
});

test('release leaves a lock that is no longer this process\'s alone', (t) => {
  const dir = scratch();
  const lock = lockDirectory(dir);
  writeFileSync(lock.path, JSON.stringify({ pid: process.ppid, host: hostname(), started: 'now' }));
  lock.release();
  t.true(existsSync(lock.path));
});
