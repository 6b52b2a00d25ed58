// The confusion matrix after each epoch: rows are the true class, columns the predicted one, each cell shaded
// by its share of the row (so a class's errors read at a glance), with the count in the cell.
import { element } from './dom.js';

/** `confusion[label][predicted]` as the runtime's evaluate() returns it. */
export function renderConfusion(root: HTMLElement, confusion: number[][], classNames: string[], accuracy: number): void {
  const names = confusion.map((_, i) => classNames[i] ?? String(i));
  const head = element('tr', {}, element('th', { class: 'corner' }, 'true ↓ / predicted →'), ...names.map((n) => element('th', { scope: 'col' }, n)));
  const rows = confusion.map((row, label) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    return element(
      'tr',
      {},
      element('th', { scope: 'row' }, names[label]),
      ...row.map((count, predicted) => {
        const share = count / total;
        const cell = element('td', { 'data-label': String(label), 'data-predicted': String(predicted), title: `${names[label]} predicted as ${names[predicted]}: ${count}` }, String(count));
        cell.style.background = label === predicted ? `rgba(44, 160, 44, ${share.toFixed(3)})` : `rgba(214, 39, 40, ${Math.min(1, share * 3).toFixed(3)})`;
        return cell;
      }),
    );
  });
  const count = confusion.flat().reduce((a, b) => a + b, 0);
  root.replaceChildren(
    element('p', { class: 'netc-accuracy', 'data-role': 'test-accuracy', 'data-accuracy': String(accuracy) }, `test accuracy ${(accuracy * 100).toFixed(2)} % on ${count} images`),
    element('table', { class: 'netc-confusion', 'data-role': 'confusion' }, element('thead', {}, head), element('tbody', {}, ...rows)),
  );
}
