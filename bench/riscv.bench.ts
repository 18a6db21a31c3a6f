// npm run bench:riscv — interpreter speed on a compute-bound C program (kernels/programs/bench.c),
// against qemu-riscv32 on the same ELF in the same run. Prints one JSON object last.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseElf } from '../sim/riscv/elf.ts';
import { execElf } from '../sim/riscv/process.ts';

const elfPath = fileURLToPath(new URL('../kernels/build/programs/bench.elf', import.meta.url));
const image = parseElf(readFileSync(elfPath), elfPath);
const TARGET_MIPS = 250;
const RUNS = 3;

function ours() {
  const out: Buffer[] = [];
  const t0 = performance.now();
  const r = execElf(image, { stdout: (b) => out.push(Buffer.from(b)) });
  return { ...r, seconds: (performance.now() - t0) / 1000, stdout: Buffer.concat(out) };
}

function qemu() {
  const t0 = performance.now();
  const r = spawnSync('qemu-riscv32', [elfPath]);
  const seconds = (performance.now() - t0) / 1000;
  if (r.error || r.status === null) return undefined;
  return { seconds, stdout: r.stdout, exitCode: r.status };
}

const runs = Array.from({ length: RUNS }, ours).sort((a, b) => a.seconds - b.seconds);
const best = runs[0];
const q = qemu();
const mips = best.instructions / best.seconds / 1e6;
if (q && (!q.stdout.equals(best.stdout) || q.exitCode !== best.exitCode)) {
  console.error(`bench.elf disagrees with qemu: ours ${JSON.stringify(best.stdout.toString())} exit ${best.exitCode}, qemu ${JSON.stringify(q.stdout.toString())} exit ${q.exitCode}`);
  process.exitCode = 1;
}
console.log(JSON.stringify({
  program: 'kernels/programs/bench.c',
  instructions: best.instructions,
  cycles: best.cycles,
  seconds: Number(best.seconds.toFixed(4)),
  mips: Number(mips.toFixed(1)),
  runs: runs.map((r) => Number(r.seconds.toFixed(4))),
  qemuSeconds: q ? Number(q.seconds.toFixed(4)) : null,
  qemuMips: q ? Number((best.instructions / q.seconds / 1e6).toFixed(1)) : null,
  oursOverQemuTime: q ? Number((best.seconds / q.seconds).toFixed(2)) : null,
  targetMips: TARGET_MIPS,
  meetsTarget: mips >= TARGET_MIPS,
}));
