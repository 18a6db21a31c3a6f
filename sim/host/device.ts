// A simulated device, as in tt-metal's host API: created from a preset and a compute grid,
// holding DRAM buffers across programs; run(program) loads kernels, circular buffers,
// semaphores and runtime args onto the cores and runs them to completion.
import { computeCores, DEFAULT_ARCH, loadArch } from '../arch/index.ts';
import type { ArchPreset, Coord, GridSize } from '../arch/types.ts';
import { CircularBuffer } from '../core/circular-buffer.ts';
import { L1_ALLOC_BASE, SEMAPHORE_BASE, SEMAPHORE_STRIDE } from '../core/mmio.ts';
import { TensixCore, type CoreHart } from '../core/tensix-core.ts';
import { Dram, type DramBuffer } from '../dram/dram.ts';
import { applyAccess } from '../engine/commands.ts';
import type { Fabric } from '../engine/fabric.ts';
import { Engine } from '../engine/engine.ts';
import { TileMap } from '../engine/tiles.ts';
import { Network, type LinkStats } from '../noc/network.ts';
import { NocScheduler } from '../noc/scheduler.ts';
import { writeCostTable } from '../riscv/costs.ts';
import { WasmTileFunctions } from '../compute/tile-functions.ts';
import type { TraceRecorder } from '../trace/recorder.ts';
import { RiscvWasm } from '../riscv/wasm.ts';
import { badInput } from '../errors.ts';
import { coreKey, type Program } from './program.ts';

export type Mode = 'functional' | 'timing';

export interface DeviceOptions {
  arch?: string | ArchPreset;
  grid?: GridSize;
  mode?: Mode;
  maxCycles?: number;
  print?: (line: string) => void; // kernel debug prints, tagged with core and hart
  trace?: TraceRecorder; // records spans and traffic for trace.json
}

export interface HartStats {
  name: string;
  instructions: number;
  endCycle: number;
}

export interface TileEngineStats {
  core: string;
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

export const DEFAULT_MAX_CYCLES = 1e9;

export class Device {
  readonly preset: ArchPreset;
  readonly grid: GridSize;
  readonly mode: Mode;
  readonly cores: TensixCore[]; // row-major over the compute grid
  readonly dram: Dram;
  readonly nocs: Network[];
  private readonly nocScheduler = new NocScheduler(); // both NoCs' events, in one time order
  readonly tiles: TileMap;
  private readonly wasm = new RiscvWasm();
  private clock = 0;

  constructor(private readonly options: DeviceOptions = {}) {
    this.preset = typeof options.arch === 'object' ? options.arch : loadArch(options.arch ?? DEFAULT_ARCH);
    this.grid = options.grid ?? this.preset.computeGrids[0];
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
    if (options.trace) this.record(options.trace);
  }

  // Hooks the recorder into the NoCs, the DRAM banks and the tile engines.
  private record(trace: TraceRecorder): void {
    for (const net of this.nocs) {
      const names = net.links().map((l) => `NoC${net.id} link (${l.from.x},${l.from.y})→(${l.to.x},${l.to.y})`);
      net.observe((kind, index, start, end, payload) => {
        if (kind === 'link') trace.traffic('NoC links', names[index], start, end, payload);
      });
    }
    this.dram.timing.forEach((bank, i) => {
      bank.observe = (start, end, bytes) => trace.traffic('DRAM banks', `DRAM bank ${i}`, start, end, bytes);
    });
    for (const core of this.cores) {
      core.tileEngine.observe = (stage, name, start, end) => trace.span(core.name, `${core.name} ${stage}`, name, start, end);
    }
  }

  // The core at logical (column, row) of the compute grid.
  core(c: Coord): TensixCore {
    if (!(c.x >= 0 && c.x < this.grid.cols && c.y >= 0 && c.y < this.grid.rows)) {
      throw badInput(`core (${c.x},${c.y}) is outside the ${this.grid.cols}×${this.grid.rows} compute grid`);
    }
    return this.cores[c.y * this.grid.cols + c.x];
  }

