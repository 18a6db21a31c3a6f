// tt-metal's compute kernel API in C++ (compute_kernel_api/*.h), over meshsim's C commands. One
// compute hart stands for TRISC0-2, so UNPACK(...), MATH(...) and PACK(...) all run here, once.
// Included by compute_kernel_api.h in a C++ kernel.
#ifndef MESHSIM_TT_COMPUTE_HPP
#define MESHSIM_TT_COMPUTE_HPP
#include "meshsim/tt/common.hpp"

// `namespace NAMESPACE { void MAIN { ... } }` defines kernel_main with C linkage, which the
// start file calls (functions of C linkage in any namespace are the one kernel_main).
#define NAMESPACE chlkc_meshsim
#define MAIN kernel_main()
namespace chlkc_meshsim { extern "C" void kernel_main(); }
namespace ckernel {}  // for kernels that say `using namespace ckernel;`
#define UNPACK(x) x
#define MATH(x) x
#define PACK(x) x

enum class PoolType { SUM, AVG, MAX };
enum ReduceDim { REDUCE_ROW, REDUCE_COL, REDUCE_SCALAR };
enum class BroadcastType { NONE, COL, ROW, SCALAR };
enum class EltwiseBinaryType { ELWMUL, ELWDIV, ELWADD, ELWSUB };
using ckernel_PoolType = PoolType;
namespace ckernel { using ::PoolType; using ::ReduceDim; using ::BroadcastType; using ::EltwiseBinaryType; }
#ifndef REDUCE_OP
#define REDUCE_OP PoolType::SUM
#endif
#ifndef REDUCE_DIM
#define REDUCE_DIM ReduceDim::REDUCE_ROW
#endif

namespace meshsim {
// acquire_dst / release_dst: the math and pack threads share one Dst section. With one hart that
// is tile_regs_acquire, then (before the first pack) commit + wait, then release.
struct LegacyDst {
  bool held;
  bool packing;
};
inline LegacyDst &legacy_dst() {
  static LegacyDst d = {false, false};
  return d;
}
inline void legacy_dst_to_packer() {
  LegacyDst &d = legacy_dst();
  if (d.held && !d.packing) {
    tile_regs_commit();
    tile_regs_wait();
    d.packing = true;
  }
}
constexpr uint32_t binary_op(EltwiseBinaryType t) {
  return t == EltwiseBinaryType::ELWADD ? BINARY_ADD : t == EltwiseBinaryType::ELWSUB ? BINARY_SUB : BINARY_MUL;
}
constexpr uint32_t broadcast(BroadcastType b) {
  return b == BroadcastType::ROW ? BCAST_ROWS : b == BroadcastType::COL ? BCAST_COLS : b == BroadcastType::SCALAR ? BCAST_SCALAR : BCAST_NONE;
}
constexpr uint32_t reduce_op(PoolType p) { return p == PoolType::MAX ? MESHSIM_REDUCE_MAX : MESHSIM_REDUCE_SUM; }
constexpr uint32_t reduce_dim(ReduceDim d) {
  return d == REDUCE_COL ? MESHSIM_REDUCE_COL : d == REDUCE_SCALAR ? MESHSIM_REDUCE_SCALAR : MESHSIM_REDUCE_ROW;
}
inline uint32_t float_bits(float f) { return __builtin_bit_cast(uint32_t, f); }
inline float bits_float(uint32_t b) { return __builtin_bit_cast(float, b); }
inline void sfpu_binary(uint32_t op, uint32_t idst0, uint32_t idst1, uint32_t odst) {
  CMD_ARG(0) = op;
  CMD_ARG(1) = idst0;
  CMD_ARG(2) = idst1;
  CMD_ARG(3) = odst;
  meshsim_cmd(CMD_SFPU_BINARY_TILE);
}
}  // namespace meshsim

// ---- Dst registers ----
ALWI void acquire_dst() {
  tile_regs_acquire();
  meshsim::legacy_dst() = {true, false};
}
ALWI void release_dst() {
  meshsim::legacy_dst_to_packer();
  tile_regs_release();
  meshsim::legacy_dst() = {false, false};
}

