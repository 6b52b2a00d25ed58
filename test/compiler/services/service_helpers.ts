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
