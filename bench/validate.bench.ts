// npm run bench:validate — the 13 rows of tt-metal's published N150 matmul results (hardware.md
// §5.1: bf16, HiFi2, out of box, 8×8, all tensors DRAM-interleaved) through runMatmul in timing
// mode. Utilisation = Mt·Kt·Nt·32 (HiFi2 cycles per tile) / 64 cores / cycles, in percent. Each
// row says the config that ran and the one tt-metal's auto-configuration chooses
// (sim/ops/matmul/program-config.ts). Prints one JSON object last: { rows, meanAbsoluteError }.
import { PRESETS } from '../sim/arch/index.ts';
import { TILE_BYTES } from '../sim/compute/formats.ts';
import { L1_ALLOC_BASE } from '../sim/core/mmio.ts';
import { runMatmul, type MatmulReport } from '../sim/ops/matmul/run.ts';
import { describeMatmulConfig } from '../sim/ops/matmul/program-config.ts';
import { chooseOutOfBoxConfig } from '../sim/ops/matmul/out-of-box-config.ts';

// [M, K, N, published device-based utilisation %] ([GEMM] Appendix, "N150 Out of Box Results").
const PUBLISHED: [number, number, number, number][] = [
  [512, 512, 512, 19.04], [512, 1024, 1024, 9.01], [512, 1024, 2048, 16.7], [1024, 1024, 1024, 41.69],
  [1024, 1024, 2048, 56.83], [1024, 2048, 2048, 60.52], [2048, 2048, 2048, 66.74], [2048, 2048, 3072, 70.08],
  [2048, 3072, 3072, 71.31], [3072, 3072, 3072, 58.18], [3072, 3072, 4096, 60.97], [3072, 4096, 4096, 59.36],
  [4096, 4096, 4096, 59.49],
];
const ARCH = 'wormhole_n150';
const GRID = { rows: 8, cols: 8 };
const HIFI2_CYCLES = PRESETS[ARCH].tile.matmulCyclesPerTile.HiFi2;
const round = (x: number) => Math.round(x * 100) / 100;

// What ran: the strategy and, for the block strategies, the block in tt-metal's terms.
const ran = (r: MatmulReport) => (r.config ? describeMatmulConfig(r.config) : r.strategy);

const rows = PUBLISHED.map(([m, k, n, published]) => {
  const t0 = performance.now();
  const report = runMatmul({ m, k, n, dtype: 'bf16', fidelity: 'HiFi2', fp32Acc: false, arch: ARCH, grid: GRID, mode: 'timing', strategy: 'auto', seed: 1 });
  const { Mt, Kt, Nt } = report.tiles;
  const simulated = round((100 * Mt * Kt * Nt * HIFI2_CYCLES) / (GRID.rows * GRID.cols) / report.run.cycles);
  const ttMetal = chooseOutOfBoxConfig({
    Mt, Kt, Nt, grid: { x: GRID.cols, y: GRID.rows }, fp32Acc: false, inTileBytes: TILE_BYTES.bf16, outTileBytes: TILE_BYTES.bf16,
    l1FreeBytes: PRESETS[ARCH].l1Bytes - L1_ALLOC_BASE,
  });
  const row = { m, k, n, simulated, published, error: round(simulated - published), cycles: report.run.cycles, config: ran(report), ttMetalConfig: describeMatmulConfig(ttMetal) };
  console.error(`${`${m}×${k}×${n}`.padEnd(16)} ${String(simulated).padStart(6)} % (published ${String(published).padStart(5)})  ${row.config}  [${((performance.now() - t0) / 1000).toFixed(1)} s]`);
  return row;
});
const meanAbsoluteError = round(rows.reduce((s, r) => s + Math.abs(r.error), 0) / rows.length);
console.log(JSON.stringify({ rows, meanAbsoluteError }));
