// The binder's occurrences per file, kept while the file and every file its names resolved through (imports,
// bases) have the same text: semantic tokens, then a hover's go-to-definition, then references bind once.
import type { Workspace } from './analysis.js';
import type { Occurrence } from './occurrences.js';
import { bindFile } from './symbols.js';

interface Bound {
  text: string;
  /** The texts of the files whose ASTs the binding read, as they were then. */
  reads: Map<string, string | undefined>;
  occurrences: Occurrence[] | undefined;
}

export class BoundFiles {
  private readonly bound = new Map<string, Bound>();

  /** undefined: the file is unreadable or has syntax errors. */
  occurrences(ws: Workspace, path: string): Occurrence[] | undefined {
    const text = ws.text(path);
    if (text === undefined) {
      this.bound.delete(path);
      return undefined;
    }
    const known = this.bound.get(path);
    if (known && known.text === text && [...known.reads].every(([p, t]) => ws.text(p) === t)) return known.occurrences;
    const reads = new Map<string, string | undefined>();
    const tracked: Workspace = {
      text: (p) => ws.text(p),
      ast: (p) => {
        if (p !== path) reads.set(p, ws.text(p));
        return ws.ast(p);
      },
    };
    const ast = ws.ast(path);
    const occurrences = ast ? bindFile(tracked, path, ast, text) : undefined;
    this.bound.set(path, { text, reads, occurrences });
    return occurrences;
  }
}
