export type NetStopReason = 'state-limit' | 'time-limit' | 'memory-limit' | 'cancelled';

/** Limits for a state-space construction; when one is reached it stops with what it has. */
export interface SpaceLimits {
  /** Stop after this many markings (default: no limit beyond memory). */
  readonly maxStates?: number;
  readonly maxSeconds?: number;
  /** Bytes of typed arrays the construction may hold (default 2 GiB). */
  readonly maxBytes?: number;
  readonly signal?: { readonly aborted: boolean };
}

export const DEFAULT_MAX_BYTES = 2 ** 31;

export function now(): number {
  return globalThis.performance?.now?.() ?? Date.now();
}
