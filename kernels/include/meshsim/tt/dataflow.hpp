// tt-metal's data-movement kernel API in C++ (dataflow_api.h), over meshsim's C commands: default
// NoC arguments, address generators for interleaved DRAM buffers, tile and page transfers.
// Included by dataflow_api.h in a C++ kernel.
#ifndef MESHSIM_TT_DATAFLOW_HPP
#define MESHSIM_TT_DATAFLOW_HPP
#include "meshsim/tt/common.hpp"

// The kernel's NoC: a value, as tt-metal's noc_index is (read from the host's configuration).
#define noc_index ((uint8_t)meshsim_noc_index())

// This core's NoC coordinates: my_x[noc], my_y[noc] (one coordinate space on both NoCs, as
// firmware translation gives; hardware.md §3.1).
struct MeshsimCoordinate {
  bool is_y;
  uint32_t operator[](uint32_t noc) const { return is_y ? my_y_of(noc) : my_x_of(noc); }
};
constexpr MeshsimCoordinate my_x{false};
constexpr MeshsimCoordinate my_y{true};

inline uint64_t get_noc_addr(uint32_t noc_x, uint32_t noc_y, uint32_t addr, uint8_t noc = noc_index) {
  (void)noc;
  return meshsim_noc_addr(noc_x, noc_y, addr);
}
// An address in this core's own L1, as the NoC sees it.
inline uint64_t get_noc_addr(uint32_t l1_addr, uint8_t noc = noc_index) { return meshsim_noc_addr(my_x[noc], my_y[noc], l1_addr); }
inline uint64_t get_noc_multicast_addr(uint32_t noc_x_start, uint32_t noc_y_start, uint32_t noc_x_end, uint32_t noc_y_end, uint32_t addr, uint8_t noc = noc_index) {
  (void)noc;
  return meshsim_multicast_addr(noc_x_start, noc_y_start, noc_x_end, noc_y_end, addr);
}
template <bool DRAM>
inline uint64_t get_noc_addr_from_bank_id(uint32_t bank_id, uint32_t bank_address_offset, uint8_t noc = noc_index) {
  static_assert(DRAM, "get_noc_addr_from_bank_id<false>: meshsim has no L1 banks (only DRAM banks)");
  (void)noc;
  return get_noc_addr_from_bank_id(bank_id, bank_address_offset);
}

// ---- address generators: page i of an interleaved buffer in bank i % banks ----
template <bool DRAM>
struct InterleavedAddrGen {
  static_assert(DRAM, "InterleavedAddrGen<false>: L1-interleaved buffers are not supported by meshsim (use DRAM)");
  uint32_t bank_base_address;
  uint32_t page_size;
  uint64_t get_noc_addr(uint32_t id, uint32_t offset = 0, uint8_t noc = noc_index) const {
    (void)noc;
    return meshsim_interleaved_addr(id, bank_base_address, page_size, offset);
  }
};

template <bool DRAM, uint32_t tile_hw = 1024>
struct InterleavedAddrGenFast {
  static_assert(DRAM, "InterleavedAddrGenFast<false>: L1-interleaved buffers are not supported by meshsim (use DRAM)");
  uint32_t bank_base_address;
  uint32_t page_size;
  DataFormat data_format;
  uint64_t get_noc_addr(uint32_t id, uint32_t offset = 0, uint8_t noc = noc_index) const {
    (void)noc;
    return meshsim_interleaved_addr(id, bank_base_address, page_size, offset);
  }
};

template <bool DRAM>
struct InterleavedPow2AddrGen {
  static_assert(DRAM, "InterleavedPow2AddrGen<false>: L1-interleaved buffers are not supported by meshsim (use DRAM)");
  uint32_t bank_base_address;
  uint32_t log_base_2_of_page_size;
  uint64_t get_noc_addr(uint32_t id, uint32_t offset = 0, uint8_t noc = noc_index) const {
    (void)noc;
    return meshsim_interleaved_addr(id, bank_base_address, 1u << log_base_2_of_page_size, offset);
  }
};
template <bool DRAM>
struct InterleavedPow2AddrGenFast : InterleavedPow2AddrGen<DRAM> {};

// Only for an address generator: get_noc_addr(1, 0, addr) with int literals is the (x, y, addr) form.
template <typename AddrGen, typename = decltype(&AddrGen::get_noc_addr)>
inline uint64_t get_noc_addr(uint32_t id, const AddrGen &s, uint32_t offset = 0, uint8_t noc = noc_index) {
  return s.get_noc_addr(id, offset, noc);
}

#include "meshsim/tt/tensor_accessor.hpp"

