// The requests about a document, each a thin map: protocol params → a LanguageService question → protocol answer.
// A document that is not open answers empty (null); malformed params answer InvalidParams (see guard.ts).
import {
  CodeActionKind,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CodeAction,
  type CodeActionParams,
  type CompletionParams,
  type Connection,
  type DefinitionParams,
  type DocumentFormattingParams,
  type DocumentSymbolParams,
  type HoverParams,
  type InlayHintParams,
  type PrepareRenameParams,
  type ReferenceParams,
  type RenameParams,
  type SemanticTokensParams,
  type Diagnostic,
} from 'vscode-languageserver';
import * as convert from './convert.js';
import { documentSymbols, semanticTokens, symbolInformation } from './convert_outline.js';
import { formattingEdits } from './formatting.js';
import { guarded } from './guard.js';
import { checkedPosition, checkedRange } from './positions.js';
import type { OpenDocument, Session } from './session.js';

/** What the client said it supports, where an answer's form depends on it. */
export interface ClientFlags {
  snippets: boolean;
  hierarchicalSymbols: boolean;
}

export function registerFeatures(connection: Connection, session: Session, client: () => ClientFlags): void {
  const { service } = session;
  const g = <P, R>(method: string, handler: (params: P) => R) => guarded(connection.console, method, handler);
  /** The request's open document and the offset of its `position`. */
  const at = (params: unknown): [OpenDocument, number] | undefined => {
    const open = session.document(params);
    const position = checkedPosition((params as { position?: unknown }).position);
    return open && [open, open.doc.offsetAt(position)];
  };
  const offsetsOf = (open: OpenDocument, range: unknown): [number, number] => {
    const r = checkedRange(range);
    const from = open.doc.offsetAt(r.start);
    const to = open.doc.offsetAt(r.end);
    return from <= to ? [from, to] : [to, from];
  };

  connection.onHover(
    g('textDocument/hover', (params: HoverParams) => {
      const found = at(params);
      const info = found && service.hover(found[0].path, found[1]);
      return info ? convert.hover(found[0].doc, info) : null;
    }),
  );

  connection.onDefinition(
    g('textDocument/definition', (params: DefinitionParams) => {
      const found = at(params);
      return found ? service.definition(found[0].path, found[1]).map((r) => convert.location(session, r)) : null;
    }),
  );

  connection.onReferences(
    g('textDocument/references', (params: ReferenceParams) => {
      const found = at(params);
      const includeDeclaration = params.context?.includeDeclaration === true;
      return found ? service.references(found[0].path, found[1], includeDeclaration).map((r) => convert.location(session, r)) : null;
    }),
  );

  connection.onPrepareRename(
    g('textDocument/prepareRename', (params: PrepareRenameParams) => {
      const found = at(params);
      const answer = found && service.prepareRename(found[0].path, found[1]);
      if (!answer) return null;
      if ('error' in answer) throw new ResponseError(LSPErrorCodes.RequestFailed, answer.error);
      return { range: { start: found[0].doc.positionAt(answer.from), end: found[0].doc.positionAt(answer.to) }, placeholder: answer.placeholder };
    }),
  );

  connection.onRenameRequest(
    g('textDocument/rename', (params: RenameParams) => {
      const found = at(params);
      if (typeof params.newName !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'params.newName must be a string');
      if (!found) return null;
      const answer = service.rename(found[0].path, found[1], params.newName);
      if ('error' in answer) throw new ResponseError(LSPErrorCodes.RequestFailed, answer.error);
      return convert.workspaceEdit(session, answer.edits);
    }),
  );

  connection.onCompletion(
    g('textDocument/completion', (params: CompletionParams) => {
      const found = at(params);
      if (!found) return null;
      const list = service.completions(found[0].path, found[1]);
      return { isIncomplete: false, items: convert.completionItems(found[0].doc, list, client().snippets) };
    }),
  );

  connection.onDocumentSymbol(
    g('textDocument/documentSymbol', (params: DocumentSymbolParams) => {
      const open = session.document(params);
      if (!open) return null;
      const symbols = service.documentSymbols(open.path);
      return client().hierarchicalSymbols ? documentSymbols(open.doc, symbols) : symbolInformation(open.uri, open.doc, symbols);
    }),
  );

  connection.languages.semanticTokens.on(
    g('textDocument/semanticTokens/full', (params: SemanticTokensParams) => {
      const open = session.document(params);
      return open ? semanticTokens(open.doc.getText(), open.doc, service.semanticTokens(open.path)) : { data: [] };
    }),
  );

  connection.languages.inlayHint.on(
    g('textDocument/inlayHint', (params: InlayHintParams) => {
      const open = session.document(params);
      if (!open) return null;
      const [from, to] = offsetsOf(open, params.range);
      return convert.inlayHints(open.doc, service.inlayHints(open.path), from, to);
    }),
  );

  connection.onCodeAction(
    g('textDocument/codeAction', (params: CodeActionParams) => {
      const open = session.document(params);
      if (!open) return null;
      const [from, to] = offsetsOf(open, params.range);
      const only = params.context?.only;
      if (Array.isArray(only) && !only.some((kind) => typeof kind === 'string' && (CodeActionKind.QuickFix === kind || CodeActionKind.QuickFix.startsWith(`${kind}.`)))) return [];
      return service.codeActions(open.path, from, to).map((action): CodeAction => {
        const fixes = diagnosticsFixed(params, action.diagnosticCode);
        return {
          title: action.title,
          kind: CodeActionKind.QuickFix,
          ...(fixes.length > 0 ? { diagnostics: fixes } : {}),
          ...(action.preferred ? { isPreferred: true } : {}),
          edit: convert.workspaceEdit(session, action.edits),
        };
      });
    }),
  );

  connection.onDocumentFormatting(
    g('textDocument/formatting', (params: DocumentFormattingParams) => {
      const open = session.document(params);
      return open ? formattingEdits(open) : null;
    }),
  );
}

/** The diagnostics of the request's context that an action with this code fixes (the client sends those at the range). */
function diagnosticsFixed(params: CodeActionParams, code: string | undefined): Diagnostic[] {
  const given = Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [];
  return code === undefined ? [] : given.filter((d) => d && d.code === code);
}
