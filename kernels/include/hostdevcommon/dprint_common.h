/* tt-metal's host-and-device DPRINT definitions (SliceRange): in meshsim/tt/dprint_tile.hpp. */
#pragma once
#include "meshsim/tt/dprint_tile.hpp"
