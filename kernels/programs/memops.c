/* Memory operations: our own memcpy and memset, checked byte by byte at every source and
 * destination alignment and length, then byte, halfword and word stores at every naturally
 * aligned position in a buffer, each reloaded at every width. (Misaligned halfword and word
 * accesses are not used: the baby RISC-V cores do not support them, and `meshsim exec`
 * reports them as faults.) Prints the number of mismatches, which must be 0, and a checksum
 * of everything loaded; the exit code is derived from the checksum. */
#include <meshsim/sys.h>

/* gcc would otherwise recognise the byte loops below as memcpy/memset and call those,
 * which do not exist without a libc */
#define NO_LIBCALLS __attribute__((noinline, optimize("no-tree-loop-distribute-patterns")))

/* Copies words when source and destination are both word aligned, bytes otherwise. */
NO_LIBCALLS static void *my_memcpy(void *dst, const void *src, size_t n) {
  uint8_t *d = dst;
  const uint8_t *s = src;
  if ((((uintptr_t)d | (uintptr_t)s) & 3) == 0) {
    for (; n >= 4; n -= 4, d += 4, s += 4) *(uint32_t *)d = *(const uint32_t *)s;
  }
  for (; n > 0; n--) *d++ = *s++;
  return dst;
}

/* Stores bytes up to a word boundary, then whole words, then the remaining bytes. */
NO_LIBCALLS static void *my_memset(void *dst, int c, size_t n) {
  uint8_t *d = dst;
  uint8_t b = (uint8_t)c;
  for (; n > 0 && ((uintptr_t)d & 3); n--) *d++ = b;
  uint32_t w = b * 0x01010101u;
  for (; n >= 4; n -= 4, d += 4) *(uint32_t *)d = w;
  for (; n > 0; n--) *d++ = b;
  return dst;
}

static uint32_t src[16], dst[16];
static volatile uint32_t buf[4];
static uint32_t checksum = 0x811c9dc5u;
static uint32_t mismatches = 0;

static void fold(uint32_t v) {
  for (int i = 0; i < 4; i++) {
    checksum ^= (v >> (8 * i)) & 0xff;
    checksum *= 0x01000193u;
  }
}

static void expect(uint32_t got, uint32_t want) {
  fold(got);
  if (got != want) mismatches++;
}

static void check_memcpy(void) {
  uint8_t *s = (uint8_t *)src, *d = (uint8_t *)dst;
  for (int i = 0; i < 64; i++) s[i] = (uint8_t)(i * 7 + 1);
  for (int sa = 0; sa < 4; sa++) {
    for (int da = 0; da < 4; da++) {
      for (int n = 0; n <= 24; n++) {
        my_memset(dst, 0xee, sizeof dst);
        my_memcpy(d + da, s + sa, (size_t)n);
        for (int i = 0; i < 40; i++) {
          uint8_t want = (i >= da && i < da + n) ? s[sa + i - da] : 0xee;
          if (d[i] != want) mismatches++;
        }
        fold(dst[0] ^ dst[3] ^ dst[7]);
      }
    }
  }
}

static void check_memset(void) {
  uint8_t *d = (uint8_t *)dst;
  for (int a = 0; a < 4; a++) {
    for (int n = 0; n <= 24; n++) {
      my_memset(dst, 0, sizeof dst);
      my_memset(d + a, 0x80 + n, (size_t)n);
      for (int i = 0; i < 40; i++) {
        uint8_t want = (i >= a && i < a + n) ? (uint8_t)(0x80 + n) : 0;
        if (d[i] != want) mismatches++;
      }
      fold(dst[1] + dst[5]);
    }
  }
}

/* buf as bytes, halves and words, through volatile pointers so every access is a real
 * sb/sh/sw or lbu/lhu/lw of its own. gcc loads a volatile int8_t/int16_t with lbu/lhu and
 * shifts, so the sign-extending loads lb/lh are spelled out. */
#define LOAD(op, p)                                                   \
  ({                                                                  \
    uint32_t r_;                                                      \
    __asm__ volatile(op " %0, 0(%1)" : "=r"(r_) : "r"(p) : "memory"); \
    r_;                                                               \
  })
#define B(i) LOAD("lb", (volatile uint8_t *)buf + (i))
#define BU(i) (((volatile uint8_t *)buf)[i])
#define H(i) LOAD("lh", (volatile uint16_t *)buf + (i))
#define HU(i) (((volatile uint16_t *)buf)[i])
#define W(i) (buf[i])

static void clear(void) {
  for (int i = 0; i < 4; i++) W(i) = 0x5a5a5a5au;
}

static void check_widths(void) {
  /* a byte at each of the 16 positions: sign-extended, zero-extended, and as part of its
   * halfword and word (little endian) */
  for (int i = 0; i < 16; i++) {
    clear();
    uint8_t v = (uint8_t)(0x81 + 9 * i);
    BU(i) = v;
    expect(B(i), (uint32_t)(int32_t)(int8_t)v);
    expect(BU(i), v);
    uint32_t h = (i & 1) ? ((uint32_t)v << 8 | 0x5a) : (0x5a00u | v);
    expect(HU(i >> 1), h);
    expect(H(i >> 1), (uint32_t)(int32_t)(int16_t)h);
    uint32_t w = (0x5a5a5a5au & ~(0xffu << 8 * (i & 3))) | (uint32_t)v << 8 * (i & 3);
    expect(W(i >> 2), w);
    expect(W((i >> 2) ^ 1), 0x5a5a5a5au);
  }
  /* a halfword at each of the 8 positions */
  for (int i = 0; i < 8; i++) {
    clear();
    uint16_t v = (uint16_t)(0x8001 + 0x1111 * i);
    HU(i) = v;
    expect(HU(i), v);
    expect(H(i), (uint32_t)(int32_t)(int16_t)v);
    expect(BU(2 * i), v & 0xff);
    expect(B(2 * i + 1), (uint32_t)(int32_t)(int8_t)(v >> 8));
    uint32_t w = (i & 1) ? ((uint32_t)v << 16 | 0x5a5a) : (0x5a5a0000u | v);
    expect(W(i >> 1), w);
  }
  /* a word at each of the 4 positions */
  for (int i = 0; i < 4; i++) {
    clear();
    uint32_t v = 0x80ff7f01u + 0x01010101u * (uint32_t)i;
    W(i) = v;
    expect(W(i), v);
    expect(HU(2 * i), v & 0xffff);
    expect(H(2 * i + 1), (uint32_t)(int32_t)(int16_t)(v >> 16));
    for (int j = 0; j < 4; j++) expect(B(4 * i + j), (uint32_t)(int32_t)(int8_t)(v >> 8 * j));
  }
}

int main(void) {
  check_memcpy();
  put_kv_hex("after_memcpy", checksum);
  check_memset();
  put_kv_hex("after_memset", checksum);
  check_widths();
  put_kv_hex("after_widths", checksum);
  put_kv_dec("mismatches", (int32_t)mismatches);
  put_kv_hex("checksum", checksum);
  return exit_code_of(checksum);
}
