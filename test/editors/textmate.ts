// VS Code's own tokenizer (vscode-textmate on vscode-oniguruma's WebAssembly Oniguruma) over the extension's
// TextMate grammar, and the one table that says which highlight class (compiler/services/types.ts) a scope is.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import textmate from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';
import type { TokenClass } from '../../compiler/services/index.js';

export const GRAMMAR = 'editors/vscode/syntaxes/netc.tmLanguage.json';
export const MARKDOWN_INJECTION = 'editors/vscode/syntaxes/netc.markdown.tmLanguage.json';

/**
 * Scope prefix → class. A token's class comes from its innermost scope with an entry (the longest matching
 * prefix wins), so `keyword.operator.logical` (`and`) is a keyword while `keyword.operator` is an operator.
 */
export const scopeClass: Record<string, TokenClass> = {
  'comment': 'comment',
  'string.quoted': 'string',
  'invalid.illegal': 'invalid',
  'constant.numeric': 'number',
  'constant.language.boolean': 'keyword',
  'keyword.control': 'keyword',
  'keyword.other.directive': 'keyword',
  'keyword.operator.logical': 'keyword',
  'keyword.operator': 'operator',
  'storage.type': 'keyword',
  'storage.modifier': 'keyword',
  'entity.name.type': 'type',
  'entity.other.inherited-class': 'type',
  'entity.name.label': 'label',
  'support.function.layer': 'layer',
  'variable': 'name',
  'punctuation': 'punctuation',
};

const prefixes = Object.keys(scopeClass).sort((a, b) => b.length - a.length);

/** The class of a token from its scope stack (outermost first), or undefined when no scope has one. */
export function classOfScopes(scopes: readonly string[]): TokenClass | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const prefix = prefixes.find((p) => scopes[i] === p || scopes[i].startsWith(`${p}.`));
    if (prefix) return scopeClass[prefix];
  }
  return undefined;
}

/** One TextMate token with its absolute UTF-16 offsets into the text. */
export interface ScopedToken {
  from: number;
  to: number;
  scopes: string[];
}

export interface NetGrammar {
  /** Every token of `text`, in order, covering it (line ends excepted). */
  tokenize(text: string): ScopedToken[];
}

let registry: Promise<textmate.Registry> | undefined;

function loadRegistry(): Promise<textmate.Registry> {
  registry ??= (async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const onigLib = Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    });
    // A stand-in for VS Code's Markdown grammar: enough for the injection to have a host to inject into.
    const markdownHost = { scopeName: 'text.html.markdown', patterns: [] };
    return new textmate.Registry({
      onigLib,
      loadGrammar: async (scopeName) => {
        if (scopeName === 'source.netc') return textmate.parseRawGrammar(readFileSync(GRAMMAR, 'utf8'), GRAMMAR);
        if (scopeName === 'markdown.netc.codeblock') return textmate.parseRawGrammar(readFileSync(MARKDOWN_INJECTION, 'utf8'), MARKDOWN_INJECTION);
        if (scopeName === 'text.html.markdown') return textmate.parseRawGrammar(JSON.stringify(markdownHost), 'markdown.json');
        return null;
      },
      getInjections: (scopeName) => (scopeName === 'text.html.markdown' ? ['markdown.netc.codeblock'] : undefined),
    });
  })();
  return registry;
}

/** Loads a grammar by scope name ('source.netc', or 'text.html.markdown' with the netc injection). */
export async function loadGrammar(scopeName = 'source.netc'): Promise<NetGrammar> {
  const grammar = await (await loadRegistry()).loadGrammar(scopeName);
  if (!grammar) throw new Error(`no grammar for ${scopeName}`);
  return {
    tokenize(text) {
      const out: ScopedToken[] = [];
      let stack = textmate.INITIAL;
      let lineStart = 0;
      for (const line of text.split('\n')) {
        const result = grammar.tokenizeLine(line, stack);
        for (const token of result.tokens) {
          out.push({ from: lineStart + token.startIndex, to: lineStart + Math.min(token.endIndex, line.length), scopes: token.scopes });
        }
        stack = result.ruleStack;
        lineStart += line.length + 1;
      }
      return out.filter((token) => token.to > token.from);
    },
  };
}
