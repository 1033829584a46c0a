import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

/** Beside this module: the stylesheet and, once built, the bundle (`npm run build` writes dist/staff-console/app.js). */
export const CONSOLE_ASSETS_DIR = fileURLToPath(new URL('./public', import.meta.url));
const BUILT_BUNDLE = new URL('./public/app.js', import.meta.url);
const fromSources = import.meta.url.endsWith('.ts');

/** How the console's browser code is bundled: by `npm run build`, and in memory when running from sources. */
export const CONSOLE_BUILD_OPTIONS = {
  entryPoints: [fileURLToPath(new URL('./app/main.tsx', import.meta.url))],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'silent',
} satisfies BuildOptions;

/**
 * The console's browser code. A built installation serves the file `npm run build` made (so a
 * broken import fails the build, not the first request in production, and the image needs no
 * TypeScript sources or esbuild); from sources (development, tests) esbuild bundles it in memory
 * once per process.
 */
export class ConsoleBundle {
  private built: Promise<string> | undefined;

  javascript(): Promise<string> {
    this.built ??= fromSources ? bundleInMemory() : readFile(BUILT_BUNDLE, 'utf8');
    // A failure is not cached: the next request tries again and reports the error.
    this.built.catch(() => (this.built = undefined));
    return this.built;
  }
}

async function bundleInMemory(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({ ...CONSOLE_BUILD_OPTIONS, write: false });
  return result.outputFiles[0]!.text;
}
