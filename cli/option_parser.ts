// What an option table is, and how argv becomes typed values with node:util parseArgs; anything wrong is a UsageError.
import { parseArgs } from 'node:util';
import { suggest } from '../compiler/suggest.js';
import { UsageError } from './usage_error.js';

/** One option of a command, declared once: the parser, the type of its value and the help text come from it. */
export interface OptionSpec {
  /** Long name without the dashes: `epochs` is `--epochs`. */
  readonly name: string;
  /** `flag` takes no value; `assignment` is a repeatable NAME=VALUE collected into a record; `list` is a
   *  repeatable value (commas also separate values) collected into an array. */
  readonly kind: 'flag' | 'string' | 'integer' | 'number' | 'choice' | 'assignment' | 'list';
  /** One line for the help text. */
  readonly description: string;
  /** What the value is called in help and messages (N, DIR, X); a choice shows its choices instead. */
  readonly placeholder?: string;
  /** One letter: `h` is `-h`. */
  readonly short?: string;
  readonly default?: string | number;
  /** A default the command computes (shown in help, e.g. "a third of --epochs"). */
  readonly defaultText?: string;
  readonly choices?: readonly string[];
  /** Bounds for integer and number values (inclusive). */
  readonly min?: number;
  readonly max?: number;
  /** Heading the help text lists the option under. */
  readonly group: string;
  /** Shown in the message when a value is malformed, e.g. `--set classes=100`. */
  readonly example?: string;
}

type ValueOf<S extends OptionSpec> = S['kind'] extends 'flag'
  ? boolean
  : S['kind'] extends 'integer' | 'number'
    ? number
    : S['kind'] extends 'assignment'
      ? Record<string, string>
      : S['kind'] extends 'list'
        ? string[]
      : S extends { readonly choices: readonly (infer C)[] }
        ? C
        : string;

/** Flags, assignments and options with a default always have a value; the others may be absent. */
type AlwaysSet<S> = S extends { readonly default: string | number } ? true : S extends { readonly kind: 'flag' | 'assignment' | 'list' } ? true : false;

/** The parsed values of a table, keyed by option name and typed by kind, choices and default. */
export type OptionValues<T extends readonly OptionSpec[]> = {
  readonly [S in T[number] as S['name']]: AlwaysSet<S> extends true ? ValueOf<S> : ValueOf<S> | undefined;
};

/** A parsed command line: the command, its positional operands (FILE, IMAGE…) and its option values. */
export interface CommandArgs<T extends readonly OptionSpec[]> {
  readonly command: string;
  readonly files: string[];
  readonly options: OptionValues<T>;
}

/** Keeps a table's literal types (names, kinds, choices) so OptionValues can type its values. */
export const optionTable = <const T extends readonly OptionSpec[]>(table: T): T => table;

/** How an option is written in messages: `--lr X`, `--optimizer sgd|momentum|adam`, `--json`. */
export function optionSyntax(spec: OptionSpec): string {
  return `--${spec.name}${spec.kind === 'flag' ? '' : ` ${spec.kind === 'choice' ? spec.choices!.join('|') : spec.placeholder ?? 'VALUE'}`}`;
}

function convert(spec: OptionSpec, text: string, previous: unknown): unknown {
  const option = `--${spec.name}`;
  switch (spec.kind) {
    case 'string':
      return text;
    case 'integer':
    case 'number': {
      const value = Number(text);
      const { min = -Infinity, max = Infinity } = spec;
      const integer = spec.kind === 'integer';
      if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
        throw new UsageError(`${option} needs ${integer ? 'an integer' : 'a number'}${min > -Infinity ? ` >= ${min}` : ''}${max < Infinity ? ` <= ${max}` : ''}, got ${text === '' ? 'nothing' : text}`);
      }
      return value;
    }
    case 'choice': {
      if (spec.choices!.includes(text)) return text;
      const near = suggest(text, spec.choices!);
      throw new UsageError(`${option} takes ${spec.choices!.join(', ')}; got ${text === '' ? 'nothing' : text}${near ? ` (did you mean ${near}?)` : ''}`);
    }
    case 'assignment': {
      const [key, ...rest] = text.split('=');
      if (!key || rest.length === 0) throw new UsageError(`${option} takes ${spec.placeholder ?? 'NAME=VALUE'}${spec.example ? `, e.g. ${spec.example}` : ''}`);
      return { ...(previous as Record<string, string> | undefined), [key]: rest.join('=') };
    }
    case 'list': {
      const items = text.split(',').map((t) => t.trim()).filter(Boolean);
      if (items.length === 0) throw new UsageError(`${option} takes ${spec.placeholder ?? 'VALUE'}${spec.example ? `, e.g. ${spec.example}` : ''}`);
      return [...((previous as string[] | undefined) ?? []), ...items];
    }
    case 'flag':
      throw new UsageError(`${option} takes no value`);
  }
}

