// A core's tile engine, driven by its compute hart: unpack (CB → source registers), math (FPU or
// SFPU into Dst) and pack (Dst → CB) as three pipeline stages, each with the time it is next free.
// A command starts on its stage when the stage and its inputs are ready; the hart waits only
// where a TRISC would: for the unpacker to take an unpack, and at tile_regs_acquire for its Dst
// half to be packed out. CB pushes from the packer and pops by the unpacker take effect when the
// stage is done. In functional mode the values are computed too (sim/compute/tile-math.ts).
import type { ArchPreset, Fidelity } from '../arch/types.ts';
import type { CircularBuffer } from '../core/circular-buffer.ts';
import { BINARY_OPS, BROADCASTS, REDUCE_DIMS, REDUCE_OPS, SFPU_OPS } from '../core/mmio.ts';
import { FIDELITY_PHASES, SFPU_BINARY_INSTRUCTIONS, SFPU_INSTRUCTIONS, TILE_COSTS } from './costs.ts';
import { TILE_BYTES, type DataFormat } from './formats.ts';
import type { TileFunctions } from './tile-functions.ts';

export interface ComputeConfig {
  mathFidelity: Fidelity;
  fp32DestAccEn: boolean;
}

// pack_tile's out-tile argument that asks for the next tile after the last one packed.
export const PACK_NEXT = 0xffff_ffff;
// An init's output CB that leaves the packer's format unchanged (tt-metal's *_init_short).
export const KEEP_PACK = 0xffff_ffff;

export const DEFAULT_COMPUTE_CONFIG: ComputeConfig = { mathFidelity: 'HiFi4', fp32DestAccEn: false };

// Dst: 16 tiles of 16-bit values, in two halves; with fp32 accumulation 4 tiles per half
// (tt-metal constants.hpp MAX_DST_SIZE = 16, DstSync::Half; [ME]; hardware.md §2.4).
const DST_TILES = 16;
export const DST_BYTES = DST_TILES * 4096; // held as f32 in the model, whatever the Dst format

type MathOp = 'matmul' | (typeof BINARY_OPS)[number] | 'copy' | 'reduce' | 'transpose';

// What the last inits configured: source formats, the math operation, the SFPU op, the pack format.
interface Configuration {
  by: string; // the init that set the math operation, for messages
  math?: MathOp;
  unpack: (DataFormat | undefined)[]; // formats of operands a and b
  pack?: DataFormat;
  broadcast: (typeof BROADCASTS)[number];
  reduce: { op: (typeof REDUCE_OPS)[number]; dim: (typeof REDUCE_DIMS)[number] };
  sfpu?: (typeof SFPU_OPS)[number];
}

export class ComputeError extends Error {}

export class TileEngine {
  config: ComputeConfig = DEFAULT_COMPUTE_CONFIG;
  private unpackFree = 0;
  private mathFree = 0;
  private packFree = 0;
  private readonly halfFreeAt = [0, 0]; // when the packer has emptied each Dst half
  private readonly halfMathDoneAt = [0, 0];
  private mathHalf = 0;
  private acquired = false;
  private committed: number[] = []; // halves handed to the packer, oldest first
  private packHalf: number | undefined;
  private readonly written = new Array<boolean>(DST_TILES).fill(false);
  private setup: Configuration = { by: 'no init', unpack: [], broadcast: 'none', reduce: { op: 'sum', dim: 'row' } };
  readonly busy = { unpack: 0, math: 0, pack: 0 };
  observe: ((stage: 'unpack' | 'math' | 'pack', op: string, start: number, end: number) => void) | undefined; // for traces
  tiles = 0; // math operations done

  constructor(
    private readonly preset: ArchPreset,
    private readonly fn: TileFunctions | undefined, // undefined in timing mode
    private readonly l1Base: number,
    private readonly dstBase: () => number,
  ) {}