  // NoC0 coordinates of a logical core (tt-metal: worker_core_from_logical_core).
  workerCore(c: Coord): Coord {
    return this.core(c).xy;
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

  createBuffer(bytes: number, pageBytes: number): DramBuffer {
    return this.dram.allocate(bytes, pageBytes);
  }

  writeBuffer(buffer: DramBuffer, data: Uint8Array): void {
    if (data.length > buffer.bytes) throw badInput(`writing ${data.length} bytes into a DRAM buffer of ${buffer.bytes}`);
    this.dram.writeBuffer(buffer, data);
  }

  readBuffer(buffer: DramBuffer): Uint8Array {
    return this.dram.readBuffer(buffer);
  }

  run(program: Program): RunResult {
    const start = this.clock;
    for (const core of this.cores) {
      core.cbs.fill(undefined);
      for (const h of core.harts) Object.assign(h, { loaded: false, done: false, wait: undefined, pendingStop: -1, runtimeArgs: [] });
    }
    const harts = this.load(program, start);
    const engine: Engine = new Engine(
      { maxCycles: start + (this.options.maxCycles ?? DEFAULT_MAX_CYCLES), trace: this.options.trace },
      (h, stop, now) => applyAccess(fabric, h, stop, now),
      [this.nocScheduler],
    );
    const fabric: Fabric = {
      preset: this.preset,
      functional: this.mode === 'functional',
      nocs: this.nocs,
      dram: this.dram,
      engine,
      tiles: this.tiles,
      print: (h, text) => (this.options.print ?? ((line) => process.stderr.write(`${line}\n`)))(`[${h.name}] ${text}`),
    };
    const end = engine.run(harts);
    this.clock = end;
    return {
      startCycle: start,
      endCycle: end,
      cycles: end - start,
      harts: harts.map((h) => ({ name: h.name, instructions: h.hart.instructions, endCycle: h.hart.cycles })),
      tileEngines: harts
        .filter((h) => h.processor === 'trisc')
        .map(({ core: { name, tileEngine: te } }) => ({ core: name, tiles: te.tiles, unpackBusyCycles: te.busy.unpack, mathBusyCycles: te.busy.math, packBusyCycles: te.busy.pack })),
      links: this.nocs.map((n) => n.links()),
      dram: this.dram.timing.map((t, bank) => ({ bank, bytesRead: t.bytesRead, bytesWritten: t.bytesWritten, busyCycles: t.busyCycles })),
    };
  }

  private load(program: Program, start: number): CoreHart[] {
    const harts: CoreHart[] = [];
    for (const k of program.kernels) {
      for (const c of k.cores) {
        const core = this.core(c);
        if (core.hart(k.processor).loaded) throw badInput(`two kernels for the ${k.processor} of ${core.name}`);
        const h = core.loadKernel(k.processor, k.image, start);
        h.noc = k.noc;
        if (k.processor === 'trisc') core.tileEngine.reset(k.compute, start);
        h.runtimeArgs = k.runtimeArgs.get(coreKey(c)) ?? [];
        harts.push(h);
      }
    }
    const used = new Map<TensixCore, number>();
    for (const spec of program.circularBuffers) {
      for (const c of spec.cores) {
        const core = this.core(c);
        if (core.cbs[spec.index]) throw badInput(`circular buffer ${spec.index} is configured twice on ${core.name}`);
        const base = used.get(core) ?? L1_ALLOC_BASE;
        const cb = new CircularBuffer({ index: spec.index, pageBytes: spec.pageBytes, pages: spec.pages, format: spec.format }, base);
        if (base + cb.bytes > core.l1Bytes) {
          throw badInput(
            `circular buffers on ${core.name} do not fit in L1: cb ${spec.index} (${spec.pages} × ${spec.pageBytes} bytes) ends at ${base + cb.bytes}, ` +
              `past the ${core.l1Bytes} bytes of L1 (allocation starts at ${L1_ALLOC_BASE})`,
          );
        }
        core.cbs[spec.index] = cb;
        used.set(core, base + cb.bytes);
      }
    }
    program.semaphores.forEach((s, id) => {
      for (const c of s.cores) this.core(c).setL1Word(SEMAPHORE_BASE + id * SEMAPHORE_STRIDE, s.initial);
    });
    return harts;
  }
}
