/**
 * Which blocks of the page copyfit must measure again (decision 0033): the
 * blocks whose DOM changed since the last measure. A block's fit is read
 * from its own element's layout only (its text against its own frames), and
 * that layout changes only when something inside the block element changed
 * — its text, its decorations (glue, half-width marks, Han–Western gaps),
 * its attributes and style (geometry, type style, a story shape's slots) —
 * or when something around every block did: the page's own attributes (grid,
 * CSS variables), the blocks themselves added, removed or replaced, an
 * ancestor restyled (the zoom), the page moved or resized, the line pitch,
 * a face arriving ({@link CopyfitChanges.invalidate}). Those make every
 * block measure again, so the result is always what measuring the whole page
 * gives. A MutationObserver on the page collects the changed blocks; the
 * measure's own writes (`data-overset`, clips) are dropped after it.
 */

/** Every block, or the page-level block elements that changed. */
export type ChangedBlocks = 'all' | ReadonlySet<HTMLElement>;

/** The typesetting pipeline's own mark on the editor's root (typeset-pipeline.ts): no style reads it. */
const PIPELINE_ATTRIBUTE = 'data-typeset';

/**
 * An attribute set again to the value it had (views re-set their attributes
 * on each update), or the pipeline's own mark: no layout changed.
 */
function unchanged(record: MutationRecord): boolean {
  const name = record.attributeName;
  if (name === null) return false;
  if (name === PIPELINE_ATTRIBUTE) return true;
  return (record.target as Element).getAttribute(name) === record.oldValue;
}

/** The changes since copyfit last measured one page element. */
export class CopyfitChanges {
  #observer: MutationObserver | null = null;
  #root: HTMLElement | null = null;
  #all = true;
  #blocks = new Set<HTMLElement>();
  #rect = '';
  #linePx = NaN;

  /** Everything is measured next time (a face arrived, the page was reset or switched). */
  invalidate(): void {
    this.#all = true;
  }

  /**
   * What changed since {@link measured} was last called for `root`: every
   * block when `root` is another element than last time, moved or resized,
   * at another line pitch, or when anything changed around its blocks.
   * Reads the page's box (the layout must be clean, as it is for copyfit).
   */
  changed(root: HTMLElement, linePx: number): ChangedBlocks {
    if (this.#root !== root) {
      this.#watch(root);
      return 'all';
    }
    this.#note(this.#observer?.takeRecords() ?? []);
    const r = root.getBoundingClientRect();
    const rect = `${r.left} ${r.top} ${r.width} ${r.height}`;
    if (this.#all || rect !== this.#rect || linePx !== this.#linePx) return 'all';
    return this.#blocks;
  }

  /** After a measure of `root` at `linePx`: its own writes are dropped, and changes count from now. */
  measured(root: HTMLElement, linePx: number): void {
    if (this.#root !== root) this.#watch(root);
    this.#observer?.takeRecords();
    const r = root.getBoundingClientRect();
    this.#rect = `${r.left} ${r.top} ${r.width} ${r.height}`;
    this.#linePx = linePx;
    this.#all = false;
    this.#blocks = new Set();
  }

  /** Stops watching (the view is gone). */
  disconnect(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#root = null;
    this.#all = true;
  }

  #watch(root: HTMLElement): void {
    this.#observer?.disconnect();
    this.#root = root;
    this.#all = true;
    this.#blocks = new Set();
    const Observer = root.ownerDocument.defaultView?.MutationObserver;
    if (!Observer) {
      this.#observer = null;
      return;
    }
    const observer = new Observer((records) => this.#note(records));
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeOldValue: true, characterData: true });
    // The page's ancestors restyled (the zoom, a class a selector reads): their attributes only.
    for (let el = root.parentElement; el; el = el.parentElement) observer.observe(el, { attributes: true, attributeOldValue: true });
    this.#observer = observer;
  }

  #note(records: readonly MutationRecord[]): void {
    const root = this.#root;
    if (this.#all || !root) return;
    for (const record of records) {
      const target = record.target;
      if (record.type === 'attributes' && unchanged(record)) continue;
      // The page itself or an ancestor: its attributes, or blocks added, removed or moved.
      if (target.contains(root)) {
        this.#all = true;
        return;
      }
      // A node no longer on the page: taking it out was recorded where it was (in a block, or the page).
      if (!root.contains(target)) continue;
      // The page's child holding the change: a block, or something placed on the page that is not one (the story bin).
      let child: Node = target;
      while (child.parentNode !== root) child = child.parentNode!;
      if (child instanceof root.ownerDocument.defaultView!.HTMLElement && child.matches('.bm-block[data-block-id]')) this.#blocks.add(child);
    }
  }
}
