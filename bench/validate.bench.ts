// npm run bench:validate — tt-metal's published matmul results ([GEMM] Appendix, "N150 Out of Box
// Results" and "P150 Out of Box Results", no trace: out of box, all tensors DRAM-interleaved)
// through runMatmul in timing mode. The calibration set is the 13 N150 bf16 HiFi2 rows of
// hardware.md §5.1 (8×8); reported beside it: the N150 table's bfp8_b LoFi rows (inputs and output
// bfp8_b) and the P150's bf16 HiFi2 rows on its 13×10 grid. Utilisation = Mt·Kt·Nt · (cycles per
// tile at the fidelity) / cores / cycles, in percent. Each row says the config that ran and the one
// tt-metal's auto-configuration chooses (out-of-box-config.ts). Prints one JSON object last:
// { rows, meanAbsoluteError, worstError, rankCorrelation, bfp8LoFi: { … }, p150: { … } }: the worst
// row's error (signed) and Spearman's correlation of the simulated and published orders.
import { PRESETS } from '../sim/arch/index.ts';
import type { Fidelity } from '../sim/arch/types.ts';
import { rankCorrelation } from '../sim/calibration/rank-correlation.ts';
import { TILE_BYTES, type DataFormat } from '../sim/compute/formats.ts';
import { L1_ALLOC_BASE } from '../sim/core/mmio.ts';
import { runMatmul, type MatmulReport } from '../sim/ops/matmul/run.ts';
import { describeMatmulConfig } from '../sim/ops/matmul/program-config.ts';
import { chooseOutOfBoxConfig } from '../sim/ops/matmul/out-of-box-config.ts';

type Shape = [number, number, number];
const SHAPES: Shape[] = [
  [512, 512, 512], [512, 1024, 1024], [512, 1024, 2048], [1024, 1024, 1024], [1024, 1024, 2048], [1024, 2048, 2048], [2048, 2048, 2048],
  [2048, 2048, 3072], [2048, 3072, 3072], [3072, 3072, 3072], [3072, 3072, 4096], [3072, 4096, 4096], [4096, 4096, 4096],
];
// Published device-based utilisation %, row by row of SHAPES ([GEMM] Appendix).
const BF16_HIFI2 = [19.04, 9.01, 16.7, 41.69, 56.83, 60.52, 66.74, 70.08, 71.31, 58.18, 60.97, 59.36, 59.49];
const BFP8_LOFI = [13.09, 7.03, 13.13, 33.86, 45.22, 53.13, 63.83, 67.23, 69.27, 69.82, 71.69, 62.62, 64.38];
// P150, 13×10 (tt-metal's pre-2026 grid, the preset's default): its own shapes and figures.
const P150_SHAPES: Shape[] = [
  [640, 832, 832], [640, 1664, 1664], [640, 1664, 3328], [1280, 1664, 1664], [1280, 1664, 3328], [1280, 3328, 3328], [2560, 3328, 3328],
  [2560, 3328, 4992], [2560, 4992, 4992], [3840, 4992, 4992], [3840, 4992, 6656], [3840, 6656, 6656], [5120, 6656, 6656],
];
const P150_BF16_HIFI2 = [19.3, 41.21, 51.05, 61.93, 76.81, 81.07, 85.65, 86.52, 87.42, 80.25, 80.79, 80.0, 80.37];
const N150 = { arch: 'wormhole_n150', grid: { rows: 8, cols: 8 } };
const P150 = { arch: 'blackhole_p150', grid: { rows: 10, cols: 13 } };
const round = (x: number) => Math.round(x * 100) / 100;

// What ran: the strategy and, for the block strategies, the block in tt-metal's terms.
const ran = (r: MatmulReport) => (r.config ? describeMatmulConfig(r.config) : r.strategy);

function validate(on: typeof N150, shapes: Shape[], dtype: DataFormat, fidelity: Fidelity, published: number[]) {
  const { arch, grid } = on;
  const cyclesPerTile = PRESETS[arch].tile.matmulCyclesPerTile[fidelity];
  const rows = shapes.map(([m, k, n], i) => {
    const t0 = performance.now();
    const report = runMatmul({ m, k, n, dtype, outDtype: dtype, fidelity, fp32Acc: false, arch, grid, mode: 'timing', strategy: 'auto', seed: 1 });
    const { Mt, Kt, Nt } = report.tiles;
    const simulated = round((100 * Mt * Kt * Nt * cyclesPerTile) / (grid.rows * grid.cols) / report.run.cycles);
    const ttMetal = chooseOutOfBoxConfig({
      Mt, Kt, Nt, grid: { x: grid.cols, y: grid.rows }, fp32Acc: false, inTileBytes: TILE_BYTES[dtype], outTileBytes: TILE_BYTES[dtype],
      l1FreeBytes: PRESETS[arch].l1Bytes - L1_ALLOC_BASE,
    });
    const row = { m, k, n, simulated, published: published[i], error: round(simulated - published[i]), cycles: report.run.cycles, config: ran(report), ttMetalConfig: describeMatmulConfig(ttMetal) };
    console.error(`${arch} ${dtype} ${fidelity} ${`${m}×${k}×${n}`.padEnd(16)} ${String(simulated).padStart(6)} % (published ${String(row.published).padStart(5)})  ${row.config}  [${((performance.now() - t0) / 1000).toFixed(1)} s]`);
    return row;
  });
  const worst = rows.reduce((w, r) => (Math.abs(r.error) > Math.abs(w.error) ? r : w));
  return {
    rows,
    meanAbsoluteError: round(rows.reduce((s, r) => s + Math.abs(r.error), 0) / rows.length),
    worstError: worst.error,
    rankCorrelation: round(rankCorrelation(rows.map((r) => r.simulated), published)),
  };
}

const calibration = validate(N150, SHAPES, 'bf16', 'HiFi2', BF16_HIFI2);
const bfp8LoFi = validate(N150, SHAPES, 'bfp8_b', 'LoFi', BFP8_LOFI);
const p150 = validate(P150, P150_SHAPES, 'bf16', 'HiFi2', P150_BF16_HIFI2);
console.log(JSON.stringify({ ...calibration, bfp8LoFi, p150 }));
