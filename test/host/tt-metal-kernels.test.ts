// Kernels written as for tt-metal: C++ sources with compile-time args and defines, run under
// `meshsim program`; the semantics meshsim shares with tt-metal; and bad build inputs, each one
// line with exit 3.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode } from '../../sim/errors.ts';
import { meshsim } from '../support/cli.ts';
import { missing } from '../support/tools.ts';

const dir = mkdtempSync(join(tmpdir(), 'meshsim-ttmetal-'));
function program(name: string, sources: Record<string, string>, spec: object) {
  for (const [file, text] of Object.entries(sources)) writeFileSync(join(dir, file), text);
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify({ grid: '1x1', ...spec }));
  return meshsim(['program', path]);
}
const cb = (index: number, pages = 2) => ({ cores: '0,0', index, pageBytes: 2048, pages, format: 'bf16' });
const printed = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('[')).map((l) => l.replace(/^\[core .*?\] (brisc|ncrisc|trisc)\] ?/, ''));

describe.skipIf(missing('gcc', 'compiling C++ kernels'))('tt-metal kernels', () => {
  it('a C++ kernel sees its compile-time args, named args, defines, common args and logical coordinates', () => {
    const r = program('args', {
      'args.cpp': `#include <cstdint>
#include <cstring>
#include "api/dataflow/dataflow_api.h"
#include "debug/dprint.h"
constexpr uint32_t tiles = get_compile_time_arg_val(1);
uint32_t table[tiles];  // sized by a compile-time arg
void kernel_main() {
    constexpr uint32_t stride = get_named_compile_time_arg_val("stride");
    memset(table, 0, sizeof(table));
    for (uint32_t i = 0; i < tiles; i++) table[i] = i * stride;
    DPRINT << "first " << get_compile_time_arg_val(0) << " last " << table[tiles - 1] << " scale " << SCALE << ENDL();
    DPRINT << "common " << get_common_arg_val<uint32_t>(0) << " arg " << get_arg_val<int32_t>(0) << " at " << get_absolute_logical_x() << "," << get_absolute_logical_y() << ENDL();
    DPRINT << "cb " << get_tile_size(tt::CBIndex::c_16) << " " << (uint32_t)get_dataformat(tt::CBIndex::c_16) << " " << get_local_cb_interface(tt::CBIndex::c_16).fifo_num_pages << ENDL();
}
`,
    }, {
      grid: '2x2',
      circularBuffers: [{ ...cb(16, 3), cores: '1,1', format: 'fp32', pageBytes: 4096 }],
      kernels: [{ source: 'args.cpp', processor: 'brisc', cores: '1,1', compileArgs: [7, 5], namedCompileArgs: { stride: 3 }, defines: { SCALE: 0.5 }, commonArgs: [42], args: [0xffffffff] }],
    });
    expect(r.code, r.stderr).toBe(0);
    expect(printed(r.stderr)).toEqual(['first 7 last 12 scale 0.5', 'common 42 arg -1 at 1,1', 'cb 4096 0 3']);
  });

  it('noc_async_read_barrier is a compiler barrier: an L1 load after it sees the data read', () => {
    // gcc -O2 reuses the first load of *p unless the barrier clobbers memory (toolchain.md §7).
    const r = program('barrier', {
      'barrier.c': `#include "dataflow_api.h"
void kernel_main(void) {
  volatile uint32_t *src = (volatile uint32_t *)get_write_ptr(0);
  uint32_t *p = (uint32_t *)get_write_ptr(1);
  *src = 1234;
  uint32_t before = *p;
  noc_async_read(get_noc_addr(my_x(), my_y(), (uint32_t)(uintptr_t)src), (uint32_t)(uintptr_t)p, 16);
  noc_async_read_barrier();
  dprint_u32("before", before);
  dprint_u32("after", *p);
}
`,
    }, { circularBuffers: [cb(0), cb(1)], kernels: [{ source: 'barrier.c', processor: 'ncrisc', cores: '0,0' }] });
    expect(r.code, r.stderr).toBe(0);
    expect(printed(r.stderr)).toEqual(['before 0', 'after 1234']);
  });

  it('zero-page CB calls are no-ops, pack_tile needs no cb_reserve_back and advances by itself, dprint("") prints an empty line', () => {
    const r = program('semantics', {
      'zero.cpp': `#include <cstdint>
void kernel_main() {
    cb_reserve_back(tt::CBIndex::c_0, 0);
    cb_push_back(tt::CBIndex::c_0, 0);
    cb_wait_front(tt::CBIndex::c_16, 2);
    dprint("");
    DPRINT << "out " << HEX() << *reinterpret_cast<volatile uint32_t*>(get_read_ptr(tt::CBIndex::c_16) + 2048) << ENDL();
}
`,
      'pack.cpp': `#include <cstdint>
#include "compute_kernel_api/eltwise_binary_sfpu.h"
#include "compute_kernel_api/eltwise_unary/binop_with_scalar.h"
void kernel_main() {
    init_sfpu(tt::CBIndex::c_16, tt::CBIndex::c_16);
    tile_regs_acquire();
    add_unary_tile(0, 0x3f800000);       // Dst 0 = 0 + 1
    add_unary_tile(1, 0x40000000);       // Dst 1 = 0 + 2
    add_binary_tile_init();
    add_binary_tile(0, 1, 2);            // Dst 2 = 3
    mul_binary_tile(2, 1);               // Dst 2 = 6
    tile_regs_commit();
    tile_regs_wait();
    pack_tile(0, tt::CBIndex::c_16);     // no cb_reserve_back: tile 0 of the free space
    pack_tile(2, tt::CBIndex::c_16);     // the next tile
    tile_regs_release();
    cb_push_back(tt::CBIndex::c_16, 2);
}
`,
    }, {
      circularBuffers: [cb(0), cb(16)],
      kernels: [{ source: 'zero.cpp', processor: 'ncrisc', cores: '0,0' }, { source: 'pack.cpp', processor: 'trisc', cores: '0,0' }],
    });
    expect(r.code, r.stderr).toBe(0);
    expect(printed(r.stderr)).toEqual(['', 'out 0x40c040c0']); // two bf16 6.0 values
  });

  it("the names tt-metal's programming examples use: newer inits, DEVICE_PRINT, typed DPRINT, TSLICE, kernel_compile_time_args, tt::constants", () => {
    const r = program('examples-names', {
      'fill.cpp': `#include <cstdint>
#include "tt-metalium/constants.hpp"
#include "api/debug/device_print.h"
void fill(uint32_t cb, uint32_t bits) {
    cb_reserve_back(cb, 1);
    volatile tt_l1_ptr uint16_t* p = reinterpret_cast<volatile tt_l1_ptr uint16_t*>(get_write_ptr(cb));
    for (uint32_t i = 0; i < tt::constants::TILE_HW; i++) p[i] = bits;
    cb_push_back(cb, 1);
}
void kernel_main() {
    fill(tt::CBIndex::c_0, kernel_compile_time_args[0]);  // bf16 2.0
    fill(tt::CBIndex::c_1, kernel_compile_time_args[1]);  // bf16 3.0
    DEVICE_PRINT("args {} {:#x} tile {}\\n", KERNEL_COMPILE_TIME_ARG_COUNT, kernel_compile_time_args[1], tt::constants::TILE_HW);
    DPRINT << "u32 " << U32(-1) << " f32 " << F32(1.5) << " i8 " << I8(0xff) << ENDL();
}
`,
      'ops.cpp': `#include <cstdint>
#include "api/compute/compute_kernel_hw_startup.h"
#include "api/compute/eltwise_binary.h"
#include "api/compute/tile_move_copy.h"
#include "api/compute/matmul.h"
#include "api/debug/dprint_tile.h"
constexpr uint32_t a = tt::CBIndex::c_0, b = tt::CBIndex::c_1, out = tt::CBIndex::c_16;
void kernel_main() {
    compute_kernel_hw_startup(a, b, out);
    cb_wait_front(a, 1);
    cb_wait_front(b, 1);
    cb_reserve_back(out, 3);
    add_init(a, b);
    tile_regs_acquire();
    add_tiles(a, b, 0, 0, 0);            // 2 + 3
    tile_regs_commit();
    tile_regs_wait();
    pack_tile(0, out);
    DPRINT_PACK(DPRINT << "packed " << TSLICE(out, 0, SliceRange::hw0_32_16()) << ENDL());
    tile_regs_release();
    copy_init(a);
    tile_regs_acquire();
    copy_tile(a, 0, 0);                  // 2
    tile_regs_commit();
    tile_regs_wait();
    pack_tile(0, out);
    tile_regs_release();
    matmul_init(a, b);
    tile_regs_acquire();
    matmul_tile(a, b, 0, 0, 0, false);   // 32 * 2 * 3
    tile_regs_commit();
    tile_regs_wait();
    pack_tile(0, out);
    tile_regs_release();
    cb_push_back(out, 3);
    cb_pop_front(a, 1);
    cb_pop_front(b, 1);
}
`,
      'show.cpp': `#include <cstdint>
#include "api/debug/dprint_tile.h"
void kernel_main() {
    cb_wait_front(tt::CBIndex::c_16, 3);
    for (uint32_t t = 0; t < 3; t++) DPRINT << "tile " << t << ": " << TSLICE(tt::CBIndex::c_16, t, SliceRange::hw0_32_16(), TSLICE_RD_PTR) << ENDL();
    DPRINT << "column " << TSLICE(tt::CBIndex::c_16, 2, SliceRange{0, 32, 8, 31, 32, 1}, TSLICE_RD_PTR) << ENDL();
    cb_pop_front(tt::CBIndex::c_16, 3);
}
`,
    }, {
      circularBuffers: [cb(0), cb(1), cb(16, 3)],
      kernels: [
        { source: 'fill.cpp', processor: 'brisc', cores: '0,0', compileArgs: [0x4000, 0x4040] },
        { source: 'ops.cpp', processor: 'trisc', cores: '0,0' },
        { source: 'show.cpp', processor: 'ncrisc', cores: '0,0' },
      ],
    });
    expect(r.code, r.stderr).toBe(0);
    const by = (hart: string) => printed(r.stderr.split('\n').filter((l) => l.includes(`${hart}]`)).join('\n'));
    expect(by('brisc')).toEqual(['args 2 0x4040 tile 1024', 'u32 4294967295 f32 1.5 i8 -1']);
    expect([...by('trisc'), ...by('ncrisc')]).toEqual(['packed 5 5', '5 5', 'tile 0: 5 5', '5 5', 'tile 1: 2 2', '2 2', 'tile 2: 192 192', '192 192', 'column 192', '192', '192', '192']);
  });

  const bad: [string, string, object, RegExp][] = [
    ['a kernel that does not compile', 'void kernel_main() { undeclared(); }\n', {}, /^meshsim: .*bad0\.json: kernels\[0\]\.source: compiling .*bad0\.cpp for brisc failed \(riscv64-unknown-elf-g\+\+\): .*bad0\.cpp:1: 'undeclared' was not declared in this scope$/],
    ['a compile-time arg index past those given', 'void kernel_main() { DPRINT << get_compile_time_arg_val(2) << ENDL(); }\n', { compileArgs: [1, 2] }, /bad1\.cpp:1: static assertion failed: get_compile_time_arg_val: index past the compile-time args given/],
    ['a named arg that was not given', 'void kernel_main() { constexpr uint32_t n = get_named_compile_time_arg_val("tiles"); DPRINT << n << ENDL(); }\n', { namedCompileArgs: { pages: 1 } }, /bad2\.cpp:1: named compile-time arg "tiles" was not given \(namedCompileArgs: pages\)$/],
    ['a TensorAccessor over a sharded tensor', 'void kernel_main() { constexpr auto args = TensorAccessorArgs<0>(); const auto s = TensorAccessor(args, 0, 2048); (void)s; }\n', { compileArgs: [1] }, /bad3\.cpp:1: static assertion failed: TensorAccessor over a sharded tensor is not supported/],
  ];
  bad.forEach(([name, text, inputs, message], i) => {
    it(`${name} is one line with exit 3`, () => {
      const r = program(`bad${i}`, { [`bad${i}.cpp`]: text }, { kernels: [{ source: `bad${i}.cpp`, processor: 'brisc', cores: '0,0', ...inputs }] });
      expect(r.code).toBe(ExitCode.badInput);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(message);
    });
  });
});
