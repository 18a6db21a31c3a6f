// The package's root folder (package.json, build/, kernels/), found from this file's own URL: the
// same answer whether the code runs from the TypeScript sources (sim/package-root.ts) or from the
// compiled CLI (dist/sim/package-root.js, one folder deeper).
import { fileURLToPath } from 'node:url';

// (The path, not the URL: tsx's tsImport adds a query to module URLs in worker threads.)
export const FROM_SOURCES = new URL(import.meta.url).pathname.endsWith('.ts');

export const PACKAGE_ROOT = fileURLToPath(new URL(FROM_SOURCES ? '../' : '../../', import.meta.url));
