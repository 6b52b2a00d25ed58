// In the page: the Fashion-MNIST training images the harness build wrote (Debian's IDX layout, gzip),
// fetched and gunzipped with DecompressionStream, normalized as the CLI normalizes Fashion-MNIST, and int labels.
import { fashionMnistNormalization } from '../../../runtime/data/normalization.js';
export interface Images {
  pixels: Float32Array; // count × 28 × 28
  labels: Int32Array;
  count: number;
}

async function gunzipped(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
}

/** The first `count` training images under `base` (a folder URL ending in /). */
export async function loadFashion(base: string, count: number): Promise<Images> {
  const [images, labels] = await Promise.all([gunzipped(`${base}train-images-idx3-ubyte.gz`), gunzipped(`${base}train-labels-idx1-ubyte.gz`)]);
  const n = Math.min(count, new DataView(images.buffer).getUint32(4), new DataView(labels.buffer).getUint32(4));
  const pixels = new Float32Array(n * 784);
  const [mean, std] = [fashionMnistNormalization.mean[0], fashionMnistNormalization.std[0]];
  for (let i = 0; i < pixels.length; i++) pixels[i] = (images[16 + i] / 255 - mean) / std; // 16-byte IDX header: magic + 3 dims
  return { pixels, labels: Int32Array.from(labels.subarray(8, 8 + n)), count: n };
}
