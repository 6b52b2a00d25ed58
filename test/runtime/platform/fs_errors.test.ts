// Every errno a write meets becomes one line naming the path, produced by real fs calls (ENOSPC from /dev/full).
import test from 'ava';
import { chmodSync, mkdirSync, mkdtempSync, openSync, closeSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSystemError, describeFsError, fsError, withFsErrors } from '../../../runtime/platform/fs_errors.js';
import { UserError } from '../../../runtime/errors.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'netc-fserr-'));

/** The error a real fs call on `path` throws, as fsError words it. */
function caught(path: string, action: () => unknown): Error {
  try {
    withFsErrors(path, 'write it', action);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`${path}: expected a failure`);
}

const dir = scratch();
writeFileSync(join(dir, 'file'), 'x');
mkdirSync(join(dir, 'sub'));
writeFileSync(join(dir, 'sub', 'inside'), 'x');

const cases: { code: string; path: string; action: (path: string) => unknown; words: RegExp }[] = [
  { code: 'ENOTDIR', path: join(dir, 'file', 'run', 'model.safetensors'), action: (p) => writeFileSync(p, 'x'), words: new RegExp(`${join(dir, 'file')} is a file, not a directory \\(ENOTDIR\\)`) },
  { code: 'EISDIR', path: join(dir, 'sub'), action: (p) => writeFileSync(p, 'x'), words: /it is a directory \(EISDIR\)/ },
  { code: 'EEXIST', path: join(dir, 'file'), action: (p) => mkdirSync(p), words: /it already exists \(EEXIST\)/ },
  { code: 'ENOENT', path: join(dir, 'missing', 'x'), action: (p) => writeFileSync(p, 'x'), words: /no such file or directory \(ENOENT\)/ },
  { code: 'ENAMETOOLONG', path: join(dir, 'n'.repeat(300)), action: (p) => writeFileSync(p, 'x'), words: /the name is too long \(ENAMETOOLONG\)/ },
  {
    code: 'ENOSPC',
    path: '/dev/full',
    action: (p) => {
      const fd = openSync(p, 'w');
      try {
        writeSync(fd, Buffer.alloc(4096));
      } finally {
        closeSync(fd);
      }
    },
    words: /no space left on the device \(ENOSPC\)/,
  },
];

for (const c of cases) {
  test(`${c.code}: one line naming the path and the reason`, (t) => {
    const error = caught(c.path, () => c.action(c.path));
    t.true(error instanceof FileSystemError && error instanceof UserError, error.message);
    t.is((error as FileSystemError).code, c.code);
    t.true(error.message.startsWith(`${c.path}: cannot write it: `), error.message);
    t.regex(error.message, c.words);
    t.false(error.message.includes('\n'));
  });
}

test('EACCES: a directory this user cannot write (skipped as root: permissions do not stop root)', (t) => {
  if (process.getuid?.() === 0) {
    t.log('running as root, where chmod does not stop a write; test/cli/run_directory_commands.test.ts covers EACCES as nobody');
    t.pass();
    return;
  }
  const locked = join(scratch(), 'locked');
  mkdirSync(locked);
  chmodSync(locked, 0o555);
  const error = caught(join(locked, 'x'), () => writeFileSync(join(locked, 'x'), 'x'));
  t.regex(error.message, /permission denied \(EACCES\)/);
});

test('a UserError passes through, and an error that is not an errno stays what it is (a bug)', (t) => {
  const user = new UserError('already worded');
  t.is(fsError(user, '/x', 'write it'), user);
  const bug = new TypeError('undefined is not a function');
  t.is(fsError(bug, '/x', 'write it'), bug);
  t.is(describeFsError({ code: 'EWHATEVER' }, '/x'), 'EWHATEVER');
});
