/* What the three kernels of decode attention (sim/ops/attention/decode.ts) agree on: circular
 * buffers, core roles and the bf16 tile geometry. Every CB exists on every core of the program,
 * so a CB has the same L1 address on all of them and a worker can write into its reducer's. */
#ifndef DECODE_CBS_H
#define DECODE_CBS_H

enum {
  CB_Q = 0,        /* the user's Q tile row (D/32 tiles) */
  CB_K = 1,        /* K tiles of a block of positions, double-buffered */
  CB_V = 2,        /* V tiles of the same block */
  CB_MASK = 3,     /* 0 for cached positions of the last tile, -inf past the length */
  CB_SCALER = 4,   /* 1.0: the reduce scaler */
  CB_NEG_INF = 5,  /* -inf everywhere: the running max before the first block */
  CB_M_IN = 6,     /* the workers' row maxima, one tile each (written by the workers) */
  CB_L_IN = 7,     /* the workers' row sums */
  CB_O_IN = 8,     /* the workers' unnormalised outputs, D/32 tiles each */
  CB_BETA = 9,     /* a reducer's exp(m_j - m): its own partial's, then each worker's */
  CB_OUT = 16,     /* the output tile row (normalised, or a worker's partial O) */
  CB_OUT_M = 17,   /* a worker's row max, to send */
  CB_OUT_L = 18,   /* a worker's row sum, to send */
  CB_M2 = 19,      /* and the new max alternate between CB_M and CB_M2, one tile each */
  CB_QS = 24,      /* Q · scale */
  CB_S = 26,       /* scores of a block */
  CB_P = 27,       /* exp(S - m) of a block */
  CB_M = 28,       /* running row max (column 0; -inf in the other columns): the previous */
  CB_L = 29,       /* running row sum (column 0), previous then new */
  CB_O = 30,       /* running unnormalised output, previous then new */
  CB_ALPHA = 31,   /* column factor: exp(m_prev - m_new), or 1 / l */
};

enum { ROLE_ALONE = 0, ROLE_REDUCER = 1, ROLE_WORKER = 2 };

#define DECODE_TILE_BYTES 2048u /* bf16 */
#define DECODE_FACE_BYTES 512u  /* a 16×16 face of bf16 */
#define DECODE_FACE_ROW_BYTES 32u
#define DECODE_DST_HALF 8u      /* tiles of a Dst half without fp32 accumulation */
#define BF16_NEG_INF 0xFF80u
#define BF16_ONE 0x3F80u

/* The compute hart reads a CB's front tiles by index, which must not wrap around the CB's end
 * (as tt-metal's unpacker): so every block moves the K, V, S and P CBs on by a whole block,
 * the pages a partial block leaves empty included. */

static inline uint32_t decode_min(uint32_t a, uint32_t b) { return a < b ? a : b; }

#endif
