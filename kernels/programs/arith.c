/* Arithmetic edge cases of RV32IM. Each result is printed as "name xxxxxxxx" and folded into
 * an FNV-1a checksum; the exit code is derived from the checksum.
 *
 * Inputs are volatile so gcc cannot fold the operations at compile time: every line below
 * executes the instruction named in it. Cases that are undefined behaviour in C (overflowing
 * signed arithmetic, division by zero, INT_MIN / -1, shifts by >= 32) are written either in
 * unsigned arithmetic or as inline assembly, so the instruction's defined RISC-V result is
 * what gets printed. */
#include <meshsim/sys.h>

static uint32_t checksum = 0x811c9dc5u;

static void out(const char *name, uint32_t v) {
  put_kv_hex(name, v);
  for (int i = 0; i < 4; i++) {
    checksum ^= (v >> (8 * i)) & 0xff;
    checksum *= 0x01000193u;
  }
}

/* one load instruction from an address: gcc tends to turn a volatile int8_t load into
 * lbu + shifts, so the loads under test are spelled out */
#define LOAD(op, p)                                                   \
  ({                                                                  \
    uint32_t r_;                                                      \
    __asm__ volatile(op " %0, 0(%1)" : "=r"(r_) : "r"(p) : "memory"); \
    r_;                                                               \
  })

#define RR(op, a, b)                                                  \
  ({                                                                  \
    uint32_t r_;                                                      \
    __asm__ volatile(op " %0, %1, %2" : "=r"(r_) : "r"(a), "r"(b)); \
    r_;                                                               \
  })

static volatile int32_t s_min = INT32_MIN, s_max = INT32_MAX, s_m1 = -1, s_0 = 0, s_1 = 1;
static volatile int32_t s_m7 = -7, s_7 = 7, s_2 = 2, s_m2 = -2, s_12345 = 12345;
static volatile uint32_t u_max = 0xffffffffu, u_hi = 0x80000000u, u_2 = 2, u_0 = 0;
static volatile uint32_t u_f9 = 0xfffffff9u, u_pat = 0x80000001u;
static volatile uint32_t sh0 = 0, sh1 = 1, sh31 = 31, sh32 = 32, sh33 = 33;

static volatile uint8_t bytes[4] = {0x80, 0x7f, 0xff, 0x01};
static volatile uint16_t halves[4] = {0x8000, 0x7fff, 0xffff, 0x0001};

static uint32_t mulh(int32_t a, int32_t b) { return (uint32_t)(((int64_t)a * (int64_t)b) >> 32); }
static uint32_t mulhu(uint32_t a, uint32_t b) { return (uint32_t)(((uint64_t)a * (uint64_t)b) >> 32); }
static uint32_t mulhsu(int32_t a, uint32_t b) { return (uint32_t)(((int64_t)a * (int64_t)(uint64_t)b) >> 32); }

