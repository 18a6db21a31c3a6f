// Compile-time args, as tt-metal's build hands them over: the host's list arrives as
// -DKERNEL_COMPILE_TIME_ARGS=a,b,c (and its length as -DKERNEL_COMPILE_TIME_ARG_COUNT), named
// args as -DKERNEL_COMPILE_TIME_ARG_MAP={"name",value},... — constants the compiler sees, so
// they size arrays and pick template arguments. Asking for one that was not given fails to compile.
#ifndef MESHSIM_TT_COMPILE_TIME_ARGS_HPP
#define MESHSIM_TT_COMPILE_TIME_ARGS_HPP
#include <stdint.h>

#ifndef KERNEL_COMPILE_TIME_ARGS
#define KERNEL_COMPILE_TIME_ARGS
#define KERNEL_COMPILE_TIME_ARG_COUNT 0
#endif
#ifndef KERNEL_COMPILE_TIME_ARG_MAP
#define KERNEL_COMPILE_TIME_ARG_MAP
#endif

namespace meshsim {
constexpr uint32_t compile_time_args[] = {KERNEL_COMPILE_TIME_ARGS 0u};  // 0u: never an empty array
constexpr uint32_t compile_time_arg_count = KERNEL_COMPILE_TIME_ARG_COUNT;

template <uint32_t Index>
constexpr uint32_t compile_time_arg() {
  static_assert(Index < compile_time_arg_count, "get_compile_time_arg_val: index past the compile-time args given to this kernel (compileArgs)");
  return compile_time_args[Index];
}

struct NamedArg {
  const char *name;
  uint32_t value;
};
constexpr NamedArg named_args[] = {KERNEL_COMPILE_TIME_ARG_MAP {nullptr, 0u}};

constexpr bool same_name(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return *a == *b;
}
// Not constexpr and never defined: reaching it in a constant expression is a compile error that
// names it, and anywhere else a link error.
uint32_t named_compile_time_arg_was_not_given(const char *name);
constexpr uint32_t named_arg(const char *name) {
  for (const NamedArg &a : named_args)
    if (a.name && same_name(a.name, name)) return a.value;
  return named_compile_time_arg_was_not_given(name);
}
}  // namespace meshsim

#define get_compile_time_arg_val(arg_idx) (::meshsim::compile_time_arg<(arg_idx)>())
#define get_named_compile_time_arg_val(name) (::meshsim::named_arg(name))

// tt-metal's array of the same args, for kernels that index it directly (no range check).
inline constexpr const uint32_t (&kernel_compile_time_args)[sizeof(meshsim::compile_time_args) / sizeof(uint32_t)] = meshsim::compile_time_args;

#endif
