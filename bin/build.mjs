// npm run build, after asc: compiles the CLI to plain JavaScript in dist/ (tsc, which also refuses
// a type error), bundles it into dist/cli/ (esbuild) and bundles the report's browser code into
// build/report-client.js, so that a run of meshsim loads neither tsx nor esbuild.
// The CLI bundle: a few files instead of ~30 modules and commander's CommonJS files at start-up,
// with each command's implementation still its own chunk, loaded when the command runs. Its
// manifest (dist/cli/sources.json) names the sources each output file was made from and when the
// build began; bin/meshsim.mjs runs the bundle while none of those sources is newer.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
rmSync(`${root}dist`, { recursive: true, force: true });
// The start, as a file's mtime (the clock source files are stamped with): a source saved during
// the build is then newer than the build, and the next run takes the sources.
mkdirSync(`${root}dist/cli`, { recursive: true });
writeFileSync(`${root}dist/cli/sources.json`, '');
const builtAt = statSync(`${root}dist/cli/sources.json`).mtimeMs;

const tsc = `${dirname(createRequire(import.meta.url).resolve('typescript/package.json'))}/bin/tsc`;
const r = spawnSync(process.execPath, [tsc, '-p', `${root}tsconfig.build.json`], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
// Files the compiled modules read beside themselves (sim/models/model-option.ts: the built-in configs).
cpSync(`${root}sim/models/configs`, `${root}dist/sim/models/configs`, { recursive: true });

// Packages stay imports from node_modules (piscina finds its worker file beside itself), except
// the two the command line needs at start-up.
const BUNDLED_PACKAGES = new Set(['commander', 'picocolors']);
const packagesOutside = {
  name: 'packages-outside',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED_PACKAGES.has(args.path.split('/')[0]) ? undefined : { path: args.path, external: true }));
  },
};
const bundle = await build({
  absWorkingDir: root,
  // worker.js beside the chunks: sim/sweep/pool.ts finds the piscina worker at ./worker.js.
  entryPoints: { cli: 'dist/bin/cli.js', worker: 'dist/sim/sweep/worker.js' },
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // commander is CommonJS: its require('node:events') needs a require in an ES module.
  banner: { js: "import { createRequire as __meshsimRequire } from 'node:module'; const require = __meshsimRequire(import.meta.url);" },
  plugins: [packagesOutside],
  metafile: true,
  logLevel: 'warning',
});

// Each output file's sources, as repository paths of the TypeScript tsc compiled them from.
const outputs = {};
for (const [file, out] of Object.entries(bundle.metafile.outputs)) {
  outputs[basename(file)] = Object.keys(out.inputs)
    .filter((input) => input.startsWith('dist/'))
    .map((input) => {
      const source = input.slice('dist/'.length).replace(/\.js$/, '.ts');
      if (!existsSync(`${root}${source}`)) throw new Error(`build: no source ${source} for ${input}`);
      return source;
    });
}
writeFileSync(`${root}dist/cli/sources.json`, `${JSON.stringify({ builtAt, outputs }, null, 1)}\n`);

const { bundleClient } = await import('../dist/visualizer/bundle-client.js');
await bundleClient();
