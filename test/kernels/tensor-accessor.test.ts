// A TensorAccessor built as tt-metal's kernels build it, TensorAccessorArgs<offset>() from the
// host's "tensor_accessor:NAME" compile-time args and no page size, addresses every page of an
// interleaved buffer: a copy through it over more pages than DRAM banks (Wormhole has 12) matches
// the source page for page. Without the page size, each page would be read at its bank's offset 0.
// An explicit page size still wins, and an accessor over a sharded (L1) buffer is refused.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode } from '../../sim/errors.ts';
import { meshsim } from '../support/cli.ts';
import { missing } from '../support/tools.ts';

const PAGES = 40;

// Reads each page through one accessor (noc_async_read_page) and writes it through the other
// (get_noc_addr), reading the page count from the compile-time arg after both accessors' args.
const KERNEL = `#include <cstdint>
#include "api/dataflow/dataflow_api.h"
#include "api/tensor/tensor_accessor.h"
#include "debug/dprint.h"
void kernel_main() {
    const uint32_t src_addr = get_arg_val<uint32_t>(0);
    const uint32_t dst_addr = get_arg_val<uint32_t>(1);
    constexpr auto src_args = TensorAccessorArgs<0>();
    constexpr auto dst_args = TensorAccessorArgs<src_args.next_compile_time_args_offset()>();
    constexpr uint32_t pages = get_compile_time_arg_val(dst_args.next_compile_time_args_offset());
#ifdef PAGE_BYTES
    const auto src = TensorAccessor(src_args, src_addr, PAGE_BYTES);
    const auto dst = TensorAccessor(dst_args, dst_addr, PAGE_BYTES);
#else
    const auto src = TensorAccessor(src_args, src_addr);
    const auto dst = TensorAccessor(dst_args, dst_addr);
#endif
    const uint32_t l1 = get_write_ptr(tt::CBIndex::c_0);
    for (uint32_t i = 0; i < pages; i++) {
        noc_async_read_page(i, src, l1);
        noc_async_read_barrier();
        noc_async_write(l1, dst.get_noc_addr(i), dst.get_aligned_page_size());
        noc_async_write_barrier();
    }
    DPRINT << "pages " << pages << " of " << src.get_aligned_page_size() << " " << dst_args.get_aligned_page_size() << ENDL();
}
`;

function run(pageBytes: number, defines: Record<string, number> = {}, src: object = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'meshsim-accessor-'));
  writeFileSync(join(dir, 'copy.cpp'), KERNEL);
  const spec = {
    arch: 'wormhole_n150',
    grid: '1x1',
    buffers: { src: { bytes: PAGES * pageBytes, pageBytes, init: 'random', ...src }, dst: { bytes: PAGES * pageBytes, pageBytes } },
    circularBuffers: [{ cores: '0,0', index: 0, pageBytes: 128, pages: 1, format: 'bf16' }],
    kernels: [{
      source: 'copy.cpp', processor: 'brisc', cores: '0,0', defines,
      compileArgs: ['tensor_accessor:src', 'tensor_accessor:dst', PAGES], args: ['buffer:src', 'buffer:dst'],
    }],
    dump: ['src', 'dst'],
  };
  writeFileSync(join(dir, 'copy.json'), JSON.stringify(spec));
  return { dir, ...meshsim(['program', join(dir, 'copy.json'), '--out', dir]) };
}

function copy(pageBytes: number, defines: Record<string, number> = {}) {
  const { dir, ...r } = run(pageBytes, defines);
  expect(r.code, r.stderr).toBe(0);
  const dump = (name: string) => new Uint8Array(readFileSync(join(dir, `${name}.bin`)));
  return { stderr: r.stderr, src: dump('src'), dst: dump('dst') };
}

describe.skipIf(missing('gcc', 'compiling C++ kernels'))('TensorAccessor', () => {
  it("without a page size takes the buffer's aligned page size from its accessor args", () => {
    const { stderr, src, dst } = copy(96);
    expect(stderr).toMatch(/brisc\] pages 40 of 96 96$/m);
    expect(src.length).toBe(PAGES * 96);
    expect(new Set(src).size).toBeGreaterThan(200); // random pages: a page read from the wrong place differs
    expect(dst).toEqual(src);
  });

  it('without a page size over pages that are not a multiple of the alignment moves the aligned page, padding included', () => {
    const { stderr, src, dst } = copy(40);
    expect(stderr).toMatch(/brisc\] pages 40 of 64 64$/m);
    expect(dst).toEqual(src);
  });

  it('with an explicit page size uses that one, also one that is not a multiple of the DRAM alignment', () => {
    const { stderr, src, dst } = copy(48, { PAGE_BYTES: 48 });
    expect(stderr).toMatch(/brisc\] pages 40 of 48 64$/m); // the args carry 48 rounded up to 32 bytes
    expect(dst).toEqual(src);
  });

  it('over an L1 buffer, which is sharded, fails to build in one line that says so', () => {
    const r = run(96, {}, { cores: '0,0' });
    expect(r.code).toBe(ExitCode.badInput);
    expect(r.stderr.trim()).toMatch(/^meshsim: .*copy\.cpp:\d+: static assertion failed: TensorAccessor over a sharded tensor is not supported by meshsim/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
