// `npm run build`, after tsc: bundles the staff console into <dist>/staff-console/public with its
// stylesheet (<dist> is the first argument, `dist` by default).
import { cpSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from '../platform/paths.js';
import { CONSOLE_BUILD_OPTIONS } from '../staff-console/bundle.js';

const target = path.join(path.resolve(projectRoot, process.argv[2] ?? 'dist'), 'staff-console', 'public');
cpSync(path.join(projectRoot, 'staff-console', 'public'), target, { recursive: true });
await build({ ...CONSOLE_BUILD_OPTIONS, outfile: path.join(target, 'app.js'), logLevel: 'warning' });
console.log(`staff console bundled into ${path.relative(projectRoot, target)}/app.js`);
