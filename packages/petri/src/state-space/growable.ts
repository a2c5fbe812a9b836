/** A Uint32Array that grows by half (amortised O(1) push), for edge lists of unknown length. */
export class GrowableUint32 {
  array: Uint32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.array = new Uint32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.array.length) this.grow();
    this.array[this.length++] = value;
  }

  private grow(): void {
    const next = new Uint32Array(Math.ceil(this.array.length * 1.5) + 16);
    next.set(this.array);
    this.array = next;
  }

  /** The filled part (a view, not a copy). */
  view(): Uint32Array {
    return this.array.subarray(0, this.length);
  }
}

export class GrowableUint16 {
  array: Uint16Array;
  length = 0;

  constructor(capacity = 1024) {
    this.array = new Uint16Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.array.length) {
      const next = new Uint16Array(Math.ceil(this.array.length * 1.5) + 16);
      next.set(this.array);
      this.array = next;
    }
    this.array[this.length++] = value;
  }

  view(): Uint16Array {
    return this.array.subarray(0, this.length);
  }
}
