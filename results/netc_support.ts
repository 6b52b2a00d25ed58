// Which of a recipe's flags this build of netc knows, from `netc help train`: flags arrive from other work in
// parallel (--label-smoothing, --schedule onecycle, --trace-grad), and a run should say which are missing
// before it trains for an hour, not fail on the last network.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** Options whose value must also appear in the help text (their choices are listed there). */
const CHOICE_FLAGS = new Set(['--schedule', '--optimizer', '--init', '--normalize', '--backend']);

export function trainHelp(root: string, netc = 'dist/cli/netc.js'): string {
  const help = spawnSync(process.execPath, [resolve(root, netc), 'help', 'train'], { cwd: root, encoding: 'utf8' });
  return `${help.stdout ?? ''}`;
}

/** The flags (with their value where it is a choice) that `help` does not list, e.g. ['--label-smoothing', '--schedule onecycle']. */
export function unsupportedFlags(flags: string[], help: string): string[] {
  const missing: string[] = [];
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i];
    if (!flag.startsWith('--')) continue;
    const value = flags[i + 1];
    if (!new RegExp(`(^|\\s)${flag}(\\s|$)`, 'm').test(help)) missing.push(flag);
    else if (CHOICE_FLAGS.has(flag) && value !== undefined && !new RegExp(`\\b${value}\\b`).test(help)) missing.push(`${flag} ${value}`);
  }
  return missing;
}

/** `flags` without the unsupported ones (and their values). */
export function withoutFlags(flags: string[], unsupported: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i];
    const value = flags[i + 1];
    const takesValue = value !== undefined && !value.startsWith('--');
    if (unsupported.includes(flag) || (takesValue && unsupported.includes(`${flag} ${value}`))) {
      if (takesValue) i++;
      continue;
    }
    out.push(flag);
  }
  return out;
}
