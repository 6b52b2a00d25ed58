// curves.svg: train loss, train accuracy and test accuracy per epoch, drawn like D2L's training plots.

export interface EpochPoint {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
}

const series = [
  { key: 'trainLoss', label: 'train loss', color: '#1f77b4', dash: '' },
  { key: 'trainAccuracy', label: 'train acc', color: '#ff7f0e', dash: '6 4' },
  { key: 'testAccuracy', label: 'test acc', color: '#2ca02c', dash: '2 3' },
] as const;

export function curvesSvg(points: EpochPoint[], title: string): string {
  const width = 480;
  const height = 320;
  const m = { left: 48, right: 16, top: 28, bottom: 40 };
  const epochs = Math.max(1, ...points.map((p) => p.epoch));
  const yMax = Math.max(1, ...points.map((p) => (Number.isFinite(p.trainLoss) ? p.trainLoss : 0)));
  const x = (e: number) => m.left + ((e - (epochs === 1 ? 0 : 1)) / Math.max(1, epochs - (epochs === 1 ? 0 : 1))) * (width - m.left - m.right);
  const y = (v: number) => height - m.bottom - (Math.min(v, yMax) / yMax) * (height - m.top - m.bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="16" text-anchor="middle" font-size="12">${escapeXml(title)}</text>`,
    `<line x1="${m.left}" y1="${height - m.bottom}" x2="${width - m.right}" y2="${height - m.bottom}" stroke="#333"/>`,
    `<line x1="${m.left}" y1="${m.top}" x2="${m.left}" y2="${height - m.bottom}" stroke="#333"/>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const v = (yMax * i) / 5;
    out.push(`<line x1="${m.left}" y1="${y(v)}" x2="${width - m.right}" y2="${y(v)}" stroke="#eee"/>`, `<text x="${m.left - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(yMax > 2 ? 1 : 2)}</text>`);
  }
  const step = Math.max(1, Math.ceil(epochs / 10));
  for (let e = 1; e <= epochs; e += step) out.push(`<text x="${x(e)}" y="${height - m.bottom + 16}" text-anchor="middle">${e}</text>`);
  out.push(`<text x="${(m.left + width - m.right) / 2}" y="${height - 6}" text-anchor="middle">epoch</text>`);
  series.forEach((s, i) => {
    const pts = points.filter((p) => Number.isFinite(p[s.key]));
    if (pts.length > 0) {
      const path = pts.map((p) => `${x(p.epoch).toFixed(1)},${y(p[s.key]).toFixed(1)}`).join(' ');
      out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}" points="${path}"/>`);
      for (const p of pts) out.push(`<circle cx="${x(p.epoch).toFixed(1)}" cy="${y(p[s.key]).toFixed(1)}" r="2.5" fill="${s.color}"/>`);
    }
    const ly = m.top + 6 + i * 15;
    out.push(`<line x1="${width - 120}" y1="${ly}" x2="${width - 96}" y2="${ly}" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}"/>`, `<text x="${width - 90}" y="${ly + 4}">${s.label}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}
