/* Executes an illegal instruction: the all-zero word is defined as illegal by the RISC-V
 * spec (so a jump into zeroed memory traps at once), and it has no meaning in RV32IM. */
#include <meshsim/sys.h>

int main(void) {
  put_str("about to execute 0x00000000\n");
  __asm__ volatile(".word 0x00000000");
  put_str("not reached\n");
  return 1;
}
