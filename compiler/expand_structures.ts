// Stage 5, the structures: concat (with its items' names), residual (traced to the cause of a mismatch) and scale.
import type { LabelText, Span, Stmt } from '../grammar/ast.js';
import { formatShape } from './ops/op_spec.js';
import { addShape, concatShape, scaleShape } from './ops/merge.js';
import { describeValue } from './values.js';
import { type ShortcutKind, type Traced, residualMismatch } from './residual_mismatch.js';
import { ExpanderCore, type Flow, type Frame, type Tensor, keyword } from './expand_core.js';

export abstract class StructureExpander extends ExpanderCore {
  protected concat(s: Stmt & { kind: 'concat' }, flow: Flow, frame: Frame): Flow {
    if (!this.needsInput(frame, flow, s.span)) return 'failed';
    if (s.branches.length === 0) {
      this.report(frame, 'NET3014', s.span);
      return 'failed';
    }
    const outputs: Tensor[] = [];
    const itemNames: string[] = [];
    let failed = false;
    s.branches.forEach((branch, i) => {
      const item = this.concatItem(branch, s.branchLabels?.[i], s.branchSpans[i], i, flow, frame);
      if (!item) failed = true;
      else outputs.push(item.out), itemNames.push(item.name);
    });
    if (failed) return 'failed';
    const result = concatShape(outputs.map((o) => o.shape), itemNames);
    if ('error' in result) {
      this.report(frame, result.error, s.branchSpans[Number(result.args.odd)] ?? keyword(s.span, 'concat'), result.args);
      return 'failed';
    }
    const name = frame.names.qualify(frame.names.auto('concat'));
    return this.addNode(frame, { name, op: 'concat', inputs: outputs.map((o) => o.node), attrs: {}, shape: result.shape, params: [], macs: 0 }, s.span);
  }

  /**
   * One concat item and the name the IR gives it (for messages): a `branch { … }` is a scope, its label or
   * `branch<n>`; a single call is named as any call (its label, `conv3`, a block index), `identity` is the input.
   */
  protected concatItem(branch: Stmt[], labelText: LabelText | undefined, span: Span, i: number, flow: Tensor, frame: Frame): { out: Tensor; name: string } | undefined {
    const label = labelText && this.label(frame, labelText);
    if (labelText && !label) return undefined;
    const inner: Frame = { ...frame, env: frame.env.child(), inShape: flow.shape };
    const local = (path: string) => path.slice(frame.names.path ? frame.names.path.length + 1 : 0);
    const call = branch.length === 1 && branch[0].kind === 'call' ? branch[0] : undefined;
    if (call) {
      const scopesBefore = this.scopes.length;
      const out = this.statement(call, flow, inner, label);
      if (out === null || out === 'failed') return undefined;
      const name = label?.label ?? (call.name === 'identity' ? 'identity' : this.scopes.length > scopesBefore ? local(this.scopes[scopesBefore].path) : local(out.node));
      return { out, name };
    }
    const name = this.localName(frame, label, () => frame.names.auto('branch'));
    if (name === undefined) return undefined;
    const names = frame.names.child(name);
    this.scopes.push({ path: names.path, kind: 'branch', name: label ? label.label : `branch ${i + 1}`, source: this.source(frame, span) });
    const out = this.body(branch, flow, { ...inner, names });
    return out === null || out === 'failed' ? undefined : { out, name };
  }

  protected residual(s: Stmt & { kind: 'residual' }, flow: Flow, frame: Frame): Flow {
    if (!this.needsInput(frame, flow, s.span)) return 'failed';
    const body = this.tracedBody(s.body, flow, { ...frame, env: frame.env.child(), inShape: flow.shape });
    if (!body) return 'failed';
    let shortcut: Traced = { out: flow, changes: [] };
    let shortcutKind: ShortcutKind = s.shortcut ? 'skipped' : 'identity';
    if (s.shortcut) {
      const condition = s.shortcut.condition ? this.eval(frame, s.shortcut.condition, flow.shape) : true;
      if (condition === undefined) return 'failed';
      if (typeof condition !== 'boolean') {
        this.report(frame, 'NET4001', s.shortcut.condition!.span, { what: 'a shortcut condition', expected: 'true or false', got: describeValue(condition) });
        return 'failed';
      }
      if (condition) {
        // A shortcut whose body is one labeled statement is named by that label (torchvision's `downsample`).
        const named = s.shortcut.body.length === 1 && s.shortcut.body[0].kind === 'labeled';
        const names = named ? frame.names : frame.names.child(frame.names.auto('shortcut', true));
        if (!named) this.scopes.push({ path: names.path, kind: 'shortcut', name: 'shortcut', source: this.source(frame, s.shortcut.span) });
        const traced = this.tracedBody(s.shortcut.body, flow, { ...frame, names, env: frame.env.child(), inShape: flow.shape });
        if (!traced) return 'failed';
        shortcut = traced;
        shortcutKind = 'projection';
      }
    }
    const result = addShape(body.out.shape, shortcut.out.shape);
    if ('error' in result) {
      const { span, related, hint, identity } = residualMismatch(s, flow.shape, body, shortcut, shortcutKind, frame.env);
      this.bag.report('NET3003', { file: frame.def.file, span }, { ...result.args, hint, identity }, [...related.map((r) => ({ ...r, file: frame.def.file })), ...frame.chain]);
      return 'failed';
    }
    const name = frame.names.qualify(frame.names.auto('add'));
    return this.addNode(frame, { name, op: 'add', inputs: [body.out.node, shortcut.out.node], attrs: {}, shape: result.shape, params: [], macs: 0 }, s.span);
  }

  /** Expands a body like body(), also recording which of its statements changed the shape (to point at causes). */
  protected scale(s: Stmt & { kind: 'scale' }, flow: Flow, frame: Frame): Flow {
    if (!this.needsInput(frame, flow, s.span)) return 'failed';
    if (flow.shape.length !== 3) {
      this.report(frame, 'NET3009', keyword(s.span, 'scale'), { op: 'scale', shape: formatShape(flow.shape) });
      return 'failed';
    }
    const gate = this.tracedBody(s.body, flow, { ...frame, env: frame.env.child(), inShape: flow.shape });
    if (!gate) return 'failed';
    const result = scaleShape(flow.shape, gate.out.shape);
    // The caret goes to the statement that made the gate's shape, the one to change.
    if (this.shapeFailed(frame, result, gate.changes.at(-1)?.stmt.span ?? keyword(s.span, 'scale'))) return 'failed';
    const name = frame.names.qualify(frame.names.auto('scale'));
    return this.addNode(frame, { name, op: 'scale', inputs: [flow.node, gate.out.node], attrs: {}, shape: result.shape, params: [], macs: 0 }, s.span);
  }
}
