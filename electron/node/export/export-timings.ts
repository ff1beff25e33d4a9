/**
 * Where an export's time goes: a clock that times named stages (Chromium
 * launch, loading the print page, fonts, typesetting, printToPDF, each PDF
 * stage, writing) in the order they ran, and one place that hears every
 * finished export's stages.
 *
 * `npm run bench` prints these as the export breakdown: in a running host it
 * listens with {@link onExportTimings}; for the export command, which runs in
 * its own process, it sets `BANMIAN_EXPORT_TIMINGS` to a file the command
 * appends one JSON line per export to.
 */
import { appendFileSync } from 'node:fs';

/** One stage and its milliseconds (rounded to 0.1 ms). */
export interface StageTiming {
  stage: string;
  ms: number;
}

/** The environment variable naming a file each export appends its stages to (one JSON array per line). */
export const EXPORT_TIMINGS_ENV = 'BANMIAN_EXPORT_TIMINGS';

export class StageClock {
  readonly stages: StageTiming[] = [];

  /** Records `ms` for `stage` (added to it when the stage ran before). */
  add(stage: string, ms: number): void {
    const rounded = Math.round(ms * 10) / 10;
    const seen = this.stages.find((s) => s.stage === stage);
    if (seen) seen.ms = Math.round((seen.ms + rounded) * 10) / 10;
    else this.stages.push({ stage, ms: rounded });
  }

  /** Runs `work` and records its time as `stage`, also when it throws. */
  async time<T>(stage: string, work: () => Promise<T> | T): Promise<T> {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      this.add(stage, performance.now() - t0);
    }
  }
}

type Listener = (stages: readonly StageTiming[]) => void;
const listeners = new Set<Listener>();

/** Hears the stages of every export that finishes in this process; returns the unsubscribe. */
export function onExportTimings(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Hands a finished export's stages to the listeners and to the file {@link EXPORT_TIMINGS_ENV} names. */
export function publishExportTimings(stages: readonly StageTiming[]): void {
  for (const l of listeners) l(stages);
  const file = process.env[EXPORT_TIMINGS_ENV];
  if (file) appendFileSync(file, `${JSON.stringify(stages)}\n`);
}
