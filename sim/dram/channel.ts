// One DRAM bank's timing: requests are served first-come first-served at the bank's achieved
// bandwidth, each after the bank's access latency (hardware.md §1.2 [ISA-WH] DRAMTile: 24 GB/s
// per channel, ~93% achieved; latency derived in the preset, §6: not published).
export class DramChannelTiming {
  private freeAt = 0;
  bytesRead = 0;
  bytesWritten = 0;
  busyCycles = 0;
  observe: ((start: number, end: number, bytes: number) => void) | undefined; // for traces

  constructor(private readonly bytesPerCycle: number, private readonly latencyCycles: number) {}

  // A request reaching the bank at `time`: returns when its data is ready at the endpoint (a read)
  // or committed (a write). Reads and writes share the bank's bandwidth.
  access(time: number, bytes: number, write: boolean): number {
    const start = Math.max(time, this.freeAt);
    const occupancy = Math.ceil(bytes / this.bytesPerCycle);
    this.freeAt = start + occupancy;
    this.busyCycles += occupancy;
    this.observe?.(start, start + occupancy, bytes);
    if (write) this.bytesWritten += bytes;
    else this.bytesRead += bytes;
    return start + this.latencyCycles + occupancy;
  }
}
