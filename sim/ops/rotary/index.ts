// Rotary position embedding on the device (NeoX halves, as Hugging Face Llama's rotate_half):
// out = x·cos + rotate_half(x)·sin. Prefill: row r of each head matrix uses row r of the tables;
// decode: every head row of user b uses row b. One reader / compute / writer program, work split
// over the cores by rows of head-dim tiles; see kernels/ops/rotary/compute/rotary.cpp for the math.
// All tensors bf16 in DRAM; the compute runs at HiFi4.
import type { Device } from '../../host/device.ts';
import { kernelImage } from '../../host/kernels.ts';
import { Program } from '../../host/program.ts';
import { badInput } from '../../errors.ts';
import { DRAM_INTERLEAVED, toDevice } from '../../tensor/index.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import { CB_OUT, expectDramBf16, expectRank, newTensor, shareWork } from '../heads/data-movement.ts';
import { runOp } from '../op.ts';
import { ropeTables, type Llama3RopeScaling } from './reference.ts';

const [CB_X, CB_COS, CB_SIN, CB_TRANS, CB_ROT] = [0, 1, 2, 3, 24];
const TILE = 2048;

// cos and sin of `positions` [positions.length, headDim] as bf16 tensors in DRAM (HF's rotary tables).
export function ropeTableTensors(device: Device, headDim: number, positions: readonly number[], theta: number, scaling?: Llama3RopeScaling): { cos: Tensor; sin: Tensor } {
  const { cos, sin } = ropeTables(headDim, positions, theta, scaling);
  const shape = [positions.length, headDim];
  return {
    cos: toDevice(device, Float32Array.from(cos), shape, 'bf16', DRAM_INTERLEAVED, 'rope cos'),
    sin: toDevice(device, Float32Array.from(sin), shape, 'bf16', DRAM_INTERLEAVED, 'rope sin'),
  };
}

// The ±1 tile R with x·R = rotate_half(x) for a 32-wide head: column j < 16 takes −x[j + 16], the
// others x[j − 16].
function rotationTile(device: Device): Tensor {
  const r = new Float32Array(32 * 32);
  for (let j = 0; j < 16; j++) {
    r[(j + 16) * 32 + j] = -1;
    r[j * 32 + j + 16] = 1;
  }
  return toDevice(device, r, [32, 32], 'bf16', DRAM_INTERLEAVED, 'rotation');
}

function checkInputs(op: string, x: Tensor, cos: Tensor, sin: Tensor, tableRows: number, rowsAre: string): number {
  expectDramBf16(op, 'x', x);
  const D = x.cols;
  if (D !== 32 && (D % 64 !== 0 || D < 64)) throw badInput(`${op}: head dim ${D}, expected 32 or a multiple of 64 (the halves in whole tiles)`);
  for (const [name, t] of [['cos', cos], ['sin', sin]] as const) {
    expectDramBf16(op, name, t);
    if (t.shape.length !== 2 || t.rows !== tableRows || t.cols !== D) throw badInput(`${op}: ${name} has shape [${t.shape.join(', ')}], expected [${tableRows}, ${D}] (${rowsAre})`);
  }
  return D / 32;
}

interface Units {
  count: number;
  group: number; // units that share table tiles
  itemStride: number; // row tiles of x (rotary_units.h)
  groupStride: number;
  decode: boolean;
}

function rotaryProgram(x: Tensor, cos: Tensor, sin: Tensor, units: Units, name: string): Tensor {
  const device = x.device;
  const Dt = x.cols / 32;
  const out = newTensor(device, [...x.shape], name);
  const rotation = Dt === 1 ? rotationTile(device) : undefined;
  const program = new Program();
  const shares = shareWork(device, units.count);
  const cores = shares.map((s) => s.core);
  const cb = (index: number, pages: number) => program.createCircularBuffer(cores, { index, pageBytes: TILE, pages, format: 'bf16' });
  cb(CB_X, 2 * Dt);
  cb(CB_COS, 2 * Dt);
  cb(CB_SIN, 2 * Dt);
  cb(CB_OUT, 2);
  if (rotation) {
    cb(CB_TRANS, 1);
    cb(CB_ROT, Dt);
  }
  const reader = program.createKernel(kernelImage('ops/rotary/dataflow/reader_rotary', 'ncrisc'), cores, { processor: 'ncrisc' });
  const compute = program.createKernel(kernelImage('ops/rotary/compute/rotary', 'trisc'), cores, { processor: 'trisc', mathFidelity: 'HiFi4' });
  const writer = program.createKernel(kernelImage('ops/rotary/dataflow/writer_rotary', 'brisc'), cores, { processor: 'brisc' });
  const layout = [units.group, units.itemStride, units.groupStride, Dt];
  for (const s of shares) {
    program.setRuntimeArgs(reader, s.core, [x.dram.address, cos.dram.address, sin.dram.address, rotation?.dram.address ?? 0, TILE, s.first, s.count, ...layout, units.decode ? 1 : 0]);
    program.setRuntimeArgs(compute, s.core, [s.first, s.count, units.group, Dt, rotation ? 1 : 0, units.decode ? 1 : 0]);
    program.setRuntimeArgs(writer, s.core, [out.dram.address, TILE, s.first, s.count, ...layout]);
  }
  const elements = x.batch * x.rows * x.cols;
  runOp(device, program, { name: 'rotary', strategy: units.decode ? 'decode' : 'prefill', flops: 3 * elements, fidelity: 'HiFi4', output: out });
  rotation?.deallocate();
  return out;
}

// x [B, H, S, D], cos and sin [S, D] → [B, H, S, D]. Units are grouped by row tile, so a core
// reads each table tile once for all the head matrices it rotates there.
export function rotary(x: Tensor, cos: Tensor, sin: Tensor): Tensor {
  expectRank('rotary', 'x', x, 4, '[B, H, S, D]');
  checkInputs('rotary', x, cos, sin, x.rows, 'a row per position of x');
  const { batch, rowTiles } = x.layout.grid;
  return rotaryProgram(x, cos, sin, { count: batch * rowTiles, group: batch, itemStride: rowTiles, groupStride: 1, decode: false }, 'rotary');
}

// x [1, B, H, D], cos and sin [B, D] → [1, B, H, D]: user b's head rows all use table row b.
export function rotaryDecode(x: Tensor, cos: Tensor, sin: Tensor): Tensor {
  expectRank('rotaryDecode', 'x', x, 4, '[1, B, H, D]');
  if (x.shape[0] !== 1) throw badInput(`rotaryDecode: x has shape [${x.shape.join(', ')}], expected [1, B, H, D] (one matrix of heads per user)`);
  const users = x.shape[1];
  checkInputs('rotaryDecode', x, cos, sin, users, 'a row per user');
  const headTiles = x.layout.grid.rowTiles;
  return rotaryProgram(x, cos, sin, { count: users * headTiles, group: headTiles, itemStride: 1, groupStride: headTiles, decode: true }, 'rotary');
}
