// The hart address map of a Tensix core and its MMIO command interface — the one place it is
// documented. kernels/include/meshsim/mmio.h mirrors these numbers for C kernels;
// test/core/mmio.test.ts checks that the two agree.
//
//   0x0000_0000 .. l1Bytes      L1, shared by the core's harts (kernel code, CBs, semaphores)
//   0xFFB0_0000 .. +localRam    the hart's private data RAM (command block, stack)
//   0xFFB2_0000 .. 0xFFB3_0000  MMIO: loads read core registers, a store to CMD issues a command
//
// A command is issued by writing its arguments into the command block in private RAM (plain
// stores, like filling NIU registers) and then its code into CMD (one MMIO store, which hands
// the hart to the engine). Values a kernel reads (its args, CB pointers) are MMIO loads.

import type { DataFormat } from '../compute/formats.ts';

export const PRIVATE_RAM_BASE = 0xffb0_0000;
export const CMD_ARGS = PRIVATE_RAM_BASE + 0x000; // up to 16 argument words (the command block)
export const CMD_BLOCK_BYTES = 0x40; // the stack starts above this and grows down from the top

export const MMIO_BASE = 0xffb2_0000;
export const MMIO_END = 0xffb3_0000;
export const MMIO_CMD = MMIO_BASE + 0x000; // store: command code
export const MMIO_MY_XY = MMIO_BASE + 0x004; // load: this core's NoC0 (y << 8) | x
export const MMIO_NUM_DRAM_BANKS = MMIO_BASE + 0x008; // load
export const MMIO_CYCLE = MMIO_BASE + 0x00c; // load: the hart's clock, low 32 bits
export const MMIO_NOC_INDEX = MMIO_BASE + 0x010; // load: the NoC this kernel was configured for
export const MMIO_LOGICAL_XY = MMIO_BASE + 0x014; // load: this core's logical (row << 8) | column
export const MMIO_RUNTIME_ARG = MMIO_BASE + 0x100; // load + 4*i: runtime argument i (i < 64)
export const MMIO_CB_WRITE_PTR = MMIO_BASE + 0x200; // load + 4*cb: L1 address of the CB's back
export const MMIO_CB_READ_PTR = MMIO_BASE + 0x280; // load + 4*cb: L1 address of the CB's front
export const MMIO_DRAM_BANK_XY = MMIO_BASE + 0x300; // load + 4*bank: NoC0 (y << 8) | x of the bank
export const MMIO_CB_PAGE_SIZE = MMIO_BASE + 0x380; // load + 4*cb: the CB's page size in bytes
export const MMIO_CB_NUM_PAGES = MMIO_BASE + 0x400; // load + 4*cb: the CB's number of pages
export const MMIO_CB_DATA_FORMAT = MMIO_BASE + 0x480; // load + 4*cb: the CB's format, as tt-metal's tt::DataFormat
export const MMIO_COMMON_ARG = MMIO_BASE + 0x500; // load + 4*i: common runtime argument i (i < 64), the same on every core
export const MAX_RUNTIME_ARGS = 64;
export const NUM_CBS = 32;
export const MAX_DRAM_BANKS = 32;

// L1 layout: kernel images per processor at fixed bases (each kernel is linked for its base),
// then semaphores, then space the host allocates for circular buffers and L1 buffers.
export const KERNEL_BASE = { brisc: 0x0000_4000, ncrisc: 0x0000_8000, trisc: 0x0000_c000 } as const;
export const KERNEL_MAX_BYTES = 0x4000;
export const CODE_BYTES = 0x0001_0000; // instructions are fetched only below this
export { DRAM_PAGE_ALIGNMENT } from '../dram/dram.ts'; // kernels step through a bank's pages by it
export const SEMAPHORE_BASE = 0x0001_0000;
export const SEMAPHORE_STRIDE = 16;
export const MAX_SEMAPHORES = 16;
export const L1_ALLOC_BASE = 0x0001_1000;

// NoC addresses as the kernels build them: high word (y << 8) | x of a tile, low word the address
// in that tile. A multicast address carries the rectangle: x0 | y0 << 8 | x1 << 16 | y1 << 24.

