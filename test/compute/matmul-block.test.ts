// matmul_block against matmul_tiles on the same tiles (compute/matmul_block_probe and its C++
// twin matmul_block_probe_tt): the same values; the unpacker's busy cycles lower by what operand
// reuse saves, as the cost model predicts; the math unchanged; B transposed per tile; timing
// mode's cycles equal functional's; and misuse of the block dims, the transpose flag and Dst
// stopped with one line.
import { describe, expect, it } from 'vitest';
import { PRESETS, type Fidelity } from '../../sim/arch/index.ts';
import { TILE_COSTS } from '../../sim/compute/costs.ts';
import { TILE_BYTES, tilize, untilize, type DataFormat } from '../../sim/compute/formats.ts';
import { ComputeError, TileEngine } from '../../sim/compute/tile-engine.ts';
import { CircularBuffer } from '../../sim/core/circular-buffer.ts';
import { Device, type Mode } from '../../sim/host/device.ts';
import { kernelImage } from '../../sim/host/kernels.ts';
import { Program } from '../../sim/host/program.ts';
import { ExitCode } from '../../sim/errors.ts';
import { mulberry32 } from '../../sim/random.ts';
import { expectMeshsimError } from '../support/errors.ts';

const rand = mulberry32(7);
const core = { x: 0, y: 0 };
const preset = PRESETS.wormhole_n150;

interface Probe {
  rt: number;
  ct: number;
  kt: number;
  block: boolean;
  transpose?: boolean;
  formats?: [DataFormat, DataFormat];
  mode?: Mode;
  fidelity?: Fidelity;
  kernel?: string; // the C probe, or its tt-metal C++ twin
}

const matrix = (rows: number, cols: number) => Float32Array.from({ length: rows * cols }, () => 2 * rand() - 1);

// A (rt×kt tiles) and B (kt×ct tiles), drawn once per shape so both paths see the same values.
const inputs = new Map<string, [Float32Array, Float32Array]>();
function operands(rt: number, ct: number, kt: number): [Float32Array, Float32Array] {
  const key = `${rt}x${ct}x${kt}`;
  if (!inputs.has(key)) inputs.set(key, [matrix(32 * rt, 32 * kt), matrix(32 * kt, 32 * ct)]);
  return inputs.get(key)!;
}

// Both whole blocks sit in their CBs before the compute starts taking them.
function probe(p: Probe) {
  const { rt, ct, kt } = p;
  const [fa, fb] = p.formats ?? ['bf16', 'bf16'];
  const [a, b] = operands(rt, ct, kt);
  const device = new Device({ arch: 'wormhole_n150', mode: p.mode ?? 'functional' });
  const program = new Program();
  const streams = ([[0, fa, a, 32 * rt, 32 * kt], [1, fb, b, 32 * kt, 32 * ct]] as const).map(([cb, format, values, rows, cols]) => {
    const bytes = tilize(values, rows, cols, format);
    const buffer = device.createBuffer(bytes.length, TILE_BYTES[format]);
    device.writeBuffer(buffer, bytes);
    const tiles = bytes.length / TILE_BYTES[format];
    program.createCircularBuffer(core, { index: cb, pageBytes: TILE_BYTES[format], pages: tiles, format });
    return [cb, buffer.address, TILE_BYTES[format], tiles];
  });
  const out = device.createBuffer(rt * ct * TILE_BYTES.bf16, TILE_BYTES.bf16);
  program.createCircularBuffer(core, { index: 16, pageBytes: TILE_BYTES.bf16, pages: rt * ct, format: 'bf16' });
  const reader = program.createKernel(kernelImage('dataflow/reader_streams', 'ncrisc'), core, { processor: 'ncrisc' });
  program.setRuntimeArgs(reader, core, [2, ...streams.flat()]);
  const compute = program.createKernel(kernelImage(p.kernel ?? 'compute/matmul_block_probe', 'trisc'), core, {
    processor: 'trisc', mathFidelity: p.fidelity ?? 'HiFi4', fp32DestAccEn: false,
  });
  program.setRuntimeArgs(compute, core, [rt, ct, kt, +p.block, +(p.transpose ?? false)]);
  const writer = program.createKernel(kernelImage('dataflow/writer_interleaved', 'brisc'), core, { processor: 'brisc' });
  program.setRuntimeArgs(writer, core, [out.address, TILE_BYTES.bf16, 0, rt * ct, 16]);
  const result = device.run(program);
  return { out: untilize(device.readBuffer(out), 32 * rt, 32 * ct, 'bf16'), result, engine: result.tileEngines[0] };
}

