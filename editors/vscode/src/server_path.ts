// Which `netc lsp` the extension starts: the configured netc.server.path, else the workspace's own netc
// (node_modules, or netc's checkout itself), else `netc` on PATH. Pure over the lookups it is given, so the
// order and the messages are tested without VS Code.
import * as path from 'node:path';

/** A command that starts the server on stdio. */
export interface ServerCommand {
  command: string;
  args: string[];
  /** Where it came from: the setting, a workspace folder, or PATH. */
  source: 'setting' | 'workspace' | 'path';
  /** A `.cmd` shim on Windows runs only through a shell. */
  shell: boolean;
}

export type ServerResolution = ServerCommand | { error: string };

export interface ServerLookup {
  /** netc.server.path as configured ('' or undefined: not set). */
  configured: string | undefined;
  /** The workspace folders' file-system paths, in order. */
  folders: readonly string[];
  /** The PATH environment variable. */
  pathEnv: string | undefined;
  platform: string;
  home: string;
  isFile(file: string): boolean;
  readText(file: string): string | undefined;
  /** The Node.js that runs a netc.js (default `node`, from PATH). */
  node?: string;
}

/** The arguments netc takes to serve the language server protocol on stdin/stdout. */
export const LSP_ARGS = ['lsp', '--stdio'];

const isScript = (file: string) => /\.[cm]?js$/i.test(file);

export function resolveServer(lookup: ServerLookup): ServerResolution {
  const paths = lookup.platform === 'win32' ? path.win32 : path.posix;
  const node = lookup.node ?? 'node';
  const run = (file: string, source: ServerCommand['source']): ServerCommand =>
    isScript(file)
      ? { command: node, args: [file, ...LSP_ARGS], source, shell: false }
      : { command: file, args: [...LSP_ARGS], source, shell: lookup.platform === 'win32' && /\.(cmd|bat)$/i.test(file) };

  const configured = lookup.configured?.trim();
  if (configured) {
    const expanded = configured === '~' || configured.startsWith('~/') ? paths.join(lookup.home, configured.slice(1)) : configured;
    if (!paths.isAbsolute(expanded) && lookup.folders.length === 0) {
      return { error: `netc.server.path is the relative path "${configured}", but no workspace folder is open to resolve it against: set an absolute path.` };
    }
    const file = paths.resolve(lookup.folders[0] ?? '', expanded);
    if (!lookup.isFile(file)) return { error: `netc.server.path is "${configured}", but ${file} is not a file: point it at netc's dist/cli/netc.js or at a netc executable.` };
    return run(file, 'setting');
  }

  const binaries = lookup.platform === 'win32' ? ['netc.cmd', 'netc.exe', 'netc'] : ['netc'];
  const looked: string[] = [];
  for (const folder of lookup.folders) {
    const candidates = [
      paths.join(folder, 'node_modules', 'netc', 'dist', 'cli', 'netc.js'),
      ...(isNetcCheckout(folder, lookup, paths) ? [paths.join(folder, 'dist', 'cli', 'netc.js')] : []),
      ...binaries.map((name) => paths.join(folder, 'node_modules', '.bin', name)),
    ];
    for (const file of candidates) {
      looked.push(file);
      if (lookup.isFile(file)) return run(file, 'workspace');
    }
  }
  const delimiter = lookup.platform === 'win32' ? ';' : ':';
  for (const dir of (lookup.pathEnv ?? '').split(delimiter).filter(Boolean)) {
    for (const name of binaries) {
      const file = paths.join(dir, name);
      if (lookup.isFile(file)) return run(file, 'path');
    }
  }
  looked.push(`netc on PATH`);
  return {
    error: `netc's language server was not found. Set netc.server.path to netc's dist/cli/netc.js or a netc executable, install netc in the workspace (npm install --save-dev netc) or put netc on PATH. Looked for: ${looked.join(', ')}.`,
  };
}

/** A folder that is netc's own repository (its package.json is named netc): its built CLI serves it. */
function isNetcCheckout(folder: string, lookup: ServerLookup, paths: typeof path.posix): boolean {
  const text = lookup.readText(paths.join(folder, 'package.json'));
  if (!text) return false;
  try {
    return (JSON.parse(text) as { name?: unknown }).name === 'netc';
  } catch {
    return false;
  }
}
