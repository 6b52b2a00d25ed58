// Parses argv into a command, files and flags; unknown flags are usage errors (exit 2).

export interface ParsedArgs {
  command?: string;
  files: string[];
  flags: Map<string, string | true>;
  sets: Record<string, string>;
}

export class UsageError extends Error {}

/** Flags that take a value; every other flag is boolean. */
const valued = new Set(['network', 'emit', 'set', 'max-params']);

export function parseArgs(argv: string[], known: Set<string>): ParsedArgs {
  const result: ParsedArgs = { files: [], flags: new Map(), sets: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      if (!known.has(name)) throw new UsageError(`unknown option --${name}`);
      let value: string | true = true;
      if (valued.has(name)) {
        if (eq >= 0) value = arg.slice(eq + 1);
        else if (i + 1 < argv.length) value = argv[++i];
        else throw new UsageError(`--${name} needs a value`);
      } else if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      if (name === 'set') {
        const [key, ...rest] = String(value).split('=');
        if (!key || rest.length === 0) throw new UsageError('--set takes NAME=VALUE, e.g. --set classes=100');
        result.sets[key] = rest.join('=');
      } else result.flags.set(name, value);
    } else if (arg === '-h') result.flags.set('help', true);
    else if (result.command === undefined) result.command = arg;
    else result.files.push(arg);
  }
  return result;
}

/** `--set` values: numbers, true/false and JSON lists; anything else is a string. */
export function parseSetValue(text: string): number | boolean | string | unknown[] {
  if (text === 'true' || text === 'false') return text === 'true';
  if (text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (text.startsWith('[')) {
    try {
      return JSON.parse(text) as unknown[];
    } catch {
      throw new UsageError(`--set value ${text} is not a valid list`);
    }
  }
  return text;
}
