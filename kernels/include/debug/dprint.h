/* tt-metal's path for DPRINT (meshsim/tt/dprint.hpp, part of every C++ kernel's API). */
#pragma once
#include "meshsim/kernel_common.h"
#ifdef __cplusplus
#include "meshsim/tt/dprint.hpp"
#endif
