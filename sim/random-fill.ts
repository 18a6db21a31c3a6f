// Seeded uniform tensors in bulk: what a loop over mulberry32(seed) (sim/random.ts) making
// (rand() · 2 − 1) · range gives, value for value, computed four draws at a time by the wasm build
// (sim/wasm/random.ts) in a private instance and copied out a chunk at a time.
import { RiscvWasm } from './riscv/wasm.ts';

const CHUNK = 1 << 16; // values per call, a multiple of 4
const STEP = 0x6d2b79f5; // mulberry32's state increment per draw

let host: { wasm: RiscvWasm; scratch: number } | undefined;

export function fillUniform(out: Float32Array, seed: number, range: number): void {
  if (!host) {
    const wasm = new RiscvWasm();
    host = { wasm, scratch: wasm.alloc(CHUNK * 4) };
  }
  const { wasm, scratch } = host;
  const view = new Float32Array(wasm.exports.memory.buffer, scratch, CHUNK);
  for (let done = 0; done < out.length; done += CHUNK) {
    const n = Math.min(CHUNK, out.length - done);
    wasm.exports.uniformFill((seed + Math.imul(done, STEP)) >>> 0, n, range, scratch);
    out.set(n === CHUNK ? view : view.subarray(0, n), done);
  }
}
