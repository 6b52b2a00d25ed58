// Hover on a layer or block call: output shape, parameters and MACs, asked of the worker.
import { hoverTooltip } from '@codemirror/view';
import type { CompilerClient } from '../worker/worker_client.js';

const count = (n: number) => n.toLocaleString('en-US');

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
        const lines = [info.markdown.split('\n')[0].replace(/\*\*/g, '')];
        if (info.shape) lines.push(`output [${info.shape.join(', ')}]`);
        if (info.params !== undefined) lines.push(`params ${count(info.params)}`);
        if (info.macs !== undefined) lines.push(`MACs ${count(info.macs)}`);
        for (const line of lines) dom.appendChild(document.createElement('div')).textContent = line;
        return { dom };
      },
    };
  }, { hoverTime: 250 });
}
