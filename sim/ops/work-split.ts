// `units` of work over `cores` cores as tt-metal's split_work_to_cores does it: every core takes
// units / cores, and the first units % cores cores (core_group_1) one more.
export interface WorkShare {
  core: number; // index of the core in the order given
  first: number; // first unit
  count: number;
}

export function splitWork(units: number, cores: number): WorkShare[] {
  const used = Math.min(units, cores);
  const base = Math.floor(units / used);
  const extra = units % used;
  const shares: WorkShare[] = [];
  let first = 0;
  for (let core = 0; core < used; core++) {
    const count = base + (core < extra ? 1 : 0);
    shares.push({ core, first, count });
    first += count;
  }
  return shares;
}
