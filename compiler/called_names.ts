// The names a body calls (layers, blocks, networks), at any depth: what its resolution and expansion depend on.
import type { Stmt } from '../grammar/ast.js';
import { walkStatements } from './statement_walk.js';

export function calledNames(body: Stmt[], into = new Set<string>()): Set<string> {
  walkStatements(body, (s) => {
    if (s.kind === 'call') into.add(s.name);
  });
  return into;
}