export const Cmd = {
  NOC_READ: 1, // src xy, src addr, dst L1 addr, size, noc
  NOC_WRITE: 2, // src L1 addr, dst xy, dst addr, size, noc
  NOC_WRITE_MULTICAST: 3, // src L1 addr, rect, dst addr, size, noc, num_dests
  NOC_READ_BARRIER: 4, // noc
  NOC_WRITE_BARRIER: 5, // noc
  NOC_SEMAPHORE_INC: 6, // dst xy, dst addr, increment, noc
  SEMAPHORE_WAIT: 7, // L1 addr, value: until the word equals value
  SEMAPHORE_SET: 8, // L1 addr, value
  SEMAPHORE_WAIT_MIN: 9, // L1 addr, value: until the word is at least value
  CB_RESERVE_BACK: 10, // cb, pages
  CB_PUSH_BACK: 11, // cb, pages
  CB_WAIT_FRONT: 12, // cb, pages
  CB_POP_FRONT: 13, // cb, pages
  DPRINT: 14, // address, length: a debug line tagged with core and hart
  // The compute hart's tile engine (sim/compute/tile-engine.ts).
  COMPUTE_INIT: 20, // what (ComputeInit), cb a, cb b, cb out, op, dim; a matmul init: transpose, ct_dim, then rt_dim, kt_dim
  MATMUL_TILES: 21, // in0 cb, in1 cb, in0 tile, in1 tile, dst, transpose
  BINARY_TILES: 22, // op (0 add, 1 sub, 2 mul), broadcast (0 none, 1 rows, 2 cols, 3 scalar), cb a, cb b, tile a, tile b, dst
  COPY_TILE: 23, // cb, tile, dst
  REDUCE_TILE: 24, // cb, scaler cb, tile, scaler tile, dst
  TRANSPOSE_WH_TILE: 25, // cb, tile, dst
  SFPU_TILE: 26, // op (SFPU_OPS id), dst, parameter (f32 bits: leaky_relu's slope, the scalar)
  PACK_TILE: 27, // dst, out cb, out tile index from the back
  TILE_REGS_ACQUIRE: 28,
  TILE_REGS_COMMIT: 29,
  TILE_REGS_WAIT: 30,
  TILE_REGS_RELEASE: 31,
  // The tt-metal kernel API (C++ layer).
  SFPU_BINARY_TILE: 40, // op (0 add, 1 sub, 2 mul), Dst a, Dst b, Dst out: an SFPU op between two Dst tiles
  NOC_ATOMIC_BARRIER: 41, // noc: until this hart's semaphore increments have landed
  // tt-metal's profiler zones (DeviceZoneScopedN): a named slice on the hart's trace track.
  ZONE_BEGIN: 50, // name address, name length
  ZONE_END: 51,
  // matmul_block: rt_dim × ct_dim output tiles into Dst from idst, in0 tile (r, k) at in0 tile + r·kt_dim, in1 tile (k, c) at in1 tile + c.
  MATMUL_BLOCK: 32, // in0 cb, in1 cb, in0 tile, in1 tile, dst, transpose, ct_dim, rt_dim, kt_dim
  // pack_reconfig_l1_acc: while enabled, the packer adds each tile into the one already at its L1 destination.
  PACK_RECONFIG_L1_ACC: 33, // enable (0/1)
  // Codes still free, by the area that adds them (so parallel work does not collide):
  //   34-39 matmul                                42-49 tt-metal kernel API (C++ layer)
  //   52-59 profiling and outputs                 60-79 transformer ops
} as const;

// What a COMPUTE_INIT configures: the unpacker formats, the math operation and the packer format.
export const ComputeInit = {
  MATMUL: 0, // mm_init / mm_block_init(in0, in1, out): transpose in op, ct_dim in dim, rt_dim and kt_dim in args 6, 7
  BINARY_COMMON: 1, // binary_op_init_common(a, b, out)
  BINARY: 2, // add/sub/mul_tiles_init(a, b) and the broadcast inits: op, broadcast in op/dim
  COPY: 3, // copy_tile_init(cb)
  REDUCE: 4, // reduce_init(cb, scaler cb, out): op, dim
  TRANSPOSE: 5, // transpose_wh_init(cb, out)
  SFPU: 6, // <op>_tile_init(): op
  PACK: 7, // pack_reconfig_data_format(out)
} as const;

// SFPU operations of SFPU_TILE and INIT_SFPU, by id; reductions and broadcasts of the FPU ops.
export const SFPU_OPS = ['exp', 'recip', 'sqrt', 'rsqrt', 'gelu', 'sigmoid', 'silu', 'tanh', 'relu', 'square', 'log', 'leaky_relu', 'add_scalar', 'mul_scalar'] as const;
export const BINARY_OPS = ['add', 'sub', 'mul'] as const;
export const BROADCASTS = ['none', 'rows', 'cols', 'scalar'] as const;
export const REDUCE_OPS = ['sum', 'max'] as const;
export const REDUCE_DIMS = ['row', 'col', 'scalar'] as const;

// tt-metal's tt::DataFormat codes of meshsim's formats, as a kernel reads them (get_dataformat).
export const TT_DATA_FORMAT: Readonly<Record<DataFormat, number>> = { fp32: 0, bf16: 5, bfp8_b: 6, bfp4_b: 7 };

export type CmdCode = (typeof Cmd)[keyof typeof Cmd];
export const CMD_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(Cmd).map(([name, code]) => [code, name.toLowerCase()]),
);

export const xyOf = (packed: number) => ({ x: packed & 0xff, y: (packed >>> 8) & 0xff });
export const rectOf = (packed: number) => ({
  x0: packed & 0xff, y0: (packed >>> 8) & 0xff, x1: (packed >>> 16) & 0xff, y1: (packed >>> 24) & 0xff,
});
