// Training directives → training rules: each target path with the directive's evaluated options.
import type { Expr, Span, Stmt, Definition } from '../grammar/ast.js';
import type { DiagnosticCode } from './diagnostic_messages.js';
import type { TrainingRule } from './training_rules.js';
import type { Owned } from './derived_network.js';
import { directiveOptions } from './directive_options.js';
import { describeValue, type Value } from './values.js';

export interface EvaluatedRule {
  rule: TrainingRule;
  owner: Definition;
  span: Span;
  directive: string;
}

/** One rule per target; undefined if an option's value is wrong (reported). */
export function directiveRules(
  directives: Owned<Stmt & { kind: 'directive' }>[],
  evaluate: (owner: Definition, e: Expr) => Value | undefined,
  report: (owner: Definition, code: DiagnosticCode, span: Span, args: Record<string, string | number>) => void,
): EvaluatedRule[] | undefined {
  const rules: EvaluatedRule[] = [];
  let ok = true;
  for (const { statement: d, def } of directives) {
    const options: Record<string, Value> = {};
    for (const a of d.args) {
      const value = evaluate(def, a.value);
      if (value === undefined) {
        ok = false;
        continue;
      }
      const expected = directiveOptions[d.directive][a.name!]?.check(value);
      if (expected) {
        report(def, 'NET4001', a.value.span, { what: `${d.directive}'s '${a.name}'`, expected, got: describeValue(value) });
        ok = false;
      }
      options[a.name!] = value;
    }
    for (const target of d.targets) {
      const rule: TrainingRule = { kind: d.directive, pattern: target.path };
      if (options.lr !== undefined) rule.lrMult = options.lr as number;
      if (options.decay !== undefined) rule.decayMult = options.decay as number;
      if (options.batchnorm !== undefined) rule.statistics = options.batchnorm as 'fixed' | 'batch';
      rules.push({ rule, owner: def, span: target.span, directive: d.directive });
    }
  }
  return ok ? rules : undefined;
}
