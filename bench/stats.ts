/** Order statistics for benchmark samples. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export interface Summary {
  n: number;
  median: number;
  p95: number;
}

export function summarize(samples: readonly number[]): Summary {
  return { n: samples.length, median: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

export function fmt(ms: number): string {
  return Number.isFinite(ms) ? `${ms.toFixed(2)} ms` : 'n/a';
}
