import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../sim/engine/event-queue.ts';

describe('event queue', () => {
  it('pops by time, ties in scheduling order', () => {
    const q = new EventQueue<string>();
    let s = 12345;
    const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pushed: { time: number; item: string }[] = [];
    for (let i = 0; i < 2000; i++) {
      const time = Math.floor(rand() * 50);
      pushed.push({ time, item: `e${i}` });
      q.push(time, `e${i}`);
    }
    const expected = [...pushed].sort((a, b) => a.time - b.time).map((e) => e.item); // stable sort keeps push order
    const popped: string[] = [];
    for (let e = q.pop(); e !== undefined; e = q.pop()) popped.push(e);
    expect(popped).toEqual(expected);
    expect(q.peekTime()).toBe(Infinity);
  });
});
