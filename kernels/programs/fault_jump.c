/* Jumps to 0x40000000, an address with no code (beyond the mapped memory). */
#include <meshsim/sys.h>

int main(void) {
  put_str("about to jump to 0x40000000\n");
  void (*volatile target)(void) = (void (*)(void))0x40000000u;
  target();
  put_str("not reached\n");
  return 1;
}
