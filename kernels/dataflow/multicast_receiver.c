/* Waits until the sender has flagged this core's semaphore, then tells the sender it is done by
 * incrementing a semaphore on the sender. args: semaphore id, sender NoC x, y, sender's done
 * semaphore id */
#include "dataflow_api.h"

void kernel_main(void) {
  volatile uint32_t *flag = (volatile uint32_t *)get_semaphore(get_arg_val(0));
  noc_semaphore_wait(flag, 1);
  noc_semaphore_inc(get_noc_addr(get_arg_val(1), get_arg_val(2), get_semaphore(get_arg_val(3))), 1);
}
