// channel_shuffle: ShuffleNet's reshape [g, C/g] -> transpose -> [C/g, g] over channels.
import { type OpSpec, needsImage, divisors } from './op_spec.js';

export const channelShuffle: OpSpec = {
  name: 'channel_shuffle',
  family: 'shuffle',
  doc: 'interleave channels across groups (ShuffleNet)',
  docRow: { what: "ShuffleNet's channel interleave (`nn.ChannelShuffle`)", shape: 'unchanged', params: '—' },
  positional: 1,
  attrs: [{ name: 'groups', type: 'int', min: 1, doc: 'number of groups' }],
  inferShape(input, a) {
    const notImage = needsImage('channel_shuffle', input);
    if (notImage) return notImage;
    const groups = a.groups as number;
    if (input[0] % groups !== 0) return { error: 'NET3008', args: { groups, channels: input[0], choices: divisors(input[0]) }, attr: 'groups' };
    return { shape: input };
  },
};
