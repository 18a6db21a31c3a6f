/* Compute-bound integer benchmark for `npm run bench:riscv`: ROUNDS rounds of
 *   - table-driven CRC-32 over a 16 KiB buffer,
 *   - a 48x48 by 48x48 integer matrix multiply (mul, loads, adds),
 *   - a quicksort of 2048 pseudo-random values (compares, branches, swaps),
 * with inputs regenerated from a xorshift32 stream each round, so nothing can be hoisted.
 * About 580 million RV32 instructions in all (1.45 million per round). Prints a checksum;
 * the exit code is derived from it. -DROUNDS=n builds a shorter or longer run. */
#include <meshsim/crc32.h>
#include <meshsim/quicksort.h>
#include <meshsim/sys.h>

#ifndef ROUNDS
#define ROUNDS 400
#endif
#define CRC_LEN 16384
#define MAT 48
#define SORT_N 2048

static uint8_t bytes[CRC_LEN];
static uint32_t crc_table[256];
static int32_t ma[MAT][MAT], mb[MAT][MAT], mc[MAT][MAT];
static int32_t values[SORT_N];
static uint32_t rng = 0x2545f491u;

static uint32_t next(void) {
  uint32_t x = rng;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return rng = x;
}

static uint32_t matmul(void) {
  for (int i = 0; i < MAT; i++)
    for (int j = 0; j < MAT; j++) {
      int32_t acc = 0;
      for (int k = 0; k < MAT; k++) acc += ma[i][k] * mb[k][j];
      mc[i][j] = acc;
    }
  uint32_t h = 0;
  for (int i = 0; i < MAT; i++)
    for (int j = 0; j < MAT; j++) h = (h ^ (uint32_t)mc[i][j]) * 0x01000193u;
  return h;
}

int main(void) {
  crc32_make_table(crc_table);
  uint32_t checksum = 0;
  int sorted = 1;
  for (int round = 0; round < ROUNDS; round++) {
    for (int i = 0; i < CRC_LEN; i += 4) {
      uint32_t x = next();
      bytes[i] = (uint8_t)x;
      bytes[i + 1] = (uint8_t)(x >> 8);
      bytes[i + 2] = (uint8_t)(x >> 16);
      bytes[i + 3] = (uint8_t)(x >> 24);
    }
    checksum = checksum * 31 + crc32_with_table(crc_table, bytes, CRC_LEN);

    for (int i = 0; i < MAT; i++)
      for (int j = 0; j < MAT; j++) {
        ma[i][j] = (int32_t)next() >> 16;
        mb[i][j] = (int32_t)next() >> 16;
      }
    checksum = checksum * 31 + matmul();

    for (int i = 0; i < SORT_N; i++) values[i] = (int32_t)next();
    quicksort(values, 0, SORT_N - 1);
    for (int i = 1; i < SORT_N; i++)
      if (values[i - 1] > values[i]) sorted = 0;
    checksum = checksum * 31 + (uint32_t)values[SORT_N / 2];
  }
  put_kv_dec("rounds", ROUNDS);
  put_kv_dec("sorted", sorted);
  put_kv_hex("checksum", checksum);
  return exit_code_of(checksum);
}
