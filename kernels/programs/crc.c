/* CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, as zlib computes it), once bit by
 * bit and once with a 256-entry table, over the check string "123456789" (whose CRC-32 is
 * cbf43926) and over a generated 4 KiB buffer (byte i = low byte of the i-th xorshift32
 * value from seed 0xC0FFEE). Prints both results and whether they agree; the exit code is
 * derived from the buffer's CRC. */
#include <meshsim/crc32.h>
#include <meshsim/sys.h>

#define LEN 4096

static uint8_t data[LEN];
static uint32_t table[256];

static uint32_t crc32_bitwise(const uint8_t *p, size_t n) {
  uint32_t crc = 0xffffffffu;
  while (n--) {
    crc ^= *p++;
    for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
  }
  return ~crc;
}

int main(void) {
  static const uint8_t check[9] = {'1', '2', '3', '4', '5', '6', '7', '8', '9'};
  uint32_t x = 0xc0ffeeu;
  for (int i = 0; i < LEN; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    data[i] = (uint8_t)x;
  }
  crc32_make_table(table);
  uint32_t check_bits = crc32_bitwise(check, sizeof check);
  uint32_t check_table = crc32_with_table(table, check, sizeof check);
  uint32_t bits = crc32_bitwise(data, LEN);
  uint32_t tab = crc32_with_table(table, data, LEN);
  put_kv_hex("check_bitwise", check_bits);
  put_kv_hex("check_table", check_table);
  put_kv_hex("crc_bitwise", bits);
  put_kv_hex("crc_table", tab);
  put_kv_dec("equal", bits == tab && check_bits == check_table);
  return exit_code_of(tab);
}
