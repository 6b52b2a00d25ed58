// The Graph tab: buildGraph → layoutGraph (ELK in its Web Worker) → renderSvg for the current IR, and the
// clicks: a node selects its source line, a group header folds or unfolds the group (re-laid out), and the
// editor's cursor line highlights its nodes.
import type { Ir, SourceRef } from '../../compiler/ir.js';
import { buildGraph, layoutGraph, renderSvg } from '../../graph/index.js';
import { createWorkerElk } from './elk_worker.js';

interface Drawn { svg: string; layoutMs: number; layerNodes: number; groupNodes: number }

export class GraphView {
  private readonly elk = createWorkerElk();
  private readonly canvas: HTMLElement;
  private readonly info: HTMLElement;
  private ir: Ir | undefined;
  private drawnIr: Ir | undefined;
  private expanded: 'all' | Set<string> = new Set();
  private readonly collapsed = new Set<string>();
  private request = 0;
  private requestedAt = 0;
  private line = 0;
  private visible = false;

  constructor(root: HTMLElement, private readonly onSelect: (source: SourceRef) => void) {
    const bar = root.appendChild(document.createElement('div'));
    bar.className = 'graph-bar';
    const button = (text: string, action: () => void) => {
      const b = bar.appendChild(document.createElement('button'));
      b.textContent = text;
      b.addEventListener('click', action);
    };
    button('Expand all', () => { this.expanded = 'all'; this.collapsed.clear(); this.redraw(); });
    button('Collapse repeated', () => { this.expanded = new Set(); this.collapsed.clear(); this.redraw(); });
    this.info = bar.appendChild(document.createElement('span'));
    this.info.className = 'graph-info';
    this.canvas = root.appendChild(document.createElement('div'));
    this.canvas.className = 'graph-canvas';
    this.canvas.addEventListener('click', (event) => this.clicked(event));
  }

  /** The tab was shown or hidden: the graph is laid out only while someone can see it. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.ir !== this.drawnIr) this.redraw();
  }

  setIr(ir: Ir | undefined): void {
    // A comment or a blank line typed: the same IR, no new layout.
    if (ir && this.ir && JSON.stringify(ir) === JSON.stringify(this.ir)) return;
    if (ir?.network !== this.ir?.network) { this.expanded = new Set(); this.collapsed.clear(); }
    this.ir = ir;
    if (!ir) {
      this.drawnIr = undefined;
      this.canvas.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'Fix the errors to see the graph.' }));
      this.info.textContent = '';
    } else if (this.visible) this.redraw();
  }

  /** Highlights the nodes written on `line` of the file (the editor's cursor line). */
  highlightLine(line: number): void {
    this.line = line;
    for (const node of this.canvas.querySelectorAll<SVGGElement>('.netc-node')) node.classList.toggle('netc-selected', node.dataset.line === String(line));
  }

  private redraw(): void {
    if (!this.ir) return;
    const ir = this.ir;
    this.drawnIr = ir;
    const id = ++this.request;
    this.info.textContent = 'laying out…';
    this.requestedAt = performance.now();
    this.draw(ir).then(
      (drawn) => { if (id === this.request) this.show(drawn); },
      (error: Error) => { if (id === this.request) this.info.textContent = `graph: ${error.message}`; },
    );
  }

  private async draw(ir: Ir): Promise<Drawn> {
    const graph = buildGraph(ir, { expanded: this.expanded === 'all' ? 'all' : [...this.expanded], collapsed: [...this.collapsed] });
    const started = performance.now();
    const laid = await layoutGraph(graph, this.elk);
    const layoutMs = performance.now() - started;
    return { svg: renderSvg(laid, { title: ir.network }), layoutMs, layerNodes: graph.nodes.filter((n) => n.kind === 'layer').length, groupNodes: graph.nodes.filter((n) => n.kind === 'group').length };
  }

  private show(drawn: Drawn): void {
    this.canvas.innerHTML = drawn.svg;
    // ELK's time in its worker and the page's whole wait (graph built → SVG in the document).
    const totalMs = performance.now() - this.requestedAt;
    this.canvas.dataset.layoutMs = drawn.layoutMs.toFixed(0);
    this.canvas.dataset.totalMs = totalMs.toFixed(0);
    this.info.textContent = `${drawn.layerNodes} layers, ${drawn.groupNodes} folded groups · layout ${drawn.layoutMs.toFixed(0)} ms (${totalMs.toFixed(0)} ms in all)`;
    this.highlightLine(this.line);
  }

  /** A group's header folds it, a folded group unfolds it, a layer selects its source line. */
  private clicked(event: MouseEvent): void {
    const target = event.target as Element;
    const header = target.closest('.netc-group-header')?.closest<SVGGElement>('.netc-group');
    const folded = target.closest<SVGGElement>('.netc-group[data-collapsed="true"]');
    const group = header ?? folded;
    if (group?.dataset.group) {
      this.toggle(group.dataset.group, group.dataset.collapsed === 'true');
      return;
    }
    const node = target.closest<SVGGElement>('.netc-node');
    if (node?.dataset.line) this.onSelect({ file: node.dataset.file ?? '', line: Number(node.dataset.line), column: Number(node.dataset.column ?? 1) });
  }

  private toggle(id: string, open: boolean): void {
    if (open) {
      this.collapsed.delete(id);
      if (this.expanded !== 'all') this.expanded.add(id);
    } else {
      this.collapsed.add(id);
      if (this.expanded !== 'all') this.expanded.delete(id);
    }
    this.redraw();
  }
}
