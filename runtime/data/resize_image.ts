// Resizes HWC float images per channel: box-filter averaging when shrinking (no aliasing), bilinear when enlarging.

export interface FloatImage {
  width: number;
  height: number;
  channels: number;
  /** Row-major, interleaved channels. */
  pixels: Float32Array;
}

/** Resizes to height×width; each axis shrinks by averaging the source pixels it covers or enlarges bilinearly
 * at half-pixel centres (torchvision's align_corners = false). */
export function resizeImage(image: FloatImage, height: number, width: number): Float32Array {
  const { channels: c, pixels: src } = image;
  if (image.height === height && image.width === width) return src.slice();
  const out = new Float32Array(height * width * c);
  const sy = image.height / height;
  const sx = image.width / width;
  const shrink = sy >= 1 && sx >= 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * c;
      if (shrink) {
        const y0 = Math.floor(y * sy);
        const y1 = Math.min(image.height, Math.ceil((y + 1) * sy));
        const x0 = Math.floor(x * sx);
        const x1 = Math.min(image.width, Math.ceil((x + 1) * sx));
        const n = (y1 - y0) * (x1 - x0);
        for (let ch = 0; ch < c; ch++) {
          let sum = 0;
          for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) sum += src[(yy * image.width + xx) * c + ch];
          out[o + ch] = n ? sum / n : 0;
        }
      } else {
        const fy = Math.min(image.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
        const fx = Math.min(image.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
        const y0 = Math.floor(fy);
        const x0 = Math.floor(fx);
        const y1 = Math.min(image.height - 1, y0 + 1);
        const x1 = Math.min(image.width - 1, x0 + 1);
        const ty = fy - y0;
        const tx = fx - x0;
        for (let ch = 0; ch < c; ch++) {
          const p = (yy: number, xx: number) => src[(yy * image.width + xx) * c + ch];
          const top = p(y0, x0) * (1 - tx) + p(y0, x1) * tx;
          const bottom = p(y1, x0) * (1 - tx) + p(y1, x1) * tx;
          out[o + ch] = top * (1 - ty) + bottom * ty;
        }
      }
    }
  }
  return out;
}
