// The names a body calls (layers, blocks, networks), at any depth: what its resolution and expansion depend on.
import type { Stmt } from '../grammar/ast.js';

export function calledNames(body: Stmt[], into = new Set<string>()): Set<string> {
  for (const s of body) {
    switch (s.kind) {
      case 'call':
        into.add(s.name);
        break;
      case 'labeled':
        calledNames([s.statement], into);
        break;
      case 'repeat':
      case 'group':
      case 'scale':
        calledNames(s.body, into);
        break;
      case 'residual':
        calledNames(s.body, into);
        if (s.shortcut) calledNames(s.shortcut.body, into);
        break;
      case 'if':
        calledNames(s.then, into);
        if (s.else) calledNames(s.else, into);
        break;
      case 'concat':
        for (const b of s.branches) calledNames(b, into);
        break;
      case 'input':
      case 'let':
      case 'directive':
        break;
    }
  }
  return into;
}