// ---- reads, writes, barriers ----
template <uint32_t max_page_size = 8192 + 1, bool enable_noc_tracing = true>
inline void noc_async_read(uint64_t src_noc_addr, uint32_t dst_local_l1_addr, uint32_t size, uint8_t noc = noc_index) {
  meshsim_noc_read(src_noc_addr, dst_local_l1_addr, size, noc);
}
template <uint32_t max_page_size = 8192 + 1, bool enable_noc_tracing = true, bool posted = false>
inline void noc_async_write(uint32_t src_local_l1_addr, uint64_t dst_noc_addr, uint32_t size, uint8_t noc = noc_index) {
  meshsim_noc_write(src_local_l1_addr, dst_noc_addr, size, noc);
}
inline void noc_async_read_one_packet(uint64_t src_noc_addr, uint32_t dst_local_l1_addr, uint32_t size, uint8_t noc = noc_index) {
  meshsim_noc_read(src_noc_addr, dst_local_l1_addr, size, noc);
}
inline void noc_async_write_one_packet(uint32_t src_local_l1_addr, uint64_t dst_noc_addr, uint32_t size, uint8_t noc = noc_index) {
  meshsim_noc_write(src_local_l1_addr, dst_noc_addr, size, noc);
}
// Writes to every Tensix core of the rectangle except the sender; num_dests counts them.
template <uint32_t max_page_size = 8192 + 1>
inline void noc_async_write_multicast(uint32_t src_local_l1_addr, uint64_t dst_noc_addr_multicast, uint32_t size, uint32_t num_dests, bool linked = false, uint8_t noc = noc_index) {
  (void)linked;
  meshsim_noc_multicast(src_local_l1_addr, dst_noc_addr_multicast, size, num_dests, noc);
}

template <typename AddrGen>
inline void noc_async_read_page(uint32_t id, const AddrGen &s, uint32_t dst_local_l1_addr, uint32_t offset = 0, uint8_t noc = noc_index) {
  meshsim_noc_read(s.get_noc_addr(id, offset, noc), dst_local_l1_addr, s.page_size, noc);
}
template <typename AddrGen>
inline void noc_async_write_page(uint32_t id, const AddrGen &s, uint32_t src_local_l1_addr, uint32_t write_size_bytes = 0, uint32_t offset = 0, uint8_t noc = noc_index) {
  meshsim_noc_write(src_local_l1_addr, s.get_noc_addr(id, offset, noc), write_size_bytes ? write_size_bytes : s.page_size, noc);
}
template <typename AddrGen>
inline void noc_async_read_tile(uint32_t id, const AddrGen &s, uint32_t dst_local_l1_addr, uint32_t offset = 0, uint8_t noc = noc_index) {
  meshsim_noc_read(s.get_noc_addr(id, offset, noc), dst_local_l1_addr, s.page_size, noc);
}
template <typename AddrGen>
inline void noc_async_write_tile(uint32_t id, const AddrGen &s, uint32_t src_local_l1_addr, uint8_t noc = noc_index) {
  meshsim_noc_write(src_local_l1_addr, s.get_noc_addr(id, 0, noc), s.page_size, noc);
}

inline void noc_async_read_barrier(uint8_t noc = noc_index) { meshsim_noc_barrier(CMD_NOC_READ_BARRIER, noc); }
inline void noc_async_write_barrier(uint8_t noc = noc_index) { meshsim_noc_barrier(CMD_NOC_WRITE_BARRIER, noc); }
// "Flushed" means the writes have left this core; meshsim waits for their acknowledgements,
// which is later: the same order, never earlier.
inline void noc_async_writes_flushed(uint8_t noc = noc_index) { meshsim_noc_barrier(CMD_NOC_WRITE_BARRIER, noc); }
inline void noc_async_posted_writes_flushed(uint8_t noc = noc_index) { meshsim_noc_barrier(CMD_NOC_WRITE_BARRIER, noc); }
inline void noc_async_atomic_barrier(uint8_t noc = noc_index) { meshsim_noc_barrier(CMD_NOC_ATOMIC_BARRIER, noc); }
inline void noc_async_full_barrier(uint8_t noc = noc_index) {
  noc_async_read_barrier(noc);
  noc_async_write_barrier(noc);
  noc_async_atomic_barrier(noc);
}

// ---- semaphores ----
template <bool posted = false>
inline void noc_semaphore_inc(uint64_t addr, uint32_t incr, uint8_t noc_id = noc_index, uint8_t vc = 0) {
  (void)vc;
  meshsim_semaphore_inc(addr, incr, noc_id);
}
inline void noc_semaphore_set_remote(uint32_t src_local_l1_addr, uint64_t dst_noc_addr, uint8_t noc = noc_index) {
  meshsim_noc_write(src_local_l1_addr, dst_noc_addr, 4, noc);
}
inline void noc_semaphore_set_multicast(uint32_t src_local_l1_addr, uint64_t dst_noc_addr_multicast, uint32_t num_dests, bool linked = false, uint8_t noc = noc_index) {
  (void)linked;
  meshsim_noc_multicast(src_local_l1_addr, dst_noc_addr_multicast, 4, num_dests, noc);
}

#endif
