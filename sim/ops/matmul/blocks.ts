// What every matmul program factory shares: the operands as tile matrices, the per-core blocks,
// their circular buffers (and whether they fit L1), and the program of three kernels — the A side
// (kernels/ops/matmul/dataflow/in0.c), the B side and writer (in1_writer.c) and the compute
// (compute/bmm.c) — that a factory lays out by saying, per core, which units of work it does and
// who reads or multicasts its A and B blocks.
import type { Coord, Fidelity } from '../../arch/types.ts';
import { TILE_BYTES, type DataFormat } from '../../compute/formats.ts';
import { L1_ALLOC_BASE, SFPU_OPS } from '../../core/mmio.ts';
import type { Device } from '../../host/device.ts';
import { kernelImage } from '../../host/kernels.ts';
import { Program } from '../../host/program.ts';
import { badInput } from '../../errors.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import type { ConcreteStrategy, MatmulActivation } from './types.ts';

// The SFPU op each fused activation runs on the output sub-block. gelu is the tile engine's gelu,
// the tanh approximation (tt-metal's gelu_tile in approximate mode); gelu_new is that same function.
const ACTIVATION_SFPU: Record<MatmulActivation, (typeof SFPU_OPS)[number]> = { gelu_new: 'gelu', gelu: 'gelu', silu: 'silu', relu: 'relu' };

// One matmul as the factories see it: C [batch, Mt, Nt] = A [batch, Mt, Kt] @ B ([batch,] Kt, Nt), in tiles.
export interface MatmulSetup {
  device: Device;
  strategy: ConcreteStrategy;
  a: Tensor;
  b: Tensor;
  bias?: Tensor;
  out: Tensor;
  activation?: MatmulActivation;
  fidelity: Fidelity;
  fp32Acc: boolean;
  batch: number; // matrices multiplied apart: A's batch with a batch of B, else 1 (A's batches stacked into Mt)
  bBatched: boolean; // B has one matrix per batch (else one for all)
  Mt: number;
  Kt: number;
  Nt: number;
}

export interface Blocks {
  perCoreM: number; // tiles of C a core owns (per batch)
  perCoreN: number;
  Mb: number; // tiles of C per unit of work: the output block, a part of the core's (tt-metal's out_block_h/w)
  Nb: number;
  kb: number; // K tiles per block (in0_block_w)
  subH: number;
  subW: number;
  hold?: boolean; // one sub-block kept in Dst over all of K (dp), not spilled between K blocks
}

// A core's share: `count` units from `first`; unit t is block t % (mBlocks·nBlocks) of batch
// t / (mBlocks·nBlocks), the blocks row-major from tile (m0, n0) (kernels' Units).
// A core's units over its per-core block: the output blocks of each batch, row-major.
export function unitsOfCore(s: MatmulSetup, bl: Blocks, m0: number, n0: number): UnitRange {
  const [mBlocks, nBlocks] = [bl.perCoreM / bl.Mb, bl.perCoreN / bl.Nb];
  return { first: 0, count: s.batch * mBlocks * nBlocks, mBlocks, nBlocks, m0, n0 };
}

export interface UnitRange {
  first: number;
  count: number;
  mBlocks: number;
  nBlocks: number;
  m0: number;
  n0: number;
}

// How a core gets one side's blocks (kernels' McastBlock): it reads them itself, it reads and
// multicasts them to a rectangle of cores, or it receives them from a sender (idle: only taking
// part in the handshake, a core of the rectangle with no work).
export type Feed =
  | { role: 'read' }
  | { role: 'sender'; rect: { start: Coord; end: Coord }; dests: number }
  | { role: 'receiver' | 'idle'; sender: Coord };

export interface CoreWork {
  core: Coord;
  units: UnitRange;
  in0: Feed;
  in1: Feed;
  // The A side on NoC0 and the B side and writer on NoC1, the reverse of the default: tt-metal's
  // 2D multicast factory gives part of its receivers each NoC (split_half, see 2d-mcast.ts).
  swapNocs?: true;
}

