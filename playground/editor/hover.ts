// Hover on a layer or block call: the service's markdown (signature, output shape, parameters, MACs), asked of
// the worker and drawn with the two inline marks it uses (`code`, **bold**).
import { hoverTooltip } from '@codemirror/view';
import type { CompilerClient } from '../worker/worker_client.js';

/** One paragraph of the service's markdown as DOM: `code` and **bold** spans, the rest plain text. */
function paragraph(text: string): HTMLElement {
  const p = document.createElement('div');
  for (const part of text.split(/(`[^`]*`|\*\*[^*]*\*\*)/)) {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) p.appendChild(document.createElement('code')).textContent = part.slice(1, -1);
    else if (part.startsWith('**') && part.endsWith('**') && part.length > 3) p.appendChild(document.createElement('strong')).textContent = part.slice(2, -2);
    else if (part) p.appendChild(document.createTextNode(part));
  }
  return p;
}

export function netHover(client: CompilerClient) {
  return hoverTooltip(async (view, pos) => {
    const info = await client.hover(view.state.doc.toString(), pos).catch(() => undefined);
    if (!info) return null;
    return {
      pos: info.from,
      end: info.to,
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'netc-hover';
        for (const text of info.markdown.split(/\n\n+/)) dom.appendChild(paragraph(text));
        return { dom };
      },
    };
  }, { hoverTime: 250 });
}
