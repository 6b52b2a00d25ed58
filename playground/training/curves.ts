// Live training curves as SVG: train loss (left axis), train and test accuracy (right axis, 0–1) against
// epochs; a point per sync window (each read-back of the loss) and a test-accuracy point per epoch.
import { svgElement } from './dom.js';

export interface CurvePoint {
  /** Epochs done, fractional (1.5 = half-way through the second epoch). */
  x: number;
  loss: number;
  accuracy: number;
}

const W = 420;
const H = 220;
const M = { left: 44, right: 40, top: 12, bottom: 30 };

export class Curves {
  readonly svg: SVGSVGElement;
  private train: CurvePoint[] = [];
  private test: { x: number; accuracy: number }[] = [];

  constructor(private epochs: number) {
    this.svg = svgElement('svg', { viewBox: `0 0 ${W} ${H}`, class: 'netc-curves', role: 'img', 'aria-label': 'training curves' }) as SVGSVGElement;
    this.draw();
  }

  reset(epochs: number): void {
    this.epochs = epochs;
    this.train = [];
    this.test = [];
    this.draw();
  }

  addStep(point: CurvePoint): void {
    this.train.push(point);
    this.draw();
  }

  addEpoch(epoch: number, testAccuracy: number): void {
    this.test.push({ x: epoch, accuracy: testAccuracy });
    this.draw();
  }

  private draw(): void {
    const plotW = W - M.left - M.right;
    const plotH = H - M.top - M.bottom;
    const maxLoss = Math.max(0.5, ...this.train.map((p) => p.loss).filter(Number.isFinite)) * 1.05;
    const sx = (x: number) => M.left + (x / Math.max(1, this.epochs)) * plotW;
    const sLoss = (v: number) => M.top + plotH - (Math.min(v, maxLoss) / maxLoss) * plotH;
    const sAcc = (v: number) => M.top + plotH - v * plotH;
    const path = (points: [number, number][]) => points.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join('');
    const parts: SVGElement[] = [svgElement('rect', { x: M.left, y: M.top, width: plotW, height: plotH, class: 'frame' })];
    for (let i = 0; i <= 4; i++) {
      const y = M.top + (plotH * i) / 4;
      parts.push(svgElement('line', { x1: M.left, x2: M.left + plotW, y1: y, y2: y, class: 'grid' }));
      parts.push(svgElement('text', { x: M.left - 4, y: y + 4, 'text-anchor': 'end', class: 'tick' }, ((maxLoss * (4 - i)) / 4).toFixed(2)));
      parts.push(svgElement('text', { x: M.left + plotW + 4, y: y + 4, class: 'tick' }, ((4 - i) / 4).toFixed(2)));
    }
    const ticks = Math.min(this.epochs, 10);
    for (let i = 0; i <= ticks; i++) {
      const epoch = Math.round((this.epochs * i) / Math.max(1, ticks));
      parts.push(svgElement('text', { x: sx(epoch), y: H - 14, 'text-anchor': 'middle', class: 'tick' }, String(epoch)));
    }
    parts.push(svgElement('text', { x: M.left + plotW / 2, y: H - 2, 'text-anchor': 'middle', class: 'tick' }, 'epoch'));
    parts.push(svgElement('path', { d: path(this.train.map((p) => [sx(p.x), sLoss(p.loss)])), class: 'loss', 'data-series': 'loss', 'data-points': this.train.length }));
    parts.push(svgElement('path', { d: path(this.train.map((p) => [sx(p.x), sAcc(p.accuracy)])), class: 'accuracy', 'data-series': 'accuracy' }));
    parts.push(svgElement('path', { d: path(this.test.map((p) => [sx(p.x), sAcc(p.accuracy)])), class: 'test', 'data-series': 'test-accuracy', 'data-points': this.test.length }));
    for (const p of this.test) parts.push(svgElement('circle', { cx: sx(p.x), cy: sAcc(p.accuracy), r: 3, class: 'test' }));
    const legend = [
      ['loss', 'train loss'],
      ['accuracy', 'train acc'],
      ['test', 'test acc'],
    ];
    legend.forEach(([cls, label], i) => {
      const x = M.left + 8 + i * 90;
      parts.push(svgElement('line', { x1: x, x2: x + 16, y1: M.top + 10, y2: M.top + 10, class: cls }));
      parts.push(svgElement('text', { x: x + 20, y: M.top + 14, class: 'legend' }, label));
    });
    this.svg.replaceChildren(...parts);
  }
}
