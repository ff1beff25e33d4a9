/**
 * The intake review panel (识别结果) of one bin item: the decisions intake
 * made, in source order, each with the corrections that apply to it — a
 * role menu, split a rejoined paragraph, join a paragraph to the one before,
 * turn a run-in byline into text. It owns its DOM (it lives inside the bin's
 * NodeView) and never keeps document state: every render reads the review
 * afresh, and every correction is a command run on the editor.
 */
import type { Command } from 'prosemirror-state';
import type { PartRole } from '../../shared/intake/record';
import { joinToPrevious, runInToText, setPartRole, splitJoin } from '../../shared/intake/review-commands';
import { bt, btf } from '../i18n/bin-strings';
import type { Review, ReviewEntry } from './review-entries';
import './review.css';

export interface ReviewPanelOptions {
  /** Runs a correction on the editor (one transaction, one undo step). */
  run: (command: Command) => void;
  /** The editor leaves the review (back to the bin list). */
  close: () => void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, parent?: HTMLElement): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  parent?.appendChild(e);
  return e;
}

function button(parent: HTMLElement, text: string, data: Record<string, string>): HTMLButtonElement {
  const b = el('button', 'bm-review-action', parent);
  b.type = 'button';
  b.textContent = text;
  Object.assign(b.dataset, data);
  return b;
}

export class ReviewPanel {
  readonly element: HTMLElement;
  readonly #title: HTMLElement;
  readonly #stale: HTMLElement;
  readonly #list: HTMLOListElement;
  readonly #options: ReviewPanelOptions;
  #id = '';

  constructor(options: ReviewPanelOptions) {
    this.#options = options;
    this.element = el('section', 'bm-review');
    this.element.dataset['kind'] = 'intake-review';
    this.element.setAttribute('aria-label', bt('review'));
    const head = el('header', 'bm-review-head', this.element);
    const back = el('button', 'bm-review-back', head);
    back.type = 'button';
    back.dataset['reviewClose'] = 'true';
    back.textContent = `← ${bt('reviewBack')}`;
    back.addEventListener('click', () => options.close());
    el('span', 'bm-review-heading', head).textContent = bt('review');
    this.#title = el('p', 'bm-review-title', this.element);
    this.#stale = el('p', 'bm-review-stale', this.element);
    this.#stale.textContent = bt('reviewStale');
    this.#list = el('ol', 'bm-review-list', this.element);
    this.#list.addEventListener('click', this.#click);
    this.#list.addEventListener('change', this.#change);
  }

  /** Shows the review of an item; `title` is the item's title in the bin. */
  render(review: Review, title: string): void {
    this.#id = review.id;
    this.element.dataset['reviewId'] = review.id;
    this.element.dataset['stale'] = String(review.stale);
    this.#title.textContent = title;
    this.#stale.hidden = !review.stale;
    const items = review.entries.map((entry) => this.#entry(entry));
    if (items.length === 0) {
      const none = el('li', 'bm-review-none');
      none.textContent = bt('reviewNone');
      items.push(none);
    }
    // Keep the list's scroll position across a correction's re-render.
    const scroll = this.#list.scrollTop;
    this.#list.replaceChildren(...items);
    this.#list.scrollTop = scroll;
  }

  #entry(entry: ReviewEntry): HTMLLIElement {
    const li = el('li', 'bm-review-entry');
    li.dataset['rule'] = entry.rule;
    li.dataset['line'] = String(entry.line);
    if (entry.part !== undefined) li.dataset['part'] = String(entry.part);
    if (entry.role) li.dataset['role'] = entry.role;
    if (entry.note) li.dataset['note'] = entry.note;
    if (entry.corrected) li.dataset['corrected'] = 'true';
    el('span', 'bm-review-text', li).textContent = entry.text;
    const why = el('span', 'bm-review-why', li);
    why.textContent = [entry.why, ...entry.flags].filter(Boolean).join(' · ');
    const actions = entry.roles.length || entry.splits.length || entry.joinPrev || entry.runInToText;
    if (!actions || entry.part === undefined) return li;
    const bar = el('span', 'bm-review-actions', li);
    if (entry.roles.length && entry.role) {
      const select = el('select', 'bm-review-role', bar);
      select.dataset['partRole'] = String(entry.part);
      select.title = bt('reviewChangeTo');
      const current = el('option', '', select);
      current.value = '';
      current.textContent = `${bt('reviewChangeTo')}…`;
      for (const role of entry.roles) {
        const option = el('option', '', select);
        option.value = role;
        option.textContent = bt(`role_${role}`);
      }
    }
    for (const split of entry.splits) button(bar, btf('reviewSplitAt', { a: split.line }), { split: String(split.join), part: String(entry.part) });
    if (entry.joinPrev) button(bar, bt('reviewJoinPrev'), { joinPrev: 'true', part: String(entry.part) });
    if (entry.runInToText) button(bar, bt('reviewRunInToText'), { runInText: 'true', part: String(entry.part) });
    return li;
  }

  #click = (e: MouseEvent): void => {
    const target = (e.target as HTMLElement).closest<HTMLButtonElement>('button.bm-review-action');
    if (!target) return;
    const part = Number(target.dataset['part']);
    if (!Number.isInteger(part)) return;
    if (target.dataset['split'] !== undefined) this.#options.run(splitJoin(this.#id, part, Number(target.dataset['split'])));
    else if (target.dataset['joinPrev']) this.#options.run(joinToPrevious(this.#id, part));
    else if (target.dataset['runInText']) this.#options.run(runInToText(this.#id, part));
  };

  #change = (e: Event): void => {
    const select = e.target as HTMLSelectElement;
    if (!select.matches('select.bm-review-role') || select.value === '') return;
    const part = Number(select.dataset['partRole']);
    this.#options.run(setPartRole(this.#id, part, select.value as PartRole));
  };
}
