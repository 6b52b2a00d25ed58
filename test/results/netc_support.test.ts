// Flags this netc lacks are found from its help text, choices included, and can be dropped with their values.
import test from 'ava';
import { unsupportedFlags, withoutFlags } from '../../results/netc_support.js';

const help = `  --epochs N   passes
  --lr X   rate
  --schedule constant|cosine|step   per epoch
  --flip   random flips
  --limit N  first N`;

test('a flag missing from the help, and a choice the help does not list, are unsupported', (t) => {
  const flags = ['--epochs', '3', '--label-smoothing', '0.1', '--schedule', 'onecycle', '--flip', '--limit', '512'];
  t.deepEqual(unsupportedFlags(flags, help), ['--label-smoothing', '--schedule onecycle']);
  t.deepEqual(unsupportedFlags(['--schedule', 'cosine', '--lr', '0.1'], help), []);
});

test('withoutFlags drops the unsupported flags and their values, keeps value-less flags', (t) => {
  const flags = ['--epochs', '3', '--label-smoothing', '0.1', '--flip', '--schedule', 'onecycle', '--limit', '512'];
  t.deepEqual(withoutFlags(flags, ['--label-smoothing', '--schedule onecycle']), ['--epochs', '3', '--flip', '--limit', '512']);
});
