// This core's pM x pN output block, accumulated in Dst over the K blocks of A (pM x kb) and
// B (kb x pN) as they arrive, then packed in row-major order. args: Kt, kb, pM, pN
#include <cstdint>
#include "compute_kernel_api/matmul.h"

namespace NAMESPACE {
void MAIN {
    const uint32_t Kt = get_arg_val<uint32_t>(0);
    const uint32_t kb = get_arg_val<uint32_t>(1);
    const uint32_t pM = get_arg_val<uint32_t>(2);
    const uint32_t pN = get_arg_val<uint32_t>(3);
    constexpr auto cb_a = tt::CBIndex::c_0;
    constexpr auto cb_b = tt::CBIndex::c_1;
    constexpr auto cb_out = tt::CBIndex::c_16;

    mm_init(cb_a, cb_b, cb_out);
    tile_regs_acquire();
    for (uint32_t k0 = 0; k0 < Kt; k0 += kb) {
        cb_wait_front(cb_a, pM * kb);
        cb_wait_front(cb_b, kb * pN);
        for (uint32_t m = 0; m < pM; m++)
            for (uint32_t n = 0; n < pN; n++)
                for (uint32_t k = 0; k < kb; k++) matmul_tiles(cb_a, cb_b, m * kb + k, k * pN + n, m * pN + n);
        cb_pop_front(cb_a, pM * kb);
        cb_pop_front(cb_b, kb * pN);
    }
    tile_regs_commit();
    tile_regs_wait();
    cb_reserve_back(cb_out, pM * pN);
    for (uint32_t i = 0; i < pM * pN; i++) pack_tile(i, cb_out);
    cb_push_back(cb_out, pM * pN);
    tile_regs_release();
}
}  // namespace NAMESPACE
