/* Loads from 0x7ffffff0, far beyond the 16 MiB that `meshsim exec` maps from address 0. */
#include <meshsim/sys.h>

int main(void) {
  put_str("about to load from 0x7ffffff0\n");
  volatile uint32_t *p = (volatile uint32_t *)0x7ffffff0u;
  uint32_t v = *p;
  put_kv_hex("not reached", v);
  return 1;
}
