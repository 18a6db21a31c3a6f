// tt-metal's kernel names that data-movement and compute kernels share, over meshsim's C API:
// typed args, compile-time args, CB indices and formats, the core's identity, DPRINT.
#ifndef MESHSIM_TT_COMMON_HPP
#define MESHSIM_TT_COMMON_HPP
#include <stdint.h>
#include <stddef.h>
#include "meshsim/kernel_common.h"
#include "meshsim/tt/compile_time_args.hpp"

#define tt_l1_ptr
#define FORCE_INLINE inline __attribute__((always_inline))
#define ALWI inline __attribute__((always_inline))
constexpr uint32_t VALID = 1;  // semaphore values of tt-metal's multicast handshakes
constexpr uint32_t INVALID = 0;

template <typename T>
FORCE_INLINE T get_arg_val(int arg_idx) {
  static_assert(sizeof(T) == 4, "get_arg_val: runtime args are 32-bit words");
  return __builtin_bit_cast(T, MMIO_REG(MMIO_RUNTIME_ARG + 4u * (uint32_t)arg_idx));
}
template <typename T>
FORCE_INLINE T get_common_arg_val(int arg_idx) {
  static_assert(sizeof(T) == 4, "get_common_arg_val: runtime args are 32-bit words");
  return __builtin_bit_cast(T, MMIO_REG(MMIO_COMMON_ARG + 4u * (uint32_t)arg_idx));
}
FORCE_INLINE uint32_t get_arg_addr(int arg_idx) { return MMIO_RUNTIME_ARG + 4u * (uint32_t)arg_idx; }
FORCE_INLINE uint32_t get_common_arg_addr(int arg_idx) { return MMIO_COMMON_ARG + 4u * (uint32_t)arg_idx; }

namespace tt {
// Circular-buffer indices (tt-metal's tt::CBIndex; the older tt::CB names the same indices).
enum CBIndex : uint8_t {
  c_0, c_1, c_2, c_3, c_4, c_5, c_6, c_7, c_8, c_9, c_10, c_11, c_12, c_13, c_14, c_15,
  c_16, c_17, c_18, c_19, c_20, c_21, c_22, c_23, c_24, c_25, c_26, c_27, c_28, c_29, c_30, c_31,
};
enum CB : uint8_t {
  c_in0 = 0, c_in1, c_in2, c_in3, c_in4, c_in5, c_in6, c_in7,
  dataflow0 = 8, dataflow1, dataflow2, dataflow3, dataflow4, dataflow5, dataflow6, dataflow7,
  c_out0 = 16, c_out1, c_out2, c_out3, c_out4, c_out5, c_out6, c_out7,
  c_intermed0 = 24, c_intermed1, c_intermed2, c_intermed3, c_intermed4, c_intermed5, c_intermed6, c_intermed7,
};
// tt-metal's format codes; meshsim's CBs hold Float32, Float16_b, Bfp8_b or Bfp4_b.
enum class DataFormat : uint8_t {
  Float32 = 0, Float16 = 1, Bfp8 = 2, Bfp4 = 3, Tf32 = 4, Float16_b = 5, Bfp8_b = 6, Bfp4_b = 7,
  Int32 = 8, UInt16 = 9, Lf8 = 10, Bfp2 = 11, Int8 = 14, Bfp2_b = 15, UInt32 = 24, UInt8 = 30,
  RawUInt8 = 0xf0, RawUInt16 = 0xf1, RawUInt32 = 0xf2, Invalid = 0xff,
};
}  // namespace tt
using DataFormat = tt::DataFormat;
namespace tt::tt_metal { using DataFormat = tt::DataFormat; }

FORCE_INLINE DataFormat get_dataformat(uint32_t cb_id) { return (DataFormat)MMIO_REG(MMIO_CB_DATA_FORMAT + 4u * cb_id); }

// Bytes of a 32×32 tile of the CB's format (tt-metal: get_tile_size).
FORCE_INLINE uint32_t get_tile_size(uint32_t cb_id) {
  switch (get_dataformat(cb_id)) {
    case DataFormat::Float32: return 4096;
    case DataFormat::Bfp8_b: return 1088;
    case DataFormat::Bfp4_b: return 576;
    default: return 2048;
  }
}

// The CB's page geometry, as a kernel reads it from its local CB interface.
struct LocalCBInterface {
  uint32_t fifo_page_size;
  uint32_t fifo_num_pages;
  uint32_t fifo_size;
  uint32_t fifo_wr_ptr;
  uint32_t fifo_rd_ptr;
};
FORCE_INLINE LocalCBInterface get_local_cb_interface(uint32_t cb_id) {
  const uint32_t page = MMIO_REG(MMIO_CB_PAGE_SIZE + 4u * cb_id);
  const uint32_t pages = MMIO_REG(MMIO_CB_NUM_PAGES + 4u * cb_id);
  return {page, pages, page * pages, MMIO_REG(MMIO_CB_WRITE_PTR + 4u * cb_id), MMIO_REG(MMIO_CB_READ_PTR + 4u * cb_id)};
}

// The core's logical coordinates in the compute grid, as the host addresses it.
FORCE_INLINE uint32_t get_absolute_logical_x() { return MMIO_REG(MMIO_LOGICAL_XY) & 0xFFu; }
FORCE_INLINE uint32_t get_absolute_logical_y() { return (MMIO_REG(MMIO_LOGICAL_XY) >> 8) & 0xFFu; }
FORCE_INLINE uint32_t get_relative_logical_x() { return get_absolute_logical_x(); }
FORCE_INLINE uint32_t get_relative_logical_y() { return get_absolute_logical_y(); }

#include "meshsim/tt/dprint.hpp"

#endif
