/* tt-metal's device profiler zone (tools/profiler/kernel_profiler.hpp): DeviceZoneScopedN("name")
   opens a zone that closes at the end of the enclosing scope. Each zone becomes a named slice on
   the hart's track in trace.json. Two commands: zone begin (with the name) and zone end. */
#ifndef MESHSIM_PROFILER_H
#define MESHSIM_PROFILER_H
#include <stdint.h>
#include "meshsim/mmio.h"

static inline void meshsim_zone_begin(const char *name, uint32_t length) {
  CMD_ARG(0) = (uint32_t)(uintptr_t)name;
  CMD_ARG(1) = length;
  meshsim_cmd(CMD_ZONE_BEGIN);
}

/* The cleanup function of a zone's scope variable. */
static inline void meshsim_zone_end(const int *scope) {
  (void)scope;
  meshsim_cmd(CMD_ZONE_END);
}

#define MESHSIM_ZONE_JOIN2(a, b) a##b
#define MESHSIM_ZONE_JOIN(a, b) MESHSIM_ZONE_JOIN2(a, b)
/* `name` is a string literal, as in tt-metal. */
#define DeviceZoneScopedN(name)                   \
  meshsim_zone_begin(name, sizeof(name) - 1u); \
  const int MESHSIM_ZONE_JOIN(meshsim_zone_, __LINE__) __attribute__((cleanup(meshsim_zone_end), unused)) = 0

#endif
