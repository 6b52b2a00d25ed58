#!/usr/bin/env node
// npm start: install what is missing (npm packages; Debian's Fashion-MNIST and a Vulkan driver), build, then
// train networks/lenet.net as D2L does (sigmoid LeNet, xavier init, SGD lr 0.9, batch 256, 10 epochs) on the
// best backend the machine has.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function run(command, args, { allowFailure = false } = {}) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0 && !allowFailure) {
    console.error(`npm start: '${command} ${args.join(' ')}' failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
  return result.status === 0;
}

if (!existsSync('node_modules/chevrotain') || !existsSync('node_modules/@tensorflow/tfjs-core')) run('npm', ['ci', '--no-audit', '--no-fund']);
// Prints the exact apt-get commands and stops if it needs root and has none.
run('bash', ['scripts/install_system_deps.sh']);
run('npm', ['run', 'build', '--silent']);
const extra = process.argv.slice(2);
run(process.execPath, ['dist/cli/netc.js', 'train', 'networks/lenet.net', '--epochs', '10', '--lr', '0.9', '--batch', '256', '--init', 'd2l', ...extra]);
