import { describe, expect, it } from 'vitest';
import { EventWheel } from '../../sim/event-wheel.ts';

// Pushes and pops interleaved, near (inside the ring) and far (past it, in the heap), fractional
// times and ties, against the plain order: earliest time first, ties in the order of pushing.
describe('event wheel', () => {
  it('pops by (time, push order) with pushes between pops, near and far', () => {
    const w = new EventWheel();
    let s = 987654;
    const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pending: { time: number; seq: number }[] = [];
    let now = 0;
    let seq = 0;
    const push = (time: number) => {
      pending.push({ time, seq });
      w.push(time, seq++);
    };
    for (let i = 0; i < 20_000; i++) {
      const r = rand();
      if (r < 0.55) {
        // mostly a few cycles ahead, with ties on whole and half cycles; some past the ring
        const ahead = rand() < 0.05 ? 1000 + Math.floor(rand() * 3000) : Math.floor(rand() * 40) / 2;
        push(now + ahead);
      } else if (pending.length > 0) {
        pending.sort((a, b) => a.time - b.time || a.seq - b.seq);
        const e = pending.shift()!;
        expect(w.peekTime()).toBe(e.time);
        expect(w.pop()).toBe(e.seq);
        now = e.time;
      }
      expect(w.size).toBe(pending.length);
    }
    pending.sort((a, b) => a.time - b.time || a.seq - b.seq);
    for (const e of pending) expect(w.pop()).toBe(e.seq);
    expect(w.peekTime()).toBe(Infinity);
    expect(() => w.pop()).toThrow(/empty/);
  });

  it('refuses an event before the latest time popped', () => {
    const w = new EventWheel();
    w.push(10, 1);
    w.pop();
    expect(() => w.push(9, 2)).toThrow(/pushed after time 10/);
  });
});
