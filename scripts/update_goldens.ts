// Regenerates test/cases/err_*.err, the rendered diagnostics of each golden case; also exports the case runner.
// Run: npx tsc -p . && node dist/scripts/update_goldens.js
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { compile, type CompileOptions } from '../compiler/compile.js';
import type { Diagnostic } from '../compiler/diagnostics.js';
import { renderDiagnostics } from '../compiler/render_diagnostic.js';

/** The repository root (this file runs as dist/scripts/update_goldens.js). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Case files are named relative to the repository root, so goldens do not depend on where the repo lives. */
export const casesDir = 'test/cases';

export interface CaseFile {
  /** `err_NET3002_concat_spatial.net` */
  name: string;
  /** `test/cases/err_NET3002_concat_spatial.net` */
  file: string;
  /** `NET3002` */
  code: string;
  /** `concat_spatial` */
  description: string;
  source: string;
}

/** What a case may pass to compile(), from a first line `# options: {...json...}`. */
export type CaseOptions = Pick<CompileOptions, 'network' | 'args' | 'limits'>;

export interface CaseRun {
  diagnostics: Diagnostic[];
  /** What netc prints: renderDiagnostics of the result, with every file read. */
  rendered: string;
  /** Every file compiled, the case first: name -> text. */
  sources: Map<string, string>;
}

const casePattern = /^err_(NET\d{4})_(\w+)\.net$/;

/** Every err_*.net case, sorted by name (helper files such as lib_*.net are not cases). */
export function listCases(): CaseFile[] {
  return readdirSync(join(repoRoot, casesDir))
    .filter((name) => casePattern.test(name))
    .sort()
    .map((name) => readCase(name));
}

export function readCase(name: string): CaseFile {
  const [, code, description] = casePattern.exec(name) ?? [];
  const file = `${casesDir}/${name}`;
  const source = readFileSync(join(repoRoot, file), 'utf8');
  return { name, file, code, description, source };
}

export function caseOptions(source: string): CaseOptions {
  const line = /^# options: (.*)$/.exec(source.split('\n')[0]);
  return line ? (JSON.parse(line[1]) as CaseOptions) : {};
}

/**
 * Compiles a case (or an edited copy of its source) as netc would, with the options of its first line;
 * imports are read relative to the repository root, where case names are rooted.
 */
export function runCase(c: CaseFile, source = c.source): CaseRun {
  const sources = new Map<string, string>([[c.file, source]]);
  const readFile = (path: string) => {
    try {
      const text = readFileSync(join(repoRoot, path), 'utf8');
      sources.set(path, text);
      return text;
    } catch {
      return undefined;
    }
  };
  const result = compile(source, { ...caseOptions(source), file: c.file, readFile });
  return { diagnostics: result.diagnostics, rendered: renderDiagnostics(result.diagnostics, sources), sources };
}

export const goldenPath = (c: CaseFile): string => join(repoRoot, c.file.replace(/\.net$/, '.err'));

function main(): void {
  for (const c of listCases()) {
    const { rendered } = runCase(c);
    writeFileSync(goldenPath(c), rendered + '\n');
    process.stdout.write(`${c.file.replace(/\.net$/, '.err')}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
