// npm run bench:startup — how long `meshsim --version` takes, against `node -e 0` (Node's own
// start) in the same run, since this machine is shared: the compiled CLI (dist/, what users run)
// and the TypeScript sources through tsx (what ran before the build step). Prints one JSON object
// last; the target is under 0.2 s for the compiled CLI.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const RUNS = 9;
const TARGET = 0.2;

function median(args: string[], env: Record<string, string> = {}): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
    times.push((performance.now() - t0) / 1000);
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  }
  return times.sort((a, b) => a - b)[RUNS >> 1];
}

const node = median(['-e', '0']);
const compiled = median(['bin/meshsim.mjs', '--version']);
const sources = median(['bin/meshsim.mjs', '--version'], { MESHSIM_FROM_SOURCES: '1' });
console.log(JSON.stringify({
  runs: RUNS,
  nodeSeconds: Number(node.toFixed(3)),
  compiledSeconds: Number(compiled.toFixed(3)),
  sourcesSeconds: Number(sources.toFixed(3)),
  compiledOverNode: Number((compiled / node).toFixed(2)),
  sourcesOverCompiled: Number((sources / compiled).toFixed(2)),
  target: TARGET,
  meetsTarget: compiled < TARGET,
}));
