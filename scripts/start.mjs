#!/usr/bin/env node
// npm start: install what is missing, build, then show LeNet's summary (training arrives with the runtime).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function run(command, args) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`npm start: '${command} ${args.join(' ')}' failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

if (!existsSync('node_modules/chevrotain') || !existsSync('node_modules/typescript')) run('npm', ['ci', '--no-audit', '--no-fund']);
run('npx', ['tsc', '-p', 'tsconfig.json']);
run(process.execPath, ['dist/cli/netc.js', 'summary', 'networks/lenet.net']);
