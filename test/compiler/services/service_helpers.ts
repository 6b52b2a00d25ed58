// Shared by the services tests: a service over repo files, and offsets of text inside them.
import { LanguageService } from '../../../compiler/services/index.js';
import { readOrUndefined, readText } from '../../helpers/files.js';

/** A service that reads imports from disk, with `paths` opened. */
export function openFiles(...paths: string[]): LanguageService {
  const service = new LanguageService({ readFile: readOrUndefined });
  for (const path of paths) service.setFile(path, readText(path));
  return service;
}

/** The offset of the `nth` (0-based) occurrence of `needle` in `text`, plus `delta`; throws if absent. */
export function offsetOf(text: string, needle: string, delta = 0, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' (#${nth}) not in the text`);
  }
  return at + delta;
}

/** A service over in-memory files (`readFile` and `listFiles` from the map), with `open` opened. */
export function memoryService(files: Record<string, string>, ...open: string[]): LanguageService {
  const service = new LanguageService({ readFile: (p) => files[p], listFiles: () => Object.keys(files) });
  for (const path of open) service.setFile(path, files[path]);
  return service;
}

/** `text` with edits applied (offsets into the original text, as the services give them; none overlap). */
export function applyEdits(text: string, edits: { from: number; to: number; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.from - a.from)) out = out.slice(0, e.from) + e.newText + out.slice(e.to);
  return out;
}
