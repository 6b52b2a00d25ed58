// Sizes of the drawing, shared by the layout (which reserves the space) and the SVG (which fills it).
export const metrics = {
  labelFont: 12,
  detailFont: 10,
  edgeFont: 10,
  headerFont: 11,
  nodeHeight: 38,
  nodePadding: 10,
  minNodeWidth: 72,
  groupHeader: 18,
  fontFamily: "'DejaVu Sans', Verdana, 'Segoe UI', Helvetica, Arial, sans-serif",
  monoFamily: "'DejaVu Sans Mono', Menlo, Consolas, monospace",
};

/** A width no browser font exceeds by much: 0.62 em per character (DejaVu Sans averages ~0.58). */
export const textWidth = (text: string, fontSize: number): number => Math.ceil(text.length * fontSize * 0.62);
