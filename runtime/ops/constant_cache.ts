// Constant data the lowerings derive from shapes alone (pooling divisors, interpolation and averaging
// matrices), computed once per distinct shape rather than on every step. Keys are few: one per layer shape.
const cache = new Map<string, unknown>();

export function cachedConstant<T>(key: string, make: () => T): T {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key) as T;
}
