/* tt-metal's path for TensorAccessor (meshsim/tt/tensor_accessor.hpp, part of the data-movement API). */
#pragma once
#include "dataflow_api.h"
