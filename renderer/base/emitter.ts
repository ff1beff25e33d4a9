/**
 * The one way the renderer says "something happened": an `Emitter` owns its
 * listeners and fires; others see only its `event`, a function that adds a
 * listener and returns the function that removes it. Results travel as the
 * fired value (a callback), never through DOM attributes or DOM events.
 */

export type Listener<T> = (value: T) => void;

/** Adds a listener; returns the function that removes it. */
export type EmitterEvent<T> = (listener: Listener<T>) => () => void;

export class Emitter<T = void> {
  readonly #listeners = new Set<Listener<T>>();

  readonly event: EmitterEvent<T> = (listener) => {
    // A wrapper per subscription: the same function may listen twice and leave once.
    const entry: Listener<T> = (value) => listener(value);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  };

  fire(value: T): void {
    // A listener that unsubscribes (or subscribes another) while firing does not disturb this round.
    for (const listener of [...this.#listeners]) listener(value);
  }

  /** Drops every listener. */
  dispose(): void {
    this.#listeners.clear();
  }
}

/**
 * `event`, at most once per animation frame of `win`: for readers that
 * re-read their source when told (panels), not for the value fired.
 */
export function perFrame(event: EmitterEvent<unknown>, win: Window): EmitterEvent<void> {
  return (listener) => {
    let frame = 0;
    const off = event(() => {
      if (!frame) {
        frame = win.requestAnimationFrame(() => {
          frame = 0;
          listener();
        });
      }
    });
    return () => {
      off();
      if (frame) win.cancelAnimationFrame(frame);
    };
  };
}
