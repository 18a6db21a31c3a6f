/* The SFPU functions that take only a Dst tile, with their ids (meshsim/mmio.h). The C and the
 * C++ compute APIs both declare <name>_tile_init() and <name>_tile(idst) from this one list. */
#ifndef MESHSIM_SFPU_OPS_H
#define MESHSIM_SFPU_OPS_H
#define MESHSIM_SFPU_UNARY_OPS(X) \
  X(exp, SFPU_EXP) \
  X(recip, SFPU_RECIP) \
  X(sqrt, SFPU_SQRT) \
  X(rsqrt, SFPU_RSQRT) \
  X(gelu, SFPU_GELU) \
  X(sigmoid, SFPU_SIGMOID) \
  X(silu, SFPU_SILU) \
  X(tanh, SFPU_TANH) \
  X(relu, SFPU_RELU) \
  X(square, SFPU_SQUARE) \
  X(log, SFPU_LOG)
#endif
