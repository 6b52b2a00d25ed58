// Parses argv into a command, files and flags; unknown flags are usage errors (exit 2).

export interface ParsedArgs {
  command?: string;
  files: string[];
  flags: Map<string, string | true>;
  sets: Record<string, string>;
}

export class UsageError extends Error {}

/** Flags that take a value, for every command; every other flag is boolean. */
const valued = new Set([
  'network', 'emit', 'set', 'max-params', 'epochs', 'batch', 'lr', 'optimizer', 'weight-decay', 'schedule', 'lr-step', 'lr-gamma',
  'seed', 'init', 'backend', 'limit', 'test-limit', 'out', 'resume', 'data', 'resize', 'random-crop', 'sync-every', 'weights', 'from', 'map',
]);

/** Parses argv; `knownFor(command)` lists the flags that command accepts. */
export function parseArgs(argv: string[], knownFor: (command: string | undefined) => Set<string>): ParsedArgs {
  const command = argv.find((a, i) => !a.startsWith('-') && !(i > 0 && argv[i - 1].startsWith('--') && !argv[i - 1].includes('=') && valued.has(argv[i - 1].slice(2))));
  const known = knownFor(command);
  const result: ParsedArgs = { files: [], flags: new Map(), sets: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      if (!known.has(name)) throw new UsageError(`unknown option --${name}${command ? ` for netc ${command}` : ''} (see netc --help)`);
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

/** Typed flag readers: each rejects a malformed value with a one-line usage error. */
export function numberFlag(args: ParsedArgs, name: string, fallback: number, { integer = false, min = -Infinity, max = Infinity } = {}): number {
  const raw = args.flags.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw === true || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new UsageError(`--${name} needs ${integer ? 'an integer' : 'a number'}${min > -Infinity ? ` >= ${min}` : ''}${max < Infinity ? ` <= ${max}` : ''}, got ${raw === true ? 'nothing' : raw}`);
  }
  return value;
}

export function optionalNumberFlag(args: ParsedArgs, name: string, options: { integer?: boolean; min?: number } = {}): number | undefined {
  return args.flags.has(name) ? numberFlag(args, name, 0, options) : undefined;
}

export function choiceFlag<T extends string>(args: ParsedArgs, name: string, choices: readonly T[], fallback: T): T {
  const raw = args.flags.get(name);
  if (raw === undefined) return fallback;
  if (raw === true || !choices.includes(raw as T)) throw new UsageError(`--${name} takes ${choices.join(', ')}; got ${raw === true ? 'nothing' : raw}`);
  return raw as T;
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const raw = args.flags.get(name);
  return raw === undefined || raw === true ? undefined : raw;
}
