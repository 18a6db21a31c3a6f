/* tt-metal's path for part of the compute API: meshsim has it in one header. */
#pragma once
#include "compute_kernel_api.h"
