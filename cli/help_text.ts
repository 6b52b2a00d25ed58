// The help texts, generated from the command list and the option tables: `netc --help` and `netc help COMMAND`.
import type { Command } from './commands.js';
import type { OptionSpec } from './option_parser.js';
import { optionSyntax } from './option_parser.js';
import { commonOptions } from './command_options.js';

const exitCodes = `exit codes: 0 ok; 1 the input has errors, bad data, or training diverged; 2 usage error, a backend
that cannot start, or an internal error.
docs: docs/language.md, docs/diagnostics.md, docs/runtime.md, docs/graph.md`;

/** Two columns, what is written and what it does; the first as wide as its widest entry, up to 36 characters. */
const widthOf = (rows: [string, string][]) => Math.min(36, Math.max(...rows.map(([left]) => left.length)));
function columns(rows: [string, string][], width = widthOf(rows)): string[] {
  const indent = ' '.repeat(width + 4);
  return rows.map(([left, right]) => {
    const lines = wrap(right, lineWidth - indent.length);
    const first = left.length > width ? `  ${left}\n${indent}${lines[0]}` : `  ${left.padEnd(width)}  ${lines[0]}`;
    return [first, ...lines.slice(1).map((line) => indent + line)].join('\n').trimEnd();
  });
}

const lineWidth = 110;

/** Words into lines of at most `width` characters (a longer word gets a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    if (lines.length > 0 && lines[lines.length - 1].length + 1 + word.length <= width) lines[lines.length - 1] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

function optionRow(spec: OptionSpec): [string, string] {
  const fallback = spec.defaultText ?? (spec.default !== undefined ? String(spec.default) : undefined);
  return [`${spec.short ? `-${spec.short}, ` : ''}${optionSyntax(spec)}`, `${spec.description}${fallback !== undefined ? ` (default: ${fallback})` : ''}`];
}

/** The options under their group headings, groups in the order the table first mentions them. */
function optionSections(options: readonly OptionSpec[]): string[] {
  const groups = [...new Set(options.map((o) => o.group))];
  const width = widthOf(options.map(optionRow));
  return groups.flatMap((group, i) => [...(i > 0 ? [''] : []), `${group}:`, ...columns(options.filter((o) => o.group === group).map(optionRow), width)]);
}

export function overviewHelp(commands: readonly Command[]): string {
  const usage = columns([...commands.map((c): [string, string] => [`netc ${c.name} ${c.operands}`, c.summary]), ['netc help COMMAND', 'every option of COMMAND (or: netc COMMAND --help)']]);
  return [
    'netc — compile, check and train .net neural network descriptions',
    '',
    'usage:',
    ...usage,
    '',
    ...optionSections(commonOptions),
    '',
    exitCodes,
  ].join('\n');
}

export function commandHelp(command: Command): string {
  return [`usage: netc ${command.name} ${command.operands} [options]`, `  ${command.summary}`, '', ...optionSections(command.options), '', exitCodes].join('\n');
}
