/* The compute kernel API, with tt-metal's names, for the compute hart (standing for TRISC0-2).
 * Each call is one command to the core's tile engine (sim/compute/tile-engine.ts): unpack from
 * circular buffers into source registers, math into the Dst register file, pack from Dst into
 * circular buffers. The stages overlap as a pipeline; the command returns once the engine has
 * accepted it. Math fidelity and fp32 accumulation come from the kernel's ComputeConfig on the
 * host, as in tt-metal.
 *
 * Dst holds 16 tiles in two halves: math works in one half between tile_regs_acquire() and
 * tile_regs_commit(), the packer reads the other between tile_regs_wait() and
 * tile_regs_release(). A Dst index is a tile of the current half: 0-7, or 0-3 with fp32
 * accumulation. A C++ kernel gets tt-metal's signatures (meshsim/tt/compute.hpp). */
#ifndef COMPUTE_KERNEL_API_H
#define COMPUTE_KERNEL_API_H
#include <stdint.h>
#include "meshsim/kernel_common.h"
#include "meshsim/sfpu_ops.h"

/* ---- Dst register synchronisation ---- */
static inline void tile_regs_acquire(void) { meshsim_cmd(CMD_TILE_REGS_ACQUIRE); }
static inline void tile_regs_commit(void) { meshsim_cmd(CMD_TILE_REGS_COMMIT); }
static inline void tile_regs_wait(void) { meshsim_cmd(CMD_TILE_REGS_WAIT); }
static inline void tile_regs_release(void) { meshsim_cmd(CMD_TILE_REGS_RELEASE); }

/* ---- configuration ---- */
static inline void compute_init(uint32_t what, uint32_t a, uint32_t b, uint32_t out, uint32_t op, uint32_t dim) {
  CMD_ARG(0) = what;
  CMD_ARG(1) = a;
  CMD_ARG(2) = b;
  CMD_ARG(3) = out;
  CMD_ARG(4) = op;
  CMD_ARG(5) = dim;
  meshsim_cmd(CMD_COMPUTE_INIT);
}
static inline void binary_op_init_common(uint32_t icb0, uint32_t icb1, uint32_t ocb) { compute_init(INIT_BINARY_COMMON, icb0, icb1, ocb, 0, 0); }
static inline void copy_tile_init(uint32_t cb) { compute_init(INIT_COPY, cb, 0, 0, 0, 0); }
static inline void transpose_wh_init(uint32_t icb, uint32_t ocb) { compute_init(INIT_TRANSPOSE, icb, 0, ocb, 0, 0); }
static inline void pack_reconfig_data_format(uint32_t ocb) { compute_init(INIT_PACK, 0, 0, ocb, 0, 0); }

/* ---- matmul ----
 * The init sets up the unpackers and the math for a block of rt_dim x ct_dim output tiles over
 * kt_dim (1, 1, 1 for matmul_tiles); transpose makes every in1 tile enter transposed (B^T). */
static inline void meshsim_matmul_init(uint32_t in0_cb, uint32_t in1_cb, uint32_t out_cb, uint32_t transpose, uint32_t ct_dim, uint32_t rt_dim, uint32_t kt_dim) {
  CMD_ARG(6) = rt_dim;
  CMD_ARG(7) = kt_dim;
  compute_init(INIT_MATMUL, in0_cb, in1_cb, out_cb, transpose, ct_dim);
}
static inline void meshsim_matmul_tiles(uint32_t in0_cb, uint32_t in1_cb, uint32_t in0_tile, uint32_t in1_tile, uint32_t idst, uint32_t transpose) {
  CMD_ARG(0) = in0_cb;
  CMD_ARG(1) = in1_cb;
  CMD_ARG(2) = in0_tile;
  CMD_ARG(3) = in1_tile;
  CMD_ARG(4) = idst;
  CMD_ARG(5) = transpose;
  meshsim_cmd(CMD_MATMUL_TILES);
}
/* Dst[idst + r*ct_dim + c] += in0[in0_tile + r*kt_dim] @ in1[in1_tile + c] for r < rt_dim, c < ct_dim:
 * one k step of an rt_dim x ct_dim sub-block, as tt-metal's matmul_block. The unpacker holds one
 * operand tile in its source register across the row (or column) of the sub-block. */
static inline void matmul_block(uint32_t in0_cb, uint32_t in1_cb, uint32_t in0_tile, uint32_t in1_tile, uint32_t idst, uint32_t transpose,
                                uint32_t ct_dim, uint32_t rt_dim, uint32_t kt_dim) {
  CMD_ARG(0) = in0_cb;
  CMD_ARG(1) = in1_cb;
  CMD_ARG(2) = in0_tile;
  CMD_ARG(3) = in1_tile;
  CMD_ARG(4) = idst;
  CMD_ARG(5) = transpose;
  CMD_ARG(6) = ct_dim;
  CMD_ARG(7) = rt_dim;
  CMD_ARG(8) = kt_dim;
  meshsim_cmd(CMD_MATMUL_BLOCK);
}