// ---- start-up and inits: formats of the unpackers and the packer, the math operation ----
ALWI void compute_kernel_hw_startup(uint32_t icb0, uint32_t icb1, uint32_t ocb) { binary_op_init_common(icb0, icb1, ocb); }
ALWI void compute_kernel_hw_startup(uint32_t icb0, uint32_t ocb) { binary_op_init_common(icb0, icb0, ocb); }
ALWI void unary_op_init_common(uint32_t icb, uint32_t ocb) {
  binary_op_init_common(icb, icb, ocb);
  copy_tile_init(icb);
}
ALWI void init_sfpu(uint32_t icb, uint32_t ocb) { unary_op_init_common(icb, ocb); }
ALWI void mm_init(uint32_t in0_cb, uint32_t in1_cb, uint32_t out_cb, uint32_t transpose = 0) {
  meshsim_matmul_init(in0_cb, in1_cb, out_cb, transpose, 1, 1, 1);
}
// The short inits keep the packer's format: the output CB stays the last one configured.
ALWI void mm_init_short(uint32_t in0_cb, uint32_t in1_cb, uint32_t transpose = 0) {
  meshsim_matmul_init(in0_cb, in1_cb, MESHSIM_KEEP_PACK, transpose, 1, 1, 1);
}
ALWI void mm_init_short_with_dt(uint32_t in0_cb, uint32_t in1_cb, uint32_t c_in_old_srca, uint32_t transpose = 0) {
  (void)c_in_old_srca;
  mm_init_short(in0_cb, in1_cb, transpose);
}
ALWI void matmul_tiles(uint32_t in0_cb, uint32_t in1_cb, uint32_t in0_tile, uint32_t in1_tile, uint32_t idst, uint32_t transpose = 0) {
  meshsim_matmul_tiles(in0_cb, in1_cb, in0_tile, in1_tile, idst, transpose);
}
ALWI void mm_block_init(uint32_t in0_cb, uint32_t in1_cb, uint32_t out_cb, uint32_t transpose = 0, uint32_t ct_dim = 1, uint32_t rt_dim = 1, uint32_t kt_dim = 1) {
  meshsim_matmul_init(in0_cb, in1_cb, out_cb, transpose, ct_dim, rt_dim, kt_dim);
}
ALWI void mm_block_init_short(uint32_t in0_cb, uint32_t in1_cb, uint32_t transpose = 0, uint32_t ct_dim = 1, uint32_t rt_dim = 1, uint32_t kt_dim = 1) {
  meshsim_matmul_init(in0_cb, in1_cb, MESHSIM_KEEP_PACK, transpose, ct_dim, rt_dim, kt_dim);
}
ALWI void mm_block_init_short_with_dt(uint32_t in0_cb, uint32_t in1_cb, uint32_t old_in1_cb, uint32_t transpose = 0, uint32_t ct_dim = 1, uint32_t rt_dim = 1,
                                      uint32_t kt_dim = 1) {
  (void)old_in1_cb;
  mm_block_init_short(in0_cb, in1_cb, transpose, ct_dim, rt_dim, kt_dim);
}

