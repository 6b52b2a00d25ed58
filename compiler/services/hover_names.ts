// Hover on the names the AST-based hover does not cover, read from the binder: a parameter or let where it is
// used or declared (its definition and default), an `in.` field, an extends target, a block's named argument.
import { findDefinition, type Workspace } from './analysis.js';
import { definitionSignature } from './signature.js';
import { keyParts, occurrenceAt, sep } from './occurrences.js';
import { bindFile } from './symbols.js';
import type { HoverInfo } from './types.js';
import type { FileAst } from '../../grammar/ast.js';

const fieldDoc: Record<string, string> = {
  channels: 'the channels of the shape entering the enclosing block call, residual, scale or branch (a flat shape: its features)',
  height: 'the height of the image entering the enclosing block call, residual, scale or branch',
  width: 'the width of the image entering the enclosing block call, residual, scale or branch',
  features: 'the features of the flat shape entering the enclosing block call, residual, scale or branch',
};

export function nameHover(ws: Workspace, path: string, ast: FileAst, text: string, offset: number): HoverInfo | undefined {
  const at = occurrenceAt(bindFile(ws, path, ast, text), offset);
  if (!at?.key) return undefined;
  const span = { from: at.from, to: at.to };
  const { kind, file } = keyParts(at.key);
  if (at.kind === 'field') return { ...span, markdown: `\`in.${at.name}\`: ${fieldDoc[at.name] ?? 'a field of the incoming shape'}` };
  if (kind === 'param' && file) {
    const owner = at.callee ?? (at.inside && findOwner(ws, file, at.key));
    const param = owner?.params.find((p) => p.name === at.name);
    if (!owner || !param) return undefined;
    const ownerText = ws.text(owner.file);
    const dflt = param.default && ownerText ? ` = ${ownerText.slice(param.default.span.start, param.default.span.end)}` : '';
    return { ...span, markdown: `parameter **${at.name}**${dflt} of \`${definitionSignature(owner, ownerText)}\`` };
  }
  if (kind === 'let' && file === path) {
    const decl = findLet(ast, at.key, text);
    return { ...span, markdown: decl ? `let **${at.name}** = \`${decl}\`` : `**${at.name}**: repeat index` };
  }
  return undefined;
}

/** The definition a parameter key names (`param\0file\0definition\0name`). */
function findOwner(ws: Workspace, file: string, key: string) {
  const definition = key.split(sep)[2];
  return ws.ast(file)?.definitions.find((d) => d.name === definition) ?? findDefinition(ws, file, definition);
}

/** The value text of the let a key names (its declaration's offset is the key's last part); undefined for a repeat index. */
function findLet(ast: FileAst, key: string, text: string): string | undefined {
  const start = Number(key.split(sep)[2]);
  let value: string | undefined;
  const visit = (stmts: import('../../grammar/ast.js').Stmt[]): void => {
    for (const s of stmts) {
      if (s.kind === 'let' && s.nameSpan.start === start) value = text.slice(s.value.span.start, s.value.span.end);
      if ('body' in s && Array.isArray(s.body)) visit(s.body);
      if (s.kind === 'residual' && s.shortcut) visit(s.shortcut.body);
      if (s.kind === 'if') visit([...s.then, ...(s.else ?? [])]);
      if (s.kind === 'concat') s.branches.forEach(visit);
      if (s.kind === 'labeled') visit([s.statement]);
    }
  };
  for (const def of ast.definitions) visit(def.body);
  return value;
}
