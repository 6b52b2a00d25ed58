// Atomic writes: the new bytes or the old ones; a failed write leaves no temp file and names the path.
import test from 'ava';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempFileOwner, tempPathFor, writeFileAtomic } from '../../../runtime/io/atomic_file.js';
import { FileSystemError } from '../../../runtime/platform/fs_errors.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'netc-atomic-'));

test('writes the bytes of every chunk and leaves only the file', (t) => {
  const dir = scratch();
  const path = join(dir, 'model.safetensors');
  writeFileSync(path, 'old');
  writeFileAtomic(path, [Buffer.from('new '), Buffer.from('bytes')]);
  t.is(readFileSync(path, 'utf8'), 'new bytes');
  t.deepEqual(readdirSync(dir), ['model.safetensors']);
});

test('ENOSPC while writing (the temp file lands on /dev/full): a one-line error naming the file, the old file kept, no temp left', (t) => {
  const dir = scratch();
  const path = join(dir, 'model.safetensors');
  writeFileSync(path, 'the good epoch');
  symlinkSync('/dev/full', tempPathFor(path)); // the write this process makes goes to a full device
  const error = t.throws(() => writeFileAtomic(path, [Buffer.alloc(1 << 20)]));
  t.true(error instanceof FileSystemError);
  t.is(error!.message, `${path}: cannot write it: no space left on the device (ENOSPC)`);
  t.is(readFileSync(path, 'utf8'), 'the good epoch');
  t.deepEqual(readdirSync(dir), ['model.safetensors']);
});

test('a rename that fails (a directory where the file goes) removes the temp file', (t) => {
  const dir = scratch();
  const path = join(dir, 'curves.svg');
  mkdirSync(path);
  writeFileSync(join(path, 'inside'), 'x');
  const error = t.throws(() => writeFileAtomic(path, [Buffer.from('<svg/>')]));
  t.regex(error!.message, new RegExp(`^${path}: cannot write it: .*\\((EISDIR|ENOTEMPTY|EEXIST)\\)$`));
  t.deepEqual(readdirSync(dir), ['curves.svg']);
});

test('a directory that is not there: ENOENT naming the path, nothing created', (t) => {
  const path = join(scratch(), 'gone', 'data.json');
  t.throws(() => writeFileAtomic(path, [Buffer.from('{}')]), { message: `${path}: cannot write it: no such file or directory (ENOENT)` });
});

test('temp names carry the writer pid', (t) => {
  t.is(tempFileOwner(tempPathFor('/r/model.safetensors', 4242)), 4242);
  t.is(tempFileOwner('model.safetensors'), undefined);
  t.is(tempFileOwner('notes.tmp-x'), undefined);
});
