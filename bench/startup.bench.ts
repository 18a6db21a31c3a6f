// npm run bench:startup — how long `meshsim --version` and `meshsim matmul --help` take, against
// `node -e 0` (Node's own start) in the same run, since this machine is shared: the bundled CLI
// (dist/cli/, what users run) and the TypeScript sources through tsx (what ran before the build step).
// The commands take turns, run by run, so a change in the machine's load falls on all of them.
// Prints one JSON object last; the target is under 0.2 s for the compiled CLI's --version.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const RUNS = 9;
const TARGET = 0.2;

const commands: Record<string, { args: string[]; env?: Record<string, string> }> = {
  node: { args: ['-e', '0'] },
  compiled: { args: ['bin/meshsim.mjs', '--version'] },
  compiledHelp: { args: ['bin/meshsim.mjs', 'matmul', '--help'] },
  sources: { args: ['bin/meshsim.mjs', '--version'], env: { MESHSIM_FROM_SOURCES: '1' } },
};

const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (let i = 0; i < RUNS; i++) {
  for (const [name, { args, env }] of Object.entries(commands)) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
    times[name].push((performance.now() - t0) / 1000);
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  }
}
const median = (name: string) => times[name].sort((a, b) => a - b)[RUNS >> 1];
const [node, compiled, help, sources] = ['node', 'compiled', 'compiledHelp', 'sources'].map(median);
console.log(JSON.stringify({
  runs: RUNS,
  nodeSeconds: Number(node.toFixed(3)),
  compiledSeconds: Number(compiled.toFixed(3)),
  compiledHelpSeconds: Number(help.toFixed(3)),
  sourcesSeconds: Number(sources.toFixed(3)),
  compiledOverNode: Number((compiled / node).toFixed(2)),
  sourcesOverCompiled: Number((sources / compiled).toFixed(2)),
  target: TARGET,
  meetsTarget: compiled < TARGET,
}));