  reset(config: ComputeConfig, start: number): void {
    this.config = config;
    this.unpackFree = this.mathFree = this.packFree = start;
    this.halfFreeAt.fill(start);
    this.halfMathDoneAt.fill(start);
    this.mathHalf = 0;
    this.acquired = false;
    this.committed = [];
    this.packHalf = undefined;
    this.written.fill(false);
    this.setup = { by: 'no init', unpack: [], broadcast: 'none', reduce: { op: 'sum', dim: 'row' } };
    Object.assign(this.busy, { unpack: 0, math: 0, pack: 0 });
    this.tiles = 0;
    if (this.fn) this.fn.zero(this.dstBase(), DST_TILES);
  }

  // Tiles per Dst half: 8, or 4 with fp32 accumulation.
  get halfTiles(): number {
    return this.config.fp32DestAccEn ? DST_TILES / 4 : DST_TILES / 2;
  }

  // When the unpacker has finished reading what is queued (a pop by the compute hart frees pages then).
  get unpackDoneAt(): number {
    return this.unpackFree;
  }

  // When the packer has finished writing what is queued (a push by the compute hart shows pages then).
  get packDoneAt(): number {
    return this.packFree;
  }

  init(what: string, a: CircularBuffer | undefined, b: CircularBuffer | undefined, out: CircularBuffer | undefined, op: number, dim: number): void {
    const s = this.setup;
    const fmt = (cb: CircularBuffer | undefined) => (cb ? this.formatOf(cb) : undefined);
    switch (what) {
      case 'matmul':
        Object.assign(s, { by: 'mm_init', math: 'matmul', unpack: [fmt(a), fmt(b)] });
        if (out) s.pack = fmt(out);
        break;
      case 'binary_common':
        Object.assign(s, { unpack: [fmt(a), fmt(b)], pack: fmt(out) });
        break;
      case 'binary': {
        const name = BINARY_OPS[op];
        const broadcast = BROADCASTS[dim];
        if (!name || !broadcast) throw new ComputeError(`binary init: op ${op}, broadcast ${dim}: expected op 0-2 (add, sub, mul) and broadcast 0-3 (none, rows, cols, scalar)`);
        Object.assign(s, { by: `${name}_tiles_init`, math: name, broadcast, unpack: [fmt(a), fmt(b)] });
        break;
      }
      case 'copy':
        Object.assign(s, { by: 'copy_tile_init', math: 'copy', unpack: [fmt(a), undefined] });
        break;
      case 'reduce': {
        const reduce = { op: REDUCE_OPS[op], dim: REDUCE_DIMS[dim] };
        if (!reduce.op || !reduce.dim) throw new ComputeError(`reduce_init: op ${op}, dim ${dim}: expected op 0-1 (sum, max) and dim 0-2 (row, col, scalar)`);
        Object.assign(s, { by: 'reduce_init', math: 'reduce', reduce, unpack: [fmt(a), fmt(b)], pack: fmt(out) });
        break;
      }
      case 'transpose':
        Object.assign(s, { by: 'transpose_wh_init', math: 'transpose', unpack: [fmt(a), undefined], pack: fmt(out) });
        break;
      case 'sfpu':
        if (!SFPU_OPS[op]) throw new ComputeError(`SFPU init: op ${op}, expected 0-${SFPU_OPS.length - 1} (${SFPU_OPS.join(', ')})`);
        s.sfpu = SFPU_OPS[op];
        break;
      case 'pack':
        s.pack = fmt(out);
        break;
    }
  }

  tileRegsAcquire(now: number): number {
    if (this.acquired) throw new ComputeError('tile_regs_acquire twice without tile_regs_commit');
    this.acquired = true;
    return Math.max(now, this.halfFreeAt[this.mathHalf]); // the math thread waits for its half
  }

  tileRegsCommit(): void {
    if (!this.acquired) throw new ComputeError('tile_regs_commit without tile_regs_acquire');
    this.acquired = false;
    this.halfMathDoneAt[this.mathHalf] = this.mathFree;
    this.committed.push(this.mathHalf);
    this.mathHalf ^= 1;
  }

