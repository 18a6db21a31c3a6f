// tt-metal's format-string print: DEVICE_PRINT("x={} y={:#x}\n", x, y). Each {} takes the next
// argument, printed as DPRINT prints it (hex when the spec has an x); a line is printed at '\n'.
#ifndef MESHSIM_TT_DEVICE_PRINT_HPP
#define MESHSIM_TT_DEVICE_PRINT_HPP
#include "meshsim/tt/dprint.hpp"

namespace meshsim {
inline void device_print(const char *f) { DPRINT << f; }
template <typename T, typename... Rest>
void device_print(const char *f, T value, Rest... rest) {
  for (; *f; f++) {
    if (*f != '{') { DPRINT << *f; continue; }
    bool hex = false;
    for (f++; *f && *f != '}'; f++) hex = hex || *f == 'x';
    if (hex) DPRINT << HEX() << value << DEC();
    else DPRINT << value;
    return device_print(*f ? f + 1 : f, rest...);
  }
}
}  // namespace meshsim

#define DEVICE_PRINT(...) ::meshsim::device_print(__VA_ARGS__)

#endif
