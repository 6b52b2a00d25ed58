// A walk over every statement of a body, nested ones included: shared by the compiler (what a body calls)
// and the language services (the node under an offset, code actions).
import type { Stmt } from '../grammar/ast.js';

/** Every statement of a body, nested ones included, in source order; `visit` gets each with its definition. */
export function walkStatements(stmts: Stmt[], visit: (s: Stmt) => void): void {
  for (const s of stmts) {
    visit(s);
    switch (s.kind) {
      case 'repeat':
      case 'residual':
      case 'scale':
      case 'group':
        walkStatements(s.body, visit);
        if (s.kind === 'residual' && s.shortcut) walkStatements(s.shortcut.body, visit);
        break;
      case 'if':
        walkStatements(s.then, visit);
        if (s.else) walkStatements(s.else, visit);
        break;
      case 'concat':
        for (const branch of s.branches) walkStatements(branch, visit);
        break;
      case 'labeled':
        walkStatements([s.statement], visit);
        break;
      default:
        break;
    }
  }
}
