// The block-call memo one incremental checker keeps between versions. Each record is stamped with the last
// compile that used it; a compile that expanded everything then drops the rest (an edited block's old calls
// do not pile up). Stamps rather than a second map: a compile uses thousands of records and moves none.
import type { CallMemo, CallRecord } from '../expand_memo.js';

export class GenerationalMemo implements CallMemo {
  private readonly records = new Map<string, { record: CallRecord; used: number }>();
  private generation = 0;
  /** Definition keys seen so far: one per version of a block's text, a few hundred bytes each. */
  private readonly definitions = new Map<string, string>();

  definitionId(definitionKey: string): string {
    let id = this.definitions.get(definitionKey);
    if (id === undefined) this.definitions.set(definitionKey, (id = String(this.definitions.size)));
    return id;
  }

  get(key: string): CallRecord | undefined {
    const entry = this.records.get(key);
    if (!entry) return undefined;
    entry.used = this.generation;
    return entry.record;
  }

  set(key: string, record: CallRecord): void {
    this.records.set(key, { record, used: this.generation });
  }

  /**
   * After a compile. One that expanded every network keeps only what it used or made; one that stopped early
   * (an error) used only part of it, so the rest stays for the version that fixes the error.
   */
  endCompile(complete: boolean): void {
    if (complete) for (const [key, entry] of this.records) if (entry.used !== this.generation) this.records.delete(key);
    this.generation++;
  }

  get size(): number {
    return this.records.size;
  }
}
