// A simulated device, as in tt-metal's host API: created from a preset and a compute grid,
// holding DRAM buffers across programs; run(program) loads kernels, circular buffers,
// semaphores and runtime args onto the cores and runs them to completion.
import { checkGrid, computeCores, DEFAULT_ARCH, loadArch } from '../arch/index.ts';
import type { ArchPreset, Coord, GridSize } from '../arch/types.ts';
import { CircularBuffer } from '../core/circular-buffer.ts';
import { L1_ALLOC_BASE, SEMAPHORE_BASE, SEMAPHORE_STRIDE } from '../core/mmio.ts';
import { TensixCore, type CoreHart, type Processor } from '../core/tensix-core.ts';
import { Dram, type DramBuffer } from '../dram/dram.ts';
import { applyAccess, isPrivateAccess } from '../engine/commands.ts';
import { pollCycles } from '../engine/waits.ts';
import type { Fabric } from '../engine/fabric.ts';
import { Engine } from '../engine/engine.ts';
import { TileMap } from '../engine/tiles.ts';
import { Network, type LinkStats } from '../noc/network.ts';
import { NocScheduler } from '../noc/scheduler.ts';
import { writeCostTable } from '../riscv/costs.ts';
import { WasmTileFunctions } from '../compute/tile-functions.ts';
import type { TraceRecorder } from '../trace/recorder.ts';
import { DeviceTrace } from '../trace/device-trace.ts';
import type { NocTraceLog } from '../trace/noc-trace.ts';
import { RiscvWasm } from '../riscv/wasm.ts';
import { badInput, within } from '../errors.ts';
import { formatBytes } from '../io/bytes.ts';
import { checkWasmMemory } from '../memory-budget.ts';
import { L1Buffers, type L1Buffer } from './l1-buffers.ts';
import { coreKey, coresOf, type CoreSpec, type Program } from './program.ts';
import { DEFAULT_MAX_CYCLES } from '../run-limits.ts';

export type Mode = 'functional' | 'timing';

export interface DeviceOptions {
  arch?: string | ArchPreset;
  grid?: GridSize;
  mode?: Mode;
  maxCycles?: number;
  print?: (line: string) => void; // kernel debug prints, tagged with core and hart
  trace?: TraceRecorder; // records spans and traffic for trace.json
  nocTrace?: NocTraceLog; // records NoC commands for --export-noc-trace
  onProgress?: (cycle: number) => void; // called now and then during a run, for a progress line
}

export interface HartStats {
  name: string; // for display: 'core (1,0) [noc 2,1] ncrisc'
  core: Coord; // logical column, row in the compute grid
  noc: Coord; // NoC0 coordinates of the core
  processor: Processor;
  kernel: string; // the ELF it ran
  instructions: number;
  endCycle: number;
}

export interface TileEngineStats {
  core: string; // for display, as HartStats.name
  logical: Coord;
  noc: Coord;
  tiles: number; // math operations
  unpackBusyCycles: number;
  mathBusyCycles: number;
  packBusyCycles: number;
}

export interface RunResult {
  startCycle: number;
  endCycle: number;
  cycles: number;
  harts: HartStats[];
  tileEngines: TileEngineStats[]; // cores that ran a compute kernel
  links: LinkStats[][]; // per NoC
  dram: { bank: number; bytesRead: number; bytesWritten: number; busyCycles: number }[];
}

export { DEFAULT_MAX_CYCLES };
// Simulator memory a device takes besides its cores: cost table, tile scratch, hart blocks.
const DEVICE_FIXED_BYTES = 4 << 20;

// Refuses, naming `where` (an option or a file and field), a grid that does not fit the preset
// or whose cores would not fit in the simulator's memory.
export function checkDeviceGrid(preset: ArchPreset, grid: GridSize, where: string): void {
  checkGrid(preset, grid, where);
  const cores = grid.rows * grid.cols;
  const perCore = TensixCore.memoryBytes(preset);
  checkWasmMemory(cores * perCore + DEVICE_FIXED_BYTES, `${where}: a ${grid.rows}x${grid.cols} grid of ${preset.name} (${cores} cores × ${formatBytes(perCore)})`, 'use a smaller grid');
}

