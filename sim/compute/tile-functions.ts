// The values side of the tile engine: unpack operand tiles from L1 into working form, do the
// math into a Dst tile, pack a Dst tile into L1. Timing mode runs without it.
import type { Fidelity } from '../arch/types.ts';
import type { BINARY_OPS, BROADCASTS, REDUCE_DIMS, REDUCE_OPS, SFPU_OPS } from '../core/mmio.ts';
import type { RiscvWasm } from '../riscv/wasm.ts';
import { TileCodec, type DataFormat } from './formats.ts';
import { TileMath } from './tile-math.ts';

export interface TileFunctions {
  zero(dst: number, tiles: number): void;
  matmul(a: number, af: DataFormat, b: number, bf: DataFormat, dst: number, fidelity: Fidelity, transposeB: boolean): void;
  binary(op: (typeof BINARY_OPS)[number], bcast: (typeof BROADCASTS)[number], a: number, af: DataFormat, b: number, bf: DataFormat, dst: number, fidelity: Fidelity): void;
  copy(a: number, af: DataFormat, dst: number): void;
  transpose(a: number, af: DataFormat, dst: number): void;
  reduce(op: (typeof REDUCE_OPS)[number], dim: (typeof REDUCE_DIMS)[number], a: number, af: DataFormat, scaler: number, sf: DataFormat, dst: number, accumulate: boolean): void;
  sfpu(op: (typeof SFPU_OPS)[number], dst: number, param: number): void;
  sfpuBinary(op: (typeof BINARY_OPS)[number], a: number, b: number, dst: number): void;
  pack(src: number, format: DataFormat, l1Addr: number, accumulate: boolean): void;
  roundToBf16(dst: number): void;
}

// Addresses are linear addresses in the device's wasm memory (L1 tiles and Dst tiles alike).
export class WasmTileFunctions implements TileFunctions {
  private readonly codec: TileCodec;
  private readonly math: TileMath;
  private readonly in0: number; // the unpacked operands (first and second), as the source registers hold them
  private readonly in1: number;

  constructor(private readonly wasm: RiscvWasm) {
    this.codec = new TileCodec(wasm);
    this.math = new TileMath(wasm);
    this.in0 = this.math.allocTile();
    this.in1 = this.math.allocTile();
  }

  zero(dst: number, tiles: number): void {
    this.wasm.u8().fill(0, dst, dst + tiles * 4096);
  }

  private unpack(a: number, af: DataFormat, b?: number, bf?: DataFormat): void {
    this.codec.unpack(a, af, this.in0);
    if (b !== undefined && bf) this.codec.unpack(b, bf, this.in1);
  }

  // dst += a @ b, or a @ bᵀ (tt-metal's matmul transpose flag: each in1 tile transposed).
  matmul(a: number, af: DataFormat, b: number, bf: DataFormat, dst: number, fidelity: Fidelity, transposeB: boolean): void {
    this.unpack(a, af, b, bf);
    if (transposeB) this.math.transpose(this.in1, this.in1);
    this.math.matmul(this.in0, this.in1, dst, fidelity);
  }

  binary(op: 'add' | 'sub' | 'mul', bcast: 'none' | 'rows' | 'cols' | 'scalar', a: number, af: DataFormat, b: number, bf: DataFormat, dst: number, fidelity: Fidelity): void {
    this.unpack(a, af, b, bf);
    if (op === 'mul') this.math.mul(this.in0, this.in1, dst, fidelity, bcast);
    else this.math[op](this.in0, this.in1, dst, bcast);
  }

  copy(a: number, af: DataFormat, dst: number): void {
    this.unpack(a, af);
    this.math.copy(this.in0, dst);
  }

  transpose(a: number, af: DataFormat, dst: number): void {
    this.unpack(a, af);
    this.math.transpose(this.in0, dst);
  }

  reduce(op: 'sum' | 'max', dim: 'row' | 'col' | 'scalar', a: number, af: DataFormat, scaler: number, sf: DataFormat, dst: number, accumulate: boolean): void {
    this.unpack(a, af, scaler, sf);
    // The scaling factor is the scaler tile's first value, as tt-metal's reduce reads it.
    this.math.reduce(this.in0, dst, op, dim, { scaler: this.math.view(this.in1)[0], accumulate });
  }

  sfpu(op: (typeof SFPU_OPS)[number], dst: number, param: number): void {
    this.math.sfpu(dst, op, param);
  }

  // Dst tiles are in working form already: no unpack. The SFPU multiplies in fp32, as HiFi4 does.
  sfpuBinary(op: 'add' | 'sub' | 'mul', a: number, b: number, dst: number): void {
    if (op === 'mul') this.math.mul(a, b, dst, 'HiFi4', 'none');
    else this.math[op](a, b, dst, 'none');
  }

  // With accumulate (packer L1 accumulation) the tile in L1 is read in its format, the Dst tile
  // added, and the sum stored in the format again: the add is as precise as the output format.
  pack(src: number, format: DataFormat, l1Addr: number, accumulate: boolean): void {
    if (!accumulate) return this.codec.pack(src, format, l1Addr);
    this.codec.unpack(l1Addr, format, this.in0);
    this.math.add(this.in0, src, this.in0);
    this.codec.pack(this.in0, format, l1Addr);
  }

  roundToBf16(dst: number): void {
    this.math.roundToBf16(dst);
  }
}
