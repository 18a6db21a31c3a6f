/* tt-metal's path for DEVICE_PRINT (meshsim/tt/device_print.hpp). */
#pragma once
#include "meshsim/tt/device_print.hpp"
