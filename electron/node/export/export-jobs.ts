/**
 * Exports under way, by a job id the renderer chose: their progress, for
 * hosts whose transport cannot push (web mode polls it), and their cancel
 * switch. A job keeps every report in order, so a poller that comes late
 * still hears each stage the export passed, however fast it went. A finished
 * job's reports (its findings) stay readable for a minute.
 */
import type { ExportProgress } from '../../../shared/host/host-api';

const KEEP_MS = 60_000;
/** More jobs than anyone runs at once: a renderer making up ids cannot grow the maps without bound. */
const MAX_JOBS = 64;
/** An export reports a handful of stages; a bound all the same, the newest report replacing the last beyond it. */
const MAX_REPORTS = 32;

export class ExportJobs {
  readonly #jobs = new Map<string, ExportProgress[]>();
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Running jobs' cancel switches. */
  readonly #running = new Map<string, AbortController>();
  /**
   * Jobs cancelled before their export reached the host (web mode: the cancel
   * request can overtake the export's POST); they start already cancelled.
   */
  readonly #cancelledEarly = new Set<string>();

  update(id: string, progress: ExportProgress): void {
    if (!this.#jobs.has(id) && this.#jobs.size >= MAX_JOBS) {
      const oldest = this.#jobs.keys().next().value;
      if (oldest !== undefined) this.#forget(oldest);
    }
    const reports = this.#jobs.get(id) ?? [];
    // Findings, once known, stay with the job through later reports.
    const findings = progress.findings ?? reports.at(-1)?.findings;
    const report = findings ? { ...progress, findings } : progress;
    if (reports.length >= MAX_REPORTS) reports[reports.length - 1] = report;
    else reports.push(report);
    this.#jobs.set(id, reports);
  }

  /** The job's latest report, or null when it never reported (or is long over). */
  get(id: string): ExportProgress | null {
    return this.#jobs.get(id)?.at(-1) ?? null;
  }

  /** Every report of the job in the order it came, or null when it never reported (or is long over). */
  reports(id: string): ExportProgress[] | null {
    const reports = this.#jobs.get(id);
    return reports ? [...reports] : null;
  }

  /**
   * The job's export starts: the signal that tells it to stop. A job id that
   * is running already gets a RangeError (ids are single-use).
   */
  start(id: string): AbortSignal {
    if (this.#running.has(id)) throw new RangeError(`export job ${id} is running already`);
    const controller = new AbortController();
    if (this.#cancelledEarly.delete(id)) controller.abort();
    this.#running.set(id, controller);
    return controller.signal;
  }

  /**
   * Asks the job's export to stop at its next safe point. True when it was
   * running; a job not started yet is remembered and starts cancelled.
   */
  cancel(id: string): boolean {
    const controller = this.#running.get(id);
    if (controller) {
      controller.abort();
      return true;
    }
    if (this.#jobs.has(id)) return false; // over already
    if (this.#cancelledEarly.size >= MAX_JOBS) {
      const oldest = this.#cancelledEarly.values().next().value;
      if (oldest !== undefined) this.#cancelledEarly.delete(oldest);
    }
    this.#cancelledEarly.add(id);
    return false;
  }

  /** The job is over: keep its last state a while for a last poll. */
  finish(id: string): void {
    this.#running.delete(id);
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
    for (const c of this.#running.values()) c.abort();
    this.#timers.clear();
    this.#jobs.clear();
    this.#running.clear();
    this.#cancelledEarly.clear();
  }
}
