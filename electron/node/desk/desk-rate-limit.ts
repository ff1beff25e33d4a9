/**
 * The desk's per-user rate limit: a token bucket per user name (all of a
 * user's connections share it), so one runaway client cannot starve an
 * edition's authority. A message over the limit is not handled; the client
 * is told to slow down (`slow-down`, with how long to wait) and resends —
 * nothing is dropped.
 */

export interface RateLimitOptions {
  /** Messages a user may send in a burst. */
  burst: number;
  /** Messages a second a user may send on average. */
  perSecond: number;
}

/** Typing sends at most one message of steps per round trip; presence follows the caret. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { burst: 200, perSecond: 100 };

export class DeskRateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly options: RateLimitOptions = DEFAULT_RATE_LIMIT,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one message from `user`'s bucket: 0 when allowed, else the milliseconds until one is. */
  take(user: string): number {
    const { burst, perSecond } = this.options;
    const now = this.now();
    const bucket = this.buckets.get(user) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.buckets.set(user, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / perSecond) * 1000);
  }
}
