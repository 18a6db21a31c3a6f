// What a blocked hart waits for, whether it has come, and how to say so in a deadlock report.
import type { CoreHart, Wait } from '../core/tensix-core.ts';
import { MMIO_BASE } from '../core/mmio.ts';
import { loadLatency, type RiscvCostModel } from '../riscv/costs.ts';

export function isSatisfied(h: CoreHart, w: Wait): boolean {
  switch (w.kind) {
    case 'cb_reserve_back':
      return w.cb.free >= w.pages;
    case 'cb_wait_front':
      return w.cb.available >= w.pages;
    case 'semaphore': {
      const v = h.core.l1Word(w.addr);
      return w.atLeast ? v >= w.value : v === w.value;
    }
    case 'read_barrier':
      return h.readsInFlight[w.noc] === 0;
    case 'write_barrier':
      return h.writesInFlight[w.noc] === 0;
    case 'atomic_barrier':
      return h.atomicsInFlight[w.noc] === 0;
  }
}

// A short name for a trace span.
export function waitName(w: Wait): string {
  switch (w.kind) {
    case 'cb_reserve_back':
    case 'cb_wait_front':
      return `${w.kind}(cb ${w.cb.config.index}, ${w.pages})`;
    case 'semaphore':
      return `noc_semaphore_wait${w.atLeast ? '_min' : ''}(0x${w.addr.toString(16)}, ${w.value})`;
    case 'read_barrier':
    case 'write_barrier':
    case 'atomic_barrier':
      return `noc_async_${w.kind}`;
  }
}

export function describeWait(h: CoreHart): string {
  const w = h.wait;
  if (!w) return 'running';
  switch (w.kind) {
    case 'cb_reserve_back':
      return `waits in cb_reserve_back(cb ${w.cb.config.index}, ${w.pages}): ${w.cb.free} of ${w.cb.config.pages} pages free`;
    case 'cb_wait_front':
      return `waits in cb_wait_front(cb ${w.cb.config.index}, ${w.pages}): ${w.cb.available} of ${w.cb.config.pages} pages filled`;
    case 'semaphore':
      return `waits in noc_semaphore_wait${w.atLeast ? '_min' : ''}(0x${w.addr.toString(16)}, ${w.value}): the semaphore holds ${h.core.l1Word(w.addr)}`;
    case 'read_barrier':
      return `waits in noc_async_read_barrier(noc ${w.noc}): ${h.readsInFlight[w.noc]} reads in flight`;
    case 'write_barrier':
      return `waits in noc_async_write_barrier(noc ${w.noc}): ${h.writesInFlight[w.noc]} writes in flight`;
    case 'atomic_barrier':
      return `waits in noc_async_atomic_barrier(noc ${w.noc}): ${h.atomicsInFlight[w.noc]} atomics in flight`;
  }
}

// Cycles from the change a waiting kernel polls for to its going on: the load of the poll that
// sees it and the mispredicted branch out of the loop. tt-metal's barriers and CB waits poll NIU
// counters and stream registers (MMIO); noc_semaphore_wait polls the semaphore's L1 word. Load
// latencies and the mispredict cost from the hart's cost model ([ISA-WH] BabyRISCV, hardware.md §2.2).
export function pollCycles(w: Wait, costs: RiscvCostModel): number {
  return loadLatency(costs, w.kind === 'semaphore' ? w.addr : MMIO_BASE) + costs.mispredict;
}
