/* A block of C = A @ B (+ bias, then an activation) per unit, as tt-metal's
 * bmm_large_block_zm_fused_bias_activation (with matmul_block, its source-operand reuse): K arrives in blocks of kb tiles — Mb×kb tiles of A in
 * c_0 and kb×Nb tiles of B in c_1 — and each sub_h×sub_w sub-block of output tiles is accumulated
 * in Dst over the block. Between K blocks the partial sums wait in c_24. After the last block the
 * sub-block goes to c_16, through the activation (an SFPU op on the Dst tiles before the pack);
 * with a bias it goes to c_24 once more, and a last pass adds the bias row (c_2, 1×Nb tiles,
 * broadcast down the rows) and applies the activation on its way to c_16.
 * With hold (a block of one sub-block, as tt-metal's matmul_multi_core bmm kernel) the sums stay in
 * Dst across all K blocks instead.
 * With l1_acc the partial sums are accumulated in c_24 by the packer (see spilled_block).
 * args: units, K blocks, kb, Mb, Nb, sub_h, sub_w, bias (0/1), activation (0: none, else its SFPU op + 1), hold (0/1),
 * l1_acc (0/1) */
#include "compute_kernel_api.h"

enum { cb_in0 = 0, cb_in1 = 1, cb_bias = 2, cb_out = 16, cb_partial = 24 };

static uint32_t k_blocks, kb, Mb, Nb, sub_h, sub_w, subblock_tiles, bias, act, l1_acc;

static void activate(void) {
  if (!act) return;
  sfpu_init(act - 1);
  for (uint32_t i = 0; i < subblock_tiles; i++) sfpu_tile(act - 1, i);
}

/* Accumulates the K block's products of sub-block (sh, sw) into Dst: per k, a column of sub_h A
 * tiles times a row of sub_w B tiles (A row-major Mb×kb, B row-major kb×Nb in their CBs). */
static void multiply(uint32_t sh, uint32_t sw) {
  for (uint32_t k = 0; k < kb; k++) matmul_block(cb_in0, cb_in1, sh * kb + k, k * Nb + sw, 0, 0, sub_w, sub_h, kb);
}

/* The matmul set up for this core's sub-blocks, packing into `to`. */
static void matmul_init_to(uint32_t to) { mm_block_init(cb_in0, cb_in1, to, 0, sub_w, sub_h, kb); }

static void wait_k_block(void) {
  cb_wait_front(cb_in0, Mb * kb);
  cb_wait_front(cb_in1, kb * Nb);
}

static void pop_k_block(void) {
  cb_pop_front(cb_in0, Mb * kb);
  cb_pop_front(cb_in1, kb * Nb);
}

static void pack_sub_block(uint32_t to) {
  tile_regs_commit();
  cb_reserve_back(to, subblock_tiles);
  tile_regs_wait();
  for (uint32_t i = 0; i < subblock_tiles; i++) pack_tile(i, to, i);
  tile_regs_release();
  cb_push_back(to, subblock_tiles);
}

/* The block held in Dst over every K block. */
static void held_block(void) {
  const uint32_t to = bias ? cb_partial : cb_out;
  tile_regs_acquire();
  matmul_init_to(to);
  for (uint32_t kblock = 0; kblock < k_blocks; kblock++) {
    wait_k_block();
    multiply(0, 0);
    pop_k_block();
  }
  if (to == cb_out) activate();
  pack_sub_block(to);
}

/* The block sub-block by sub-block, partial sums kept in c_24 between K blocks. Without L1
 * accumulation each K block after the first reloads them into Dst (copy_tile) and packs them back.
 * With it (tt-metal's PACKER_L1_ACC) the first K block packs plainly and later ones have the packer
 * add into the sums in c_24, whose pages the wait / pop at the end of the block hand back to the
 * packer at the same addresses; without a bias the last two blocks go back to the reload, so the
 * last one packs the finished sums to c_16 plainly; with a bias every block packs into c_24. */
static void spilled_block(void) {
  uint32_t reload = 0;
  for (uint32_t kblock = 0; kblock < k_blocks; kblock++) {
    const uint32_t to = kblock + 1 == k_blocks && !bias ? cb_out : cb_partial;
    wait_k_block();
    for (uint32_t sh = 0; sh < Mb; sh += sub_h) {
      for (uint32_t sw = 0; sw < Nb; sw += sub_w) {
        tile_regs_acquire();
        if (reload) {
          copy_tile_init(cb_partial);
          cb_wait_front(cb_partial, subblock_tiles);
          for (uint32_t i = 0; i < subblock_tiles; i++) copy_tile(cb_partial, i, i);
          cb_pop_front(cb_partial, subblock_tiles);
        }
        matmul_init_to(to);
        multiply(sh, sw);
        if (to == cb_out) activate();
        if (l1_acc) pack_reconfig_l1_acc(kblock > 0 && to == cb_partial);
        pack_sub_block(to);
      }
    }
    if (!l1_acc) reload = 1;
    else {
      if (bias ? kblock + 1 < k_blocks : kblock + 2 < k_blocks) { /* the sums stay; the packer's pointer comes back to them */
        cb_wait_front(cb_partial, Mb * Nb);
        cb_pop_front(cb_partial, Mb * Nb);
      }
      reload = !bias && kblock + 2 == k_blocks;
    }
    pop_k_block();
  }
  if (l1_acc) pack_reconfig_l1_acc(0);
}

/* c_16 = activation(c_24 + the bias row), sub-block by sub-block. */
static void add_bias(void) {
  cb_wait_front(cb_bias, Nb);
  for (uint32_t sh = 0; sh < Mb; sh += sub_h) {
    for (uint32_t sw = 0; sw < Nb; sw += sub_w) {
      tile_regs_acquire();
      init_bcast(BINARY_ADD, BCAST_ROWS, cb_partial, cb_bias);
      pack_reconfig_data_format(cb_out);
      cb_wait_front(cb_partial, subblock_tiles);
      for (uint32_t h = 0; h < sub_h; h++)
        for (uint32_t x = 0; x < sub_w; x++) add_tiles_bcast_rows(cb_partial, cb_bias, h * sub_w + x, sw + x, h * sub_w + x);
      cb_pop_front(cb_partial, subblock_tiles);
      activate();
      pack_sub_block(cb_out);
    }
  }
  cb_pop_front(cb_bias, Nb);
}

void kernel_main(void) {
  const uint32_t units = get_arg_val(0);
  k_blocks = get_arg_val(1), kb = get_arg_val(2), Mb = get_arg_val(3), Nb = get_arg_val(4);
  sub_h = get_arg_val(5), sub_w = get_arg_val(6), bias = get_arg_val(7), act = get_arg_val(8);
  const uint32_t hold = get_arg_val(9);
  l1_acc = get_arg_val(10);
  subblock_tiles = sub_h * sub_w;
  matmul_init_to(cb_out);
  for (uint32_t u = 0; u < units; u++) {
    if (hold) held_block();
    else spilled_block();
    if (bias) add_bias();
  }
}
