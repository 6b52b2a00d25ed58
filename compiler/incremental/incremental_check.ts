// An incremental check(): the same result as compiler/compile.ts check() for each new version of a root file,
// re-parsing only the part of each file an edit touched and reusing the block calls nothing changed for.
import { check, type CheckResult, type CompileOptions } from '../compile.js';
import type { ResolveMemo } from '../resolve.js';
import { defaultLimits } from '../limits.js';
import type { ParseFile } from '../load_program.js';
import { parseFile } from '../parse_file.js';
import { GenerationalMemo } from './call_memo.js';
import { type ParsedFile, type ReparseKind, reparse } from './incremental_parse.js';

export class IncrementalChecker {
  /** Each file's last version that parsed, so the version after a syntax error is diffed against it. */
  private readonly parsed = new Map<string, ParsedFile>();
  private memo = new GenerationalMemo();
  /** The limits the memo's records were checked against; other limits start a new memo. */
  private limitsKey = '';
  private readonly resolved: ResolveMemo = new WeakMap();
  /** How each file was parsed in the last check: what the tests and the bench report. */
  readonly lastParse = new Map<string, ReparseKind | 'file'>();

  /** Records in the block-call memo. */
  get memoSize(): number {
    return this.memo.size;
  }

  check(source: string, options: Omit<CompileOptions, 'network'> = {}): CheckResult {
    const limitsKey = JSON.stringify({ ...defaultLimits, ...options.limits, args: options.args ?? {} });
    if (limitsKey !== this.limitsKey) {
      this.memo = new GenerationalMemo();
      this.limitsKey = limitsKey;
    }
    const parse: ParseFile = (file, text, limits, bag) => {
      const previous = this.parsed.get(file);
      const reparsed = previous && reparse(previous, text, limits);
      this.lastParse.set(file, reparsed ? reparsed.kind : 'file');
      const ast = reparsed ? reparsed.ast : parseFile(file, text, limits, bag);
      if (ast) this.parsed.set(file, { text, ast });
      return ast;
    };
    const result = check(source, options, { parse, memo: this.memo, resolved: this.resolved });
    this.memo.endCompile(result.diagnostics.length === 0);
    return result;
  }
}
