/* tt-metal's path for TensorAccessorArgs (meshsim/tt/tensor_accessor.hpp, part of the data-movement API). */
#pragma once
#include "dataflow_api.h"
