/* Writes this core's L1 shard of a tensor to the pages of a DRAM interleaved buffer (page
 * r · width + c holds tile (r, c)), as tt-metal's writer_unary_sharded_blocks_interleaved_start_id.
 * args: shard L1 address, first tile-row, first tile column, tile-rows, tile columns, shard width
 *       (tiles), tile bytes, tensor width (tiles), DRAM address */
#include "dataflow_api.h"

void kernel_main(void) {
  const uint32_t src = get_arg_val(0), r0 = get_arg_val(1), c0 = get_arg_val(2), rows = get_arg_val(3), cols = get_arg_val(4);
  const uint32_t stride = get_arg_val(5), tile_bytes = get_arg_val(6), width = get_arg_val(7);
  const InterleavedAddrGen dram = {.bank_base_address = get_arg_val(8), .page_size = tile_bytes};
  for (uint32_t r = 0; r < rows; r++) {
    for (uint32_t c = 0; c < cols; c++) noc_async_write(src + (r * stride + c) * tile_bytes, get_noc_addr_interleaved((r0 + r) * width + c0 + c, &dram), tile_bytes);
  }
  noc_async_write_barrier();
}
