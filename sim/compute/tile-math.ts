// Typed access to the tile math in sim/wasm/tile-math.ts: tiles in working form (1024 f32,
// row-major) at linear addresses of one RiscvWasm instance. Numerics are documented there.
import { MeshsimError, ExitCode } from '../errors.ts';
import type { RiscvWasm } from '../riscv/wasm.ts';
import type { Fidelity } from '../arch/types.ts';
import { SFPU_OPS, type BROADCASTS, type REDUCE_DIMS, type REDUCE_OPS } from '../core/mmio.ts';

export type { Fidelity } from '../arch/types.ts';
export { FIDELITIES } from '../arch/types.ts';
export { BROADCASTS as BCASTS, SFPU_OPS } from '../core/mmio.ts';
export type Bcast = (typeof BROADCASTS)[number];
export type ReduceOp = (typeof REDUCE_OPS)[number];
export type ReduceDim = (typeof REDUCE_DIMS)[number];
export type SfpuOp = (typeof SFPU_OPS)[number];

export const TILE_ELEMENTS = 1024;
export const TILE_F32_BYTES = 4096;

// Names of the wasm constants holding each id (read from the module, so the two cannot drift).
const FIDELITY_GLOBALS: Record<Fidelity, string> = {
  LoFi: 'FIDELITY_LOFI', HiFi2: 'FIDELITY_HIFI2', HiFi3: 'FIDELITY_HIFI3', HiFi4: 'FIDELITY_HIFI4',
};
const BCAST_GLOBALS: Record<Bcast, string> = {
  none: 'BCAST_NONE', rows: 'BCAST_ROWS', cols: 'BCAST_COLS', scalar: 'BCAST_SCALAR',
};
const REDUCE_OP_GLOBALS: Record<ReduceOp, string> = { sum: 'REDUCE_SUM', max: 'REDUCE_MAX' };
const REDUCE_DIM_GLOBALS: Record<ReduceDim, string> = {
  row: 'REDUCE_DIM_ROW', col: 'REDUCE_DIM_COL', scalar: 'REDUCE_DIM_SCALAR',
};

function ids<K extends string>(wasm: RiscvWasm, names: Record<K, string>): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const k of Object.keys(names) as K[]) out[k] = wasm.global(names[k]);
  return out;
}

function id<K extends string>(table: Record<K, number>, key: K, what: string): number {
  const v = table[key];
  if (v === undefined) throw new MeshsimError(`unknown ${what} '${key}'`, ExitCode.badInput);
  return v;
}

export class TileMath {
  readonly fidelityIds: Record<Fidelity, number>;
  readonly bcastIds: Record<Bcast, number>;
  readonly sfpuIds: Record<SfpuOp, number>;
  private readonly reduceOpIds: Record<ReduceOp, number>;
  private readonly reduceDimIds: Record<ReduceDim, number>;
  private readonly scratch: number;

  constructor(readonly wasm: RiscvWasm) {
    this.fidelityIds = ids(wasm, FIDELITY_GLOBALS);
    this.bcastIds = ids(wasm, BCAST_GLOBALS);
    this.reduceOpIds = ids(wasm, REDUCE_OP_GLOBALS);
    this.reduceDimIds = ids(wasm, REDUCE_DIM_GLOBALS);
    const sfpu = {} as Record<SfpuOp, string>;
    for (const op of SFPU_OPS) sfpu[op] = `SFPU_${op.toUpperCase()}`;
    this.sfpuIds = ids(wasm, sfpu);
    this.scratch = wasm.alloc(wasm.global('TILE_MATH_SCRATCH_BYTES'));
  }

  // A zeroed working-form tile (4096 bytes, 64-byte aligned).
  allocTile(): number {
    return this.wasm.alloc(TILE_F32_BYTES);
  }

  // A live view of the tile at addr; invalid after the next allocation in this instance.
  view(addr: number): Float32Array {
    return new Float32Array(this.wasm.exports.memory.buffer, addr, TILE_ELEMENTS);
  }

  write(addr: number, values: ArrayLike<number>): void {
    if (values.length !== TILE_ELEMENTS) throw new MeshsimError(`a tile has ${TILE_ELEMENTS} values, got ${values.length}`, ExitCode.badInput);
    this.view(addr).set(values);
  }

  read(addr: number): Float32Array {
    return this.view(addr).slice();
  }

  // dst += a @ b; a is in0 (SrcB), b is in1 (SrcA).
  matmul(a: number, b: number, dst: number, fidelity: Fidelity = 'HiFi4'): void {
    this.wasm.exports.matmulTile(a, b, dst, id(this.fidelityIds, fidelity, 'fidelity'), this.scratch);
  }

  // dst = a + b, b broadcast per bcast.
  add(a: number, b: number, dst: number, bcast: Bcast = 'none'): void {
    this.wasm.exports.addTiles(a, b, dst, id(this.bcastIds, bcast, 'broadcast'));
  }

  sub(a: number, b: number, dst: number, bcast: Bcast = 'none'): void {
    this.wasm.exports.subTiles(a, b, dst, id(this.bcastIds, bcast, 'broadcast'));
  }

  // dst = a * b; a is SrcA, b is SrcB (the broadcast operand).
  mul(a: number, b: number, dst: number, fidelity: Fidelity = 'HiFi4', bcast: Bcast = 'none'): void {
    this.wasm.exports.mulTiles(a, b, dst, id(this.fidelityIds, fidelity, 'fidelity'), id(this.bcastIds, bcast, 'broadcast'));
  }

  copy(a: number, dst: number): void {
    this.wasm.exports.copyTile(a, dst);
  }

  transpose(a: number, dst: number): void {
    this.wasm.exports.transposeTile(a, dst);
  }

  // scaler × sum/max along dim into column 0 / row 0 / [0][0]; see reduceTile for accumulate.
  reduce(a: number, dst: number, op: ReduceOp, dim: ReduceDim, opts: { scaler?: number; accumulate?: boolean } = {}): void {
    this.wasm.exports.reduceTile(a, dst, id(this.reduceOpIds, op, 'reduce op'), id(this.reduceDimIds, dim, 'reduce dim'),
      opts.scaler ?? 1, opts.accumulate ? 1 : 0);
  }

  // In place on dst; param is used by leaky_relu (slope), add_scalar and mul_scalar.
  sfpu(dst: number, op: SfpuOp, param = 0): void {
    this.wasm.exports.sfpuTile(dst, id(this.sfpuIds, op, 'SFPU op'), param);
  }

  roundToBf16(dst: number): void {
    this.wasm.exports.roundTileToBf16(dst);
  }
}
