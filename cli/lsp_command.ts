// `netc lsp [--stdio | --node-ipc | --socket PORT | --pipe NAME]`: the language server (lsp/), serving until the
// client sends exit. Loaded only when used; stdout then carries nothing but the protocol.
import { globalOptions } from './command_options.js';
import { optionTable, type CommandArgs } from './option_parser.js';
import { UsageError } from './usage_error.js';

const transport = 'transport (stdio when none is given)';

export const lspOptions = optionTable([
  { name: 'stdio', kind: 'flag', group: transport, description: 'serve on stdin/stdout (what editor clients pass)' },
  { name: 'node-ipc', kind: 'flag', group: transport, description: "serve over Node's IPC channel (a client that forks netc)" },
  { name: 'socket', kind: 'integer', placeholder: 'PORT', min: 1, max: 65535, group: transport, description: 'connect to the client listening on this TCP port of localhost' },
  { name: 'pipe', kind: 'string', placeholder: 'NAME', group: transport, description: 'connect to the client listening on this named pipe / socket file' },
  { name: 'clientProcessId', kind: 'integer', placeholder: 'PID', min: 0, group: transport, description: 'exit when this process (the editor) does; vscode-languageclient passes it' },
  ...globalOptions,
]);

export async function lspCommand(args: CommandArgs<typeof lspOptions>): Promise<number> {
  if (args.files.length > 0) throw new UsageError(`netc lsp takes no FILE (the editor sends the files it opens); got ${args.files.join(' ')}`);
  const { options } = args;
  const chosen = [options.stdio && '--stdio', options['node-ipc'] && '--node-ipc', options.socket !== undefined && '--socket', options.pipe !== undefined && '--pipe'].filter(Boolean);
  if (chosen.length > 1) throw new UsageError(`netc lsp serves on one transport; given ${chosen.join(', ')}`);
  if (options['node-ipc'] && !process.send) throw new UsageError('netc lsp --node-ipc needs a parent process with an IPC channel (it forks netc)');
  const { serve } = await import('../lsp/serve.js');
  serve(
    options['node-ipc'] ? { kind: 'node-ipc' } : options.socket !== undefined ? { kind: 'socket', port: options.socket } : options.pipe !== undefined ? { kind: 'pipe', name: options.pipe } : { kind: 'stdio' },
  );
  // The connection exits the process (exit notification, closed stream); until then this never settles.
  return new Promise<number>(() => {});
}
