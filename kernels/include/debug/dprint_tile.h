/* tt-metal's path for TSLICE (meshsim/tt/dprint_tile.hpp). */
#pragma once
#include "meshsim/tt/dprint_tile.hpp"
