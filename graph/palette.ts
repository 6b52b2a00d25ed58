// Colours by op family (fill, stroke), so convolutions, norms, activations and merges read apart at a glance.
export interface Swatch {
  fill: string;
  stroke: string;
}

const families: Record<string, Swatch> = {
  conv: { fill: '#dbe8f6', stroke: '#3b6ea5' },
  dense: { fill: '#fde3c9', stroke: '#c0671b' },
  norm: { fill: '#e2f1da', stroke: '#4d8a35' },
  act: { fill: '#fff3bf', stroke: '#a38600' },
  pool: { fill: '#efdcef', stroke: '#8a4d8a' },
  merge: { fill: '#ececec', stroke: '#5f5f5f' },
  reshape: { fill: '#e4e4f4', stroke: '#5c5c99' },
  dropout: { fill: '#f6dede', stroke: '#a54040' },
  group: { fill: '#f3f3f3', stroke: '#444444' },
};
const fallback: Swatch = { fill: '#f5f5f5', stroke: '#777777' };
const input: Swatch = { fill: '#ffffff', stroke: '#222222' };

export const swatchOf = (family: string, op: string): Swatch => (op === 'input' ? input : (families[family] ?? fallback));

/** Group boxes: blocks tinted, labels plain, concat branches and shortcuts dashed. */
export const groupStyle: Record<string, { fill: string; stroke: string; dash?: string }> = {
  block: { fill: '#f6f8fc', stroke: '#8797b3' },
  label: { fill: '#fcfcfc', stroke: '#b5b5b5' },
  branch: { fill: '#fbfbf4', stroke: '#a8a36a', dash: '4 3' },
  shortcut: { fill: '#fcf5f5', stroke: '#b07a7a', dash: '4 3' },
};