  tileRegsWait(): void {
    if (this.packHalf !== undefined) throw new ComputeError('tile_regs_wait twice without tile_regs_release');
    const half = this.committed.shift();
    if (half === undefined) throw new ComputeError('tile_regs_wait with no committed Dst half: every tile_regs_commit would wait forever');
    this.packHalf = half;
  }

  tileRegsRelease(): void {
    const half = this.packHalf;
    if (half === undefined) throw new ComputeError('tile_regs_release without tile_regs_wait');
    this.halfFreeAt[half] = this.packFree;
    this.packHalf = undefined;
    const first = half * this.halfTiles;
    this.written.fill(false, first, first + this.halfTiles);
    if (this.fn) this.fn.zero(this.dstBase() + first * 4096, this.halfTiles);
  }

  matmul(now: number, in0: CircularBuffer, in1: CircularBuffer, t0: number, t1: number, idst: number): number {
    this.expectMath('matmul_tiles', 'matmul');
    const slot = this.dstSlot('matmul_tiles', idst);
    const [a, b] = [this.operand('matmul_tiles', in0, t0, 0), this.operand('matmul_tiles', in1, t1, 1)];
    const start = this.run('matmul_tiles', now, a.bytes + b.bytes, TILE_COSTS.unpackTwoBytesPerCycle, this.preset.tile.matmulCyclesPerTile[this.config.mathFidelity]);
    this.fn?.matmul(a.addr, a.format, b.addr, b.format, this.slotAddr(slot), this.config.mathFidelity);
    this.finish(slot);
    return start;
  }

  binary(now: number, opId: number, bcastId: number, ca: CircularBuffer, cb: CircularBuffer, ta: number, tb: number, idst: number): number {
    const op = BINARY_OPS[opId];
    const broadcast = BROADCASTS[bcastId];
    const name = `${op ?? 'binary'}_tiles${broadcast && broadcast !== 'none' ? `_bcast_${broadcast}` : ''}`;
    if (!op || !broadcast) throw new ComputeError(`${name}: op ${opId}, broadcast ${bcastId} do not exist`);
    this.expectMath(name, op);
    if (this.setup.broadcast !== broadcast) throw new ComputeError(`${name} after an init for broadcast ${this.setup.broadcast} (${this.setup.by})`);
    const slot = this.dstSlot(name, idst);
    const [a, b] = [this.operand(name, ca, ta, 0), this.operand(name, cb, tb, 1)];
    const math = op === 'mul' ? TILE_COSTS.eltwiseCycles * FIDELITY_PHASES[this.config.mathFidelity] : TILE_COSTS.eltwiseCycles;
    const start = this.run(name, now, a.bytes + b.bytes, TILE_COSTS.unpackTwoBytesPerCycle, math);
    this.fn?.binary(op, broadcast, a.addr, a.format, b.addr, b.format, this.slotAddr(slot), this.config.mathFidelity);
    this.finish(slot);
    return start;
  }

  copy(now: number, cb: CircularBuffer, tile: number, idst: number): number {
    return this.single(now, 'copy_tile', 'copy', cb, tile, idst);
  }

  transpose(now: number, cb: CircularBuffer, tile: number, idst: number): number {
    return this.single(now, 'transpose_wh_tile', 'transpose', cb, tile, idst);
  }

  reduce(now: number, cb: CircularBuffer, scalerCb: CircularBuffer, tile: number, scalerTile: number, idst: number): number {
    this.expectMath('reduce_tile', 'reduce');
    const slot = this.dstSlot('reduce_tile', idst);
    const [a, s] = [this.operand('reduce_tile', cb, tile, 0), this.operand('reduce_tile', scalerCb, scalerTile, 1)];
    const math = TILE_COSTS.reduceCyclesPerPhase * FIDELITY_PHASES[this.config.mathFidelity];
    const start = this.run('reduce_tile', now, a.bytes + s.bytes, TILE_COSTS.unpackTwoBytesPerCycle, math);
    this.fn?.reduce(this.setup.reduce.op, this.setup.reduce.dim, a.addr, a.format, s.addr, s.format, this.slotAddr(slot), this.written[slot]);
    this.finish(slot);
    return start;
  }

