// Loads the AssemblyScript build (build/meshsim.wasm) and gives typed access to its memory.
// The build runs on `npm ci` (prepare); if the file is missing or older than its sources,
// for example after editing sim/wasm/, it is rebuilt here once. Instantiation goes through
// @assemblyscript/loader, which takes the module's bytes or a compiled module and works the same
// in a browser; only reading the file is Node's.
import * as loader from '@assemblyscript/loader';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { MeshsimError, ExitCode } from '../errors.ts';
import { formatBytes } from '../io/bytes.ts';
import { WASM_ADDRESS_SPACE } from '../memory-budget.ts';
import { PACKAGE_ROOT } from '../package-root.ts';

const root = PACKAGE_ROOT;
const wasmPath = `${root}build/meshsim.wasm`;
const sourceDir = `${root}sim/wasm/`;

interface Exports {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  run(hart: number, maxInstructions: number, cycleLimit: bigint): number;
  runCounted(hart: number, maxInstructions: number, cycleLimit: bigint): number;
  invalidateCode(decodeBase: number, codeSize: number, addr: number, bytes: number): void;
  unpackTile(src: number, format: number, dst: number): void;
  packTile(src: number, format: number, dst: number): void;
  FORMAT_FP32: WebAssembly.Global;
  FORMAT_BF16: WebAssembly.Global;
  FORMAT_BFP8_B: WebAssembly.Global;
  FORMAT_BFP4_B: WebAssembly.Global;
  matmulTile(a: number, b: number, dst: number, fidelity: number, scratch: number): void;
  addTiles(a: number, b: number, dst: number, bcast: number): void;
  subTiles(a: number, b: number, dst: number, bcast: number): void;
  mulTiles(a: number, b: number, dst: number, fidelity: number, bcast: number): void;
  copyTile(a: number, dst: number): void;
  transposeTile(a: number, dst: number): void;
  reduceTile(a: number, dst: number, op: number, dim: number, scaler: number, accumulate: number): void;
  sfpuTile(dst: number, op: number, param: number): void;
  roundTileToBf16(dst: number): void;
  [name: string]: unknown;
}

function stale(): boolean {
  if (!existsSync(wasmPath)) return true;
  if (!existsSync(sourceDir)) return false;
  const built = statSync(wasmPath).mtimeMs;
  return readdirSync(sourceDir).some((f) => statSync(sourceDir + f).mtimeMs > built);
}

function build(): void {
  const asc = createRequire(import.meta.url).resolve('assemblyscript/bin/asc.js');
  const r = spawnSync(process.execPath, [asc, '--target', 'release'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new MeshsimError(`building ${wasmPath} failed: ${r.stderr || r.stdout}`.trim(), ExitCode.internal);
}

let compiled: WebAssembly.Module | undefined;

function module(): WebAssembly.Module {
  if (!compiled) {
    if (stale()) build();
    // One long call would otherwise stay in V8's baseline tier (toolchain.md §3).
    setFlagsFromString('--no-liftoff');
    compiled = new WebAssembly.Module(readFileSync(wasmPath));
  }
  return compiled;
}

// One instance: its own linear memory holding any number of harts and memories.
export class RiscvWasm {
  readonly exports: Exports;
  private buffer: ArrayBuffer | undefined;
  private view!: DataView;
  private bytes!: Uint8Array;

  constructor() {
    const { instance } = loader.instantiateSync(module(), {
      env: { abort: () => { throw new MeshsimError('internal error: wasm abort', ExitCode.internal); } },
    });
    // The raw exports, not the loader's wrapped ones: the hot calls (run, the tile math) would
    // otherwise go through a rest-argument wrapper each time, and none takes managed objects.
    this.exports = instance.exports as unknown as Exports;
  }

  // Zeroed, 64-byte aligned. Views are made again after an allocation, which may grow (and so
  // detach) the memory; the interpreter itself never grows it.
  // Callers estimate what they need first (sim/memory-budget.ts); this is the last guard.
  alloc(bytes: number): number {
    this.buffer = undefined; // growing detaches the old buffer; only alloc grows memory
    // The heap top is below the memory's size, so this keeps the wasm side's u32 sums from
    // wrapping; addresses at or above 2 GiB come back as negative i32s.
    const fits = bytes >= 0 && bytes + this.exports.memory.buffer.byteLength + 64 <= WASM_ADDRESS_SPACE;
    const ptr = fits ? this.exports.alloc(bytes) >>> 0 : 0;
    if (ptr === 0) {
      throw new MeshsimError(`out of simulator memory allocating ${formatBytes(bytes)} (a WebAssembly memory addresses at most 4 GiB)`, ExitCode.badInput);
    }
    return ptr;
  }

  private refresh(): void {
    if (this.buffer === undefined) {
      this.buffer = this.exports.memory.buffer;
      this.view = new DataView(this.buffer);
      this.bytes = new Uint8Array(this.buffer);
    }
  }

  dataView(): DataView {
    this.refresh();
    return this.view;
  }

  u8(): Uint8Array {
    this.refresh();
    return this.bytes;
  }

  global(name: string): number {
    return (this.exports[name] as WebAssembly.Global).value as number;
  }
}
