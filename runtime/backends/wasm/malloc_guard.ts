// tfjs-backend-wasm allocates every tensor with its module's malloc and never checks the result. Past
// WebAssembly's 4 GiB address space malloc returns 0, and the tensor is then written over the start of the
// heap: AlexNet at 224×224, batch 128, ended in "memory access out of bounds" two kernels later, and a plain
// allocation past 4 GiB hung the process. The guard throws before anything is written, with what to change.
// Environment-neutral: Node (node.ts) and the page (browser_backend.ts) both install it.
import { UserError } from '../../errors.js';
import { memoryOf, type WasmModuleObject } from './memory.js';

/** The wasm backend's memory could not hold another tensor. */
export class WasmOutOfMemory extends UserError {}

const guarded = new WeakSet<WasmModuleObject>();
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MiB`;

/**
 * Makes `module._malloc` throw WasmOutOfMemory where it would return 0, and return offsets past 2 GiB as the
 * unsigned numbers they are (the export returns a signed i32: netc's kernels index the heap with it, and a
 * negative offset read undefined and wrote nowhere, or counted from the heap's end). Once per module.
 */
export function guardMalloc(module: WasmModuleObject): void {
  if (guarded.has(module)) return;
  // Emscripten's first _malloc is a trampoline that replaces itself with the raw export when called: call it
  // once so the wrapper wraps the export and is not replaced.
  module._free(module._malloc(8));
  const malloc = module._malloc.bind(module);
  module._malloc = (bytes: number) => {
    const at = malloc(bytes);
    if (at === 0 && bytes > 0) {
      const inUse = memoryOf(module)?.buffer.byteLength ?? 0;
      throw new WasmOutOfMemory(`out of memory on the wasm backend: ${mib(bytes)} more did not fit beside the ${mib(inUse)} in use (WebAssembly addresses at most 4 GiB); use a smaller batch (--batch) or input size (--resize)`);
    }
    return at >>> 0;
  };
  guarded.add(module);
}
