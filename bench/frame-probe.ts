/**
 * In-page instrumentation shared by the typing and pointer measurements,
 * identical for Banmian and its baselines. For every event of the given type:
 * - processing: from the event to the end of the task in which the page has
 *   handled it, with a forced layout (a MessageChannel task runs right after
 *   ProseMirror's mutation-observer microtasks);
 * - frame: from the event to the next animation frame's end (rAF, then a task);
 * - frameWork: that frame's own work, from its first animation-frame callback
 *   (the probe's, registered before the page's) to its end: the page's rAF
 *   passes (copyfit, line-end punctuation, story shapes), style, layout and
 *   paint. With processing, the whole cost of relaying out after the event.
 * Runs in the browser: pass it to `page.evaluate` with the event type.
 */
export function installFrameProbe(eventType: string): void {
  const w = window as unknown as { __bmProbe: { processing: number[]; frame: number[]; frameWork: number[] } };
  w.__bmProbe = { processing: [], frame: [], frameWork: [] };
  const channel = new MessageChannel();
  let pending: ((now: number) => void)[] = [];
  channel.port1.onmessage = () => {
    const now = performance.now();
    const run = pending;
    pending = [];
    for (const f of run) f(now);
  };
  const afterTask = (f: (now: number) => void) => {
    pending.push(f);
    channel.port2.postMessage(0);
  };
  window.addEventListener(
    eventType,
    () => {
      const t0 = performance.now();
      afterTask(() => {
        // Force style and layout so the cost of laying out the change counts.
        void document.body.getBoundingClientRect();
        void (document.activeElement as HTMLElement | null)?.offsetHeight;
        w.__bmProbe.processing.push(performance.now() - t0);
      });
      requestAnimationFrame(() => {
        const frameStart = performance.now();
        afterTask((now) => {
          w.__bmProbe.frame.push(now - t0);
          w.__bmProbe.frameWork.push(now - frameStart);
        });
      });
    },
    true,
  );
}

/** The samples the probe has collected so far. */
export interface ProbeSamples {
  processing: number[];
  frame: number[];
  frameWork: number[];
}
