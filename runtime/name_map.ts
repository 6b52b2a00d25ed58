// --map MAP.json: a JSON object from PyTorch module paths to netc layer paths, validated on read, looked up by own keys only.
import { WeightError } from './errors.js';
import { FileReadError, readBoundedJson } from './platform/read_bounded.js';

import type { NameMap } from './name_map_rename.js';

export { renameByMap } from './name_map_rename.js';
export type { NameMap };

/** A dotted path: one or more segments, none empty, no white space ("0", "features.3", "stage2.0.conv1"). */
const dottedPath = /^[^.\s]+(\.[^.\s]+)*$/;

const kindOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`);

const expected = 'expected a JSON object {"pytorch.module": "netc.layer", …}';

/** Reads and checks a name map file; every problem is a one-line WeightError naming the file and the key. */
export function readNameMap(path: string): NameMap {
  let parsed: unknown;
  try {
    parsed = readBoundedJson(path);
  } catch (error) {
    if (error instanceof FileReadError) throw new WeightError(`${path}: not a usable name map (${error.reason})`);
    throw error;
  }
  const fail = (why: string) => new WeightError(`${path}: not a usable name map (${why})`);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw fail(`${expected}, got ${kindOf(parsed)}`);
  // JSON.parse makes every key an own data property, "__proto__" included; Object.entries sees exactly those.
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length === 0) throw fail(`it is empty; ${expected}`);
  const map = new Map<string, string>();
  for (const [key, value] of entries) {
    if (!dottedPath.test(key)) throw fail(`the key ${JSON.stringify(key)} is not a module path such as "features.3" (dot-separated names, none empty)`);
    if (typeof value !== 'string') throw fail(`the value of "${key}" is ${kindOf(value)}, not a netc layer path string`);
    if (!dottedPath.test(value)) throw fail(`the value of "${key}", ${JSON.stringify(value)}, is not a netc layer path such as "stem.conv1"`);
    map.set(key, value);
  }
  return map;
}