int main(void) {
  /* add / sub wrap around */
  out("add_max_1", (uint32_t)s_max + (uint32_t)s_1);
  out("sub_min_1", (uint32_t)s_min - (uint32_t)s_1);
  out("add_umax_1", u_max + 1u);
  out("sub_0_1", u_0 - 1u);
  out("neg_min", 0u - (uint32_t)s_min);

  /* mul: low word, and the three high-word forms */
  out("mul_min_m1", (uint32_t)s_min * (uint32_t)s_m1);
  out("mul_max_max", (uint32_t)s_max * (uint32_t)s_max);
  out("mul_umax_umax", u_max * u_max);
  out("mulh_min_min", mulh(s_min, s_min));
  out("mulh_min_m1", mulh(s_min, s_m1));
  out("mulh_min_max", mulh(s_min, s_max));
  out("mulh_max_max", mulh(s_max, s_max));
  out("mulh_m1_m1", mulh(s_m1, s_m1));
  out("mulhu_umax_umax", mulhu(u_max, u_max));
  out("mulhu_hi_2", mulhu(u_hi, u_2));
  out("mulhu_umax_1", mulhu(u_max, (uint32_t)s_1));
  out("mulhsu_m1_umax", mulhsu(s_m1, u_max));
  out("mulhsu_min_umax", mulhsu(s_min, u_max));
  out("mulhsu_max_umax", mulhsu(s_max, u_max));
  out("mulhsu_m1_1", mulhsu(s_m1, (uint32_t)s_1));

  /* div / rem: ordinary signs (C truncates toward zero, as RISC-V does) */
  out("div_m7_2", (uint32_t)(s_m7 / s_2));
  out("rem_m7_2", (uint32_t)(s_m7 % s_2));
  out("div_7_m2", (uint32_t)(s_7 / s_m2));
  out("rem_7_m2", (uint32_t)(s_7 % s_m2));
  out("div_12345_7", (uint32_t)(s_12345 / s_7));
  out("rem_12345_7", (uint32_t)(s_12345 % s_7));
  out("divu_f9_2", u_f9 / u_2);
  out("remu_f9_2", u_f9 % u_2);
  out("divu_umax_7", u_max / (uint32_t)s_7);
  /* div / rem edge cases: defined by RISC-V, undefined in C, so asm */
  out("div_7_0", RR("div", s_7, s_0));
  out("rem_7_0", RR("rem", s_7, s_0));
  out("div_m7_0", RR("div", s_m7, s_0));
  out("rem_m7_0", RR("rem", s_m7, s_0));
  out("divu_7_0", RR("divu", s_7, u_0));
  out("remu_7_0", RR("remu", s_7, u_0));
  out("divu_umax_0", RR("divu", u_max, u_0));
  out("remu_umax_0", RR("remu", u_max, u_0));
  out("div_min_m1", RR("div", s_min, s_m1));
  out("rem_min_m1", RR("rem", s_min, s_m1));
  out("divu_hi_umax", RR("divu", u_hi, u_max));
  out("remu_hi_umax", RR("remu", u_hi, u_max));

  /* shifts by register amounts 0, 1, 31; only the low 5 bits of the amount count */
  out("sll_0", u_pat << sh0);
  out("sll_1", u_pat << sh1);
  out("sll_31", u_pat << sh31);
  out("srl_0", u_pat >> sh0);
  out("srl_1", u_pat >> sh1);
  out("srl_31", u_pat >> sh31);
  out("sra_0", (uint32_t)((int32_t)u_pat >> sh0));
  out("sra_1", (uint32_t)((int32_t)u_pat >> sh1));
  out("sra_31", (uint32_t)((int32_t)u_pat >> sh31));
  out("sra_max_31", (uint32_t)(s_max >> sh31));
  out("sll_32", RR("sll", u_pat, sh32));
  out("srl_33", RR("srl", u_pat, sh33));
  out("sra_33", RR("sra", u_pat, sh33));

  /* signed vs unsigned compares (slt / sltu and the branches) */
  out("slt_m1_1", s_m1 < s_1);
  out("sltu_m1_1", (uint32_t)s_m1 < (uint32_t)s_1);
  out("slt_min_max", s_min < s_max);
  out("sltu_min_max", (uint32_t)s_min < (uint32_t)s_max);
  out("slt_max_min", s_max < s_min);
  out("sltu_0_umax", u_0 < u_max);
  out("sge_m1_0", s_m1 >= s_0);
  out("sgeu_m1_0", (uint32_t)s_m1 >= u_0);

  /* sign and zero extension of byte and halfword loads */
  for (int i = 0; i < 4; i++) {
    static const char *const names_b[4] = {"lb_0", "lb_1", "lb_2", "lb_3"};
    static const char *const names_bu[4] = {"lbu_0", "lbu_1", "lbu_2", "lbu_3"};
    static const char *const names_h[4] = {"lh_0", "lh_1", "lh_2", "lh_3"};
    static const char *const names_hu[4] = {"lhu_0", "lhu_1", "lhu_2", "lhu_3"};
    out(names_b[i], LOAD("lb", &bytes[i]));
    out(names_bu[i], LOAD("lbu", &bytes[i]));
    out(names_h[i], LOAD("lh", &halves[i]));
    out(names_hu[i], LOAD("lhu", &halves[i]));
  }

  put_kv_hex("checksum", checksum);
  return exit_code_of(checksum);
}