// The unpacker cycles of one output tile's k step in matmul_tiles: both tiles, both unpackers.
const both = (fa: DataFormat, fb: DataFormat) => Math.ceil((TILE_BYTES[fa] + TILE_BYTES[fb]) / TILE_COSTS.unpackTwoBytesPerCycle);
const one = (f: DataFormat) => Math.ceil(TILE_BYTES[f] / TILE_COSTS.unpackOneBytesPerCycle);
// matmul_block per k step: with ct >= rt each in0 tile is read once per row with the row's first
// in1 tile, the row's other ct−1 in1 tiles alone; otherwise the same with the roles swapped.
function predictedUnpack({ rt, ct, kt, block, formats = ['bf16', 'bf16'] }: Probe): number {
  const [fa, fb] = formats;
  if (!block) return kt * rt * ct * both(fa, fb);
  return kt * (ct >= rt ? rt * (both(fa, fb) + (ct - 1) * one(fb)) : ct * (both(fa, fb) + (rt - 1) * one(fa)));
}

describe('matmul_block', () => {
  const shapes: [number, number, number][] = [[2, 4, 3], [4, 2, 2], [1, 8, 2], [3, 1, 2], [1, 1, 2]];
  for (const [rt, ct, kt] of shapes) {
    const which = ct >= rt ? 'in0 held in SrcB' : 'in1 held in SrcA';
    it(`${rt}×${ct} sub-block over kt ${kt} (${which}): values bit-equal to matmul_tiles', unpacker busy as predicted, math unchanged`, () => {
      const tiles = probe({ rt, ct, kt, block: false });
      const block = probe({ rt, ct, kt, block: true });
      expect(block.out).toEqual(tiles.out);
      expect(tiles.engine.unpackBusyCycles).toBe(predictedUnpack({ rt, ct, kt, block: false }));
      expect(tiles.engine.unpackBusyCycles - block.engine.unpackBusyCycles).toBe(predictedUnpack({ rt, ct, kt, block: false }) - predictedUnpack({ rt, ct, kt, block: true }));
      expect(block.engine.mathBusyCycles).toBe(tiles.engine.mathBusyCycles);
      expect(block.engine.mathBusyCycles).toBe(rt * ct * kt * preset.tile.matmulCyclesPerTile.HiFi4);
      expect(block.engine.tiles).toBe(rt * ct * kt);
    });
  }

  it('mixed formats (bf16 in0, bfp8_b in1): the reused and streamed tiles are charged at their own sizes', () => {
    const p = { rt: 2, ct: 4, kt: 2, formats: ['bf16', 'bfp8_b'] as [DataFormat, DataFormat] };
    const [tiles, block] = [probe({ ...p, block: false }), probe({ ...p, block: true })];
    expect(block.out).toEqual(tiles.out);
    expect(block.engine.unpackBusyCycles).toBe(predictedUnpack({ ...p, block: true }));
    expect(block.engine.unpackBusyCycles).toBeLessThan(tiles.engine.unpackBusyCycles);
  });

  it('an unpacker-bound block at HiFi2 finishes sooner with matmul_block (the unpacker no longer paces the math)', () => {
    const p = { rt: 2, ct: 4, kt: 3, fidelity: 'HiFi2' as Fidelity, mode: 'timing' as Mode };
    const [tiles, block] = [probe({ ...p, block: false }), probe({ ...p, block: true })];
    expect(both('bf16', 'bf16')).toBeGreaterThan(preset.tile.matmulCyclesPerTile.HiFi2); // matmul_tiles is unpacker-bound
    expect(block.result.cycles).toBeLessThan(tiles.result.cycles);
  });

  it('transpose: each in1 tile enters transposed (C = Σ_k A(r,k)·B(k,c)ᵀ), within 2^-6 of Σ|a·b|', () => {
    const [rt, ct, kt] = [2, 4, 3];
    const [a, b] = operands(rt, ct, kt);
    const { out } = probe({ rt, ct, kt, block: true, transpose: true });
    const n = 32 * ct;
    let worst = 0;
    for (let i = 0; i < out.length; i++) {
      const [row, col] = [Math.floor(i / n), i % n];
      const [c, j] = [Math.floor(col / 32), col % 32];
      let [sum, scale] = [0, 0];
      for (let k = 0; k < 32 * kt; k++) {
        // B(k, c)ᵀ at (kk, j) is B at row (tile k's row j), column (tile c's column kk).
        const [kTile, kk] = [Math.floor(k / 32), k % 32];
        const bv = b[(32 * kTile + j) * n + 32 * c + kk];
        sum += a[row * 32 * kt + k] * bv;
        scale += Math.abs(a[row * 32 * kt + k] * bv);
      }
      worst = Math.max(worst, Math.abs(out[i] - sum) / scale);
    }
    expect(worst).toBeLessThanOrEqual(2 ** -6);
  });

  it('the tt-metal C++ API (matmul_tiles and matmul_block with their transpose flags) gives the C API’s values and cycles', () => {
    const p = { rt: 2, ct: 4, kt: 3, transpose: true, kernel: 'compute/matmul_block_probe_tt' };
    const c = probe({ ...p, block: true, kernel: undefined });
    const [tiles, block] = [probe({ ...p, block: false }), probe({ ...p, block: true })];
    expect(tiles.out).toEqual(c.out);
    expect(block.out).toEqual(c.out);
    expect(block.engine).toEqual(c.engine);
    expect(tiles.engine.unpackBusyCycles).toBe(predictedUnpack({ ...p, block: false }));
  });

  it('timing mode gives the cycles of functional mode', () => {
    for (const block of [false, true]) {
      const p = { rt: 2, ct: 4, kt: 3, block, fidelity: 'HiFi2' as Fidelity };
      const [f, t] = [probe(p), probe({ ...p, mode: 'timing' })];
      expect(t.result.cycles).toBe(f.result.cycles);
      expect(t.engine).toEqual(f.engine);
    }
  });

  it('a sub-block past a Dst half stops the kernel at its init with one line naming core, hart and pc', () => {
    expectMeshsimError(() => probe({ rt: 3, ct: 3, kt: 1, block: true, mode: 'timing' }), ExitCode.fault, /^core \(0,0\) \[noc 1,1\] trisc, pc 0x[0-9a-f]+: matmul init: a 3×3 sub-block is 9 tiles, past the 8 tiles of a Dst half$/);
  });
});