  sfpu(now: number, opId: number, idst: number, param: number): number {
    const op = SFPU_OPS[opId];
    if (!op) throw new ComputeError(`SFPU op ${opId} does not exist: expected 0-${SFPU_OPS.length - 1} (${SFPU_OPS.join(', ')})`);
    if (this.setup.sfpu !== op) throw new ComputeError(`${op}_tile without ${op}_tile_init (the SFPU is set up for ${this.setup.sfpu ?? 'nothing'})`);
    const slot = this.dstSlot(`${op}_tile`, idst);
    const start = Math.max(now, this.mathFree, this.halfFreeAt[this.mathHalf]);
    const cycles = TILE_COSTS.sfpuCyclesPerInstruction * SFPU_INSTRUCTIONS[op];
    this.mathFree = start + cycles;
    this.busy.math += cycles;
    this.observe?.('math', `${op}_tile`, start, start + cycles);
    this.fn?.sfpu(op, this.slotAddr(slot), param);
    this.finish(slot);
    return now; // queued to the math thread; the hart goes on
  }

  // Packs a Dst tile of the half being packed into the out CB, `outTile` pages past its back, or
  // (outTile PACK_NEXT) into the tile after the last one packed since the CB's last push, as
  // tt-metal's pack_tile<out_of_order_output = false> does. As on the hardware, no cb_reserve_back
  // is needed; the tile must only land in space the consumer has freed.
  pack(now: number, idst: number, out: CircularBuffer, outTile: number): void {
    const half = this.packHalf;
    if (half === undefined) throw new ComputeError('pack_tile without tile_regs_wait: no Dst half is being packed');
    if (idst >= this.halfTiles) throw new ComputeError(`pack_tile: Dst index ${idst} is past the ${this.halfTiles} tiles of a Dst half`);
    const format = this.formatOf(out);
    if (this.setup.pack !== format) {
      throw new ComputeError(`pack_tile: format mismatch: cb ${out.config.index} holds ${format} but the packer is configured for ${this.setup.pack ?? 'nothing'} (by the last init; pack_reconfig_data_format changes it)`);
    }
    const tile = outTile === PACK_NEXT ? out.packed++ : outTile;
    if (tile >= out.free) {
      throw new ComputeError(`pack_tile into cb ${out.config.index} tile ${tile}: only ${out.free} of its ${out.config.pages} pages are free (the consumer has not popped the rest; cb_reserve_back waits for space)`);
    }
    const start = Math.max(now, this.packFree, this.halfMathDoneAt[half]);
    const cycles = Math.ceil(TILE_BYTES[format] / TILE_COSTS.packBytesPerCycle);
    this.packFree = start + cycles;
    this.busy.pack += cycles;
    this.observe?.('pack', 'pack_tile', start, start + cycles);
    const slot = half * this.halfTiles + idst;
    this.fn?.pack(this.slotAddr(slot), format, this.l1Base + out.writePtr + tile * out.config.pageBytes);
  }

  // An SFPU operation between two Dst tiles of the half math works in (tt-metal's add_binary_tile
  // and its kin): each 32-lane row group is two SFPLOADs, the op and an SFPSTORE (VectorUnit.md).
  sfpuBinary(now: number, opId: number, idst0: number, idst1: number, odst: number): number {
    const op = BINARY_OPS[opId];
    const name = `${op ?? 'sfpu_binary'}_binary_tile`;
    if (!op) throw new ComputeError(`${name}: op ${opId} does not exist: expected 0-2 (add, sub, mul)`);
    if (!this.acquired) throw new ComputeError(`${name} outside tile_regs_acquire / tile_regs_commit`);
    const [a, b, o] = [idst0, idst1, odst].map((i) => this.dstSlot(name, i));
    const start = Math.max(now, this.mathFree, this.halfFreeAt[this.mathHalf]);
    const cycles = TILE_COSTS.sfpuCyclesPerInstruction * SFPU_BINARY_INSTRUCTIONS;
    this.mathFree = start + cycles;
    this.busy.math += cycles;
    this.observe?.('math', name, start, start + cycles);
    this.fn?.sfpuBinary(op, this.slotAddr(a), this.slotAddr(b), this.slotAddr(o));
    this.finish(o);
    return now; // queued to the math thread; the hart goes on
  }

