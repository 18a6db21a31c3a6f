// For each of Ht tile rows, the maximum of every row over its Wt tiles, in column 0 of one output
// tile (reduce along W with PoolType::MAX, as tt-metal's reduce_max_single_core). args: Ht, Wt
#include <cstdint>
#include "compute_kernel_api/reduce.h"

namespace NAMESPACE {
void MAIN {
    const uint32_t Ht = get_arg_val<uint32_t>(0);
    const uint32_t Wt = get_arg_val<uint32_t>(1);
    constexpr auto cb_in = tt::CBIndex::c_0;
    constexpr auto cb_scaler = tt::CBIndex::c_2;
    constexpr auto cb_out = tt::CBIndex::c_16;

    compute_kernel_hw_startup(cb_in, cb_scaler, cb_out);
    reduce_init<PoolType::MAX, ReduceDim::REDUCE_ROW>(cb_in, cb_scaler, cb_out);
    cb_wait_front(cb_scaler, 1);
    for (uint32_t h = 0; h < Ht; h++) {
        tile_regs_acquire();
        for (uint32_t w = 0; w < Wt; w++) {
            cb_wait_front(cb_in, 1);
            reduce_tile<PoolType::MAX, ReduceDim::REDUCE_ROW>(cb_in, cb_scaler, 0, 0, 0);
            cb_pop_front(cb_in, 1);
        }
        tile_regs_commit();
        tile_regs_wait();
        cb_reserve_back(cb_out, 1);
        pack_tile(0, cb_out);
        cb_push_back(cb_out, 1);
        tile_regs_release();
    }
    reduce_uninit();
}
}  // namespace NAMESPACE
