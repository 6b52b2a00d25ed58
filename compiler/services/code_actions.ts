// Quick fixes for diagnostics that carry their fix: 'flatten' before a dense on an image (NET3004), the
// "did you mean" name of a hint (unknown layer, block, argument, name, network, label …), and the projection
// shortcut a mismatched residual needs (NET3003, built by compiler/residual_fix.ts into the hint).
import type { FileAst, Stmt } from '../../grammar/ast.js';
import { walkStatements } from './position.js';
import type { CodeActionInfo, EditorDiagnostic, TextEditAt } from './types.js';

const overlaps = (d: EditorDiagnostic, from: number, to: number) => d.from <= to && from <= d.to;

/** `diagnostics`: those placed in `path` (its own check's and its importers'), deduplicated. */
export function codeActions(path: string, text: string, ast: FileAst | undefined, diagnostics: EditorDiagnostic[], from: number, to: number): CodeActionInfo[] {
  const actions: CodeActionInfo[] = [];
  for (const d of diagnostics) {
    if (d.file !== path || !overlaps(d, from, to)) continue;
    const fixes = d.code === 'NET3004' ? flattenFixes(d, text, ast) : [d.code === 'NET3003' ? shortcutFix(d, text, ast) : suggestionFix(d, text)];
    // The first fix is the one the hint names first: an editor's "fix all" applies it.
    fixes.filter((f) => f !== undefined).forEach((f, i) => actions.push({ ...f, kind: 'quickfix', diagnosticCode: d.code, preferred: i === 0 }));
  }
  return actions;
}

type Fix = { title: string; edits: TextEditAt[] };

/** The statements of a file, each with its labelled wrapper if it has one (a fix goes before the label). */
function statements(ast: FileAst): { stmt: Stmt; outer: Stmt }[] {
  const out: { stmt: Stmt; outer: Stmt }[] = [];
  for (const def of ast.definitions) {
    walkStatements(def.body, (s) => {
      if (s.kind === 'labeled') out.push({ stmt: s.statement, outer: s });
      else if (!out.some((x) => x.stmt === s)) out.push({ stmt: s, outer: s });
    });
  }
  return out;
}

const contains = (span: { start: number; end: number }, d: EditorDiagnostic) => span.start <= d.from && d.to <= span.end;

/** `dense(10)` on an image: `flatten` before it (on its own line when the dense starts one), or `global_avgpool; flatten`. */
function flattenFixes(d: EditorDiagnostic, text: string, ast: FileAst | undefined): Fix[] {
  const found = ast && statements(ast).filter(({ stmt }) => stmt.kind === 'call' && contains(stmt.span, d)).pop();
  if (!found) return [];
  const at = found.outer.span.start;
  const lineStart = Math.max(text.lastIndexOf('\n', at - 1), text.lastIndexOf('\r', at - 1)) + 1;
  const indent = text.slice(lineStart, at);
  const ownLine = /^[ \t]*$/.test(indent);
  const insert = (statements: string) => (ownLine ? `${statements}\n${indent}` : `${statements}; `);
  return [
    { title: "Add 'flatten' before it", edits: [{ file: d.file, from: at, to: at, newText: insert('flatten') }] },
    { title: "Add 'global_avgpool; flatten' before it", edits: [{ file: d.file, from: at, to: at, newText: insert('global_avgpool; flatten') }] },
  ];
}

/** The hint's `shortcut …` after the residual's body, in place of the shortcut it has. */
function shortcutFix(d: EditorDiagnostic, text: string, ast: FileAst | undefined): Fix | undefined {
  const fix = /'(shortcut [^']*)'/.exec(d.hint ?? '')?.[1];
  const residual = ast && statements(ast).filter(({ stmt }) => stmt.kind === 'residual' && contains(stmt.span, d)).pop()?.stmt;
  if (!fix || residual?.kind !== 'residual') return undefined;
  const edit = residual.shortcut
    ? { file: d.file, from: residual.shortcut.span.start, to: residual.shortcut.span.end, newText: fix }
    : { file: d.file, from: residual.span.end, to: residual.span.end, newText: ` ${fix}` };
  if (text.slice(edit.from, edit.to) === fix) return undefined;
  return { title: `Add the projection: ${fix}`, edits: [edit] };
}

/** "did you mean 'relu'?": the misspelt name, which the message quotes and the span holds, replaced. */
function suggestionFix(d: EditorDiagnostic, text: string): Fix | undefined {
  const suggestion = /did you mean '([^']+)'\?/.exec(d.hint ?? '')?.[1];
  if (!suggestion) return undefined;
  const spanText = text.slice(d.from, d.to);
  const quoted = [...d.message.matchAll(/'([^']+)'/g)].flatMap((m) => [m[1], ...m[1].split(/\s+/)]);
  const name = quoted.find((q) => q === spanText) ?? quoted.filter((q) => /^[\w.*]+$/.test(q) && new RegExp(`\\b${q.replace(/[.*]/g, '\\$&')}\\b`).test(spanText)).sort((a, b) => b.length - a.length)[0];
  if (!name || name === suggestion) return undefined;
  const at = d.from + (spanText === name ? 0 : new RegExp(`\\b${name.replace(/[.*]/g, '\\$&')}\\b`).exec(spanText)!.index);
  return { title: `Change '${name}' to '${suggestion}'`, edits: [{ file: d.file, from: at, to: at + name.length, newText: suggestion }] };
}
