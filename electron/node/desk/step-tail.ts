/**
 * The last committed steps of an edition, kept in memory by its authority
 * (decision 0025): a message made on a version within them is rebased
 * without reading the database, and a resent message already committed is
 * found by its client id and seq.
 */
import type { Step } from 'prosemirror-transform';

/** How many committed steps are kept. */
export const TAIL_STEPS = 5000;

/** A committed step, with whose message it came from. */
export interface TailEntry {
  step: Step;
  clientID: number;
  seq: number | null;
  source: number | null;
}

export class StepTail {
  /** The last committed steps, oldest first. */
  readonly #entries: TailEntry[] = [];
  /** Steps in the tail per message (`clientID/seq`). */
  readonly #messages = new Map<string, number>();

  constructor(private readonly limit = TAIL_STEPS) {}

  get length(): number {
    return this.#entries.length;
  }

  /** The steps from the `from`-th kept one on (0 = the oldest kept). */
  stepsFrom(from: number): Step[] {
    return this.#entries.slice(from).map((t) => t.step);
  }

  /** True when the tail holds steps of this client's message `seq`. */
  hasMessage(clientID: number, seq: number): boolean {
    return this.#messages.has(`${clientID}/${seq}`);
  }

  /** Appends newly committed steps, dropping the oldest beyond the limit. */
  push(entries: readonly TailEntry[]): void {
    for (const t of entries) this.#count(t, 1);
    this.#entries.push(...entries);
    if (this.#entries.length > this.limit) for (const t of this.#entries.splice(0, this.#entries.length - this.limit)) this.#count(t, -1);
  }

  #count(t: TailEntry, by: number): void {
    if (t.seq === null) return;
    const key = `${t.clientID}/${t.seq}`;
    const n = (this.#messages.get(key) ?? 0) + by;
    if (n > 0) this.#messages.set(key, n);
    else this.#messages.delete(key);
  }
}
