// netc's generated wasm as text: each example module (scripts/wasm_wat.ts) matches its golden WAT in
// test/cases/wat/, so a codegen change shows up as a readable diff; every module validates in V8; kernel code
// speaks in named opcodes (no raw hex); and the runtime never loads wabt, which is a dev tool.
import test from 'ava';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { exampleBytes, exampleModules, watGoldenDir, watOf } from '../../scripts/wasm_wat.js';

const update = 'run `npm run wasm:wat -- --update-goldens` to accept a deliberate change, and review the diff';

for (const [name, m] of Object.entries(exampleModules)) {
  test(`wasm module ${name} is its golden WAT`, async (t) => {
    const bytes = exampleBytes(m);
    t.true(WebAssembly.validate(bytes), 'V8 takes the module');
    const golden = readFileSync(join(watGoldenDir, `${name}.wat`), 'utf8');
    t.is(await watOf(bytes), golden, update);
  });
}

test('every golden WAT file belongs to an example module', (t) => {
  const files = readdirSync(watGoldenDir).filter((f) => f.endsWith('.wat')).map((f) => f.slice(0, -4));
  t.deepEqual(files.sort(), Object.keys(exampleModules).sort());
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test('wasm kernel code has no raw opcode bytes: instructions come from the assembler, named', (t) => {
  const files = [...sourceFiles('runtime/backends/wasm/kernels'), 'runtime/backends/wasm/codegen/simd_math.ts', 'runtime/ops/activations.ts'];
  for (const file of files) t.notRegex(readFileSync(file, 'utf8'), /\b0x[0-9a-f]+/i, file);
});

test('the runtime never imports wabt or the dev scripts', (t) => {
  for (const file of sourceFiles('runtime')) {
    const text = readFileSync(file, 'utf8');
    t.notRegex(text, /(?:from|import)\s*\(?\s*['"]wabt['"]/, file);
    t.notRegex(text, /(?:from|import)\s*\(?\s*['"][^'"]*\/scripts\//, file);
  }
});
