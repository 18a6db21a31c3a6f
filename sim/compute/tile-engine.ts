// A core's tile engine, driven by its compute hart: unpack (CB → source registers), math (FPU or
// SFPU into Dst) and pack (Dst → CB) as three pipeline stages, each with the time it is next free.
// A command starts on its stage when the stage and its inputs are ready; the hart waits only
// where a TRISC would: for the unpacker to take an unpack (a TRISC pushes its instructions and runs
// on while the coprocessor works through them, hardware.md §2.3, so the hart waits for the first
// step of a matmul_block, not its last: one call queued behind the one running), and at
// tile_regs_acquire for its Dst half to be packed out. CB pushes from the packer and pops by the
// unpacker take effect when the stage is done. In functional mode the values are computed too
// (sim/compute/tile-math.ts).
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
  block: MatmulBlock; // the matmul init's sub-block (1×1×1 for matmul_tiles) and transpose
}

// The sub-block a matmul init sets up: the unpacker's and math's loops are programmed for it
// (tt-llk's _llk_unpack_AB_matmul_init_ and matmul_configure_mop take ct_dim, rt_dim, kt_dim).
export interface MatmulBlock {
  transpose: boolean;
  ct: number;
  rt: number;
  kt: number;
}
const NO_BLOCK: MatmulBlock = { transpose: false, ct: 1, rt: 1, kt: 1 };

export class ComputeError extends Error {}

export class TileEngine {
  config: ComputeConfig = DEFAULT_COMPUTE_CONFIG;
  private unpackFree = 0;
  private mathFree = 0;
  // SrcA/SrcB are double-banked: the unpacker fills one bank while the FPU reads the other
  // (hardware.md §2.3), so an unpack step waits until the math two steps back has finished.
  private readonly srcBankFreeAt = [0, 0];
  private srcBank = 0;
  private packFree = 0;
  private readonly halfFreeAt = [0, 0]; // when the packer has emptied each Dst half
  private readonly halfMathDoneAt = [0, 0];
  private mathHalf = 0;
  private acquired = false;
  private committed: number[] = []; // halves handed to the packer, oldest first
  private packHalf: number | undefined;
  private readonly written = new Array<boolean>(DST_TILES).fill(false);
  private l1Acc = false; // pack_reconfig_l1_acc
  private setup: Configuration = { by: 'no init', unpack: [], broadcast: 'none', reduce: { op: 'sum', dim: 'row' }, block: NO_BLOCK };
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
    this.srcBankFreeAt.fill(start);
    this.srcBank = 0;
    this.halfFreeAt.fill(start);
    this.halfMathDoneAt.fill(start);
    this.mathHalf = 0;
    this.acquired = false;
    this.committed = [];
    this.packHalf = undefined;
    this.written.fill(false);
    this.l1Acc = false;
    this.setup = { by: 'no init', unpack: [], broadcast: 'none', reduce: { op: 'sum', dim: 'row' }, block: NO_BLOCK };
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