export const readOnly: Feed = { role: 'read' };

// Semaphores of the A side (ready, valid) and of the B side, on every core of the program.
const SEMAPHORES = { in0: [0, 1], in1: [2, 3] } as const;

const intermediateFormat = (s: MatmulSetup): DataFormat => (s.fp32Acc ? 'fp32' : 'bf16');

// Bytes of L1 a core's circular buffers take: A and B blocks double-buffered (so reading the next
// K block overlaps the math of this one), the bias row, the output block (as tt-metal's out CB),
// and the partial sums of the output block between K blocks (and before the bias pass).
export function l1Bytes(s: MatmulSetup, bl: Blocks): number {
  const partials = (s.Kt / bl.kb > 1 && !bl.hold) || s.bias;
  return 2 * bl.Mb * bl.kb * s.a.layout.tileBytes + 2 * bl.kb * bl.Nb * s.b.layout.tileBytes + (s.bias ? bl.Nb * s.bias.layout.tileBytes : 0) +
    bl.Mb * bl.Nb * s.out.layout.tileBytes + (partials ? bl.Mb * bl.Nb * TILE_BYTES[intermediateFormat(s)] : 0);
}

// Throws unless the blocks' circular buffers fit the free L1 of every core that holds them.
function checkL1(s: MatmulSetup, bl: Blocks, cores: Coord[]): void {
  const needs = l1Bytes(s, bl);
  for (const c of cores) {
    const free = (s.device.l1.lowestOn(c)?.address ?? s.device.preset.l1Bytes) - L1_ALLOC_BASE;
    if (needs > free) {
      throw badInput(
        `matmul ${s.strategy}: a ${bl.Mb}×${bl.Nb}-tile block of C per core needs ${needs} bytes of L1 ${bl.kb === 1 ? 'even with K blocks of one tile' : `with K blocks of ${bl.kb} tiles`}, ` +
          `and ${free} are free on ${s.device.core(c).name}; use smaller per-core blocks or in0_block_w`,
      );
    }
  }
}

function feedArgs(s: MatmulSetup, f: Feed, sems: readonly [number, number]): number[] {
  const xy = (c: Coord) => s.device.workerCore(c);
  switch (f.role) {
    case 'read':
      return [1, 0, 0, 0, 0, 0, 0, 0, ...sems];
    case 'sender': {
      const [first, last] = [xy(f.rect.start), xy(f.rect.end)];
      return [1, first.x, first.y, last.x, last.y, f.dests, 0, 0, ...sems];
    }
    default: {
      const from = xy(f.sender);
      return [f.role === 'receiver' ? 0 : 2, 0, 0, 0, 0, 0, from.x, from.y, ...sems];
    }
  }
}

