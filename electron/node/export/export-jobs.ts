/**
 * Progress of exports under way, by a job id the renderer chose, for hosts
 * whose transport cannot push (web mode polls it). A finished job's last
 * progress (its findings) stays readable for a minute.
 */
import type { ExportProgress } from '../../../shared/host/host-api';

const KEEP_MS = 60_000;
/** More jobs than anyone runs at once: a renderer making up ids cannot grow the map without bound. */
const MAX_JOBS = 64;

export class ExportJobs {
  readonly #jobs = new Map<string, ExportProgress>();
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();

  update(id: string, progress: ExportProgress): void {
    if (!this.#jobs.has(id) && this.#jobs.size >= MAX_JOBS) {
      const oldest = this.#jobs.keys().next().value;
      if (oldest !== undefined) this.#forget(oldest);
    }
    // Findings, once known, stay with the job through later reports.
    const findings = progress.findings ?? this.#jobs.get(id)?.findings;
    this.#jobs.set(id, findings ? { ...progress, findings } : progress);
  }

  get(id: string): ExportProgress | null {
    return this.#jobs.get(id) ?? null;
  }

  /** The job is over: keep its last state a while for a last poll. */
  finish(id: string): void {
    clearTimeout(this.#timers.get(id));
    const timer = setTimeout(() => this.#forget(id), KEEP_MS);
    timer.unref?.();
    this.#timers.set(id, timer);
  }

  #forget(id: string): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    this.#jobs.delete(id);
  }

  clear(): void {
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
    this.#jobs.clear();
  }
}
