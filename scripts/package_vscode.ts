// `npm run package:vscode`: type-checks the VS Code extension (editors/vscode/tsconfig.json), bundles its client
// with esbuild into editors/vscode/dist/extension.js (vscode-languageclient inside, `vscode` left to the host)
// and packs dist/netc-vscode-<version>.vsix with @vscode/vsce's API — offline: no npm, no marketplace.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';
import { createVSIX } from '@vscode/vsce';

export const EXTENSION_DIR = 'editors/vscode';
export const BUNDLE = join(EXTENSION_DIR, 'dist', 'extension.js');

export interface PackagedExtension {
  vsix: string;
  bytes: number;
  bundleBytes: number;
  version: string;
}

/** The extension's TypeScript errors, formatted as tsc prints them (empty when it type-checks). */
export function typeCheckExtension(dir = EXTENSION_DIR): string[] {
  const configPath = join(dir, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  if (config.error) return [ts.flattenDiagnosticMessageText(config.error.messageText, '\n')];
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' };
  return [...parsed.errors, ...ts.getPreEmitDiagnostics(program)].map((d) => ts.formatDiagnostic(d, host).trimEnd());
}

/** Bundles src/extension.ts for VS Code's extension host: Node, CommonJS, `vscode` provided by the host. */
export async function bundleExtension(dir = EXTENSION_DIR): Promise<number> {
  const outfile = join(dir, 'dist', 'extension.js');
  await build({
    entryPoints: [join(dir, 'src', 'extension.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    minify: true,
    keepNames: true,
    legalComments: 'eof',
    logLevel: 'warning',
  });
  return statSync(outfile).size;
}

/** Type-check, bundle, pack. `outDir` is where the .vsix goes (default dist/). */
export async function packageVscode(outDir = 'dist'): Promise<PackagedExtension> {
  const errors = typeCheckExtension();
  if (errors.length) throw new Error(`the extension does not type-check:\n${errors.join('\n')}`);
  const bundleBytes = await bundleExtension();
  const { version } = JSON.parse(readFileSync(join(EXTENSION_DIR, 'package.json'), 'utf8')) as { version: string };
  const vsix = resolve(outDir, `netc-vscode-${version}.vsix`);
  // dependencies: false — the bundle holds vscode-languageclient, so vsce must not run `npm list` or pack node_modules.
  await createVSIX({ cwd: resolve(EXTENSION_DIR), packagePath: vsix, dependencies: false, allowMissingRepository: true });
  return { vsix, bytes: statSync(vsix).size, bundleBytes, version };
}

if (process.argv[1]?.endsWith('package_vscode.js')) {
  try {
    const packaged = await packageVscode();
    console.log(`${relative(process.cwd(), packaged.vsix)}: ${(packaged.bytes / 1024).toFixed(1)} KiB (extension.js ${(packaged.bundleBytes / 1024).toFixed(1)} KiB)`);
    console.log(`install it with: code --install-extension ${relative(process.cwd(), packaged.vsix)}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
