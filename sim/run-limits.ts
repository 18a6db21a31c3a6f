// The default run limits, apart from the device and the hart so that the command line can show
// them in its help without loading either.
export const DEFAULT_MAX_CYCLES = 1e9; // a device run (sim/host/device.ts)
export const DEFAULT_MAX_INSTRUCTIONS = 4_000_000_000; // a bare program on one hart (sim/riscv/process.ts)