describe('matmul_block misuse (tile engine)', () => {
  const engine = () => {
    const te = new TileEngine(preset, undefined, 0, () => 0);
    te.reset({ mathFidelity: 'HiFi2', fp32DestAccEn: false }, 0);
    const cb = (index: number, pages: number) => Object.assign(new CircularBuffer({ index, pageBytes: 2048, pages, format: 'bf16' }, 0), { pushed: pages, visible: pages });
    const [in0, in1, out] = [cb(0, 4), cb(1, 4), cb(16, 8)];
    te.init('matmul', in0, in1, out, 0, 4, [2, 2]); // mm_block_init(0, 1, 16, false, ct 4, rt 2, kt 2)
    te.tileRegsAcquire(0);
    return { te, in0, in1 };
  };
  const cases: [string, (e: ReturnType<typeof engine>) => void, RegExp][] = [
    ['dims other than the init’s', ({ te, in0, in1 }) => te.matmulBlock(0, in0, in1, 0, 0, 0, 0, 2, 2, 2),
      /^matmul_block: ct_dim 2, rt_dim 2, kt_dim 2 differ from the init's 4, 2, 2 \(mm_block_init\(transpose 0, ct_dim 4, rt_dim 2, kt_dim 2\); /],
    ['a transpose flag other than the init’s', ({ te, in0, in1 }) => te.matmulBlock(0, in0, in1, 0, 0, 0, 1, 4, 2, 2),
      /^matmul_block with transpose 1 but the init set transpose 0 /],
    ['an in0 tile past the CB front', ({ te, in0, in1 }) => te.matmulBlock(0, in0, in1, 3, 0, 0, 0, 4, 2, 2),
      /^matmul_block: tile 5 of cb 0 is past the 4 tiles at its front/],
    ['a Dst start that runs the sub-block past the half', ({ te, in0, in1 }) => te.matmulBlock(0, in0, in1, 0, 0, 1, 0, 4, 2, 2),
      /^matmul_block: Dst index 8 is past the 8 tiles of a Dst half/],
  ];
  for (const [what, misuse, message] of cases) {
    it(what, () => {
      expect(() => misuse(engine())).toThrow(ComputeError);
      expect(() => misuse(engine())).toThrow(message);
    });
  }
});
