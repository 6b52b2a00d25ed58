// The results page's comparisons with published numbers: the Fashion-MNIST benchmark table and D2L's chapters.
import { acc, acc3, table } from './markdown_table.js';
import type { NetworkRow } from './network_rows.js';
import { benchmarkRows, benchmarkSource, d2lReferences } from './references.js';

export function benchmarkSection(best: NetworkRow | undefined): string {
  const rows = [...benchmarkRows].sort((a, b) => b.accuracy - a.accuracy);
  const lines = [
    '## Against the Fashion-MNIST benchmark',
    '',
    `The benchmark table of [zalandoresearch/fashion-mnist](${benchmarkSource.url}) (README at commit \`${benchmarkSource.commit.slice(0, 12)}\`; ${benchmarkSource.note}), best first.` +
      (best?.final !== undefined ? ` netc's best network here: **${acc(best.final)}** (final epoch).` : ''),
    '',
    table(['classifier', 'preprocessing', 'test accuracy'], rows.map((r) => [r.classifier, r.preprocessing, acc3(r.accuracy)]), ['l', 'l', 'r']),
  ];
  return lines.join('\n');
}

export function d2lSection(rows: NetworkRow[]): string {
  const byChapter = new Map(rows.filter((r) => r.recipe.d2l).map((r) => [r.recipe.d2l as string, r]));
  const body = Object.entries(d2lReferences).map(([key, ref]) => {
    const ours = byChapter.get(key);
    return [
      `[${ref.chapter}](${ref.url})`,
      ref.setup,
      ref.testAccuracy === undefined ? 'not found' : acc3(ref.testAccuracy),
      ref.printed ?? '—',
      ours ? `${ours.recipe.name}: ${acc(ours.final)}` : '—',
    ];
  });
  return [
    "## D2L's accuracies per chapter",
    '',
    "Dive into Deep Learning's PyTorch edition prints `loss …, train acc …, test acc …` after each chapter's `train_ch6` (10 epochs on a GPU, " +
      "the full 60,000 images at the sizes shown). Where the printed line could not be found, the cell says so. netc's runs here are far " +
      'shorter (see the budgets), so the comparison is of direction, not of a finished training.',
    '',
    table(['chapter', "D2L's setup", 'D2L test acc', 'printed', 'netc here (final)'], body, ['l', 'l', 'r', 'l', 'l']),
  ].join('\n');
}
