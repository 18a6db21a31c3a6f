// The package's root folder (package.json, build/, kernels/), found from this file's own URL: the
// same answer whether the code runs from the TypeScript sources (sim/package-root.ts) or from the
// compiled CLI (dist/sim/package-root.js, one folder deeper).
import { fileURLToPath } from 'node:url';

export const FROM_SOURCES = import.meta.url.endsWith('.ts');

export const PACKAGE_ROOT = fileURLToPath(new URL(FROM_SOURCES ? '../' : '../../', import.meta.url));