ALWI void add_tiles_init(uint32_t icb0, uint32_t icb1, bool acc_to_dest = false) { (void)acc_to_dest; compute_init(INIT_BINARY, icb0, icb1, 0, BINARY_ADD, BCAST_NONE); }
ALWI void sub_tiles_init(uint32_t icb0, uint32_t icb1, bool acc_to_dest = false) { (void)acc_to_dest; compute_init(INIT_BINARY, icb0, icb1, 0, BINARY_SUB, BCAST_NONE); }
ALWI void mul_tiles_init(uint32_t icb0, uint32_t icb1) { compute_init(INIT_BINARY, icb0, icb1, 0, BINARY_MUL, BCAST_NONE); }
template <EltwiseBinaryType op, BroadcastType dim>
ALWI void init_bcast(uint32_t icb0, uint32_t icb1, uint32_t ocb) {
  binary_op_init_common(icb0, icb1, ocb);
  compute_init(INIT_BINARY, icb0, icb1, 0, meshsim::binary_op(op), meshsim::broadcast(dim));
}
template <EltwiseBinaryType op, BroadcastType dim>
ALWI void any_tiles_bcast(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst) {
  binary_tiles(meshsim::binary_op(op), meshsim::broadcast(dim), icb0, icb1, itile0, itile1, idst);
}
template <BroadcastType dim>
ALWI void add_tiles_bcast(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst) { any_tiles_bcast<EltwiseBinaryType::ELWADD, dim>(icb0, icb1, itile0, itile1, idst); }
template <BroadcastType dim>
ALWI void sub_tiles_bcast(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst) { any_tiles_bcast<EltwiseBinaryType::ELWSUB, dim>(icb0, icb1, itile0, itile1, idst); }
template <BroadcastType dim>
ALWI void mul_tiles_bcast(uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst) { any_tiles_bcast<EltwiseBinaryType::ELWMUL, dim>(icb0, icb1, itile0, itile1, idst); }
ALWI void add_bcast_rows_init_short(uint32_t icb0, uint32_t icb1) { compute_init(INIT_BINARY, icb0, icb1, 0, BINARY_ADD, BCAST_ROWS); }
ALWI void add_bcast_cols_init_short(uint32_t icb0, uint32_t icb1) { compute_init(INIT_BINARY, icb0, icb1, 0, BINARY_ADD, BCAST_COLS); }
ALWI void add_bcast_scalar_init_short(uint32_t icb0, uint32_t icb1) { compute_init(INIT_BINARY, icb0, icb1, 0, BINARY_ADD, BCAST_SCALAR); }
ALWI void sub_bcast_cols_init_short(uint32_t icb0, uint32_t icb1) { compute_init(INIT_BINARY, icb0, icb1, 0, BINARY_SUB, BCAST_COLS); }
ALWI void mul_bcast_rows_init_short(uint32_t icb0, uint32_t icb1) { compute_init(INIT_BINARY, icb0, icb1, 0, BINARY_MUL, BCAST_ROWS); }
ALWI void mul_bcast_cols_init_short(uint32_t icb0, uint32_t icb1) { compute_init(INIT_BINARY, icb0, icb1, 0, BINARY_MUL, BCAST_COLS); }
ALWI void mul_tiles_bcast_scalar_init_short(uint32_t icb0, uint32_t icb1) { compute_init(INIT_BINARY, icb0, icb1, 0, BINARY_MUL, BCAST_SCALAR); }

ALWI void copy_tile_to_dst_init_short(uint32_t cb, uint32_t transpose = 0) {
  if (transpose) compute_init(INIT_TRANSPOSE, cb, 0, cb, 0, 0);
  else copy_tile_init(cb);
}
ALWI void copy_tile_to_dst_init_short_with_dt(uint32_t old_cb, uint32_t new_cb, uint32_t transpose = 0) {
  (void)old_cb;
  copy_tile_to_dst_init_short(new_cb, transpose);
}
ALWI void copy_tile_init() { copy_tile_init(0); }

template <PoolType reduce_type = REDUCE_OP, ReduceDim reduce_dim = REDUCE_DIM>
ALWI void reduce_init(uint32_t icb, uint32_t icb_scaler, uint32_t ocb) {
  compute_init(INIT_REDUCE, icb, icb_scaler, ocb, meshsim::reduce_op(reduce_type), meshsim::reduce_dim(reduce_dim));
}
template <PoolType reduce_type = REDUCE_OP, ReduceDim reduce_dim = REDUCE_DIM>
ALWI void reduce_tile(uint32_t icb, uint32_t icb_scaler, uint32_t itile, uint32_t itile_scaler, uint32_t idst) {
  meshsim_reduce_tile(icb, icb_scaler, itile, itile_scaler, idst);
}
ALWI void reduce_uninit() {}

// Format reconfiguration: the packer's format follows the new output CB.
ALWI void pack_reconfig_data_format(uint32_t old_ocb, uint32_t new_ocb) { (void)old_ocb; pack_reconfig_data_format(new_ocb); }
// The LLK name tt-metal's matmul kernels call inside PACK(...); pack_reconfig_l1_acc is the C API's.
ALWI void llk_pack_reconfig_l1_acc(uint32_t l1_acc_en) { pack_reconfig_l1_acc(l1_acc_en); }

// ---- pack: with out_of_order_output false (the default) the index is ignored and each pack
// writes the next tile of the reserved space, as tt-metal's packer does ----
template <bool out_of_order_output = false>
ALWI void pack_tile(uint32_t ifrom_dst, uint32_t icb, uint32_t output_tile_index = 0) {
  meshsim::legacy_dst_to_packer();
  meshsim_pack_tile(ifrom_dst, icb, out_of_order_output ? output_tile_index : MESHSIM_PACK_NEXT);
}

// ---- SFPU, in place on a Dst tile; template flags (approximation modes) are accepted and not modelled ----
#define MESHSIM_SFPU(name, id) \
  template <auto... flags> ALWI void name##_tile_init() { sfpu_init(id); } \
  template <auto... flags> ALWI void name##_tile(uint32_t idst) { sfpu_tile(id, idst); }