export class Device {
  readonly preset: ArchPreset;
  readonly grid: GridSize;
  readonly mode: Mode;
  readonly cores: TensixCore[]; // row-major over the compute grid
  readonly dram: Dram;
  readonly nocs: Network[];
  private readonly nocScheduler = new NocScheduler(); // both NoCs' events, in one time order
  readonly tiles: TileMap;
  readonly l1: L1Buffers;
  private readonly wasm = new RiscvWasm();
  private readonly recording: DeviceTrace | undefined; // what records this device's runs, if anything
  private clock = 0;

  constructor(private readonly options: DeviceOptions = {}) {
    this.preset = typeof options.arch === 'object' ? options.arch : loadArch(options.arch ?? DEFAULT_ARCH);
    this.grid = options.grid ?? this.preset.computeGrids[0];
    checkDeviceGrid(this.preset, this.grid, 'compute grid');
    this.mode = options.mode ?? 'functional';
    const costBase = writeCostTable(this.wasm, this.preset.riscv);
    const tileFunctions = this.mode === 'functional' ? new WasmTileFunctions(this.wasm) : undefined;
    this.cores = computeCores(this.preset, this.grid).map(
      (xy, i) => new TensixCore(this.wasm, this.preset, xy, { x: i % this.grid.cols, y: Math.floor(i / this.grid.cols) }, costBase, tileFunctions),
    );
    this.dram = new Dram(this.preset);
    const { grid, noc } = this.preset;
    this.nocs = ([0, 1] as const).map((id) => new Network(id, { width: grid.width, height: grid.height, ...noc }, this.nocScheduler));
    // A DRAM tile's NIU runs at link speed: the bank behind it is the bottleneck (sim/dram).
    const linkRate = { injectionBytesPerCycle: noc.linkBytesPerCycle, absorptionBytesPerCycle: noc.linkBytesPerCycle };
    for (const ch of this.preset.dram.channels) for (const xy of ch.endpoints) for (const n of this.nocs) n.setPortRates(xy, linkRate);
    // A multicast is absorbed by the active cores of its rectangle; rows and columns of other tiles pass it on.
    for (const n of this.nocs) n.setMulticastReceivers(this.cores.map((c) => c.xy));
    this.tiles = new TileMap(this.preset, this.cores);
    this.l1 = new L1Buffers(this.preset.l1Bytes, (c) => this.core(c).name);
    if (options.trace || options.nocTrace) {
      this.recording = new DeviceTrace(options.trace, options.nocTrace, this.nocs);
      this.recording.attach(this.cores, this.dram);
    }
  }

  // The recorder of this device's runs, if it records them.
  get trace(): TraceRecorder | undefined {
    return this.options.trace;
  }

  // The cycle at which the next program starts: programs run one after another.
  get now(): number {
    return this.clock;
  }

  // The core at logical (column, row) of the compute grid; `origin` says where a bad one came from.
  core(c: Coord, origin?: string): TensixCore {
    if (!(c.x >= 0 && c.x < this.grid.cols && c.y >= 0 && c.y < this.grid.rows)) {
      const { rows, cols } = this.grid;
      throw badInput(
        `${origin ? `${origin}: ` : ''}core (${c.x},${c.y}) (column ${c.x}, row ${c.y}) is outside the ${rows}x${cols} compute grid ` +
          `(rows x columns): expected a column from 0 to ${cols - 1} and a row from 0 to ${rows - 1}`,
      );
    }
    return this.cores[c.y * this.grid.cols + c.x];
  }

  // NoC0 coordinates of a logical core (tt-metal: worker_core_from_logical_core).
  workerCore(c: Coord, origin?: string): Coord {
    return this.core(c, origin).xy;
  }

  // tt-metal: detail::WriteToDeviceL1 / ReadFromDeviceL1.
  writeL1(c: Coord, addr: number, data: Uint8Array): void {
    const core = this.core(c);
    if (addr + data.length > core.l1Bytes) throw badInput(`writing ${data.length} bytes at 0x${addr.toString(16)} runs past the L1 of ${core.name}`);
    core.writeL1(addr, data);
  }

