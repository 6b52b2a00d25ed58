// The sliding-window size formula shared by conv and pooling (PyTorch's, with pooling's ceil_mode).

export interface WindowResult {
  size?: number;
  /** Set when the (dilated) window does not fit the padded input. */
  window?: number;
  padded?: number;
}

/**
 * out = floor((in + 2·pad − dilation·(k − 1) − 1) / stride) + 1; with `ceil`, rounded up instead, less one
 * when the last window would start in the right padding (PyTorch's rule: every window starts inside the
 * input or its left padding).
 */
export function windowOutput(input: number, kernel: number, stride: number, pad: number, dilation = 1, ceil = false): WindowResult {
  const window = dilation * (kernel - 1) + 1;
  const padded = input + 2 * pad;
  // ceil mode keeps a window that overhangs the padded input (PyTorch: 2×2 through maxpool(3, stride: 2) is 1×1)
  let size = Math.floor((padded - window + (ceil ? stride - 1 : 0)) / stride) + 1;
  if (ceil && size > 1 && (size - 1) * stride >= input + pad) size--;
  return size >= 1 ? { size } : { window, padded };
}

/** Applies windowOutput to height and width; reports the first axis that does not fit. */
export function windowOutput2d(hw: number[], kernel: number[], stride: number[], pad: number[], dilation: number[] = [1, 1], ceil = false) {
  const h = windowOutput(hw[0], kernel[0], stride[0], pad[0], dilation[0], ceil);
  const w = windowOutput(hw[1], kernel[1], stride[1], pad[1], dilation[1], ceil);
  if (h.size === undefined || w.size === undefined) {
    const window = [dilation[0] * (kernel[0] - 1) + 1, dilation[1] * (kernel[1] - 1) + 1];
    return { fits: false as const, window: `${window[0]}×${window[1]}`, padded: `${hw[0] + 2 * pad[0]}×${hw[1] + 2 * pad[1]}` };
  }
  return { fits: true as const, size: [h.size, w.size] };
}
