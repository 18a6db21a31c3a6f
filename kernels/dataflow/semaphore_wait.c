/* Waits until a semaphore reaches a value. args: semaphore id, value */
#include "dataflow_api.h"

void kernel_main(void) { noc_semaphore_wait((volatile uint32_t *)get_semaphore(get_arg_val(0)), get_arg_val(1)); }