  private single(now: number, name: string, math: MathOp, cb: CircularBuffer, tile: number, idst: number): number {
    this.expectMath(name, math);
    const slot = this.dstSlot(name, idst);
    const a = this.operand(name, cb, tile, 0);
    const start = this.run(name, now, a.bytes, TILE_COSTS.unpackOneBytesPerCycle, TILE_COSTS.datacopyCycles);
    if (math === 'copy') this.fn?.copy(a.addr, a.format, this.slotAddr(slot));
    else this.fn?.transpose(a.addr, a.format, this.slotAddr(slot));
    this.finish(slot);
    return start;
  }

  // Schedules an unpack then a math step; returns when the unpacker takes it (the hart waits for that).
  private run(op: string, now: number, bytes: number, bytesPerCycle: number, mathCycles: number): number {
    const unpackStart = Math.max(now, this.unpackFree);
    const unpackCycles = Math.ceil(bytes / bytesPerCycle);
    this.unpackFree = unpackStart + unpackCycles;
    const mathStart = Math.max(this.unpackFree, this.mathFree, this.halfFreeAt[this.mathHalf]);
    this.mathFree = mathStart + mathCycles;
    this.busy.unpack += unpackCycles;
    this.busy.math += mathCycles;
    this.observe?.('unpack', op, unpackStart, this.unpackFree);
    this.observe?.('math', op, mathStart, this.mathFree);
    return unpackStart;
  }

  private finish(slot: number): void {
    if (this.fn && !this.config.fp32DestAccEn) this.fn.roundToBf16(this.slotAddr(slot));
    this.written[slot] = true;
    this.tiles++;
  }

  private expectMath(name: string, math: MathOp): void {
    if (!this.acquired) throw new ComputeError(`${name} outside tile_regs_acquire / tile_regs_commit`);
    if (this.setup.math !== math) throw new ComputeError(`${name} but the math is set up for ${this.setup.math ?? 'nothing'} (${this.setup.by})`);
  }

  private dstSlot(name: string, idst: number): number {
    if (idst >= this.halfTiles) {
      throw new ComputeError(`${name}: Dst index ${idst} is past the ${this.halfTiles} tiles of a Dst half${this.config.fp32DestAccEn ? ' with fp32 accumulation' : ''}`);
    }
    return this.mathHalf * this.halfTiles + idst;
  }

  private operand(name: string, cb: CircularBuffer, tile: number, which: 0 | 1) {
    if (tile >= cb.available) {
      throw new ComputeError(`${name}: tile ${tile} of cb ${cb.config.index} is past the ${cb.available} tiles at its front (cb_wait_front first)`);
    }
    const format = this.formatOf(cb);
    const expected = this.setup.unpack[which];
    if (expected !== format) {
      throw new ComputeError(`${name}: format mismatch: cb ${cb.config.index} holds ${format} but the unpacker is configured for ${expected ?? 'nothing'} (${this.setup.by})`);
    }
    return { addr: this.l1Base + cb.readPtr + tile * cb.config.pageBytes, format, bytes: TILE_BYTES[format] };
  }

  private formatOf(cb: CircularBuffer): DataFormat {
    const format = cb.config.format;
    if (cb.config.pageBytes !== TILE_BYTES[format]) {
      throw new ComputeError(`cb ${cb.config.index}: pages of ${cb.config.pageBytes} bytes do not hold ${format} tiles (${TILE_BYTES[format]} bytes)`);
    }
    return format;
  }

  private slotAddr(slot: number): number {
    return this.dstBase() + slot * 4096;
  }
}
