// Predict: draw on a 28×28 canvas (white on black, as Fashion-MNIST's images are) or drop / choose an image,
// and see the model's top-3 classes. The canvas's pixels are the image, scaled to [0, 1], one channel.
import type { Prediction } from '../../runtime/browser.js';
import { element } from './dom.js';

export const SIDE = 28;

export interface PredictPanel {
  setEnabled(enabled: boolean): void;
}

/** Grayscale [0, 1] pixels (HWC with one channel) of a 28×28 canvas. */
export function canvasPixels(canvas: HTMLCanvasElement): Float32Array {
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, SIDE, SIDE);
  const pixels = new Float32Array(SIDE * SIDE);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (0.299 * data[4 * i] + 0.587 * data[4 * i + 1] + 0.114 * data[4 * i + 2]) / 255;
  return pixels;
}

export function mountPredict(root: HTMLElement, classify: (pixels: Float32Array) => Promise<Prediction[]>): PredictPanel {
  const canvas = element('canvas', { width: String(SIDE), height: String(SIDE), class: 'netc-draw', 'data-role': 'draw', title: 'draw here, or drop an image' });
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const clear = element('button', { type: 'button', 'data-role': 'clear-drawing' }, 'Clear');
  const file = element('input', { type: 'file', accept: 'image/*', 'data-role': 'predict-image' });
  const result = element('ol', { class: 'netc-top3', 'data-role': 'top3' });
  root.append(element('div', { class: 'netc-row' }, canvas, element('div', {}, clear, element('label', {}, ' or an image ', file), result)));
  let enabled = false;

  const blank = () => {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, SIDE, SIDE);
    result.replaceChildren();
  };
  blank();
  const predict = async () => {
    if (!enabled) {
      result.replaceChildren(element('li', {}, 'train or load weights first'));
      return;
    }
    try {
      const top = await classify(canvasPixels(canvas));
      result.replaceChildren(...top.map((p) => element('li', { 'data-class': p.class }, `${p.class} — ${(p.probability * 100).toFixed(1)} %`)));
    } catch (error) {
      result.replaceChildren(element('li', { class: 'netc-error' }, String((error as Error).message ?? error).split('\n')[0]));
    }
  };
  const drawImage = async (blob: Blob) => {
    const bitmap = await createImageBitmap(blob);
    blank();
    const scale = Math.min(SIDE / bitmap.width, SIDE / bitmap.height);
    const w = bitmap.width * scale;
    const h = bitmap.height * scale;
    ctx.drawImage(bitmap, (SIDE - w) / 2, (SIDE - h) / 2, w, h);
    bitmap.close();
    await predict();
  };

  // Drawing: a 2-pixel white brush in canvas coordinates (the canvas is shown enlarged by CSS).
  let drawing = false;
  const at = (e: PointerEvent) => {
    const box = canvas.getBoundingClientRect();
    return [((e.clientX - box.left) / box.width) * SIDE, ((e.clientY - box.top) / box.height) * SIDE] as const;
  };
  canvas.addEventListener('pointerdown', (e) => {
    drawing = true;
    canvas.setPointerCapture(e.pointerId);
    const [x, y] = at(e);
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(x, y);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drawing) return;
    const [x, y] = at(e);
    ctx.lineTo(x, y);
    ctx.stroke();
  });
  canvas.addEventListener('pointerup', () => {
    if (!drawing) return;
    drawing = false;
    void predict();
  });
  canvas.addEventListener('dragover', (e) => e.preventDefault());
  canvas.addEventListener('drop', (e) => {
    e.preventDefault();
    const dropped = e.dataTransfer?.files[0];
    if (dropped) void drawImage(dropped);
  });
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    if (chosen) void drawImage(chosen);
    file.value = '';
  });
  clear.addEventListener('click', blank);
  return { setEnabled: (e) => (enabled = e) };
}
