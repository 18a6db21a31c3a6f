// Decode attention against a KV cache, as ttnn's scaled_dot_product_attention_decode: one query
// row per (user, head) — user b's Q matrix [H, D] holds its heads, padded to whole tiles — attends
// to positions 0 .. length-1 of its cache rows (the rest get zero weight). The work per (user,
// kv head) pair is one Q tile row (the kv head's H/KV query rows, GQA) against the cache; how the
// pairs and the positions go to cores is the strategy (sim/ops/attention/decode-plan.ts).
// Kernels: kernels/ops/attention/decode/ (reader, compute, writer).
import { TILE_DIM } from '../../compute/formats.ts';
import { L1_ALLOC_BASE } from '../../core/mmio.ts';
import { kernelImage } from '../../host/kernels.ts';
import { Program } from '../../host/program.ts';
import { badInput } from '../../errors.ts';
import { DRAM_INTERLEAVED } from '../../tensor/memory-config.ts';
import { Tensor } from '../../tensor/tensor.ts';
import { runOp } from '../op.ts';
import { checkDecodeInputs } from './decode-checks.ts';
import { DECODE_STRATEGIES, planDecode, type DecodeJob, type DecodeStrategy } from './decode-plan.ts';

export { DECODE_STRATEGIES, type DecodeStrategy } from './decode-plan.ts';

export interface AttentionDecodeOptions {
  length: number; // valid cached positions, the new one included
  scale: number; // usually 1 / sqrt(headDim)
  strategy?: string; // 'split-L' (default) or 'single'
}

const OP = 'attention_decode';
const TILE_BYTES = 2048; // bf16
// Position tiles per block, as sdpa_decode's k_chunk_size (256 positions): the block's scores
// must fit a Dst half (8 tiles without fp32 accumulation, sim/compute/tile-engine.ts).
const BLOCK_TILES = 8;
// As the performance presets of tt-metal's models/tt_transformers run decode SDPA (OpFidelity
// SDPA_DECODE: HIFI2; their accuracy presets use HIFI4).
const FIDELITY = 'HiFi2';

// CB indices and pages per Dt (D/32) or per block, as kernels/ops/attention/decode/decode_cbs.h.
function circularBuffers(Dt: number, kb: number, workers: number): [number, number][] {
  const w = Math.max(1, workers);
  return [
    [0, 2 * Dt], [1, 2 * kb * Dt], [2, 2 * kb * Dt], [3, 1], [4, 1], [5, 1], [6, w], [7, w], [8, w * Dt], [9, w + 1],
    [16, Dt], [17, 1], [18, 1], [19, 1], [24, Dt], [26, kb], [27, kb], [28, 1], [29, 2], [30, 2 * Dt], [31, 1],
  ];
}

// The most cores per pair whose partials fit the reducer's L1 beside its other CBs (at the largest block).
function maxSplit(freeBytes: number, Dt: number): number {
  const bytes = (workers: number) => circularBuffers(Dt, BLOCK_TILES, workers).reduce((sum, [, pages]) => sum + pages * TILE_BYTES, 0);
  return 1 + Math.floor((freeBytes - bytes(1)) / (bytes(2) - bytes(1)));
}

export function attentionDecode(q: Tensor, kCache: Tensor, vCache: Tensor, o: AttentionDecodeOptions): Tensor {
  const s = checkDecodeInputs(q, kCache, vCache, o);
  const strategy = (o.strategy ?? 'split-L') as DecodeStrategy;
  if (!(DECODE_STRATEGIES as readonly string[]).includes(strategy)) throw badInput(`${OP}: unknown strategy '${o.strategy}': expected one of ${DECODE_STRATEGIES.join(', ')}`);
  const device = q.device;
  const Dt = s.headDim / TILE_DIM;
  const positionTiles = Math.ceil(o.length / TILE_DIM);
  const plan = planDecode(strategy, s.users * s.kvHeads, positionTiles, device.cores.length, maxSplit(device.preset.l1Bytes - L1_ALLOC_BASE, Dt));
  const kb = Math.min(BLOCK_TILES, Math.max(...plan.jobs.map((j) => j.tiles)));
  const out = new Tensor(device, q.shape, 'bf16', DRAM_INTERLEAVED, OP);

  const program = new Program();
  const cores = plan.jobs.map((j) => device.cores[j.core].logical);
  for (const [index, pages] of circularBuffers(Dt, kb, plan.split - 1)) program.createCircularBuffer(cores, { index, pageBytes: TILE_BYTES, pages, format: 'bf16' });
  program.createSemaphore(cores, 0); // a reducer's count of workers whose partials have landed
  // As tt-metal's Reader/WriterDataMovementConfig: the reader reads DRAM on NoC0 and the writer
  // writes on NoC1 (GetPreferredNOCForDRAMRead/Write for Wormhole and Blackhole; Grayskull swaps them).
  const reader = program.createKernel(kernelImage('ops/attention/decode/dataflow/reader_decode', 'ncrisc'), cores, { processor: 'ncrisc', noc: 0 });
  const compute = program.createKernel(kernelImage('ops/attention/decode/compute/sdpa_decode', 'trisc'), cores, { processor: 'trisc', mathFidelity: FIDELITY });
  const writer = program.createKernel(kernelImage('ops/attention/decode/dataflow/writer_decode', 'brisc'), cores, { processor: 'brisc', noc: 1 });
  const qRowTiles = q.layout.grid.rowTiles;
  const cacheRowTiles = kCache.layout.grid.rowTiles;
  const group = s.heads / s.kvHeads;
  const tail = o.length % TILE_DIM; // valid columns of the partial last position tile, 0 if none
  const scaleBits = new Uint32Array(new Float32Array([o.scale]).buffer)[0];
  const role = (j: DecodeJob) => ({ alone: 0, reducer: 1, worker: 2 })[j.role];
  plan.jobs.forEach((j, i) => {
    const masked = tail !== 0 && j.firstTile + j.tiles === positionTiles;
    const reducer = device.cores[j.reducer].xy;
    program.setRuntimeArgs(reader, cores[i], [q.dram.address, kCache.dram.address, vCache.dram.address, Dt, qRowTiles, s.kvHeads, group, cacheRowTiles, j.firstPair, j.pairs, j.firstTile, j.tiles, kb]);
    program.setRuntimeArgs(compute, cores[i], [Dt, j.pairs, j.tiles, kb, masked ? 1 : 0, role(j), j.workers, scaleBits]);
    program.setRuntimeArgs(writer, cores[i], [out.dram.address, Dt, qRowTiles, s.kvHeads, group, j.firstPair, j.pairs, role(j), j.workers, j.slot, reducer.x, reducer.y, masked ? tail : 0]);
  });
  // Q·Kᵀ and P·V, 2·D flops a position each, per query head of each user.
  const flops = 4 * s.users * s.heads * o.length * s.headDim;
  runOp(device, program, { name: OP, strategy, flops, fidelity: FIDELITY, output: out });
  return out;
}