const parserConfig = (table: readonly OptionSpec[]) =>
  Object.fromEntries(table.map((spec) => [spec.name, { type: spec.kind === 'flag' ? ('boolean' as const) : ('string' as const), ...(spec.short ? { short: spec.short } : {}) }]));

/** `-b`, `--json`, `-x=1`: a word an option would be taken for (a negative number such as `-1` or `-.5` is not). */
const looksLikeOption = (word: string): boolean => /^-(-.|[^\d.])/.test(word);

/**
 * The first operand, knowing which options take a value: `netc --network N check f.net` gives `check`; with the
 * option written before it that no command has (`netc -b 64 train`: -b, so `64` is not taken for a command word).
 */
export function firstPositional(argv: readonly string[], table: readonly OptionSpec[]): { word?: string; unknownBefore?: string } {
  const known = new Set(table.map((spec) => spec.name));
  const { tokens } = parseArgs({ args: [...argv], options: parserConfig(table), strict: false, allowPositionals: true, tokens: true });
  const index = tokens.findIndex((t) => t.kind === 'positional');
  const unknown = tokens.slice(0, index < 0 ? tokens.length : index).find((t) => t.kind === 'option' && !known.has(t.name));
  const word = index < 0 ? undefined : (tokens[index] as { value: string }).value;
  return { word, unknownBefore: unknown?.kind === 'option' ? argv[unknown.index].split('=')[0] : undefined };
}

/**
 * Parses argv against a command's table (or the table of bare `netc`): positionals in order, every option
 * converted and checked, defaults filled in. `elsewhere(name)` may say which other command has an unknown option.
 */
export function parseOptions<T extends readonly OptionSpec[]>(argv: readonly string[], table: T, command?: string, elsewhere: (name: string) => string | undefined = () => undefined): { positionals: string[]; values: OptionValues<T> } {
  const byName = new Map<string, OptionSpec>(table.map((spec) => [spec.name, spec]));
  // strict: false so that netc, not parseArgs, words every message; the tokens say exactly what was written.
  const { tokens } = parseArgs({ args: [...argv], options: parserConfig(table), strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, unknown> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const spec = byName.get(token.name);
    if (!spec) {
      // `-epochs` is read as the short options -e -p -o…: name what was written, and the long option it resembles.
      const written = token.rawName.startsWith('--') ? token.rawName : argv[token.index].split('=')[0];
      const name = written.replace(/^--?/, '');
      const near = byName.has(name) ? name : name.length > 1 ? suggest(name, byName.keys()) : undefined;
      const hint = (near === name ? undefined : elsewhere(name)) ?? (near ? `; did you mean --${near}?` : '');
      throw new UsageError(`unknown option ${written}${command ? ` for netc ${command}` : ''}${hint} (see ${command ? `netc help ${command}` : 'netc --help'})`);
    }
    if (spec.kind === 'flag') {
      if (token.value !== undefined) throw new UsageError(`--${spec.name} takes no value`);
      values[spec.name] = true;
    } else if (token.value === undefined) {
      throw new UsageError(`--${spec.name} needs a value: ${optionSyntax(spec)}`);
    } else if (!token.inlineValue && looksLikeOption(token.value)) {
      // parseArgs takes the next word whatever it is: `--out --json` would make a directory called --json.
      throw new UsageError(`--${spec.name} needs a value: ${optionSyntax(spec)}, not the option ${token.value.split('=')[0]} (write --${spec.name}=${token.value} for a value that starts with -)`);
    } else values[spec.name] = convert(spec, token.value, values[spec.name]);
  }
  for (const spec of table) {
    if (values[spec.name] !== undefined) continue;
    if (spec.kind === 'flag') values[spec.name] = false;
    else if (spec.kind === 'assignment') values[spec.name] = {};
    else if (spec.kind === 'list') values[spec.name] = [];
    else if (spec.default !== undefined) values[spec.name] = spec.default;
  }
  return { positionals, values: values as OptionValues<T> };
}
