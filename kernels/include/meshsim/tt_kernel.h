/* Included before every kernel source (-include), as tt-metal's build makes its kernel API
 * available without an include: the compute API for the compute hart, else the data-movement API. */
#if !defined(MESHSIM_TT_KERNEL_H) && !defined(__ASSEMBLER__) /* not in the start file */
#define MESHSIM_TT_KERNEL_H
#ifdef COMPILE_FOR_TRISC
#include "compute_kernel_api.h"
#else
#include "dataflow_api.h"
#endif
#endif
