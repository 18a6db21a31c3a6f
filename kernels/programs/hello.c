/* The smallest useful program: one write, exit 0. */
#include <meshsim/sys.h>

int main(void) {
  put_str("hello from a baby RISC-V core\n");
  return 0;
}
