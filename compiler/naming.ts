// Deterministic, readable names: label paths, `op<n>` for unlabeled layers, indexes for unlabeled block calls.
import type { Span } from '../grammar/ast.js';

/** Where a label took a name: its span, and the pass of each enclosing `repeat` (outermost first) at the time. */
export interface LabelUse {
  file: string;
  span: Span;
  passes: number[];
}

export class NameScope {
  /** Names taken in this scope, with where a label took it (for "first used at"). Made on first use: a block
   *  call replayed from the incremental memo never names anything in its scope. */
  private usedNames?: Map<string, LabelUse | undefined>;
  private countersByOp?: Map<string, number>;
  private get used(): Map<string, LabelUse | undefined> {
    return (this.usedNames ??= new Map());
  }
  private get counters(): Map<string, number> {
    return (this.countersByOp ??= new Map());
  }
  private blockCalls = 0;

  constructor(readonly path: string) {}

  /** The full path of a local name in this scope. */
  qualify(local: string): string {
    return this.path ? `${this.path}.${local}` : local;
  }

  /** Claims a name; false if the scope already has it (NET2010). */
  claim(local: string, at?: LabelUse): boolean {
    if (this.used.has(local)) return false;
    this.used.set(local, at);
    return true;
  }

  /** Where a label first took `local`, if a label did. */
  firstUse(local: string): LabelUse | undefined {
    return this.used.get(local);
  }

  /** `conv1`, `conv2`, … per op; `first` names the first one plainly (`shortcut`, then `shortcut2`). */
  auto(op: string, plainFirst = false): string {
    for (;;) {
      const n = (this.counters.get(op) ?? 0) + 1;
      this.counters.set(op, n);
      const local = plainFirst && n === 1 ? op : `${op}${n}`;
      if (this.claim(local)) return local;
    }
  }

  /** Unlabeled block calls are numbered 0, 1, … like PyTorch's nn.Sequential (`stage2.1`). */
  nextBlockIndex(): string {
    for (;;) {
      const local = String(this.blockCalls++);
      if (this.claim(local)) return local;
    }
  }

  child(local: string): NameScope {
    return new NameScope(this.qualify(local));
  }
}
