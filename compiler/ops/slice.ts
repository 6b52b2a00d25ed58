// slice: a range of channels (or features), x[:, start:end] in PyTorch — ShuffleNet v2's channel split.
import { type OpSpec, formatShape } from './op_spec.js';

export const slice: OpSpec = {
  name: 'slice',
  family: 'reshape',
  doc: 'keeps channels start … end − 1 (or those features of a flat input)',
  docRow: { what: 'channels `start … end − 1` (`x[:, start:end]`), e.g. ShuffleNet v2\'s split', shape: '`[C,H,W] → [end − start,H,W]`', params: '—' },
  positional: 2,
  attrs: [
    { name: 'start', type: 'int', min: 0, doc: 'first channel kept' },
    { name: 'end', type: 'int', min: 1, doc: 'one past the last channel kept' },
  ],
  inferShape(input, a) {
    const [start, end] = [a.start as number, a.end as number];
    if (start >= end || end > input[0]) {
      return { error: 'NET3015', args: { start, end, channels: input[0], what: input.length === 3 ? 'channels' : 'features', half: Math.max(1, Math.floor(input[0] / 2)), shape: formatShape(input) }, attr: start >= end ? 'start' : 'end' };
    }
    return { shape: [end - start, ...input.slice(1)] };
  },
};
