/**
 * A value that changes and tells when it has: `subscribe` and `getSnapshot`
 * exactly as React's useSyncExternalStore reads them, `set` for its owner.
 * The app, each editor session, the dialogs' open flags, the language and
 * the photo tools are all one of these.
 */
import { Emitter } from './emitter';
import type { EmitterEvent } from './emitter';

/** What readers of a store see. */
export interface ReadonlyStore<T> {
  readonly subscribe: (listener: () => void) => () => void;
  readonly getSnapshot: () => T;
  /** Fires with the new value after every change. */
  readonly changed: EmitterEvent<T>;
}

export class Store<T> implements ReadonlyStore<T> {
  #value: T;
  readonly #changed = new Emitter<T>();
  readonly changed: EmitterEvent<T> = this.#changed.event;

  /** `same` tells when a new value is no change (nothing fires). */
  constructor(
    initial: T,
    private readonly same: (a: T, b: T) => boolean = Object.is,
  ) {
    this.#value = initial;
  }

  readonly subscribe = (listener: () => void): (() => void) => this.#changed.event(() => listener());

  readonly getSnapshot = (): T => this.#value;

  /** Takes `next` and tells the readers, unless it is the same as now; true when it changed. */
  set(next: T): boolean {
    if (this.same(this.#value, next)) return false;
    this.#value = next;
    this.#changed.fire(next);
    return true;
  }

  dispose(): void {
    this.#changed.dispose();
  }
}
