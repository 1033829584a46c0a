import path from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from '../core/paths.js';

const ENTRY = path.join(projectRoot, 'livechat-console', 'app', 'main.tsx');

/**
 * The console's browser code, bundled from its TypeScript sources by esbuild in memory. Built
 * once per process on first request (about a tenth of a second), so development, tests and
 * production serve the same, always current code without a separate build step.
 */
export class ConsoleBundle {
  private built: Promise<string> | undefined;

  javascript(): Promise<string> {
    this.built ??= build({
      entryPoints: [ENTRY],
      bundle: true,
      write: false,
      format: 'esm',
      target: 'es2022',
      minify: true,
      jsx: 'automatic',
      jsxImportSource: 'preact',
      legalComments: 'none',
      logLevel: 'silent',
    }).then((result) => result.outputFiles[0]!.text);
    // A failed build is not cached: the next request tries again and reports the error.
    this.built.catch(() => (this.built = undefined));
    return this.built;
  }
}
