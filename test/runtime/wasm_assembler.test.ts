// The byte encodings netc's wasm code is built from (runtime/backends/wasm/codegen/assembler.ts): LEB128 integers,
// including the negative constants a conv's row arithmetic needs, checked against known encodings and by
// running them.
import test from 'ava';
import { end, get, i32, i32Add, locals, moduleBytes, sleb, uleb } from '../../runtime/backends/wasm/codegen/assembler.js';

test('uleb and sleb give the standard LEB128 bytes', (t) => {
  t.deepEqual(uleb(624485), [0xe5, 0x8e, 0x26]);
  t.deepEqual(uleb(0), [0]);
  t.deepEqual(sleb(-123456), [0xc0, 0xbb, 0x78]);
  t.deepEqual(sleb(-1), [0x7f]);
  t.deepEqual(sleb(-64), [0x40]);
  t.deepEqual(sleb(-65), [0xbf, 0x7f]);
  t.deepEqual(sleb(63), [0x3f]);
  t.deepEqual(sleb(64), [0xc0, 0x00]);
});

test('i32 constants of either sign run as themselves', (t) => {
  for (const value of [-(2 ** 31), -123456, -65, -1, 0, 1, 64, 2 ** 31 - 1]) {
    // f(at): i32[at] = value + 0
    const bytes = moduleBytes(false, 1, 1, [...locals(0), ...get(0), ...i32(value), ...i32(0), ...i32Add, 0x36, 0x02, 0x00, ...end]);
    const memory = new WebAssembly.Memory({ initial: 1 });
    (new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports.f as (at: number) => void)(8);
    t.is(new Int32Array(memory.buffer)[2], value);
  }
});
