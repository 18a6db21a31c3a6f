// npm run build, after asc: compiles the CLI to plain JavaScript in dist/ (tsc) and bundles the
// report's browser code into build/report-client.js (esbuild), so that a run of meshsim loads
// neither tsx nor esbuild. bin/meshsim.mjs runs dist/ while it is newer than the sources.
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
rmSync(`${root}dist`, { recursive: true, force: true });
const tsc = `${dirname(createRequire(import.meta.url).resolve('typescript/package.json'))}/bin/tsc`;
const r = spawnSync(process.execPath, [tsc, '-p', `${root}tsconfig.build.json`], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
// Files the compiled modules read beside themselves (sim/models/model-option.ts: the built-in configs).
cpSync(`${root}sim/models/configs`, `${root}dist/sim/models/configs`, { recursive: true });
const { bundleClient } = await import('../dist/visualizer/bundle-client.js');
await bundleClient();
