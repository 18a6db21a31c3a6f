// npm run bench:tile — 32×32×32 bf16 tile matmuls through TileMath (the AssemblyScript SIMD kernel,
// including its per-call operand rounding/truncation), HiFi4 and LoFi, against a plain TypeScript
// Float32Array triple loop in the same run. Prints one JSON object last.
import { TileMath, type Fidelity } from '../sim/compute/tile-math.ts';
import { RiscvWasm } from '../sim/riscv/wasm.ts';
import { mulberry32 } from '../sim/random.ts';

const FLOPS_PER_TILE = 2 * 32 * 32 * 32;
const TARGET_GFLOPS = 10;
const SECONDS = 0.3; // per measurement
const RUNS = 5;

const tm = new TileMath(new RiscvWasm());
const rng = mulberry32(7);
const tiles = Array.from({ length: 8 }, () => {
  const t = tm.allocTile();
  tm.write(t, Float32Array.from({ length: 1024 }, () => rng() * 2 - 1));
  tm.roundToBf16(t);
  return t;
});
const dst = tm.allocTile();

// Best tiles/second over RUNS timed batches of about SECONDS each.
function measure(step: (i: number) => void): number {
  let batch = 64;
  for (;;) { // size the batch (also the warm-up)
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) step(i);
    const s = (performance.now() - t0) / 1000;
    if (s >= SECONDS / 4) { batch = Math.max(1, Math.round((batch * SECONDS) / s)); break; }
    batch *= 4;
  }
  let best = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) step(i);
    best = Math.max(best, batch / ((performance.now() - t0) / 1000));
  }
  return best;
}

function wasmMatmul(fidelity: Fidelity): number {
  return measure((i) => tm.matmul(tiles[i & 7], tiles[(i + 3) & 7], dst, fidelity));
}

// Plain TypeScript: Float32Array, i-k-j triple loop, c += a @ b.
function plainMatmul(a: Float32Array, b: Float32Array, c: Float32Array): void {
  for (let i = 0; i < 32; i++) {
    for (let k = 0; k < 32; k++) {
      const x = a[i * 32 + k];
      for (let j = 0; j < 32; j++) c[i * 32 + j] += x * b[k * 32 + j];
    }
  }
}
const plainTiles = tiles.map((t) => tm.read(t));
const plainDst = new Float32Array(1024);

const hifi4 = wasmMatmul('HiFi4');
const lofi = wasmMatmul('LoFi');
const hifi2 = wasmMatmul('HiFi2');
const hifi3 = wasmMatmul('HiFi3');
const plain = measure((i) => plainMatmul(plainTiles[i & 7], plainTiles[(i + 3) & 7], plainDst));
const gflops = (hifi4 * FLOPS_PER_TILE) / 1e9;
const round = (x: number, d = 2): number => Number(x.toFixed(d));

console.log(JSON.stringify({
  kernel: 'matmulTile 32x32x32, bf16 operands, f32 accumulation, one thread',
  gflops: round(gflops),
  gflopsLoFi: round((lofi * FLOPS_PER_TILE) / 1e9),
  gflopsHiFi2: round((hifi2 * FLOPS_PER_TILE) / 1e9),
  gflopsHiFi3: round((hifi3 * FLOPS_PER_TILE) / 1e9),
  tilesPerSecond: Math.round(hifi4),
  tilesPerSecondLoFi: Math.round(lofi),
  plainTsGflops: round((plain * FLOPS_PER_TILE) / 1e9),
  overPlainTs: round(hifi4 / plain, 1),
  targetGflops: TARGET_GFLOPS,
  meetsTarget: gflops >= TARGET_GFLOPS,
}));
