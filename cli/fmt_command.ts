// netc fmt: rewrite .net files in the canonical layout (in place, --check for CI, `-` for stdin -> stdout).
import { closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { formatSource } from '../compiler/format.js';
import type { CommandArgs } from './option_parser.js';
import type { fmtOptions } from './command_options.js';
import { printDiagnostics, readSource } from './compile_input.js';
import { UsageError } from './usage_error.js';

const stdinName = '<stdin>';

export function fmtCommand(args: CommandArgs<typeof fmtOptions>): number {
  if (args.files.length === 0) throw new UsageError('netc fmt needs a FILE (or - for standard input)');
  if (args.files.includes('-') && args.files.length > 1) throw new UsageError('netc fmt - reads standard input and takes no other FILE');
  const check = args.options.check;
  if (args.files[0] === '-') return formatStdin(check);
  // Read every file first: an unreadable one is a usage error before anything is rewritten.
  const sources = new Map(args.files.map((file) => [file, readSource(file)]));
  let failed = false;
  for (const [file, text] of sources) {
    const result = formatSource(text, { file });
    if (!result.ok) {
      printDiagnostics(result.diagnostics, new Map([[file, text]]));
      failed = true;
    } else if (result.changed && check) {
      process.stdout.write(`${file}\n`);
      failed = true;
    } else if (result.changed && !writeFormatted(file, result.text)) failed = true;
  }
  return failed ? 1 : 0;
}

/** `netc fmt -`: the formatted text on stdout; with --check, nothing but the exit code (and `<stdin>` if it differs). */
function formatStdin(check: boolean): number {
  const text = readFileSync(0, 'utf8');
  const result = formatSource(text, { file: stdinName });
  if (!result.ok) {
    printDiagnostics(result.diagnostics, new Map([[stdinName, text]]));
    return 1;
  }
  if (!check) process.stdout.write(result.text);
  else if (result.changed) process.stdout.write(`${stdinName}\n`);
  return check && result.changed ? 1 : 0;
}

/**
 * Replaces `file` atomically (a temp file beside it, then rename), keeping its mode; through a symlink, the file
 * it points to is replaced and the link stays. A failure is one line.
 * Written here, not with runtime/platform/atomic_file.ts: the static commands load nothing of runtime/ but the
 * bounded reader (test/cli/runtime_entry.test.ts).
 */
function writeFormatted(file: string, text: string): boolean {
  let target = file;
  let temp: string | undefined;
  let fd: number | undefined;
  try {
    target = realpathSync(file);
    temp = `${target}.tmp-${process.pid}`;
    fd = openSync(temp, 'w', statSync(target).mode & 0o7777);
    const bytes = Buffer.from(text, 'utf8');
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
    return true;
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      if (temp !== undefined) unlinkSync(temp);
    } catch {
      // never created, or already renamed
    }
    const code = (error as NodeJS.ErrnoException).code;
    process.stderr.write(`netc: cannot write ${file}: ${code ?? (error as Error).message}\n`);
    return false;
  }
}
