// Puts intervals that may overlap (NoC arrivals at one core) on as few tracks as possible, so that
// the slices on each track never overlap: an interval goes on the first lane whose intervals all
// end by its start. Intervals may come in any order of start.
export class Lanes {
  private readonly ends = new Map<string, number[]>(); // per key: the latest end on each lane

  place(key: string, start: number, end: number): number {
    let lanes = this.ends.get(key);
    if (!lanes) this.ends.set(key, (lanes = []));
    let lane = lanes.findIndex((e) => e <= start);
    if (lane < 0) lane = lanes.push(end) - 1;
    else lanes[lane] = end;
    return lane;
  }
}