MESHSIM_SFPU_UNARY_OPS(MESHSIM_SFPU)
#undef MESHSIM_SFPU
template <auto... flags> ALWI void leaky_relu_tile_init() { sfpu_init(SFPU_LEAKY_RELU); }
// The slope as an IEEE float's bits, as tt-metal passes it.
template <auto... flags> ALWI void leaky_relu_tile(uint32_t idst, uint32_t slope) { sfpu_tile_param(SFPU_LEAKY_RELU, idst, slope); }
// The scalar ops share one init; each op sets the SFPU up for itself, as its tt-metal kernel does.
ALWI void binop_with_scalar_tile_init() {}
ALWI void add_unary_tile(uint32_t idst, uint32_t param) { sfpu_init(SFPU_ADD_SCALAR); sfpu_tile_param(SFPU_ADD_SCALAR, idst, param); }
ALWI void sub_unary_tile(uint32_t idst, uint32_t param) { add_unary_tile(idst, param ^ 0x80000000u); }
ALWI void mul_unary_tile(uint32_t idst, uint32_t param) { sfpu_init(SFPU_MUL_SCALAR); sfpu_tile_param(SFPU_MUL_SCALAR, idst, param); }
ALWI void div_unary_tile(uint32_t idst, uint32_t param) { mul_unary_tile(idst, meshsim::float_bits(1.0f / meshsim::bits_float(param))); }

// ---- SFPU between two Dst tiles: odst = idst0 op idst1 ----
ALWI void add_binary_tile_init() {}
ALWI void sub_binary_tile_init() {}
ALWI void mul_binary_tile_init() {}
ALWI void add_binary_tile(uint32_t idst0, uint32_t idst1, uint32_t odst) { meshsim::sfpu_binary(BINARY_ADD, idst0, idst1, odst); }
ALWI void sub_binary_tile(uint32_t idst0, uint32_t idst1, uint32_t odst) { meshsim::sfpu_binary(BINARY_SUB, idst0, idst1, odst); }
ALWI void mul_binary_tile(uint32_t idst0, uint32_t idst1, uint32_t odst) { meshsim::sfpu_binary(BINARY_MUL, idst0, idst1, odst); }
ALWI void add_binary_tile(uint32_t idst0, uint32_t idst1) { add_binary_tile(idst0, idst1, idst0); }
ALWI void sub_binary_tile(uint32_t idst0, uint32_t idst1) { sub_binary_tile(idst0, idst1, idst0); }
ALWI void mul_binary_tile(uint32_t idst0, uint32_t idst1) { mul_binary_tile(idst0, idst1, idst0); }

// tt-metal's newer names for the inits above: the output CB's format is compute_kernel_hw_startup's,
// so these keep the packer as it is.
ALWI void add_init(uint32_t icb0, uint32_t icb1, bool acc_to_dest = false) { add_tiles_init(icb0, icb1, acc_to_dest); }
ALWI void sub_init(uint32_t icb0, uint32_t icb1, bool acc_to_dest = false) { sub_tiles_init(icb0, icb1, acc_to_dest); }
ALWI void mul_init(uint32_t icb0, uint32_t icb1) { mul_tiles_init(icb0, icb1); }
ALWI void copy_init(uint32_t cb, uint32_t transpose = 0, uint32_t transpose_within_16x16_face = 0) {
  (void)transpose_within_16x16_face;  // a whole-tile transpose is the one meshsim models
  copy_tile_to_dst_init_short(cb, transpose);
}
ALWI void matmul_init(uint32_t in0_cb, uint32_t in1_cb, uint32_t transpose = 0) { mm_init_short(in0_cb, in1_cb, transpose); }
ALWI void matmul_tile(uint32_t in0_cb, uint32_t in1_cb, uint32_t in0_tile, uint32_t in1_tile, uint32_t idst, uint32_t transpose = 0) {
  matmul_tiles(in0_cb, in1_cb, in0_tile, in1_tile, idst, transpose);
}
ALWI void matmul_block_init(uint32_t in0_cb, uint32_t in1_cb, uint32_t transpose = 0, uint32_t ct_dim = 1, uint32_t rt_dim = 1, uint32_t kt_dim = 1) {
  mm_block_init_short(in0_cb, in1_cb, transpose, ct_dim, rt_dim, kt_dim);
}

#endif
