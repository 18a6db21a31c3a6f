/* tt-metal's host-and-device constants (VALID / INVALID): in meshsim/tt/common.hpp. */
#pragma once
#include "meshsim/tt/common.hpp"
