// The options tables: parsing (types, defaults, repeated --set, typos), and help generated from every entry.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { commands } from '../../cli/commands.js';
import { commandHelp, overviewHelp } from '../../cli/help_text.js';
import { optionSyntax, parseOptions } from '../../cli/option_parser.js';
import { commonOptions, trainOptions } from '../../cli/command_options.js';
import { UsageError } from '../../cli/usage_error.js';

const netc = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['dist/cli/netc.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const usageMessage = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  return undefined;
};

for (const command of commands) {
  test(`help ${command.name}: every option of its table, with its value, description and default`, (t) => {
    const help = commandHelp(command);
    t.true(help.startsWith(`usage: netc ${command.name} ${command.operands}`));
    t.false(help.split('\n').some((line) => line.length > 110), 'lines fit in 110 columns');
    // Each option's row, wherever the columns pad or wrap it: how it is written, what it does, its default.
    const flat = help.replace(/\s+/g, ' ');
    for (const option of command.options) {
      const fallback = option.defaultText ?? option.default;
      const row = `${option.short ? `-${option.short}, ` : ''}${optionSyntax(option)} ${option.description}${fallback !== undefined ? ` (default: ${fallback})` : ''}`;
      t.true(flat.includes(` ${row} `), row);
    }
  });
}

test('netc --help lists every command and the common options; netc help CMD and CMD --help print the command help', (t) => {
  const overview = netc('--help');
  t.is(overview.code, 0);
  t.is(overview.stdout, overviewHelp(commands) + '\n');
  for (const command of commands) t.true(overview.stdout.includes(`netc ${command.name} ${command.operands}`), command.name);
  for (const option of commonOptions) t.true(overview.stdout.includes(optionSyntax(option)), option.name);
  t.is(netc('help').code, 0);
  const train = commands.find((c) => c.name === 'train')!;
  for (const args of [['help', 'train'], ['train', '--help'], ['train', '-h'], ['--help', 'train']]) {
    const r = netc(...args);
    t.is(r.code, 0, args.join(' '));
    t.is(r.stdout, commandHelp(train) + '\n', args.join(' '));
  }
  const unknown = netc('help', 'trainn');
  t.is(unknown.code, 2);
  t.is(unknown.stderr, "netc: unknown command 'trainn'; did you mean 'train'? (see netc --help)\n");
});

test('an option name means one kind everywhere (the command word is found before its table is known)', (t) => {
  const seen = new Map<string, string>();
  for (const option of commands.flatMap((c) => c.options)) {
    const shape = `${option.kind} ${option.short ?? ''}`;
    t.is(seen.get(option.name) ?? shape, shape, `--${option.name}`);
    seen.set(option.name, shape);
  }
  t.is(new Set(commands.map((c) => c.name)).size, commands.length);
});

test('values are typed by the table and defaults filled in', (t) => {
  const { positionals, values } = parseOptions(['train', 'lenet.net', '--epochs', '3', '--lr=0.5', '--flip', '--optimizer', 'adam', '--backend', 'cpu'], trainOptions, 'train');
  t.deepEqual(positionals, ['train', 'lenet.net']);
  t.like(values, { epochs: 3, lr: 0.5, flip: true, optimizer: 'adam', backend: 'cpu', batch: 256, seed: 0, normalize: 'none', json: false, 'sync-every': 10, schedule: 'constant', init: 'pytorch' });
  t.is(values['lr-step'], undefined);
  t.is(values.out, undefined);
  t.deepEqual(values.set, {});
  t.deepEqual(parseOptions(['x', '--', '--not-an-option'], commonOptions).positionals, ['x', '--not-an-option']);
});

test('--set NAME=VALUE repeats; the value may hold =; a later one wins', (t) => {
  const { values } = parseOptions(['--set', 'classes=5', '--set=layers=[2,2]', '--set', 'expr=a=b', '--set', 'classes=7'], commonOptions);
  t.deepEqual(values.set, { classes: '7', layers: '[2,2]', expr: 'a=b' });
  t.is(usageMessage(() => parseOptions(['--set', 'classes'], commonOptions)), '--set takes NAME=VALUE, e.g. --set classes=100');
  t.is(usageMessage(() => parseOptions(['--set', '=5'], commonOptions)), '--set takes NAME=VALUE, e.g. --set classes=100');
});

test('bad values are one-line usage errors naming the option', (t) => {
  const parse = (...argv: string[]) => usageMessage(() => parseOptions(argv, trainOptions, 'train'));
  t.is(parse('--epochs', 'many'), '--epochs needs an integer >= 1, got many');
  t.is(parse('--epochs', '2.5'), '--epochs needs an integer >= 1, got 2.5');
  t.is(parse('--epochs='), '--epochs needs an integer >= 1, got nothing');
  t.is(parse('--lr', '-1'), '--lr needs a number >= 0, got -1');
  t.is(parse('--lr'), '--lr needs a value: --lr X');
  t.is(parse('--optimizer', 'rmsprop'), '--optimizer takes sgd, momentum, adam; got rmsprop');
  t.is(parse('--backend', 'wasn'), '--backend takes auto, webgpu, wasm, cpu; got wasn (did you mean wasm?)');
  t.is(parse('--flip=yes'), '--flip takes no value');
  t.is(parse('--max-params', '0'), '--max-params needs an integer >= 1, got 0');
});

