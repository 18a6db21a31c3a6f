// tt-metal's host TensorAccessorArgs(buffer).append_to(compile_time_args): the compile-time args a
// kernel's TensorAccessorArgs<offset> reads. For an interleaved buffer tt-metal appends two words
// (tt_metal/impl/buffers/tensor_accessor_args.cpp, TensorAccessorArgs::append_to): its ArgsConfig
// flags and buffer.aligned_page_size() (buffer.cpp: the page size rounded up to the bank's
// alignment). The second word is the page size of a TensorAccessor built without one
// (tensor_accessor_args.h: AlignedPageSize, the default of TensorAccessor's page_size argument).
import type { DramBuffer } from '../dram/dram.ts';
import type { L1Buffer } from './l1-buffers.ts';

// tensor_accessor::ArgConfig (hostdevcommon/tensor_accessor/arg_config.hpp).
const SHARDED = 1 << 0;
const IS_DRAM = 1 << 1;

export function tensorAccessorArgs(buffer: DramBuffer | L1Buffer): number[] {
  // L1 buffers are sharded here, as are DRAM buffers with pages per bank. tt-metal follows their
  // flags with shard shapes and bank coordinates; meshsim's TensorAccessor stops at the flags with
  // a compile error that names the gap.
  if ('bytesPerCore' in buffer) return [SHARDED];
  if (buffer.pagesPerBank !== undefined) return [SHARDED | IS_DRAM];
  return [IS_DRAM, buffer.pageStride];
}
