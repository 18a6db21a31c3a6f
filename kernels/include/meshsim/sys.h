/* Freestanding helpers for bare programs run by `meshsim exec` (and qemu-riscv32).
 *
 * Programs are linked with -nostdlib: there is no libc. System calls use the Linux RISC-V
 * convention, which is all `meshsim exec` implements: a7 = call number, a0.. = arguments,
 * result in a0.
 *   write(fd, buf, len)  a7 = 64
 *   exit(code)           a7 = 93
 * Everything here is static inline, so a program is a single .c file plus start.S. */
#ifndef MESHSIM_SYS_H
#define MESHSIM_SYS_H

#include <stdint.h>
#include <stddef.h>

#define SYS_WRITE 64
#define SYS_EXIT 93

static inline long sys_write(int fd, const void *buf, size_t len) {
  register long a0 __asm__("a0") = fd;
  register long a1 __asm__("a1") = (long)buf;
  register long a2 __asm__("a2") = (long)len;
  register long a7 __asm__("a7") = SYS_WRITE;
  /* "memory": the call reads buf, so pending stores to it must happen first */
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
  return a0;
}

static inline __attribute__((noreturn)) void sys_exit(int code) {
  register long a0 __asm__("a0") = code;
  register long a7 __asm__("a7") = SYS_EXIT;
  __asm__ volatile("ecall" : : "r"(a0), "r"(a7) : "memory");
  for (;;) {
  }
}

/* ---- printing to stdout (fd 1) ---- */

static inline size_t str_len(const char *s) {
  size_t n = 0;
  while (s[n]) n++;
  return n;
}

static inline void put_str(const char *s) { sys_write(1, s, str_len(s)); }

static inline void put_char(char c) { sys_write(1, &c, 1); }

/* Eight lowercase hex digits, zero-padded: put_u32_hex(0xbeef) prints "0000beef". */
static inline void put_u32_hex(uint32_t v) {
  char buf[8];
  for (int i = 7; i >= 0; i--) {
    buf[i] = "0123456789abcdef"[v & 15];
    v >>= 4;
  }
  sys_write(1, buf, 8);
}

static inline void put_u32_dec(uint32_t v) {
  char buf[10];
  int i = 10;
  do {
    buf[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  sys_write(1, buf + i, (size_t)(10 - i));
}

static inline void put_i32_dec(int32_t v) {
  if (v < 0) {
    put_char('-');
    put_u32_dec(0u - (uint32_t)v); /* correct for INT32_MIN too */
  } else {
    put_u32_dec((uint32_t)v);
  }
}

/* "name value\n" with value in hex: the line format the test programs use for results. */
static inline void put_kv_hex(const char *name, uint32_t v) {
  put_str(name);
  put_char(' ');
  put_u32_hex(v);
  put_char('\n');
}

static inline void put_kv_dec(const char *name, int32_t v) {
  put_str(name);
  put_char(' ');
  put_i32_dec(v);
  put_char('\n');
}

/* An exit code in 1..127 derived from a result, so a run's exit code is checked too
 * (0 stays "success without a result", and >127 would read as a signal in a shell). */
static inline int exit_code_of(uint32_t result) { return (int)(1 + result % 127); }

#endif
