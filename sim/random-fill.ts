// mulberry32 streams (sim/random.ts) in bulk, value for value what a loop over mulberry32(seed)
// gives, computed four draws at a time by the wasm build (sim/wasm/random.ts) in a private instance
// and copied out a chunk at a time.
import { RiscvWasm } from './riscv/wasm.ts';

const CHUNK = 1 << 16; // draws per call, a multiple of 4
const STEP = 0x6d2b79f5; // mulberry32's state increment per draw

let host: { wasm: RiscvWasm; scratch: number } | undefined;

// Runs `fill(state, n, scratch)` for each chunk of out's draws (from draw `first` on), then copies
// the chunk out.
function inChunks<T extends Float32Array | Float64Array>(out: T, seed: number, first: number, view: (buffer: ArrayBuffer, at: number, n: number) => T, fill: (wasm: RiscvWasm, state: number, n: number, at: number) => void): void {
  if (!host) {
    const wasm = new RiscvWasm();
    host = { wasm, scratch: wasm.alloc(CHUNK * 8) };
  }
  const { wasm, scratch } = host;
  const chunk = view(wasm.exports.memory.buffer, scratch, CHUNK);
  for (let done = 0; done < out.length; done += CHUNK) {
    const n = Math.min(CHUNK, out.length - done);
    fill(wasm, ((seed >>> 0) + Math.imul(first + done, STEP)) >>> 0, n, scratch); // the state after first + done draws
    out.set(n === CHUNK ? chunk : chunk.subarray(0, n), done);
  }
}

// (rand() · 2 − 1) · range for each value, rand = mulberry32(seed).
export function fillUniform(out: Float32Array, seed: number, range: number): void {
  inChunks(out, seed, 0, (b, at, n) => new Float32Array(b, at, n), (wasm, state, n, at) => wasm.exports.uniformFill(state, n, range, at));
}

// rand() for each value, rand = mulberry32(seed), from its draw `first` on (0: the first draw).
export function fillDraws(out: Float64Array, seed: number, first = 0): void {
  inChunks(out, seed, first, (b, at, n) => new Float64Array(b, at, n), (wasm, state, n, at) => wasm.exports.drawFill(state, n, at));
}
