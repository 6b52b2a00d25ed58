// Completion from the worker: layer names, their arguments inside a call (`conv(` → kernel, stride, …), block names.
import { autocompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import type { CompilerClient } from '../worker/worker_client.js';
import type { CompletionItem } from '../worker/services.js';

const TYPES: Record<CompletionItem['kind'], string> = {
  layer: 'function', argument: 'property', block: 'class', network: 'namespace', keyword: 'keyword',
  parameter: 'variable', let: 'constant', field: 'property', label: 'text',
};

export function netCompletion(client: CompilerClient) {
  const source = async (context: CompletionContext): Promise<CompletionResult | null> => {
    const word = context.matchBefore(/[A-Za-z_]\w*/);
    // While typing, open only on a word or right after `(` / `,` of a call; Ctrl-Space opens anywhere.
    if (!context.explicit && !word && !context.matchBefore(/[(,]\s*/)) return null;
    const list = await client.completions(context.state.doc.toString(), context.pos).catch(() => undefined);
    if (!list || list.items.length === 0 || context.aborted) return null;
    const options: Completion[] = list.items.map((item) => ({ label: item.label, type: TYPES[item.kind], detail: item.detail, info: item.documentation, apply: item.insertText }));
    return { from: list.from, to: list.to, options, validFor: /^\w*$/ };
  };
  return autocompletion({ override: [source], activateOnTyping: true });
}
