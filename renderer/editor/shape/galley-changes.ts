/**
 * What changed in a live galley's DOM since its clones were last refreshed.
 * Decorations (the line-end pass's half-width marks, glue spans, 开明式)
 * change a paragraph's DOM without changing its ProseMirror node, so node
 * identity alone cannot tell a clone is stale. A MutationObserver counts the
 * mutations of each galley child (a paragraph or crosshead element); a clone
 * is current while its source element and that count are.
 *
 * Records are taken synchronously (`takeRecords`) when the view has updated,
 * so a refresh never waits for the observer's microtask.
 */
export class GalleyChanges {
  readonly #galley: HTMLElement;
  readonly #counts = new WeakMap<Element, number>();
  readonly #observer: MutationObserver;
  #stale = true;

  /** `late` runs when mutations arrive outside a view update (the observer's own callback). */
  constructor(galley: HTMLElement, late: () => void) {
    this.#galley = galley;
    this.#observer = new MutationObserver((records) => {
      this.#count(records);
      if (this.#stale) late();
    });
    this.#observer.observe(galley, { subtree: true, childList: true, characterData: true, attributes: true });
  }

  #count(records: readonly MutationRecord[]): void {
    const galley = this.#galley;
    for (const r of records) {
      let n: Node | null = r.target;
      // The galley's own attributes (its transform, set when the live slot moves) change no text.
      if (n === galley && r.type === 'attributes') continue;
      this.#stale = true;
      while (n && n.parentNode !== galley) n = n.parentNode;
      if (n instanceof Element) this.bump(n);
    }
  }

  /** Takes the pending records; true when the galley changed since {@link clean}. */
  take(): boolean {
    this.#count(this.#observer.takeRecords());
    return this.#stale;
  }

  /** The clones are about to be brought up to date with everything recorded. */
  clean(): void {
    this.take();
    this.#stale = false;
  }

  /**
   * Runs `write` (changes of our own to the galley, e.g. crosshead pushes)
   * without recording them as changes, after recording what was pending.
   */
  ownWrites<T>(write: () => T): T {
    this.take();
    const out = write();
    this.#observer.takeRecords();
    return out;
  }

  /** Marks galley child `el` changed (its clones are stale). */
  bump(el: Element): void {
    this.#counts.set(el, (this.#counts.get(el) ?? 0) + 1);
  }

  /** The mutation count of galley child `el`. */
  countOf(el: Element): number {
    return this.#counts.get(el) ?? 0;
  }

  disconnect(): void {
    this.#observer.disconnect();
  }
}
