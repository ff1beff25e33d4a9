/**
 * The authority's half of rebasing (decision 0025): a client's message of
 * steps made on an older version is not sent back as stale; the authority
 * maps it over the steps committed since, exactly as prosemirror-collab's
 * `rebaseSteps` maps a client's unconfirmed steps over remote ones (the
 * inverted message, the committed steps, then each rebased step mirrored to
 * its original). The client does the same computation on the same steps, so
 * what the authority commits is, as a rule, exactly what the sender already
 * shows; when it is not, the sender replaces its version with the committed
 * one (shared/desk/rebase.ts, `confirmOwn`). A step that no longer applies
 * is left out and named, never dropped silently.
 */
import type { Node } from 'prosemirror-model';
import type { Step } from 'prosemirror-transform';
import { Mapping } from 'prosemirror-transform';

/** What became of a message. */
export type RebasedMessage<R> =
  /**
   * `steps` (rebased, applied in order to the document, giving `doc`) came
   * from the message's steps `sources`; the steps at `dropped` no longer apply.
   */
  | { kind: 'rebased'; doc: Node; steps: Step[]; sources: number[]; dropped: number[] }
  /** `check` refused the message's step `index` (as rebased): nothing applies. */
  | { kind: 'refused'; index: number; refusal: R };

/**
 * Rebases `steps` (made on the document before `over`) over `over` (the steps
 * committed since, ending at `doc`) and applies them to `doc`. `check` judges
 * each rebased step on the document it applies to; a non-null answer refuses
 * the message as a whole.
 */
export function rebaseMessage<R>(
  doc: Node,
  steps: readonly Step[],
  over: readonly Step[],
  check: (step: Step, doc: Node, index: number) => R | null,
): RebasedMessage<R> {
  const mapping = new Mapping();
  if (over.length > 0) {
    for (let i = steps.length - 1; i >= 0; i--) mapping.appendMap(steps[i]!.getMap().invert());
    for (const step of over) mapping.appendMap(step.getMap());
  }
  const kept: Step[] = [];
  const sources: number[] = [];
  const dropped: number[] = [];
  let current = doc;
  for (let i = 0, mapFrom = steps.length; i < steps.length; i++) {
    // Nothing committed in between: the steps stand as they are (no mapping round trip).
    const mapped = over.length > 0 ? steps[i]!.map(mapping.slice(mapFrom)) : steps[i]!;
    mapFrom--;
    if (!mapped) {
      dropped.push(i);
      continue;
    }
    const refusal = check(mapped, current, i);
    if (refusal !== null) return { kind: 'refused', index: i, refusal };
    const applied = mapped.apply(current);
    if (!applied.doc) {
      dropped.push(i);
      continue;
    }
    current = applied.doc;
    // The rebased step mirrors the inverse of its original: later steps map through both exactly.
    if (over.length > 0) mapping.appendMap(mapped.getMap(), mapFrom);
    kept.push(mapped);
    sources.push(i);
  }
  return { kind: 'rebased', doc: current, steps: kept, sources, dropped };
}
