// --freeze, --new, --lr-mult, --decay-mult: training rules from the command line, applied to compiled IR after
// the file's own directives (so the command line has the last word), each pattern checked against the network.
import type { Ir } from '../compiler/ir.js';
import { applyTrainingRules, type TrainingRule } from '../compiler/training_rules.js';
import { UsageError } from './usage_error.js';

export interface TrainingFlags {
  freeze: string[];
  'frozen-batchnorm': 'fixed' | 'batch';
  new: string[];
  'lr-mult': Record<string, string>;
  'decay-mult': Record<string, string>;
}

function multiplier(flag: string, pattern: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) throw new UsageError(`--${flag} ${pattern}=${text}: the multiplier must be a number >= 0`);
  return value;
}

export function rulesFromFlags(flags: TrainingFlags): { rule: TrainingRule; flag: string }[] {
  return [
    ...flags.freeze.map((pattern) => ({ flag: 'freeze', rule: { kind: 'freeze' as const, pattern, statistics: flags['frozen-batchnorm'] } })),
    ...flags.new.map((pattern) => ({ flag: 'new', rule: { kind: 'new' as const, pattern } })),
    ...Object.entries(flags['lr-mult']).map(([pattern, x]) => ({ flag: 'lr-mult', rule: { kind: 'train' as const, pattern, lrMult: multiplier('lr-mult', pattern, x) } })),
    ...Object.entries(flags['decay-mult']).map(([pattern, x]) => ({ flag: 'decay-mult', rule: { kind: 'train' as const, pattern, decayMult: multiplier('decay-mult', pattern, x) } })),
  ];
}

/** The IR with the command line's rules applied; a pattern that names no layer is a usage error with a suggestion. */
export function withTrainingFlags(ir: Ir, flags: TrainingFlags): Ir {
  const rules = rulesFromFlags(flags);
  if (rules.length === 0) return ir;
  const { ir: result, problems } = applyTrainingRules(ir, rules.map((r) => r.rule));
  if (problems.length > 0) {
    const p = problems[0];
    throw new UsageError(`--${rules[p.index].flag} ${p.rule.pattern} names no layer of ${ir.network}${p.suggestion ? `; did you mean ${p.suggestion}?` : ' (patterns are label paths such as stem, stage2.0 or head; * stands for any text within a segment)'}`);
  }
  return result;
}
