import { describe, expect, it } from 'vitest';
import { ChunkedQueue } from '../src/index.js';

describe('ChunkedQueue', () => {
  it('is first-in first-out across chunk boundaries, interleaved', () => {
    const q = new ChunkedQueue<number>();
    const model: number[] = [];
    let head = 0;
    let next = 0;
    for (let round = 0; round < 50; round++) {
      const adds = (round * 7919) % 9000;
      for (let i = 0; i < adds; i++) {
        q.enqueue(next);
        model.push(next++);
      }
      const takes = (round * 104729) % 9500;
      let wrong = 0;
      for (let i = 0; i < takes; i++) {
        const expected = head < model.length ? model[head++] : undefined;
        if (q.dequeue() !== expected) wrong++;
      }
      expect(wrong).toBe(0);
      expect(q.size).toBe(model.length - head);
    }
    while (head < model.length) expect(q.dequeue()).toBe(model[head++]);
    expect(q.dequeue()).toBeUndefined();
    q.enqueue(-1);
    expect(q.dequeue()).toBe(-1);
  });
});
