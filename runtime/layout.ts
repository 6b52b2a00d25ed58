// Weight layouts: the IR (and checkpoints, and PyTorch) use conv [out, in/g, kh, kw] and dense [out, in];
// tfjs wants conv filters [kh, kw, in/g, out] (depthwise: [kh, kw, in, multiplier]) and dense [in, out].

export type Layout = 'conv' | 'depthwise' | 'dense' | 'vector';

/** How a parameter of an IR node is laid out for tfjs. */
export function layoutOf(op: string, suffix: string, attrs: Record<string, unknown>, inChannels: number): Layout {
  if (suffix !== 'weight') return 'vector';
  if (op === 'dense') return 'dense';
  if (op === 'conv') return attrs.groups === inChannels && inChannels > 1 ? 'depthwise' : 'conv';
  return 'vector';
}

/** Shape in tfjs layout for a PyTorch-layout shape (`channels`: the conv's input channels, for depthwise). */
export function tfShape(layout: Layout, torch: number[], channels = 0): number[] {
  switch (layout) {
    case 'conv':
      return [torch[2], torch[3], torch[1], torch[0]];
    case 'depthwise':
      return [torch[2], torch[3], channels, torch[0] / channels];
    case 'dense':
      return [torch[1], torch[0]];
    case 'vector':
      return torch;
  }
}

/** Reorders PyTorch-layout data into tfjs layout. `channels` is the conv's input channel count (depthwise). */
export function toTf(layout: Layout, torch: number[], data: Float32Array, channels = 0): { shape: number[]; data: Float32Array } {
  if (layout === 'vector') return { shape: torch, data };
  if (layout === 'dense') {
    const [out, inF] = torch;
    const result = new Float32Array(data.length);
    for (let o = 0; o < out; o++) for (let i = 0; i < inF; i++) result[i * out + o] = data[o * inF + i];
    return { shape: [inF, out], data: result };
  }
  const [out, inPerGroup, kh, kw] = torch;
  const result = new Float32Array(data.length);
  if (layout === 'conv') {
    // [out, in, kh, kw] -> [kh, kw, in, out]
    for (let o = 0; o < out; o++)
      for (let i = 0; i < inPerGroup; i++)
        for (let y = 0; y < kh; y++)
          for (let x = 0; x < kw; x++) result[((y * kw + x) * inPerGroup + i) * out + o] = data[((o * inPerGroup + i) * kh + y) * kw + x];
    return { shape: [kh, kw, inPerGroup, out], data: result };
  }
  // depthwise: PyTorch output channel o = c·m + j reads input channel c; tfjs wants [kh, kw, c, j].
  const multiplier = out / channels;
  for (let o = 0; o < out; o++) {
    const c = Math.floor(o / multiplier);
    const j = o % multiplier;
    for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) result[((y * kw + x) * channels + c) * multiplier + j] = data[(o * kh + y) * kw + x];
  }
  return { shape: [kh, kw, channels, multiplier], data: result };
}

/** The inverse of toTf: tfjs-layout data back to PyTorch layout. */
export function toTorch(layout: Layout, torch: number[], data: Float32Array, channels = 0): Float32Array {
  if (layout === 'vector') return data;
  const result = new Float32Array(data.length);
  if (layout === 'dense') {
    const [out, inF] = torch;
    for (let o = 0; o < out; o++) for (let i = 0; i < inF; i++) result[o * inF + i] = data[i * out + o];
    return result;
  }
  const [out, inPerGroup, kh, kw] = torch;
  if (layout === 'conv') {
    for (let o = 0; o < out; o++)
      for (let i = 0; i < inPerGroup; i++)
        for (let y = 0; y < kh; y++)
          for (let x = 0; x < kw; x++) result[((o * inPerGroup + i) * kh + y) * kw + x] = data[((y * kw + x) * inPerGroup + i) * out + o];
    return result;
  }
  const multiplier = out / channels;
  for (let o = 0; o < out; o++) {
    const c = Math.floor(o / multiplier);
    const j = o % multiplier;
    for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) result[(o * kh + y) * kw + x] = data[((y * kw + x) * channels + c) * multiplier + j];
  }
  return result;
}
