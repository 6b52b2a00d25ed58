#!/usr/bin/env node
// The netc command: finds the command in argv, parses its options table, dispatches, and maps outcomes to exit codes
// (0 ok; 1 the input, data or training failed; 2 usage, backend or internal error).
import { suggest } from '../compiler/suggest.js';
import { commandNamed, commands, type Command } from './commands.js';
import { commandHelp, overviewHelp } from './help_text.js';
import { firstPositional, parseOptions, type OptionSpec } from './option_parser.js';
import { globalOptions } from './command_options.js';
import { UsageError } from './usage_error.js';

type Runtime = typeof import('../runtime/index.js');

const VERSION = 'netc 0.1.0';

/** Help and the version go to stdout and end the command successfully. */
const print = (text: string): number => (process.stdout.write(`${text}\n`), 0);

/** Every option of every command (one kind per name; a test checks), to find the command word before its table is known. */
const everyOption: OptionSpec[] = [...new Map(commands.flatMap((c) => c.options).map((o) => [o.name, o])).values()];

/** For an unknown option: which commands have it (`--epochs` on check: "it is an option of netc train"). */
function ownersOf(name: string): string | undefined {
  const owners = commands.filter((c) => c.options.some((o) => o.name === name)).map((c) => `netc ${c.name}`);
  return owners.length > 0 ? `; it is an option of ${owners.join(', ')}` : undefined;
}

function commandFor(name: string): Command {
  const command = commandNamed(name);
  if (command) return command;
  const near = suggest(name, commands.map((c) => c.name));
  throw new UsageError(`unknown command '${name}'${near ? `; did you mean '${near}'?` : ''} (see netc --help)`);
}

/** `netc`, `netc --help`, `netc --version`, `netc help [COMMAND]`. */
function runBare(argv: string[]): number {
  const { positionals, values } = parseOptions(argv, globalOptions);
  if (values.version) return print(VERSION);
  if (positionals[0] === 'help' && positionals.length > 1) return print(commandHelp(commandFor(positionals[1])));
  print(overviewHelp(commands));
  // Bare `netc` is a usage error that shows the usage.
  return values.help || positionals[0] === 'help' ? 0 : 2;
}

async function run(argv: string[], loaded: { runtime?: Runtime }): Promise<number> {
  const { word, unknownBefore } = firstPositional(argv, everyOption);
  if (word === undefined || word === 'help') return runBare(argv);
  // `netc -b 64 train f.net`: -b is the mistake, not a command called 64.
  if (unknownBefore && !commandNamed(word)) throw new UsageError(`unknown option ${unknownBefore} (see netc --help)`);
  const command = commandFor(word);
  const { positionals, values } = parseOptions(argv, command.options, command.name, ownersOf);
  if (values.version) return print(VERSION);
  if (values.help) return print(commandHelp(command));
  checkOperands(command, positionals.slice(1));
  if (command.loadsRuntime) loaded.runtime = await import('../runtime/index.js');
  return command.run({ command: command.name, files: positionals.slice(1), options: values });
}

/** A command takes one FILE (and, where its operands end in `…`, more of the last kind): an extra one is a mistake. */
function checkOperands(command: Command, operands: string[]): void {
  const variadic = /…/.test(command.operands);
  if (operands.length > 1 && !variadic) throw new UsageError(`netc ${command.name} takes one FILE; also given: ${operands.slice(1).join(' ')} (see netc help ${command.name})`);
}

/** Errors people cause (bad data, weights, divergence) print one line and exit 1; a backend that cannot start exits 2. */
function exitCodeFor(error: unknown, runtime: Runtime | undefined): number {
  if (error instanceof UsageError) {
    process.stderr.write(`netc: ${error.message}\n`);
    return 2;
  }
  if (error instanceof Error && /^Aborted\(/.test(error.message)) {
    // Emscripten's abort: on the wasm backend almost always its 4 GiB address space running out.
    process.stderr.write('netc: the wasm backend aborted, most likely out of memory (WebAssembly addresses at most 4 GiB); try a smaller --batch\n');
    return 1;
  }
  if (runtime && (error instanceof runtime.BackendError || error instanceof runtime.UserError)) {
    process.stderr.write(`netc: ${error.message}\n`);
    return error instanceof runtime.BackendError ? 2 : 1;
  }
  process.stderr.write(`netc: internal error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n(this is a bug in netc; set NETC_DEBUG=1 for details)\n`);
  if (process.env.NETC_DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
  return 2;
}

async function main(): Promise<void> {
  const loaded: { runtime?: Runtime } = {};
  let code: number;
  try {
    code = await run(process.argv.slice(2), loaded);
  } catch (error) {
    code = exitCodeFor(error, loaded.runtime);
  }
  // Dawn can keep handles open after training; everything is written, so leave now.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

void main();
