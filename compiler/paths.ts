// Posix-style path arithmetic for import resolution (the compiler reads no files itself).

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : path.slice(0, i);
}

export function normalize(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !absolute) out.push(part);
  }
  const joined = out.join('/');
  return absolute ? '/' + joined : joined || '.';
}

/** The path of `target` as imported from `fromFile`: relative to the importing file's folder. */
export function resolveImport(fromFile: string, target: string): string {
  return target.startsWith('/') ? normalize(target) : normalize(`${dirname(fromFile)}/${target}`);
}