  readL1(c: Coord, addr: number, bytes: number): Uint8Array {
    return this.core(c).l1().slice(addr, addr + bytes);
  }

  // An interleaved DRAM buffer, or with pagesPerBank one sharded over the banks (sim/dram/dram.ts).
  createBuffer(bytes: number, pageBytes: number, pagesPerBank?: number): DramBuffer {
    return this.dram.allocate(bytes, pageBytes, pagesPerBank);
  }

  writeBuffer(buffer: DramBuffer, data: Uint8Array): void {
    if (data.length > buffer.bytes) throw badInput(`writing ${data.length} bytes into a DRAM buffer of ${buffer.bytes}`);
    this.dram.writeBuffer(buffer, data);
  }

  readBuffer(buffer: DramBuffer): Uint8Array {
    return this.dram.readBuffer(buffer);
  }

  freeBuffer(buffer: DramBuffer): void {
    this.dram.free(buffer);
  }

  // An L1 buffer of bytesPerCore on each of the cores, at the same address on each (tt-metal:
  // CreateBuffer with BufferType::L1); it lives across programs until freeL1.
  allocateL1(cores: CoreSpec, bytesPerCore: number, label: string): L1Buffer {
    const list = coresOf(cores);
    for (const c of list) this.core(c); // every core must be in the compute grid
    return this.l1.allocate(list, bytesPerCore, label);
  }

  freeL1(buffer: L1Buffer): void {
    this.l1.free(buffer);
  }
  run(program: Program): RunResult {
    const start = this.clock;
    for (const core of this.cores) {
      core.cbs.fill(undefined);
      for (const h of core.harts) Object.assign(h, { loaded: false, done: false, wait: undefined, pendingStop: -1, runtimeArgs: [], commonArgs: [], zones: [] });
    }
    const harts = this.load(program, start);
    const before = this.counters();
    const engine: Engine = new Engine(
      { maxCycles: start + (this.options.maxCycles ?? DEFAULT_MAX_CYCLES), trace: this.recording, onProgress: this.options.onProgress, pollCycles: (w) => pollCycles(w, this.preset.riscv) },
      (h, stop, now) => applyAccess(fabric, h, stop, now),
      this.nocScheduler,
      isPrivateAccess,
    );
    const fabric: Fabric = {
      preset: this.preset,
      functional: this.mode === 'functional',
      nocs: this.nocs,
      dram: this.dram,
      engine,
      tiles: this.tiles,
      trace: this.recording,
      print: (h, text) => (this.options.print ?? ((line) => process.stderr.write(`${line}\n`)))(text ? `[${h.name}] ${text}` : `[${h.name}]`),
    };
    const end = engine.run(harts);
    this.clock = end;
    const after = this.counters();
    return {
      startCycle: start,
      endCycle: end,
      cycles: end - start,
      harts: harts.map((h) => ({
        name: h.name, core: h.core.logical, noc: h.core.xy, processor: h.processor, kernel: h.kernel, instructions: h.hart.instructions, endCycle: h.hart.cycles,
      })),
      tileEngines: harts
        .filter((h) => h.processor === 'trisc')
        .map(({ core: { name, logical, xy, tileEngine: te } }) => ({
          core: name, logical, noc: xy, tiles: te.tiles, unpackBusyCycles: te.busy.unpack, mathBusyCycles: te.busy.math, packBusyCycles: te.busy.pack,
        })),
      // This program's share of the NoC and DRAM counters, which run on across programs.
      links: after.links.map((ls, n) => ls.map((l, i) => {
        const b = before.links[n][i];
        return { ...l, bytes: l.bytes - b.bytes, packets: l.packets - b.packets, busyCycles: l.busyCycles - b.busyCycles };
      })),
      dram: after.dram.map((d, i) => ({
        bank: d.bank,
        bytesRead: d.bytesRead - before.dram[i].bytesRead,
        bytesWritten: d.bytesWritten - before.dram[i].bytesWritten,
        busyCycles: d.busyCycles - before.dram[i].busyCycles,
      })),
    };
  }

