/* Table-driven CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, as zlib computes it), for the
 * test and benchmark programs. */
#ifndef MESHSIM_CRC32_H
#define MESHSIM_CRC32_H
#include <stddef.h>
#include <stdint.h>

static void crc32_make_table(uint32_t table[256]) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c & 1) ? (c >> 1) ^ 0xedb88320u : c >> 1;
    table[i] = c;
  }
}

static uint32_t crc32_with_table(const uint32_t table[256], const uint8_t *p, size_t n) {
  uint32_t crc = 0xffffffffu;
  while (n--) crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
  return ~crc;
}

#endif
