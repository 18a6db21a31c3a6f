/* Never ends: for the instruction and cycle limits (`meshsim exec --max-instructions`). */
#include <meshsim/sys.h>

int main(void) {
  put_str("spinning\n");
  volatile uint32_t n = 0;
  for (;;) n++;
}
