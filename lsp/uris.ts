// Document URIs ↔ the services' paths: file:// URIs become file-system paths (with `/`, as the compiler's imports
// resolve), any other scheme (untitled:, vscode-notebook-cell:, …) is kept as its URI string.
import { fileURLToPath, pathToFileURL } from 'node:url';

const windows = process.platform === 'win32';

/** The service's path for a URI; undefined for a malformed one. */
export function uriToPath(uri: string): string | undefined {
  if (typeof uri !== 'string' || uri === '') return undefined;
  if (!uri.startsWith('file:')) return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri) ? uri : undefined;
  try {
    const path = fileURLToPath(uri);
    return windows ? path.replace(/\\/g, '/') : path;
  } catch {
    return undefined;
  }
}

/** The URI of a path the client never named (a file found on disk): file:// for paths, the string itself for URIs. */
export function pathToUri(path: string): string {
  if (!path.startsWith('/') && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(path) && !(windows && /^[A-Za-z]:/.test(path))) return path;
  return pathToFileURL(path).href;
}
