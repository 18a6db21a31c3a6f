/* tt-metal's path for the fill ops (fill_tile is not supported): meshsim has it in one header. */
#pragma once
#include "compute_kernel_api.h"