  // `more` carries a matmul init's rt_dim and kt_dim (op is its transpose flag, dim its ct_dim).
  init(what: string, a: CircularBuffer | undefined, b: CircularBuffer | undefined, out: CircularBuffer | undefined, op: number, dim: number, more: readonly number[] = []): void {
    const s = this.setup;
    const fmt = (cb: CircularBuffer | undefined) => (cb ? this.formatOf(cb) : undefined);
    switch (what) {
      case 'matmul': {
        const [rt, kt] = more;
        const block = { transpose: op !== 0, ct: dim, rt, kt };
        if (!(block.ct >= 1 && block.rt >= 1 && block.kt >= 1)) {
          throw new ComputeError(`matmul init: ct_dim ${block.ct}, rt_dim ${block.rt}, kt_dim ${block.kt}: expected each at least 1`);
        }
        if (block.ct * block.rt > this.halfTiles) {
          throw new ComputeError(`matmul init: a ${block.rt}×${block.ct} sub-block is ${block.rt * block.ct} tiles, past the ${this.halfTiles} tiles of a Dst half`);
        }
        const by = block.ct * block.rt * block.kt === 1 && !block.transpose ? 'mm_init' : `mm_block_init(transpose ${+block.transpose}, ct_dim ${block.ct}, rt_dim ${block.rt}, kt_dim ${block.kt})`;
        Object.assign(s, { by, math: 'matmul', unpack: [fmt(a), fmt(b)], block });
        if (out) s.pack = fmt(out);
        break;
      }
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

  // matmul_tiles keeps its cost per output tile: both operand tiles unpacked (both unpackers), then
  // the math. With transpose (as the init set it) the in1 tile enters transposed; the unpacker
  // transposes faces and within faces on the way to SrcA at no extra cost (tt-llk
  // _llk_unpack_AB_matmul_init_: haloize mode, "the unpacker performs both transpose of faces as
  // well as transpose each face").
  matmul(now: number, in0: CircularBuffer, in1: CircularBuffer, t0: number, t1: number, idst: number, transpose: number): number {
    this.expectMatmul('matmul_tiles', transpose);
    const slot = this.dstSlot('matmul_tiles', idst);
    const [a, b] = [this.operand('matmul_tiles', in0, t0, 0), this.operand('matmul_tiles', in1, t1, 1)];
    const start = this.run('matmul_tiles', now, a.bytes + b.bytes, TILE_COSTS.unpackTwoBytesPerCycle, this.preset.tile.matmulCyclesPerTile[this.config.mathFidelity]);
    this.fn?.matmul(a.addr, a.format, b.addr, b.format, this.slotAddr(slot), this.config.mathFidelity, this.setup.block.transpose);
    this.finish(slot);
    return start;
  }

  // One k step of an rt×ct sub-block: Dst[idst + r·ct + c] += in0[t0 + r·kt] @ in1[t1 + c].
  // Source-operand reuse as tt-llk does it (_llk_unpack_AB_matmul_, wormhole_b0): in0 goes to SrcB,
  // in1 to SrcA; with ct_dim >= rt_dim ("reuse_a") each in0 tile is unpacked once and stays in
  // SrcB while the MOP unpacks the row's ct_dim in1 tiles into SrcA one by one; otherwise each in1
  // tile stays in SrcA while rt_dim in0 tiles stream through SrcB. So a call unpacks
  // min(rt, ct) + rt·ct tiles instead of matmul_tiles' 2·rt·ct: the first step of each row (column)
  // reads two tiles with both unpackers, the others one tile with one unpacker ([ISA-WH] L1.md:
  // 80 B/cycle for both, 64 for one). The math per tile is unchanged (16 MVMULs per fidelity phase,
  // llk_math_matmul's MOP).
  matmulBlock(now: number, in0: CircularBuffer, in1: CircularBuffer, t0: number, t1: number, idst: number, transpose: number, ct: number, rt: number, kt: number): number {
    const name = 'matmul_block';
    this.expectMatmul(name, transpose);
    const init = this.setup.block;
    if (ct !== init.ct || rt !== init.rt || kt !== init.kt) {
      throw new ComputeError(`${name}: ct_dim ${ct}, rt_dim ${rt}, kt_dim ${kt} differ from the init's ${init.ct}, ${init.rt}, ${init.kt} (${this.setup.by}; the unpacker and math loops are set up by the init)`);
    }
    const slots = Array.from({ length: rt * ct }, (_, i) => this.dstSlot(name, idst + i));
    const a = Array.from({ length: rt }, (_, r) => this.operand(name, in0, t0 + r * kt, 0));
    const b = Array.from({ length: ct }, (_, c) => this.operand(name, in1, t1 + c, 1));
    const reuseIn0 = ct >= rt;
    const mathCycles = this.preset.tile.matmulCyclesPerTile[this.config.mathFidelity];
    let start = -1;
    for (let held = 0; held < (reuseIn0 ? rt : ct); held++) {
      for (let s = 0; s < (reuseIn0 ? ct : rt); s++) {
        const [r, c] = reuseIn0 ? [held, s] : [s, held];
        const streamed = reuseIn0 ? b[c] : a[r];
        const stepStart = s === 0
          ? this.run(name, now, a[r].bytes + b[c].bytes, TILE_COSTS.unpackTwoBytesPerCycle, mathCycles)
          : this.run(name, now, streamed.bytes, TILE_COSTS.unpackOneBytesPerCycle, mathCycles);
        if (start < 0) start = stepStart;
        const slot = slots[r * ct + c];
        this.fn?.matmul(a[r].addr, a[r].format, b[c].addr, b[c].format, this.slotAddr(slot), this.config.mathFidelity, init.transpose);
        this.finish(slot);
      }
    }
    return start; // the unpack thread's MOP is queued once the unpacker takes its first step
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

  // tt-metal's pack_reconfig_l1_acc: from now on each pack adds into the tile at its destination
  // (the partial sums a matmul keeps in L1 between K blocks) instead of overwriting it.
  packReconfigL1Acc(enable: number): void {
    if (enable > 1) throw new ComputeError(`pack_reconfig_l1_acc(${enable}): expected 0 (off) or 1 (on)`);
    this.l1Acc = enable === 1;
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
    const cycles = Math.ceil(TILE_BYTES[format] / (this.l1Acc ? TILE_COSTS.packAccumulateBytesPerCycle : TILE_COSTS.packBytesPerCycle));
    this.packFree = start + cycles;
    this.busy.pack += cycles;
    this.observe?.('pack', 'pack_tile', start, start + cycles);
    const slot = half * this.halfTiles + idst;
    this.fn?.pack(this.slotAddr(slot), format, this.l1Base + out.writePtr + tile * out.config.pageBytes, this.l1Acc);
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
    const unpackStart = Math.max(now, this.unpackFree, this.srcBankFreeAt[this.srcBank]);
    const unpackCycles = Math.ceil(bytes / bytesPerCycle);
    this.unpackFree = unpackStart + unpackCycles;
    const mathStart = Math.max(this.unpackFree, this.mathFree, this.halfFreeAt[this.mathHalf]);
    this.mathFree = mathStart + mathCycles;
    this.srcBankFreeAt[this.srcBank] = this.mathFree;
    this.srcBank ^= 1;
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

  private expectMatmul(name: string, transpose: number): void {
    this.expectMath(name, 'matmul');
    if ((transpose !== 0) !== this.setup.block.transpose) {
      throw new ComputeError(`${name} with transpose ${transpose} but the init set transpose ${+this.setup.block.transpose} (${this.setup.by})`);
    }
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