/* ---- math ---- */

static inline void binary_tiles(uint32_t op, uint32_t bcast, uint32_t icb0, uint32_t icb1, uint32_t itile0, uint32_t itile1, uint32_t idst) {
  CMD_ARG(0) = op;
  CMD_ARG(1) = bcast;
  CMD_ARG(2) = icb0;
  CMD_ARG(3) = icb1;
  CMD_ARG(4) = itile0;
  CMD_ARG(5) = itile1;
  CMD_ARG(6) = idst;
  meshsim_cmd(CMD_BINARY_TILES);
}
static inline void add_tiles(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t d) { binary_tiles(BINARY_ADD, BCAST_NONE, a, b, ia, ib, d); }
static inline void sub_tiles(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t d) { binary_tiles(BINARY_SUB, BCAST_NONE, a, b, ia, ib, d); }
static inline void mul_tiles(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t d) { binary_tiles(BINARY_MUL, BCAST_NONE, a, b, ia, ib, d); }
static inline void add_tiles_bcast_rows(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t d) { binary_tiles(BINARY_ADD, BCAST_ROWS, a, b, ia, ib, d); }
static inline void add_tiles_bcast_cols(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t d) { binary_tiles(BINARY_ADD, BCAST_COLS, a, b, ia, ib, d); }
static inline void add_tiles_bcast_scalar(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t d) { binary_tiles(BINARY_ADD, BCAST_SCALAR, a, b, ia, ib, d); }
static inline void sub_tiles_bcast_rows(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t d) { binary_tiles(BINARY_SUB, BCAST_ROWS, a, b, ia, ib, d); }
static inline void sub_tiles_bcast_cols(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t d) { binary_tiles(BINARY_SUB, BCAST_COLS, a, b, ia, ib, d); }
static inline void sub_tiles_bcast_scalar(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t d) { binary_tiles(BINARY_SUB, BCAST_SCALAR, a, b, ia, ib, d); }
static inline void mul_tiles_bcast_rows(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t d) { binary_tiles(BINARY_MUL, BCAST_ROWS, a, b, ia, ib, d); }
static inline void mul_tiles_bcast_cols(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t d) { binary_tiles(BINARY_MUL, BCAST_COLS, a, b, ia, ib, d); }
static inline void mul_tiles_bcast_scalar(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t d) { binary_tiles(BINARY_MUL, BCAST_SCALAR, a, b, ia, ib, d); }

static inline void copy_tile(uint32_t in_cb, uint32_t in_tile, uint32_t idst) {
  CMD_ARG(0) = in_cb;
  CMD_ARG(1) = in_tile;
  CMD_ARG(2) = idst;
  meshsim_cmd(CMD_COPY_TILE);
}

static inline void meshsim_reduce_tile(uint32_t icb, uint32_t icb_scaler, uint32_t itile, uint32_t itile_scaler, uint32_t idst) {
  CMD_ARG(0) = icb;
  CMD_ARG(1) = icb_scaler;
  CMD_ARG(2) = itile;
  CMD_ARG(3) = itile_scaler;
  CMD_ARG(4) = idst;
  meshsim_cmd(CMD_REDUCE_TILE);
}

static inline void transpose_wh_tile(uint32_t icb, uint32_t itile, uint32_t idst) {
  CMD_ARG(0) = icb;
  CMD_ARG(1) = itile;
  CMD_ARG(2) = idst;
  meshsim_cmd(CMD_TRANSPOSE_WH_TILE);
}

/* ---- SFPU: in place on a Dst tile, after the matching <op>_tile_init() ---- */
static inline void sfpu_init(uint32_t op) { compute_init(INIT_SFPU, 0, 0, 0, op, 0); }
static inline void sfpu_tile_param(uint32_t op, uint32_t idst, uint32_t param_bits) {
  CMD_ARG(0) = op;
  CMD_ARG(1) = idst;
  CMD_ARG(2) = param_bits;
  meshsim_cmd(CMD_SFPU_TILE);
}
static inline void sfpu_tile(uint32_t op, uint32_t idst) { sfpu_tile_param(op, idst, 0); }

static inline void meshsim_pack_tile(uint32_t idst, uint32_t ocb, uint32_t out_tile) {
  CMD_ARG(0) = idst;
  CMD_ARG(1) = ocb;
  CMD_ARG(2) = out_tile;
  meshsim_cmd(CMD_PACK_TILE);
}
/* Packer L1 accumulation, as tt-metal's pack_reconfig_l1_acc: while enabled (1) each pack adds the
 * Dst tile into the tile already at its L1 destination (in the output CB's format) instead of
 * overwriting it; 0 turns it off. */
