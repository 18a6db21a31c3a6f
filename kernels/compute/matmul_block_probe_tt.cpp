// compute/matmul_block_probe.c with tt-metal's C++ compute API: the same block of C = A @ B (or
// A @ B^T tile by tile), with matmul_tiles (mode 0) or matmul_block (mode 1), both taking the
// transpose flag. args: rt, ct, kt, mode, transpose
#include <cstdint>
#include "compute_kernel_api/matmul.h"

namespace NAMESPACE {
void MAIN {
    const uint32_t rt = get_arg_val<uint32_t>(0), ct = get_arg_val<uint32_t>(1), kt = get_arg_val<uint32_t>(2);
    const bool block = get_arg_val<uint32_t>(3) != 0;
    const uint32_t transpose = get_arg_val<uint32_t>(4);
    constexpr auto cb_in0 = tt::CBIndex::c_0;
    constexpr auto cb_in1 = tt::CBIndex::c_1;
    constexpr auto cb_out = tt::CBIndex::c_16;

    if (block) mm_block_init(cb_in0, cb_in1, cb_out, transpose, ct, rt, kt);
    else mm_init(cb_in0, cb_in1, cb_out, transpose);
    cb_wait_front(cb_in0, rt * kt);
    cb_wait_front(cb_in1, kt * ct);
    tile_regs_acquire();
    for (uint32_t k = 0; k < kt; k++) {
        if (block) {
            matmul_block(cb_in0, cb_in1, k, k * ct, 0, transpose, ct, rt, kt);
        } else {
            for (uint32_t r = 0; r < rt; r++)
                for (uint32_t c = 0; c < ct; c++) matmul_tiles(cb_in0, cb_in1, r * kt + k, k * ct + c, r * ct + c, transpose);
        }
    }
    tile_regs_commit();
    cb_pop_front(cb_in0, rt * kt);
    cb_pop_front(cb_in1, kt * ct);

    cb_reserve_back(cb_out, rt * ct);
    tile_regs_wait();
    for (uint32_t i = 0; i < rt * ct; i++) pack_tile(i, cb_out);
    tile_regs_release();
    cb_push_back(cb_out, rt * ct);
}
}  // namespace NAMESPACE
