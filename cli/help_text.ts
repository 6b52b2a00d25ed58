// The help texts, generated from the command list and the option tables: `netc --help` and `netc help COMMAND`.
import type { Command } from './commands.js';
import type { OptionSpec } from './option_table.js';
import { optionSyntax } from './option_table.js';
import { commonOptions } from './option_tables.js';

const exitCodes = `exit codes: 0 ok; 1 the input has errors, bad data, or training diverged; 2 usage error, a backend
that cannot start, or an internal error.   docs: docs/language.md, docs/diagnostics.md, docs/runtime.md`;

/** Two columns, what is written and what it does; the first as wide as its widest entry, up to 36 characters. */
const widthOf = (rows: [string, string][]) => Math.min(36, Math.max(...rows.map(([left]) => left.length)));
const columns = (rows: [string, string][], width = widthOf(rows)) =>
  rows.map(([left, right]) => (left.length > width ? `  ${left}\n  ${' '.repeat(width)}  ${right}` : `  ${left.padEnd(width)}  ${right}`).trimEnd());

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
