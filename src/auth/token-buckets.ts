// In-memory token buckets, one per name: `limit` requests per window, refilled continuously, so a key may burst up
// to `limit` and then runs at limit/window (no doubled burst at a window boundary, as a fixed window allows).

export interface RateDecision {
  allowed: boolean;
  /** Whole requests left right now after this one. */
  remaining: number;
  /** When refused: seconds until one request is allowed again (at least 1). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;

  constructor(
    readonly limit: number,
    windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(limit > 0) || !(windowMs > 0)) throw new Error('TokenBuckets needs a positive limit and window.');
    this.refillPerMs = limit / windowMs;
  }

  /** Takes one token from `name`'s bucket if it has one. */
  take(name: string): RateDecision {
    const bucket = this.refilled(name);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    const waitMs = (1 - bucket.tokens) / this.refillPerMs;
    return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  private refilled(name: string): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(name) ?? { tokens: this.limit, updatedAt: now };
    bucket.tokens = Math.min(this.limit, bucket.tokens + Math.max(0, now - bucket.updatedAt) * this.refillPerMs);
    bucket.updatedAt = now;
    this.buckets.set(name, bucket);
    return bucket;
  }
}
