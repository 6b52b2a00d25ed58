// The block-call memo one incremental checker keeps between versions. Each record is stamped with the last
// compile that used it; a compile that expanded everything then drops the rest (an edited block's old calls
// do not pile up). Stamps rather than a second map: a compile uses thousands of records and moves none.
import type { CallMemo, CallRecord } from '../expand_memo.js';

interface Entry {
  key: string;
  record: CallRecord;
  used: number;
}

export class GenerationalMemo implements CallMemo {
  /** By scope path, the records of calls there (one, or a few while a file has several networks). */
  private readonly records = new Map<string, Entry[]>();
  private generation = 0;
  private count = 0;
  /** Definition keys seen lately, one per version of a block's text: ids are never reused, so forgetting a key
   *  only makes its next record a miss. */
  private definitions = new Map<string, string>();
  private nextId = 0;
  private idsThisCompile = 0;

  definitionId(definitionKey: string): string {
    this.idsThisCompile++;
    let id = this.definitions.get(definitionKey);
    if (id === undefined) this.definitions.set(definitionKey, (id = String(this.nextId++)));
    return id;
  }

  get(path: string, key: string): CallRecord | undefined {
    const entries = this.records.get(path);
    if (!entries) return undefined;
    for (const entry of entries) {
      if (entry.key !== key) continue;
      entry.used = this.generation;
      return entry.record;
    }
    return undefined;
  }

  set(path: string, key: string, record: CallRecord): void {
    const entries = this.records.get(path);
    const entry = { key, record, used: this.generation };
    if (entries) entries.push(entry);
    else this.records.set(path, [entry]);
    this.count++;
  }

  /**
   * After a compile. One that expanded every network keeps only what it used or made; one that stopped early
   * (an error) used only part of it, so the rest stays for the version that fixes the error.
   */
  endCompile(complete: boolean): void {
    if (complete) {
      this.count = 0;
      for (const [path, entries] of this.records) {
        const kept = entries.filter((e) => e.used === this.generation);
        if (kept.length === 0) this.records.delete(path);
        else if (kept.length !== entries.length) this.records.set(path, kept);
        this.count += kept.length;
      }
    }
    // A long session of edits leaves one key per keystroke in an edited block: start afresh well before that matters.
    if (this.definitions.size > 4 * this.idsThisCompile + 1000) this.definitions = new Map();
    this.idsThisCompile = 0;
    this.generation++;
  }

  get size(): number {
    return this.count;
  }
}
