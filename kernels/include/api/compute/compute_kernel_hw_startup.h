/* tt-metal's path for compute_kernel_hw_startup: meshsim has it in one header. */
#pragma once
#include "compute_kernel_api.h"
