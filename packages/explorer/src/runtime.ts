/**
 * The few things the explorer needs from its host, guarded so that the same code runs in Node, in a
 * browser tab and in a Web Worker: a monotonic clock, a way to measure the heap, a way to yield.
 */

interface PerformanceLike {
  now(): number;
  memory?: { usedJSHeapSize?: number };
}

interface ProcessLike {
  memoryUsage?: () => { heapUsed: number; arrayBuffers?: number };
}

const perf: PerformanceLike | undefined = (globalThis as { performance?: PerformanceLike }).performance;

/** Milliseconds from an arbitrary origin, monotonic where the host allows it. */
export const monotonicNow: () => number =
  perf && typeof perf.now === 'function' ? () => perf.now() : () => Date.now();

/**
 * Bytes the host says the JavaScript heap and array buffers use, or undefined where it cannot say
 * (Firefox, Safari). Node: `heapUsed + arrayBuffers`; Chromium: `performance.memory.usedJSHeapSize`.
 */
export function measureHeapBytes(): number | undefined {
  const proc = (globalThis as { process?: ProcessLike }).process;
  if (proc && typeof proc.memoryUsage === 'function') {
    try {
      const usage = proc.memoryUsage();
      return usage.heapUsed + (usage.arrayBuffers ?? 0);
    } catch {
      return undefined;
    }
  }
  const used = perf?.memory?.usedJSHeapSize;
  return typeof used === 'number' ? used : undefined;
}

/** Lets the event loop run (messages to a Web Worker, timers, I/O) before resolving. */
export function yieldToHost(): Promise<void> {
  const g = globalThis as {
    setImmediate?: (f: () => void) => unknown;
    MessageChannel?: new () => {
      port1: { onmessage: (() => void) | null; close(): void };
      port2: { postMessage(m: unknown): void };
    };
  };
  if (typeof g.setImmediate === 'function') {
    const setImmediate = g.setImmediate;
    return new Promise((resolve) => setImmediate(resolve));
  }
  if (typeof g.MessageChannel === 'function') {
    const channel = new g.MessageChannel();
    return new Promise((resolve) => {
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