test('unknown options: the nearest name when it is a likely typo, else the commands that have it', (t) => {
  const parse = (...argv: string[]) => usageMessage(() => parseOptions(argv, trainOptions, 'train'));
  t.is(parse('--epoch', '3'), 'unknown option --epoch for netc train; did you mean --epochs? (see netc help train)');
  t.is(parse('--sync_every', '3'), 'unknown option --sync_every for netc train; did you mean --sync-every? (see netc help train)');
  t.is(parse('--frobnicate'), 'unknown option --frobnicate for netc train (see netc help train)');
  t.is(parse('-x'), 'unknown option -x for netc train (see netc help train)');
  t.is(parse('-epochs', '3'), 'unknown option -epochs for netc train; did you mean --epochs? (see netc help train)');
  t.is(usageMessage(() => parseOptions(['--weights', 'w'], commonOptions, 'check', (name) => (name === 'weights' ? '; it is an option of netc eval' : undefined))), 'unknown option --weights for netc check; it is an option of netc eval (see netc help check)');
  const epoch = netc('train', 'networks/lenet.net', '--epoch', '3');
  t.is(epoch.code, 2);
  t.is(epoch.stderr, 'netc: unknown option --epoch for netc train; did you mean --epochs? (see netc help train)\n');
  const elsewhere = netc('check', 'networks/lenet.net', '--weights', 'runs/x');
  t.is(elsewhere.code, 2);
  t.is(elsewhere.stderr, 'netc: unknown option --weights for netc check; it is an option of netc eval, netc predict, netc export (see netc help check)\n');
});

test('options may come before the command, and --version works anywhere', (t) => {
  const r = netc('--network', 'LeNet', 'summary', '--json', 'networks/lenet.net');
  t.is(r.code, 0, r.stderr);
  t.is(JSON.parse(r.stdout).network, 'LeNet');
  t.is(netc('--version').stdout, 'netc 0.1.0\n');
  t.is(netc('check', '--version').stdout, 'netc 0.1.0\n');
});

test('the docs name every option: README the common ones, docs/runtime.md those of the runtime commands', async (t) => {
  const { readFileSync } = await import('node:fs');
  const readme = readFileSync('README.md', 'utf8');
  for (const option of commonOptions) t.true(readme.includes(`\`--${option.name}`), `README.md: --${option.name}`);
  const runtimeDoc = readFileSync('docs/runtime.md', 'utf8');
  for (const command of commands.filter((c) => c.loadsRuntime)) {
    for (const option of command.options) if (option.name !== 'help' && option.name !== 'version') t.true(runtimeDoc.includes(`--${option.name}`), `docs/runtime.md: ${command.name} --${option.name}`);
  }
});

test('a value-taking option followed by an option (--out --json) is a usage error, for every option of every command', (t) => {
  let checked = 0;
  for (const command of commands) {
    for (const option of command.options.filter((o) => o.kind !== 'flag')) {
      for (const next of ['--json', '-h', '--epochs=3']) {
        const message = usageMessage(() => parseOptions([command.name, 'f.net', `--${option.name}`, next], command.options, command.name));
        t.is(message, `--${option.name} needs a value: ${optionSyntax(option)}, not the option ${next.split('=')[0]} (write --${option.name}=${next} for a value that starts with -)`, `${command.name} --${option.name} ${next}`);
        checked++;
      }
      // Written with =, a value may start with a dash; a negative number is a value either way.
      t.notRegex(usageMessage(() => parseOptions([command.name, `--${option.name}=-x`], command.options, command.name)) ?? '', /not the option/);
      t.notRegex(usageMessage(() => parseOptions([command.name, `--${option.name}`, '-1'], command.options, command.name)) ?? '', /not the option/);
    }
  }
  t.true(checked > 100, `${checked} cases`);
  t.deepEqual(parseOptions(['train', 'f.net', '--out=--json'], trainOptions, 'train').values.out, '--json');
});

test('an unknown short option is a usage error for every command and every letter it does not declare', (t) => {
  for (const command of commands) {
    const declared = new Set(command.options.map((o) => o.short).filter(Boolean));
    for (const letter of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').filter((l) => !declared.has(l))) {
      for (const argv of [[`-${letter}`, '64'], [`-${letter}64`]]) {
        t.regex(usageMessage(() => parseOptions([command.name, 'f.net', ...argv], command.options, command.name)) ?? '', new RegExp(`^unknown option -${letter}\\S* for netc ${command.name}`), `${command.name} ${argv.join(' ')}`);
      }
    }
  }
  const before = netc('-b', '64', 'train', 'networks/lenet.net');
  t.is(before.code, 2);
  t.is(before.stderr, 'netc: unknown option -b (see netc --help)\n', 'before the command word too (not "unknown command 64")');
});

test('a second FILE is a usage error for every command that takes one FILE', (t) => {
  for (const command of commands) {
    const required = ['weights', 'from', 'out'].filter((name) => command.options.some((o) => o.name === name)).flatMap((name) => [`--${name}`, 'x']);
    const r = netc(command.name, 'networks/lenet.net', 'networks/resnet18.net', ...required);
    if (/…/.test(command.operands)) {
      t.notRegex(r.stderr, /takes one FILE/, command.name);
      continue;
    }
    t.is(r.code, 2, command.name);
    t.is(r.stderr, `netc: netc ${command.name} takes one FILE; also given: networks/resnet18.net (see netc help ${command.name})\n`, command.name);
  }
});
