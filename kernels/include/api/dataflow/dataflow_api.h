/* tt-metal's path for the data-movement API. */
#pragma once
#include "dataflow_api.h"
