// What both attention program factories share: the circular buffers every core has (their ids are
// those of kernels/ops/attention/compute/attention_steps.h), the writer (masks, scaler, output
// rows) and the compute kernels' shape args.
import type { Coord } from '../../arch/types.ts';
import { TILE_BYTES } from '../../compute/formats.ts';
import type { Kernel, Program } from '../../host/program.ts';
import { kernelImage } from '../../host/kernels.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import type { AttentionDims } from './shape.ts';

const TILE = TILE_BYTES.bf16;
export const CB = { q: 0, k: 1, v: 2, mask: 3, scaler: 4, out: 16, alpha: 22, o: 23, kt: 24, s: 25, p: 26, max: 27, recip: 28, pv: 29, m: 30, l: 31 } as const;

// Pages per CB; the ones both kernels use in the same way are filled in here.
export function circularBuffers(program: Program, cores: Coord[], d: AttentionDims, pages: Partial<Record<keyof typeof CB, number>>): void {
  const common = { mask: 3, scaler: 1, out: 2 * d.Dt, max: 1, recip: 1, pv: d.Dt };
  for (const [name, count] of Object.entries({ ...common, ...pages })) {
    program.createCircularBuffer(cores, { index: CB[name as keyof typeof CB], pageBytes: TILE, pages: count, format: 'bf16' });
  }
}

// The writer: each core's output pages start at `firstRow` tile rows into the output.
export function writer(program: Program, cores: Coord[], out: Tensor, d: AttentionDims, causal: boolean, rows: (i: number) => { firstRow: number; count: number }): void {
  const kernel = program.createKernel(kernelImage('ops/attention/dataflow/writer_attention', 'brisc'), cores, { processor: 'brisc' });
  cores.forEach((c, i) => {
    const { firstRow, count } = rows(i);
    program.setRuntimeArgs(kernel, c, [out.dram.address, TILE, firstRow * d.Dt, count * d.Dt, d.Dt, causal ? 1 : 0, d.validCols]);
  });
}

// The reader's leading args (attention_rows.h inputs_args).
export function inputArgs(q: Tensor, k: Tensor, v: Tensor, d: AttentionDims): number[] {
  return [q.dram.address, k.dram.address, v.dram.address, TILE, d.heads, d.kvHeads, d.St, d.Dt];
}

// The compute kernels' shape args (attention_steps.h shape_args).
export function shapeArgs(d: AttentionDims, causal: boolean, scale: number): number[] {
  return [d.St, d.Dt, causal ? 1 : 0, d.validCols < 32 ? 1 : 0, floatBits(scale)];
}

export function computeKernel(program: Program, name: string, cores: Coord[]): Kernel {
  // HiFi2, as ttnn's default compute kernel config for SDPA (math_fidelity HiFi2).
  return program.createKernel(kernelImage(`ops/attention/compute/${name}`, 'trisc'), cores, { processor: 'trisc', mathFidelity: 'HiFi2', fp32DestAccEn: false });
}

function floatBits(x: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, x);
  return view.getUint32(0);
}
