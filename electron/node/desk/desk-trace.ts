/**
 * Where a message's time goes in the desk, for the load bench
 * (bench/desk-load.ts): with `BANMIAN_DESK_TRACE=FILE` in its environment a
 * desk records how long each phase of each message took — received to
 * submitted (parse, rate limit), waiting for the group commit, judging and
 * rebasing, the database transaction, the broadcast — and its event loop's
 * delay, and writes their medians and 95th percentiles to FILE every
 * second. Without the variable nothing is recorded.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Phases of a message (ms), and the size of each group commit (messages). */
export type TracePhase = 'receive' | 'queue' | 'judge' | 'commit' | 'broadcast' | 'batch' | 'broadcastBytes';

function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export class DeskTrace {
  private readonly samples = new Map<TracePhase, number[]>();
  private readonly loop = monitorEventLoopDelay({ resolution: 5 });

  constructor(private readonly file: string) {
    this.loop.enable();
    setInterval(() => this.flush(), 1000).unref();
  }

  /** CPU time and uptime when the first sample came (the load starts; loading the edition is before). */
  private startedAt: { cpu: NodeJS.CpuUsage; uptime: number } | null = null;

  add(phase: TracePhase, value: number): void {
    if (!this.startedAt) {
      this.startedAt = { cpu: process.cpuUsage(), uptime: process.uptime() };
      // The event loop's delay under load, not while the edition loaded.
      this.loop.reset();
    }
    let list = this.samples.get(phase);
    if (!list) this.samples.set(phase, (list = []));
    list.push(value);
  }

  /** Writes the summary now. */
  flush(): void {
    const phases: Record<string, { n: number; median: number; p95: number; total: number }> = {};
    for (const [phase, list] of this.samples) {
      const sorted = [...list].sort((a, b) => a - b);
      phases[phase] = { n: sorted.length, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), total: sorted.reduce((a, b) => a + b, 0) };
    }
    const ms = (ns: number) => ns / 1e6;
    const loop = { median: ms(this.loop.percentile(50)), p95: ms(this.loop.percentile(95)), p99: ms(this.loop.percentile(99)), max: ms(this.loop.max) };
    try {
      // Written aside and renamed: a reader never sees half a file.
      writeFileSync(`${this.file}.part`, JSON.stringify({
          phases,
          eventLoopDelay: loop,
          // Since the first sample: the load, not the start.
          cpu: process.cpuUsage(this.startedAt?.cpu),
          uptime: process.uptime() - (this.startedAt?.uptime ?? 0),
        }));
      renameSync(`${this.file}.part`, this.file);
    } catch {
      // A trace is a bench's aid; never the desk's failure.
    }
  }
}

/** The desk's trace when `BANMIAN_DESK_TRACE` names a file, else null. */
export const deskTrace: DeskTrace | null = process.env['BANMIAN_DESK_TRACE'] ? new DeskTrace(process.env['BANMIAN_DESK_TRACE']) : null;
