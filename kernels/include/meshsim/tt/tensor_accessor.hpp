// tt-metal's TensorAccessor for interleaved tensors. The host appends a tensor's accessor args to
// the kernel's compile-time args (TensorAccessorArgs(buffer).append_to(args)); for an interleaved
// tensor that is two words (tt_metal/impl/buffers/tensor_accessor_args.cpp, append_to): its
// ArgConfig flags (Sharded = 1, IsDram = 2) and the buffer's aligned page size. A TensorAccessor
// built without a page size takes that second word, as tt-metal's does
// (tt_metal/hw/inc/api/tensor/tensor_accessor_args.h: AlignedPageSize at CTA_OFFSET + 1, the
// default page_size of TensorAccessor(args, addr, page_size) in tensor_accessor.h). Sharded
// tensors, whose accessor args carry shard shapes and bank coordinates, are not supported.
#ifndef MESHSIM_TT_TENSOR_ACCESSOR_HPP
#define MESHSIM_TT_TENSOR_ACCESSOR_HPP
#include "meshsim/tt/compile_time_args.hpp"

namespace tensor_accessor {
enum class ArgConfig : uint8_t { None = 0, Sharded = 1 << 0, IsDram = 1 << 1 };
constexpr uint32_t UNKNOWN = 0xffffffffu;
}  // namespace tensor_accessor

template <uint32_t CTA_OFFSET, uint32_t CRTA_OFFSET = tensor_accessor::UNKNOWN>
struct TensorAccessorArgs {
  static constexpr uint32_t args_config = get_compile_time_arg_val(CTA_OFFSET);
  static constexpr bool is_sharded = (args_config & (uint32_t)tensor_accessor::ArgConfig::Sharded) != 0;
  static constexpr bool is_dram = (args_config & (uint32_t)tensor_accessor::ArgConfig::IsDram) != 0;
  static_assert(!is_sharded, "TensorAccessor over a sharded tensor is not supported by meshsim (interleaved tensors only)");
  static_assert(is_dram, "TensorAccessor over an L1-interleaved tensor is not supported by meshsim (DRAM-interleaved only)");
  static constexpr uint32_t AlignedPageSizeCTAOffset = CTA_OFFSET + 1;
  // Instantiated only where used, so a kernel that passes its page size builds from the flags word alone.
  static constexpr uint32_t AlignedPageSize = get_compile_time_arg_val(AlignedPageSizeCTAOffset);
  static constexpr uint32_t get_aligned_page_size() { return AlignedPageSize; }
  constexpr TensorAccessorArgs() = default;
  static constexpr uint32_t num_compile_time_args() { return 2; }
  static constexpr uint32_t next_compile_time_args_offset() { return CTA_OFFSET + num_compile_time_args(); }
  static constexpr uint32_t next_common_runtime_args_offset() { return CRTA_OFFSET == tensor_accessor::UNKNOWN ? 0 : CRTA_OFFSET; }
};

template <typename Args>
struct TensorAccessor {
  uint32_t bank_base_address;
  uint32_t page_size;
  constexpr TensorAccessor(const Args &, uint32_t bank_base_address_in, uint32_t page_size_in = Args::AlignedPageSize)
      : bank_base_address(bank_base_address_in), page_size(page_size_in) {}
  uint32_t get_aligned_page_size() const { return page_size; }
  uint32_t get_bank_base_address() const { return bank_base_address; }
  uint64_t get_noc_addr(uint32_t page_id, uint32_t offset = 0, uint8_t noc = 0) const {
    (void)noc;
    return meshsim_interleaved_addr(page_id, bank_base_address, page_size, offset);
  }
};

#endif
