/**
 * The breadth-first frontier, behind a small interface so that a disk-backed or shared queue can
 * replace it. It holds the front-end's own state objects: the one place where the explorer keeps
 * whole states, and only for the frontier.
 */
export interface StateQueue<S> {
  readonly size: number;
  enqueue(state: S): void;
  /** The oldest state, or undefined when empty. */
  dequeue(): S | undefined;
}

const CHUNK = 4096;

/**
 * A FIFO of fixed-size array chunks: enqueue and dequeue are O(1) without the O(n) `shift()` of a
 * plain array, a dequeued slot is cleared at once so the state can be collected, and a consumed chunk
 * is dropped whole.
 */
export class ChunkedQueue<S> implements StateQueue<S> {
  private chunks: (S | undefined)[][] = [[]];
  private first = 0;
  private head = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  enqueue(state: S): void {
    let tail = this.chunks[this.chunks.length - 1];
    if (tail.length === CHUNK) {
      tail = [];
      this.chunks.push(tail);
    }
    tail.push(state);
    this.count++;
  }

  dequeue(): S | undefined {
    if (this.count === 0) return undefined;
    const chunk = this.chunks[this.first];
    const state = chunk[this.head];
    chunk[this.head] = undefined;
    this.head++;
    this.count--;
    if (this.head === CHUNK) {
      this.head = 0;
      this.first++;
      if (this.first === this.chunks.length) {
        this.chunks = [[]];
        this.first = 0;
      } else if (this.first >= 64) {
        this.chunks = this.chunks.slice(this.first);
        this.first = 0;
      }
    } else if (this.count === 0 && this.first === this.chunks.length - 1) {
      chunk.length = 0;
      this.head = 0;
    }
    return state;
  }
}