  private counters() {
    return {
      links: this.nocs.map((n) => n.links()),
      dram: this.dram.timing.map((t, bank) => ({ bank, bytesRead: t.bytesRead, bytesWritten: t.bytesWritten, busyCycles: t.busyCycles })),
    };
  }

  private load(program: Program, start: number): CoreHart[] {
    const harts: CoreHart[] = [];
    const at = (origin: string | undefined) => (origin ? `${origin}: ` : '');
    for (const k of program.kernels) {
      for (const c of k.cores) {
        const core = this.core(c, k.origin);
        const other = core.hart(k.processor).loaded && program.kernels.find((o) => o !== k && o.processor === k.processor && o.cores.some((oc) => oc.x === c.x && oc.y === c.y));
        if (other) throw badInput(`${at(k.origin)}two kernels for the ${k.processor} of ${core.name}${other.origin ? ` (the other: ${other.origin})` : ''}`);
        const h = core.loadKernel(k.processor, k.image, start);
        h.noc = k.noc;
        if (k.processor === 'trisc') core.tileEngine.reset(k.compute, start);
        h.runtimeArgs = k.runtimeArgs.get(coreKey(c)) ?? [];
        h.commonArgs = k.commonArgs;
        harts.push(h);
      }
    }
    const used = new Map<TensixCore, number>();
    for (const spec of program.circularBuffers) {
      for (const c of spec.cores) {
        const core = this.core(c, spec.origin);
        if (core.cbs[spec.index]) throw badInput(`${at(spec.origin)}circular buffer ${spec.index} is configured twice on ${core.name}`);
        const config = { index: spec.index, pageBytes: spec.pageBytes, pages: spec.pages, format: spec.format };
        core.cbs[spec.index] = within(spec.origin, () => (spec.buffer ? this.placedOn(spec.buffer, core, config) : this.placed(core, config, used)));
      }
    }
    program.semaphores.forEach((s, id) => {
      for (const c of s.cores) this.core(c, s.origin).setL1Word(SEMAPHORE_BASE + id * SEMAPHORE_STRIDE, s.initial);
    });
    return harts;
  }

  // A CB the program places: from the bottom of the allocatable L1 up, below every L1 buffer.
  private placed(core: TensixCore, config: CircularBuffer['config'], used: Map<TensixCore, number>): CircularBuffer {
    const base = used.get(core) ?? L1_ALLOC_BASE;
    const cb = new CircularBuffer(config, base);
    const end = base + cb.bytes;
    const lowest = this.l1.lowestOn(core.logical);
    const limit = lowest?.address ?? core.l1Bytes;
    if (end > limit) {
      throw badInput(
        `circular buffers on ${core.name} do not fit in L1: cb ${config.index} (${config.pages} × ${config.pageBytes} bytes) ends at ${end}, ` +
          (lowest
            ? `past the L1 buffer of ${lowest.label} at ${lowest.address} (allocation starts at ${L1_ALLOC_BASE})`
            : `past the ${core.l1Bytes} bytes of L1 (allocation starts at ${L1_ALLOC_BASE})`),
      );
    }
    used.set(core, end);
    return cb;
  }

  // A globally allocated CB: its pages are an L1 buffer the host filled.
  private placedOn(buffer: L1Buffer, core: TensixCore, config: CircularBuffer['config']): CircularBuffer {
    const where = `circular buffer ${config.index} on ${core.name}`;
    if (!this.l1.isLive(buffer)) throw badInput(`${where} is placed on the L1 buffer of ${buffer.label}, which has been freed`);
    if (!buffer.cores.some((c) => c.x === core.logical.x && c.y === core.logical.y)) throw badInput(`${where} is placed on the L1 buffer of ${buffer.label}, which this core does not hold`);
    const cb = new CircularBuffer(config, buffer.address);
    if (cb.bytes > buffer.bytesPerCore) throw badInput(`${where}: ${config.pages} × ${config.pageBytes} bytes do not fit the ${buffer.bytesPerCore} bytes per core of the L1 buffer of ${buffer.label}`);
    return cb;
  }
}
