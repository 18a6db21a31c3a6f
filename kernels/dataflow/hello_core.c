/* Says where it runs, through the debug print. */
#include "dataflow_api.h"

void kernel_main(void) {
  dprint("hello from a Tensix core");
  dprint_u32("noc x", my_x());
  dprint_u32("noc y", my_y());
}