// The program: CBs on every core of `work` (at the same addresses everywhere, as multicasts
// need), the A-side kernel where A arrives, the B side and writer where B arrives, the compute
// where there is work.
export function buildProgram(s: MatmulSetup, bl: Blocks, work: CoreWork[]): Program {
  const all = work.map((w) => w.core);
  checkL1(s, bl, all);
  const program = new Program();
  const { a, b, bias, out } = s;
  const kBlocks = s.Kt / bl.kb;
  program.createCircularBuffer(all, { index: 0, pageBytes: a.layout.tileBytes, pages: 2 * bl.Mb * bl.kb, format: a.dtype });
  program.createCircularBuffer(all, { index: 1, pageBytes: b.layout.tileBytes, pages: 2 * bl.kb * bl.Nb, format: b.dtype });
  if (bias) program.createCircularBuffer(all, { index: 2, pageBytes: bias.layout.tileBytes, pages: bl.Nb, format: bias.dtype });
  program.createCircularBuffer(all, { index: 16, pageBytes: out.layout.tileBytes, pages: bl.Mb * bl.Nb, format: out.dtype });
  if ((kBlocks > 1 && !bl.hold) || bias) {
    const format = intermediateFormat(s);
    program.createCircularBuffer(all, { index: 24, pageBytes: TILE_BYTES[format], pages: bl.Mb * bl.Nb, format });
  }
  for (let id = 0; id < 4; id++) program.createSemaphore(all, 0);

  // An idle receiver of one side runs only that side's kernel.
  const aCores = work.filter((w) => w.in1.role !== 'idle');
  const bCores = work.filter((w) => w.in0.role !== 'idle');
  const computing = aCores.filter((w) => w.in0.role !== 'idle');
  const in0 = kernelsByNoc(program, 'ops/matmul/dataflow/in0', 'ncrisc', aCores, [1, 0]);
  const in1 = kernelsByNoc(program, 'ops/matmul/dataflow/in1_writer', 'brisc', bCores, [0, 1]);
  const compute = program.createKernel(kernelImage('ops/matmul/compute/bmm', 'trisc'), computing.map((w) => w.core), {
    processor: 'trisc', mathFidelity: s.fidelity, fp32DestAccEn: s.fp32Acc,
  });
  const units = (u: UnitRange) => [u.first, u.count, u.mBlocks, u.nBlocks, u.m0, u.n0, bl.Mb, bl.Nb, s.Mt, s.Nt];
  const shardCols = b.layout.bankTileCols ?? 0;
  const act = s.activation ? SFPU_OPS.indexOf(ACTIVATION_SFPU[s.activation]) + 1 : 0;
  for (const w of aCores) program.setRuntimeArgs(in0(w), w.core, [a.dram.address, a.layout.tileBytes, s.Kt, bl.kb, ...units(w.units), ...feedArgs(s, w.in0, SEMAPHORES.in0)]);
  for (const w of bCores) {
    program.setRuntimeArgs(in1(w), w.core, [
      b.dram.address, b.layout.tileBytes, s.Kt, bl.kb, s.bBatched ? 1 : 0, shardCols, ...units(w.units), ...feedArgs(s, w.in1, SEMAPHORES.in1),
      bias?.dram.address ?? 0, bias?.layout.tileBytes ?? 0, out.dram.address, out.layout.tileBytes, bl.subH, bl.subW,
    ]);
  }
  // Packer L1 accumulation of the partial sums, tt-metal's default without fp32 (matmul_device_operation.cpp
  // default_l1_acc = !is_float_32; the program factories' packer_l1_acc_en needs K in more than one block).
  const l1Acc = kBlocks > 1 && !s.fp32Acc && out.dtype !== 'fp32';
  for (const w of computing) program.setRuntimeArgs(compute, w.core, [w.units.count, kBlocks, bl.kb, bl.Mb, bl.Nb, bl.subH, bl.subW, bias ? 1 : 0, act, bl.hold ? 1 : 0, l1Acc ? 1 : 0]);
  return program;
}

// A data-movement kernel on its processor's NoC (nocs[0]) and, for the cores with swapNocs, on the
// other one (nocs[1]); returns each core's kernel.
function kernelsByNoc(program: Program, image: string, processor: 'brisc' | 'ncrisc', cores: CoreWork[], nocs: readonly [0 | 1, 0 | 1]) {
  const [plain, swapped] = [cores.filter((w) => !w.swapNocs), cores.filter((w) => w.swapNocs)];
  const create = (ws: CoreWork[], noc: 0 | 1) => (ws.length ? program.createKernel(kernelImage(image, processor), ws.map((w) => w.core), { processor, noc }) : undefined);
  const [k, other] = [create(plain, nocs[0]), create(swapped, nocs[1])];
  return (w: CoreWork) => (w.swapNocs ? other! : k!);
}

// The logical cores of the compute grid, row-major (the order tt-metal's work split deals them).
export function gridCores(device: Device): Coord[] {
  return device.cores.map((c) => c.logical);
}
