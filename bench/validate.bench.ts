// npm run bench:validate — tt-metal's published N150 matmul results ([GEMM] Appendix, "N150 Out of
// Box Results", no trace: out of box, 8×8, all tensors DRAM-interleaved) through runMatmul in
// timing mode. The calibration set is the 13 bf16 HiFi2 rows of hardware.md §5.1; the same table's
// bfp8_b LoFi rows (inputs and output bfp8_b) are a second set, reported beside it. Utilisation =
// Mt·Kt·Nt · (cycles per tile at the fidelity) / 64 cores / cycles, in percent. Each row says the
// config that ran and the one tt-metal's auto-configuration chooses (out-of-box-config.ts).
// Prints one JSON object last: { rows, meanAbsoluteError, bfp8LoFi: { rows, meanAbsoluteError } }.
import { PRESETS } from '../sim/arch/index.ts';
import type { Fidelity } from '../sim/arch/types.ts';
import { TILE_BYTES, type DataFormat } from '../sim/compute/formats.ts';
import { L1_ALLOC_BASE } from '../sim/core/mmio.ts';
import { runMatmul, type MatmulReport } from '../sim/ops/matmul/run.ts';
import { describeMatmulConfig } from '../sim/ops/matmul/program-config.ts';
import { chooseOutOfBoxConfig } from '../sim/ops/matmul/out-of-box-config.ts';

const SHAPES: [number, number, number][] = [
  [512, 512, 512], [512, 1024, 1024], [512, 1024, 2048], [1024, 1024, 1024], [1024, 1024, 2048], [1024, 2048, 2048], [2048, 2048, 2048],
  [2048, 2048, 3072], [2048, 3072, 3072], [3072, 3072, 3072], [3072, 3072, 4096], [3072, 4096, 4096], [4096, 4096, 4096],
];
// Published device-based utilisation %, row by row of SHAPES ([GEMM] Appendix).
const BF16_HIFI2 = [19.04, 9.01, 16.7, 41.69, 56.83, 60.52, 66.74, 70.08, 71.31, 58.18, 60.97, 59.36, 59.49];
const BFP8_LOFI = [13.09, 7.03, 13.13, 33.86, 45.22, 53.13, 63.83, 67.23, 69.27, 69.82, 71.69, 62.62, 64.38];
const ARCH = 'wormhole_n150';
const GRID = { rows: 8, cols: 8 };
const round = (x: number) => Math.round(x * 100) / 100;

// What ran: the strategy and, for the block strategies, the block in tt-metal's terms.
const ran = (r: MatmulReport) => (r.config ? describeMatmulConfig(r.config) : r.strategy);

function validate(dtype: DataFormat, fidelity: Fidelity, published: number[]) {
  const cyclesPerTile = PRESETS[ARCH].tile.matmulCyclesPerTile[fidelity];
  const rows = SHAPES.map(([m, k, n], i) => {
    const t0 = performance.now();
    const report = runMatmul({ m, k, n, dtype, outDtype: dtype, fidelity, fp32Acc: false, arch: ARCH, grid: GRID, mode: 'timing', strategy: 'auto', seed: 1 });
    const { Mt, Kt, Nt } = report.tiles;
    const simulated = round((100 * Mt * Kt * Nt * cyclesPerTile) / (GRID.rows * GRID.cols) / report.run.cycles);
    const ttMetal = chooseOutOfBoxConfig({
      Mt, Kt, Nt, grid: { x: GRID.cols, y: GRID.rows }, fp32Acc: false, inTileBytes: TILE_BYTES[dtype], outTileBytes: TILE_BYTES[dtype],
      l1FreeBytes: PRESETS[ARCH].l1Bytes - L1_ALLOC_BASE,
    });
    const row = { m, k, n, simulated, published: published[i], error: round(simulated - published[i]), cycles: report.run.cycles, config: ran(report), ttMetalConfig: describeMatmulConfig(ttMetal) };
    console.error(`${dtype} ${fidelity} ${`${m}×${k}×${n}`.padEnd(16)} ${String(simulated).padStart(6)} % (published ${String(row.published).padStart(5)})  ${row.config}  [${((performance.now() - t0) / 1000).toFixed(1)} s]`);
    return row;
  });
  return { rows, meanAbsoluteError: round(rows.reduce((s, r) => s + Math.abs(r.error), 0) / rows.length) };
}

const calibration = validate('bf16', 'HiFi2', BF16_HIFI2);
console.log(JSON.stringify({ ...calibration, bfp8LoFi: validate('bfp8_b', 'LoFi', BFP8_LOFI) }));