static inline void pack_reconfig_l1_acc(uint32_t l1_acc_en) {
  CMD_ARG(0) = l1_acc_en;
  meshsim_cmd(CMD_PACK_RECONFIG_L1_ACC);
}
/* pack_tile's out_tile meaning "the tile after the last one packed since the CB's last push". */
#define MESHSIM_PACK_NEXT 0xFFFFFFFFu
/* An init's output CB that leaves the packer's format as it was (the short inits). */
#define MESHSIM_KEEP_PACK 0xFFFFFFFFu

#ifndef __cplusplus
/* ---- the C surface ---- */
static inline void mm_init(uint32_t in0_cb, uint32_t in1_cb, uint32_t out_cb) { meshsim_matmul_init(in0_cb, in1_cb, out_cb, 0, 1, 1, 1); }
static inline void matmul_tiles(uint32_t in0_cb, uint32_t in1_cb, uint32_t in0_tile, uint32_t in1_tile, uint32_t idst) {
  meshsim_matmul_tiles(in0_cb, in1_cb, in0_tile, in1_tile, idst, 0);
}
static inline void mm_block_init(uint32_t in0_cb, uint32_t in1_cb, uint32_t out_cb, uint32_t transpose, uint32_t ct_dim, uint32_t rt_dim, uint32_t kt_dim) {
  meshsim_matmul_init(in0_cb, in1_cb, out_cb, transpose, ct_dim, rt_dim, kt_dim);
}
/* Back to matmul after another init, the packer's format kept. */
static inline void mm_block_init_short(uint32_t in0_cb, uint32_t in1_cb, uint32_t transpose, uint32_t ct_dim, uint32_t rt_dim, uint32_t kt_dim) {
  meshsim_matmul_init(in0_cb, in1_cb, MESHSIM_KEEP_PACK, transpose, ct_dim, rt_dim, kt_dim);
}
static inline void add_tiles_init(uint32_t icb0, uint32_t icb1) { compute_init(INIT_BINARY, icb0, icb1, 0, BINARY_ADD, BCAST_NONE); }
static inline void sub_tiles_init(uint32_t icb0, uint32_t icb1) { compute_init(INIT_BINARY, icb0, icb1, 0, BINARY_SUB, BCAST_NONE); }
static inline void mul_tiles_init(uint32_t icb0, uint32_t icb1) { compute_init(INIT_BINARY, icb0, icb1, 0, BINARY_MUL, BCAST_NONE); }
/* Broadcast variants: the second operand's row 0 (rows), column 0 (cols) or [0][0] (scalar). */
static inline void init_bcast(uint32_t op, uint32_t bcast, uint32_t icb0, uint32_t icb1) { compute_init(INIT_BINARY, icb0, icb1, 0, op, bcast); }
/* op: MESHSIM_REDUCE_SUM or _MAX; dim: MESHSIM_REDUCE_ROW, _COL or _SCALAR. */
static inline void reduce_init(uint32_t icb, uint32_t icb_scaler, uint32_t ocb, uint32_t reduce_op, uint32_t reduce_dim) {
  compute_init(INIT_REDUCE, icb, icb_scaler, ocb, reduce_op, reduce_dim);
}
static inline void reduce_tile(uint32_t icb, uint32_t icb_scaler, uint32_t itile, uint32_t itile_scaler, uint32_t idst) {
  meshsim_reduce_tile(icb, icb_scaler, itile, itile_scaler, idst);
}

/* ---- SFPU: in place on a Dst tile, after the matching <op>_tile_init() ---- */
#define MESHSIM_SFPU(name, id) \
  static inline void name##_tile_init(void) { sfpu_init(id); } \
  static inline void name##_tile(uint32_t idst) { sfpu_tile(id, idst); }
MESHSIM_SFPU_UNARY_OPS(MESHSIM_SFPU)
#undef MESHSIM_SFPU
/* With a parameter, an IEEE float given as its bits (as tt-metal passes them). */
static inline void leaky_relu_tile_init(void) { sfpu_init(SFPU_LEAKY_RELU); }
static inline void leaky_relu_tile(uint32_t idst, uint32_t slope_bits) { sfpu_tile_param(SFPU_LEAKY_RELU, idst, slope_bits); }
static inline void binop_with_scalar_tile_init(uint32_t op) { sfpu_init(op == BINARY_ADD ? SFPU_ADD_SCALAR : SFPU_MUL_SCALAR); }
static inline void add_unary_tile(uint32_t idst, uint32_t param_bits) { sfpu_tile_param(SFPU_ADD_SCALAR, idst, param_bits); }
static inline void mul_unary_tile(uint32_t idst, uint32_t param_bits) { sfpu_tile_param(SFPU_MUL_SCALAR, idst, param_bits); }

/* ---- pack: a Dst tile of the half being packed into the output CB, out_tile pages past its back ---- */
static inline void pack_tile(uint32_t idst, uint32_t ocb, uint32_t out_tile) { meshsim_pack_tile(idst, ocb, out_tile); }
#else
#include "meshsim/tt/compute.hpp"
#endif

#endif
