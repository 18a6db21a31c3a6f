// tt-metal's tile-slice print: DPRINT << TSLICE(cb, tile, SliceRange::h0_32_w0()) prints the
// elements of rows h0..h1 and columns w0..w1 (with strides) of a tile in a CB, a row per line.
// A tile is stored as four 16×16 faces (hardware.md §4); Float16_b and Float32 CBs print values,
// other formats print '?'. By default a compute kernel reads the tile being packed (the write
// pointer), a data-movement kernel the front tile (the read pointer).
#ifndef MESHSIM_TT_DPRINT_TILE_HPP
#define MESHSIM_TT_DPRINT_TILE_HPP
#include "meshsim/tt/common.hpp"

struct SliceRange {
  uint8_t h0, h1, hs, w0, w1, ws;
  static constexpr SliceRange h0_w0_32() { return {0, 1, 1, 0, 32, 1}; }
  static constexpr SliceRange h0_32_w0() { return {0, 32, 1, 0, 1, 1}; }
  static constexpr SliceRange hw0_32_16() { return {0, 32, 16, 0, 32, 16}; }
  static constexpr SliceRange hw0_32_8() { return {0, 32, 8, 0, 32, 8}; }
  static constexpr SliceRange hw0_32_4() { return {0, 32, 4, 0, 32, 4}; }
};
enum TSliceCBPtr : uint8_t { TSLICE_RD_PTR, TSLICE_WR_PTR, TSLICE_DEFAULT_PTR };

namespace meshsim {
struct TileSlice {
  uint32_t cb, tile;
  SliceRange range;
  TSliceCBPtr ptr;
};
inline DebugPrinter &operator<<(DebugPrinter &p, const TileSlice &s) {
#ifdef COMPILE_FOR_TRISC
  const bool write_ptr = s.ptr != TSLICE_RD_PTR;
#else
  const bool write_ptr = s.ptr == TSLICE_WR_PTR;
#endif
  const uint32_t base = MMIO_REG((write_ptr ? MMIO_CB_WRITE_PTR : MMIO_CB_READ_PTR) + 4u * s.cb) + s.tile * get_tile_size(s.cb);
  const DataFormat format = get_dataformat(s.cb);
  for (uint32_t h = s.range.h0; h < s.range.h1; h += s.range.hs) {
    if (h != s.range.h0) p << '\n';
    for (uint32_t w = s.range.w0; w < s.range.w1; w += s.range.ws) {
      const uint32_t i = ((h / 16) * 2 + w / 16) * 256 + (h % 16) * 16 + w % 16;
      if (w != s.range.w0) p << ' ';
      if (format == DataFormat::Float32) p << *(volatile float *)(base + 4 * i);
      else if (format == DataFormat::Float16_b) p << BF16(*(volatile uint16_t *)(base + 2 * i));
      else p << '?';
    }
  }
  return p;
}
inline DebugPrinter &&operator<<(DebugPrinter &&p, const TileSlice &s) { p << s; return static_cast<DebugPrinter &&>(p); }
}  // namespace meshsim

namespace meshsim {
inline TileSlice tslice(uint32_t cb, uint32_t tile, SliceRange range, TSliceCBPtr ptr = TSLICE_DEFAULT_PTR) { return {cb, tile, range, ptr}; }
}  // namespace meshsim
#define TSLICE ::meshsim::tslice

#endif
