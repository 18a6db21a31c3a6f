// tt-metal's DPRINT stream: `DPRINT << "x " << x << ENDL();` gathers one line and prints it
// through meshsim's tagged debug print when the line ends (ENDL() or a '\n'). Numbers print in
// decimal (HEX() / DEC() switch), floats with SETPRECISION digits (default 6), trimmed unless FIXED().
#ifndef MESHSIM_TT_DPRINT_HPP
#define MESHSIM_TT_DPRINT_HPP
#include <stdint.h>
#include "meshsim/kernel_common.h"

namespace meshsim {
struct Endl {};
struct Hex {};
struct Dec {};
struct Fixed {};
struct SetPrecision { uint32_t digits; };
struct SetW { uint32_t width; };
struct Bf16 { uint16_t bits; };

class DebugPrinter {
 public:
  DebugPrinter &operator<<(const char *s) {
    while (*s) put(*s++);
    return *this;
  }
  DebugPrinter &operator<<(char c) { put(c); return *this; }
  DebugPrinter &operator<<(Endl) { flush(); return *this; }
  DebugPrinter &operator<<(Hex) { state().hex = true; return *this; }
  DebugPrinter &operator<<(Dec) { state().hex = false; return *this; }
  DebugPrinter &operator<<(Fixed) { state().fixed = true; return *this; }
  DebugPrinter &operator<<(SetPrecision p) { state().precision = p.digits; return *this; }
  DebugPrinter &operator<<(SetW w) { state().width = w.width; return *this; }
  DebugPrinter &operator<<(unsigned long long v) { unsigned_number(v); return *this; }
  DebugPrinter &operator<<(long long v) {
    if (v < 0 && !state().hex) { put('-'); return *this << (unsigned long long)-v; }
    return *this << (unsigned long long)v;
  }
  DebugPrinter &operator<<(unsigned long v) { return *this << (unsigned long long)v; }
  DebugPrinter &operator<<(long v) { return *this << (long long)v; }
  DebugPrinter &operator<<(unsigned int v) { return *this << (unsigned long long)v; }
  DebugPrinter &operator<<(int v) { return *this << (long long)v; }
  DebugPrinter &operator<<(unsigned short v) { return *this << (unsigned long long)v; }
  DebugPrinter &operator<<(short v) { return *this << (long long)v; }
  DebugPrinter &operator<<(unsigned char v) { return *this << (unsigned long long)v; }
  DebugPrinter &operator<<(signed char v) { return *this << (long long)v; }
  DebugPrinter &operator<<(bool v) { return *this << (uint32_t)v; }
  DebugPrinter &operator<<(float v) { real(v); return *this; }
  DebugPrinter &operator<<(double v) { real((float)v); return *this; }
  DebugPrinter &operator<<(Bf16 v) { return *this << __builtin_bit_cast(float, (uint32_t)v.bits << 16); }
  DebugPrinter &operator<<(const void *p) { bool h = state().hex; state().hex = true; unsigned_number((uintptr_t)p); state().hex = h; return *this; }

 private:
  struct State {
    char line[160];
    uint32_t n;
    bool hex, fixed;
    uint32_t precision, width;
  };
  static State &state() {
    static State s = {{0}, 0, false, false, 6, 0};
    return s;
  }
  void put(char c) {
    State &s = state();
    if (c == '\n') { flush(); return; }
    if (s.n < sizeof(s.line)) s.line[s.n++] = c;
  }
  void flush() {
    State &s = state();
    dprint_bytes(s.line, s.n);
    s.n = 0;
  }
  void digits(unsigned long long v, uint32_t base, uint32_t min_digits) {
    char d[32];
    uint32_t k = 0;
    do { uint32_t r = (uint32_t)(v % base); d[k++] = (char)(r < 10 ? '0' + r : 'a' + r - 10); v /= base; } while (v);
    while (k < min_digits) d[k++] = '0';
    while (k < state().width && k < sizeof(d)) d[k++] = ' ';
    state().width = 0;
    while (k) put(d[--k]);
  }
  void unsigned_number(unsigned long long v) {
    if (state().hex) { put('0'); put('x'); digits(v, 16, 1); } else digits(v, 10, 1);
  }
  void real(float v) {
    State &s = state();
    uint32_t bits = __builtin_bit_cast(uint32_t, v);
    if (bits >> 31) { put('-'); v = -v; }
    if (v != v) { *this << "nan"; return; }
    if (v > 4.0e9f) { *this << (v == v * 2.0f ? "inf" : "large"); return; }
    uint32_t whole = (uint32_t)v;
    float frac = v - (float)whole;
    uint32_t prec = s.precision > 9 ? 9 : s.precision;
    uint32_t scale = 1;
    for (uint32_t i = 0; i < prec; i++) scale *= 10;
    uint32_t f = (uint32_t)(frac * (float)scale + 0.5f);
    if (f >= scale) { whole++; f -= scale; }
    digits(whole, 10, 1);
    if (prec == 0) return;
    char d[10];
    for (uint32_t i = prec; i > 0; i--) { d[i - 1] = (char)('0' + f % 10); f /= 10; }
    uint32_t keep = prec;
    if (!s.fixed) while (keep > 0 && d[keep - 1] == '0') keep--;
    if (keep == 0) return;
    put('.');
    for (uint32_t i = 0; i < keep; i++) put(d[i]);
  }
};
}  // namespace meshsim

#define DPRINT ::meshsim::DebugPrinter()
#define ENDL() ::meshsim::Endl{}
#define HEX() ::meshsim::Hex{}
#define DEC() ::meshsim::Dec{}
#define FIXED() ::meshsim::Fixed{}
#define SETPRECISION(n) ::meshsim::SetPrecision{(uint32_t)(n)}
#define SETW(n) ::meshsim::SetW{(uint32_t)(n)}
#define BF16(v) ::meshsim::Bf16{(uint16_t)(v)}
// tt-metal's typed wrappers: the value prints as that type.
#define U8(v) ((uint8_t)(v))
#define U16(v) ((uint16_t)(v))
#define U32(v) ((uint32_t)(v))
#define U64(v) ((uint64_t)(v))
#define I8(v) ((int8_t)(v))
#define I16(v) ((int16_t)(v))
#define I32(v) ((int32_t)(v))
#define I64(v) ((int64_t)(v))
#define F32(v) ((float)(v))
// One compute hart does unpack, math and pack: each thread's prints come from it.
#define DPRINT_UNPACK(x) x
#define DPRINT_MATH(x) x
#define DPRINT_PACK(x) x
#if defined(COMPILE_FOR_BRISC)
#define DPRINT_DATA0(x) x
#define DPRINT_DATA1(x)
#elif defined(COMPILE_FOR_NCRISC)
#define DPRINT_DATA0(x)
#define DPRINT_DATA1(x) x
#else
#define DPRINT_DATA0(x)
#define DPRINT_DATA1(x)
#endif

#endif
